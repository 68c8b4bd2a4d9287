"""Answers to questions other than "what is it used for": each from the label sections that hold the answer,
quoted and cited. A label without the section says so, then offers the best-matching passages."""

from __future__ import annotations

import re
from collections.abc import Callable

from rxscoop.answer.cautions import cautions
from rxscoop.answer.citations import cite
from rxscoop.answer.form import form_and_setting
from rxscoop.answer.how import how_it_works
from rxscoop.answer.model import Statement, Topic
from rxscoop.answer.named import named_side_effect, named_substance
from rxscoop.answer.passages import MAX_QUOTES, best_passages, passages
from rxscoop.label.sections import section_title
from rxscoop.pack.query import Label, Pack
from rxscoop.plain.lexicon import lexicon
from rxscoop.question.focus import side_effect_term, substance_named


def _missing(label: Label, pack: Pack, what: str, question: str, drug_words: str | None) -> list[Statement]:
    have = ", ".join(section_title(s) for s in pack.section_names(label.id)) or "none"
    said = [Statement(
        text=f"The label rxscoop has for {label.title} does not include {what}. Sections it has: {have}.",
        citations=[cite(label, pack.section_names(label.id)[0] if pack.section_names(label.id) else
                        "indications_and_usage", f"sections: {have}")])]
    return said + best_passages(label, pack, question, drug_words)


def side_effects(label: Label, pack: Pack, question: str, drug_words: str | None, condition: str | None) -> Topic:
    details = label.details
    term = side_effect_term(question, drug_words)
    statements = named_side_effect(label, pack, question, term) if term else []
    if condition:
        for s in details.side_effects:
            if s.condition and s.condition.lower() == condition.lower():
                names = "; ".join(lexicon().simplify(r) for r in s.reactions)
                said = f"Most common side effects in studies of {condition.lower()}: {names}."
                statements.append(Statement(text=said,
                                            citations=[cite(label, "adverse_reactions", s.quote)],
                                            terms=s.reactions[:3]))
    for c in cautions(label, details, pack):
        section = c.citations[0].section if c.citations else ""
        if section in ("adverse_reactions", "boxed_warning", "warnings_and_cautions") and c not in statements:
            statements.append(c)
    if not statements:
        statements = passages(label, pack, ("adverse_reactions", "warnings_and_cautions", "warnings"), None)
    if not statements:
        statements = _missing(label, pack, "a side effects (adverse reactions) section", question, drug_words)
    return Topic(intent="side_effects", title=f"Side effects of {label.title}", statements=statements)


def dosage(label: Label, pack: Pack, question: str, drug_words: str | None, condition: str | None,
           population: str | None) -> Topic:
    statements: list[Statement] = []
    for s in label.details.schedules:
        if condition and s.condition and s.condition.lower() != condition.lower():
            continue
        who = f" for {s.condition.lower()}" if s.condition else ""
        statements.append(Statement(text=f"How often{who}: {', or '.join(s.frequencies)}.",
                                    citations=[cite(label, "dosage_and_administration", s.quote)],
                                    terms=s.said[:1]))
    focus = re.escape(condition) if condition else None
    kids = r"pediatric|children|years of age|kg" if population == "children" else None
    pattern = "|".join(p for p in (focus, kids) if p) or r"\d+\s*(?:mg|mcg|g|mL|units?)\b|dose|dosage"
    statements += passages(label, pack, ("dosage_and_administration",), pattern, prefer=focus or kids)
    if not statements:
        statements = _missing(label, pack, "a dosage section", question, drug_words)
    else:
        statements.append(Statement(
            text="Your own dose is set by your doctor; don't change it without asking them or your pharmacist.",
            citations=[cite(label, "dosage_and_administration", "dosage and administration")]))
    return Topic(intent="dosage", title=f"How {label.title} is taken" + (f" for {condition}" if condition else ""),
                 statements=statements)


def warnings(label: Label, pack: Pack, question: str, drug_words: str | None) -> Topic:
    statements = [c for c in cautions(label, label.details, pack) if not c.text.startswith("Side effects seen")]
    statements += passages(label, pack, ("warnings_and_cautions", "warnings"), None, limit=3)
    if not statements:
        statements = _missing(label, pack, "a warnings section", question, drug_words)
    return Topic(intent="warnings", title=f"Who should be careful with {label.title}", statements=statements)


