"""Answers to questions other than "what is it used for": each from the label sections that hold the answer,
quoted and cited. A label without the section says so, then offers the best-matching passages."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rxscoop.answer.cautions import cautions
from rxscoop.answer.citations import cite
from rxscoop.answer.compare import compare
from rxscoop.answer.form import form_and_setting
from rxscoop.answer.how import how_it_works
from rxscoop.answer.model import Statement, Topic
from rxscoop.answer.named import named_side_effect, named_substance
from rxscoop.answer.passages import MAX_QUOTES, best_passages, passages
from rxscoop.answer.plainwords import in_running_text
from rxscoop.data import rows
from rxscoop.label.model import Label
from rxscoop.label.sections import section_title
from rxscoop.pack.query import Pack
from rxscoop.plain.lexicon import lexicon
from rxscoop.question.aspects import Aspect, DrugClass, classes_named, drug_classes
from rxscoop.question.focus import side_effect_term, substances_named
from rxscoop.question.intent import Intent
from rxscoop.question.parse import Query


@dataclass(frozen=True)
class Asked:
    """What a topic builder works from: the question as understood, its label, the pack, and what else the
    question names (another drug's label, a condition, a finer aspect)."""

    query: Query
    label: Label
    pack: Pack
    other: Label | None = None
    condition: str | None = None
    aspect: Aspect | None = None


def _missing(label: Label, pack: Pack, what: str, question: str, drug_words: str | None) -> list[Statement]:
    have = ", ".join(section_title(s) for s in pack.section_names(label.id)) or "none"
    said = [Statement(
        text=f"The label rxscoop has for {label.title} does not include {what}. Sections it has: {have}.",
        citations=[cite(label, pack.section_names(label.id)[0] if pack.section_names(label.id) else
                        "indications_and_usage", f"sections: {have}")])]
    return said + best_passages(label, pack, question, drug_words)


def side_effects(a: Asked) -> Topic:
    label, pack, question, drug_words = a.label, a.pack, a.query.text, a.query.matched
    condition = a.condition
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


def dosage(a: Asked) -> Topic:
    label, pack, question, drug_words = a.label, a.pack, a.query.text, a.query.matched
    condition, population = a.condition, a.query.population
    statements: list[Statement] = []
    for s in label.details.schedules:
        if condition and s.condition and s.condition.lower() != condition.lower():
            continue
        who = f" for {in_running_text(s.condition)}" if s.condition else ""
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


def warnings(a: Asked) -> Topic:
    label, pack, question, drug_words = a.label, a.pack, a.query.text, a.query.matched
    statements = [c for c in cautions(label, label.details, pack) if not c.text.startswith("Side effects seen")]
    statements += passages(label, pack, ("warnings_and_cautions", "warnings"), None, limit=3)
    if not statements:
        statements = _missing(label, pack, "a warnings section", question, drug_words)
    return Topic(intent="warnings", title=f"Who should be careful with {label.title}", statements=statements)


INTERACTION_SECTIONS = ("drug_interactions", "boxed_warning", "warnings_and_cautions", "warnings", "precautions",
                        "contraindications")


def interactions(a: Asked) -> Topic:
    """Each other medicine and class of medicines named, looked for in each label's interaction and warning
    sections; else a food or drink named; else the label's interactions section."""
    label, pack, question, drug_words = a.label, a.pack, a.query.text, a.query.matched
    others = [a.pack.label(i) for i in a.query.other_labels] or ([a.other] if a.other else [])
    classes = [c for c in drug_classes() if c.name in a.query.classes]
    if others or classes:
        return _combination(label, pack, others, classes)
    found = substances_named(question, drug_words)
    if found:  # "metformin with alcohol", "what should i not eat or drink with it": each, wherever it is said
        statements: list[Statement] = []
        for substance in found[:3]:
            statements += [s for s in named_substance(label, pack, question, substance) if s not in statements]
        if not statements:
            statements = _missing(label, pack, "a drug interactions section", question, drug_words)
        title = " and ".join(s.term for s in found[:3])
        return Topic(intent="interactions", title=f"{label.title} and {title}", statements=statements)
    if a.aspect is not None and a.aspect.name == "food_alcohol":
        return aspect_topic(a, Intent.interactions)
    statements = passages(label, pack, ("drug_interactions",), None, limit=MAX_QUOTES)
    if not statements:
        statements = _missing(label, pack, "a drug interactions section", question, drug_words)
    return Topic(intent="interactions", title=f"{label.title} and other medicines", statements=statements)


def _names_pattern(label: Label) -> tuple[str, str]:
    """How a label's medicine is named in other labels (brand and each ingredient), and what to call it."""
    names: list[str] = []
    for name in (label.brand_name, label.generic_name, label.title):
        for part in re.split(r",| and |/", name or ""):
            word = part.strip().split(" ")[0] if part.strip() else ""
            if len(word) >= 4 and word.lower() not in {n.lower() for n in names}:
                names.append(word)
    return r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", label.title


def _combination(label: Label, pack: Pack, others: list[Label], classes: list[DrugClass]) -> Topic:
    """"X with Y and painkillers": for each pair, what each label's interaction and warning sections say of
    the other medicine or the class - only sentences that name it, never unrelated text."""
    statements: list[Statement] = []
    wanted: list[tuple[str, str]] = [_names_pattern(o) for o in others]
    # Labels often name a class rather than each member ("NSAIDs"): each other medicine's classes are looked
    # for too, after the classes the question named itself.
    implied = [c for o in others for c in classes_named(" ".join(n for n in (o.generic_name, o.brand_name) if n))]
    for c in [*classes, *implied]:
        if (c.label_pattern, c.name) not in wanted:
            wanted.append((c.label_pattern, c.name))
    for pattern, name in wanted:  # what this label says of each of them
        statements += _mentioned(label, pack, pattern, name)
    for o in others:  # and what each other label says of this medicine (and its classes)
        pattern, name = _names_pattern(label)
        statements += _mentioned(o, pack, pattern, name)
        for c in classes_named(" ".join(n for n in (label.generic_name, label.brand_name) if n)):
            statements += _mentioned(o, pack, c.label_pattern, c.name)
    statements.append(Statement(
        text="Whatever the labels say, ask your pharmacist before combining medicines: they can check everything "
             "you take.", citations=[cite(label, "drug_interactions", "drug interactions")]))
    named = [o.title for o in others] + [c.name.split(" (")[0] for c in classes]
    return Topic(intent="interactions", title=f"{label.title} with {', '.join(named)}", statements=statements)


def _mentioned(label: Label, pack: Pack, pattern: str, name: str) -> list[Statement]:
    found = passages(label, pack, INTERACTION_SECTIONS, pattern, limit=2)
    if found:
        return [Statement(text=f"{label.title}'s label mentions {name}:",
                          citations=[c for s in found for c in s.citations]), *found]
    have = [s for s in INTERACTION_SECTIONS if pack.section(label.id, s)]
    if not have:
        return [Statement(text=f"The label rxscoop has for {label.title} has no interaction or warning sections, "
                               f"so it cannot say anything about {name}.",
                          citations=[cite(label, "indications_and_usage", "no interaction or warning sections")])]
    titles = ", ".join(section_title(s) for s in have)
    return [Statement(
        text=f"{label.title}'s label does not name {name} in the sections rxscoop read ({titles}). That does not "
             "prove the combination is safe.", citations=[cite(label, have[0], section_title(have[0]))])]


def aspect_topic(a: Asked, intent: Intent, fallback: list[Statement] | None = None) -> Topic:
    """A finer question ("how soon does it work", "can i stop it") answered from the sentences that say it,
    in the label's own words; when none do, said plainly, with the sections read."""
    label, pack, aspect = a.label, a.pack, a.aspect
    assert aspect is not None
    found = passages(label, pack, aspect.sections, aspect.label_pattern, limit=MAX_QUOTES)
    have = [s for s in aspect.sections if pack.section(label.id, s)]
    titles = ", ".join(section_title(s) for s in have) or "none of them"
    if found:
        statements = [Statement(text=f"You asked {aspect.what}. What {label.title}'s label says ({titles}):",
                                citations=[c for s in found for c in s.citations]), *found]
    else:
        statements = [Statement(
            text=f"{label.title}'s label does not say {aspect.what}. rxscoop read these sections of it: {titles}.",
            citations=[cite(label, have[0] if have else "indications_and_usage",
                            section_title(have[0]) if have else "sections read")])]
        statements += fallback or []
    return Topic(intent=intent, title=f"{label.title}: {aspect.what}", statements=statements)


OUTSIDE = ("FDA labels do not cover price, insurance coverage or where to buy a medicine, so rxscoop can't answer "
           "that. A pharmacist, your insurer or the maker's website can tell you the price, coverage and any "
           "savings programs.")


def outside(a: Asked) -> Topic:
    """Cost, insurance, where to buy: not in any label. Say so, and what rxscoop can offer instead."""
    label = a.label
    return Topic(intent="outside", title=f"{label.title}: what the label does not cover", statements=[
        Statement(text=OUTSIDE, citations=[cite(label, "indications_and_usage", label.title)],
                  reference="FDA labeling requirements (21 CFR 201.56-201.57) list no price, coverage or sales "
                            "information"),
        Statement(text=f"What rxscoop can tell you about {label.title}, from its label: what it is used for, its "
                       "side effects, how it is taken, and what not to take with it.",
                  citations=[cite(label, "indications_and_usage", label.title)])])


def mechanism(a: Asked) -> Topic:
    label, pack, question, drug_words = a.label, a.pack, a.query.text, a.query.matched
    statements = how_it_works(label, label.details)
    if not statements:
        statements = _missing(label, pack, "a mechanism of action section", question, drug_words)
    return Topic(intent="how_it_works", title=f"How {label.title} works", statements=statements)


def form(a: Asked) -> Topic:
    label, pack, question, drug_words = a.label, a.pack, a.query.text, a.query.matched
    statements = form_and_setting(label, label.details)
    statements += passages(label, pack, ("dosage_and_administration",), topic_words("form"), limit=2)
    if not statements:
        statements = _missing(label, pack, "instructions on how it is given", question, drug_words)
    return Topic(intent="form", title=f"How {label.title} is given", statements=statements)


def other(a: Asked) -> Topic:
    label, pack, question, drug_words = a.label, a.pack, a.query.text, a.query.matched
    statements = best_passages(label, pack, question, drug_words)
    if not statements:
        statements = [Statement(
            text=f"I couldn't find that in {label.title}'s label. Try asking what it is used for, its side "
                 "effects, or how it is taken.",
            citations=[cite(label, "indications_and_usage", "no matching passage")])]
    return Topic(intent="other", title=f"From {label.title}'s label", statements=statements)


def topic_words(topic: str) -> str:
    """The words that mark a passage about the topic, as a pattern (data/topic_words.csv)."""
    return next(r["label_words"] for r in rows("topic_words.csv") if r["topic"] == topic)


@dataclass(frozen=True)
class FromSections:
    """A topic answered by quoting the label sections that hold it: which sections, which sentences (a
    pattern; None for any), and what to call the topic and the missing section."""

    intent: Intent
    title: str  # "{drug}" is the label's title
    sections: tuple[str, ...]
    pattern: str | None
    missing: str
    limit: int = MAX_QUOTES

    def __call__(self, a: Asked) -> Topic:
        statements = passages(a.label, a.pack, self.sections, self.pattern, limit=self.limit)
        if not statements:
            statements = _missing(a.label, a.pack, self.missing, a.query.text, a.query.matched)
        return Topic(intent=self.intent, title=self.title.format(drug=a.label.title), statements=statements)


pregnancy = FromSections(
    Intent.pregnancy, "{drug}, pregnancy and breastfeeding",
    ("pregnancy", "use_in_specific_populations", "pregnancy_or_breast_feeding", "nursing_mothers", "lactation",
     "warnings_and_cautions", "contraindications"),
    topic_words("pregnancy"), "advice on pregnancy or breastfeeding")
storage = FromSections(
    Intent.storage, "Storing {drug}", ("storage_and_handling", "how_supplied", "dosage_and_administration"),
    topic_words("storage"), "storage instructions")
appearance = FromSections(
    Intent.appearance, "What {drug} looks like and contains",
    ("dosage_forms_and_strengths", "how_supplied", "description", "active_ingredient", "inactive_ingredient",
     "spl_product_data_elements"),
    topic_words("appearance"), "a description of the product")
overdose = FromSections(Intent.overdose, "Too much {drug}", ("overdosage",), None, "an overdosage section", limit=3)


# "Which is better" is not in any label: labels report their own studies, rarely head to head.
BETTER = re.compile(r"\b(?:better|best|stronger|more effective|works? best)\b", re.I)
BETTER_NOTE = ("Labels don't say which medicine is better for you: each reports its own studies, and which suits "
               "you depends on your health and your other medicines, a question for your doctor. Here is what "
               "each label says, side by side.")
BETTER_SOURCE = "FDA labeling requirements (21 CFR 201.57): a label describes one product's own studies"


def comparison(a: Asked) -> Topic:
    """Two labels side by side; without a second drug found, the passages that match the question."""
    if a.other is None:
        return other(a)
    topic = compare(a.label, a.other)
    if BETTER.search(a.query.text):
        topic.statements.insert(0, Statement(text=BETTER_NOTE, reference=BETTER_SOURCE, citations=[
            cite(a.label, "indications_and_usage", a.label.title),
            cite(a.other, "indications_and_usage", a.other.title)]))
    return topic


# One builder per intent; `uses` is the whole answer (answer/compose.py), not a topic.
TOPICS: dict[Intent, Callable[[Asked], Topic]] = {
    Intent.how_it_works: mechanism, Intent.side_effects: side_effects, Intent.dosage: dosage, Intent.form: form,
    Intent.warnings: warnings, Intent.interactions: interactions, Intent.pregnancy: pregnancy,
    Intent.storage: storage, Intent.appearance: appearance, Intent.comparison: comparison,
    Intent.overdose: overdose, Intent.outside: outside, Intent.other: other,
}
