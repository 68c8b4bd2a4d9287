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
from rxscoop.label.dosing import window
from rxscoop.label.sections import section_title
from rxscoop.label.text import clean, sentences
from rxscoop.pack.query import Label, Pack
from rxscoop.plain.lexicon import lexicon
from rxscoop.question.focus import side_effect_term
from rxscoop.question.resolve import question_words
from rxscoop.reviews.features import effect_pattern

MAX_QUOTES = 4


def passages(label: Label, pack: Pack, sections: tuple[str, ...], pattern: str | None,
             limit: int = MAX_QUOTES, prefer: str | None = None) -> list[Statement]:
    """Sentences from these sections (those matching `pattern`, if given), each quoted and cited. With
    `prefer`, sentences that also match it come first (e.g. the other drug's name in an interaction)."""
    found: list[tuple[int, Statement]] = []
    regex = re.compile(pattern, re.I) if pattern else None
    first = re.compile(prefer, re.I) if prefer else None
    for name in sections:
        text = pack.section(label.id, name)
        if not text:
            continue
        body = clean(text, re.escape(section_title(name)) + r"|[\w ]{0,40}")
        for sentence in sentences(body):
            hit = regex.search(sentence) if regex else None
            if len(sentence) < 25 or (regex and not hit) or _table_row(sentence):
                continue
            quote = window(sentence, hit) if hit else sentence[:400]
            if quote != sentence:
                quote = quote.rsplit(" ", 1)[0] + " …"
            rank = 0 if first and first.search(sentence) else 1
            found.append((rank, Statement(text=f"The label says: “{quote}”",
                                          citations=[cite(label, name, quote)])))
    found.sort(key=lambda x: x[0])
    unique: list[Statement] = []
    for _, statement in found:
        if all(statement.text != s.text for s in unique):
            unique.append(statement)
    return unique[:limit]


def _table_row(sentence: str) -> bool:
    """Flattened table cells ("133 (14.2) 115 (12.3) Headache 73 (7.8) …") read as noise, not a sentence."""
    return len(re.findall(r"\d+(?:\.\d+)?", sentence)) > max(6, len(sentence.split()) // 3)


def search_words(text: str, drug_words: str | None) -> list[str]:
    skip = question_words()
    words = re.findall(r"[a-z0-9]+", text.lower())
    drug = set(re.findall(r"[a-z0-9]+", (drug_words or "").lower()))
    return [w for w in words if w not in skip and w not in drug and len(w) > 2]


def best_passages(label: Label, pack: Pack, question: str, drug_words: str | None) -> list[Statement]:
    """The label passages that best match the question's words (full-text search)."""
    out = []
    for _, section, snippet in pack.search(label.id, search_words(question, drug_words)):
        out.append(Statement(text=f"From the label's {section_title(section)} section: “{snippet.strip()}”",
                             citations=[cite(label, section, snippet.strip())]))
    return out


def _missing(label: Label, pack: Pack, what: str, question: str, drug_words: str | None) -> list[Statement]:
    have = ", ".join(section_title(s) for s in pack.section_names(label.id)) or "none"
    said = [Statement(
        text=f"The label rxscoop has for {label.title} does not include {what}. Sections it has: {have}.",
        citations=[cite(label, pack.section_names(label.id)[0] if pack.section_names(label.id) else
                        "indications_and_usage", f"sections: {have}")])]
    return said + best_passages(label, pack, question, drug_words)


SIDE_EFFECT_SECTIONS = ("boxed_warning", "warnings_and_cautions", "warnings", "adverse_reactions")


_VERBS = {"gain", "gaining", "gained", "lost", "losing", "put", "can't", "couldn't", "trouble", "broke", "sick"}
_AS_SIDE_EFFECT = re.compile(r"adverse|reaction|side effect|reported|occurred|incidence|most common|may cause", re.I)


def named_side_effect(label: Label, pack: Pack, question: str, term: str) -> list[Statement]:
    """Does the label mention the side effect the question names? Its passages if so (those that speak of
    it as a reaction first); if not, a plain "the sections rxscoop has do not mention it", which is not
    proof it cannot happen."""
    have = [s for s in SIDE_EFFECT_SECTIONS if pack.section(label.id, s)]
    if not have:
        return []
    pattern = effect_pattern(term)
    asked = re.search(pattern, question, re.I)
    said = asked.group(0).lower() if asked else term
    if said.split()[0] in _VERBS:  # "gain weight" reads better as the term, "weight gain"
        said = term
    found = passages(label, pack, have, pattern, limit=6)
    found = ([s for s in found if _AS_SIDE_EFFECT.search(s.text)] or found)[:2]
    if found:
        return [Statement(text=f"You asked about {said}: the label mentions it.",
                          citations=[c for s in found for c in s.citations]), *found]
    titles = ", ".join(section_title(s) for s in have)
    return [Statement(
        text=f"You asked about {said}: the parts of the label rxscoop has on side effects ({titles}) do not "
             "mention it. That does not prove it cannot happen; if you notice it, tell your doctor or pharmacist.",
        citations=[cite(label, have[0], section_title(have[0]))])]


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