def interactions(label: Label, pack: Pack, question: str, drug_words: str | None, other: Label | None) -> Topic:
    prefer = None
    if other:
        names = [n for n in (other.brand_name, other.generic_name, other.title) if n]
        prefer = "|".join(re.escape(n.split()[0]) for n in names)
    substance = None if other else substance_named(question, drug_words)
    if substance:  # "metformin with alcohol": what the label says about alcohol, wherever it says it
        statements = named_substance(label, pack, question, substance)
        statements += [s for s in passages(label, pack, ("drug_interactions",), None, limit=2) if s not in statements]
        if not statements:
            statements = _missing(label, pack, "a drug interactions section", question, drug_words)
        return Topic(intent="interactions", title=f"{label.title} and {substance.term}", statements=statements)
    statements = passages(label, pack, ("drug_interactions",), prefer, limit=MAX_QUOTES)
    if other and not statements:
        statements = passages(label, pack, ("drug_interactions",), None, limit=3)
        if statements:
            statements.insert(0, Statement(
                text=f"The interactions section of {label.title}'s label does not name {other.title}. Ask your "
                     "pharmacist before taking them together.",
                citations=[cite(label, "drug_interactions", "drug interactions")]))
    if not statements:
        statements = _missing(label, pack, "a drug interactions section", question, drug_words)
    return Topic(intent="interactions", title=f"{label.title} and other medicines" +
                 (f": {other.title}" if other else ""), statements=statements)


def pregnancy(label: Label, pack: Pack, question: str, drug_words: str | None) -> Topic:
    statements = passages(label, pack, ("pregnancy", "use_in_specific_populations", "pregnancy_or_breast_feeding",
                                        "nursing_mothers", "lactation", "warnings_and_cautions", "contraindications"),
                          r"pregnan|breast|lactat|nursing|fetal|fetus")
    if not statements:
        statements = _missing(label, pack, "advice on pregnancy or breastfeeding", question, drug_words)
    return Topic(intent="pregnancy", title=f"{label.title}, pregnancy and breastfeeding", statements=statements)


def storage(label: Label, pack: Pack, question: str, drug_words: str | None) -> Topic:
    statements = passages(label, pack, ("storage_and_handling", "how_supplied", "dosage_and_administration"),
                          r"\bstore|refrigerat|°|temperature|discard|dispos|freez|light")
    if not statements:
        statements = _missing(label, pack, "storage instructions", question, drug_words)
    return Topic(intent="storage", title=f"Storing {label.title}", statements=statements)


def appearance(label: Label, pack: Pack, question: str, drug_words: str | None) -> Topic:
    statements = passages(label, pack, ("dosage_forms_and_strengths", "how_supplied", "description",
                                        "active_ingredient", "inactive_ingredient", "spl_product_data_elements"),
                          r"colou?r|white|yellow|blue|pink|red|green|orange|round|oval|imprint|debossed|engraved|"
                          r"tablet|capsule|solution|ingredient|contains")
    if not statements:
        statements = _missing(label, pack, "a description of the product", question, drug_words)
    return Topic(intent="appearance", title=f"What {label.title} looks like and contains", statements=statements)


def mechanism(label: Label, pack: Pack, question: str, drug_words: str | None) -> Topic:
    statements = how_it_works(label, label.details)
    if not statements:
        statements = _missing(label, pack, "a mechanism of action section", question, drug_words)
    return Topic(intent="how_it_works", title=f"How {label.title} works", statements=statements)


def form(label: Label, pack: Pack, question: str, drug_words: str | None) -> Topic:
    statements = form_and_setting(label, label.details)
    statements += passages(label, pack, ("dosage_and_administration",),
                           r"inject|administer|apply|inhal|swallow|instructions for use|train", limit=2)
    if not statements:
        statements = _missing(label, pack, "instructions on how it is given", question, drug_words)
    return Topic(intent="form", title=f"How {label.title} is given", statements=statements)


def overdose(label: Label, pack: Pack, question: str, drug_words: str | None) -> Topic:
    statements = passages(label, pack, ("overdosage",), None, limit=3)
    if not statements:
        statements = _missing(label, pack, "an overdosage section", question, drug_words)
    return Topic(intent="overdose", title=f"Too much {label.title}", statements=statements)


def other(label: Label, pack: Pack, question: str, drug_words: str | None) -> Topic:
    statements = best_passages(label, pack, question, drug_words)
    if not statements:
        statements = [Statement(
            text=f"I couldn't find that in {label.title}'s label. Try asking what it is used for, its side "
                 "effects, or how it is taken.",
            citations=[cite(label, "indications_and_usage", "no matching passage")])]
    return Topic(intent="other", title=f"From {label.title}'s label", statements=statements)


SIMPLE: dict[str, Callable[[Label, Pack, str, str | None], Topic]] = {
    "warnings": warnings, "pregnancy": pregnancy, "storage": storage, "appearance": appearance,
    "how_it_works": mechanism, "form": form, "overdose": overdose, "other": other,
}
