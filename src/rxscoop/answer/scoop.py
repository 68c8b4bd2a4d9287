"""The quick scoop: what kind of medicine it is and when it is used, in two or three sentences.

Built from label facts (prescription status, route, class, the severity and prerequisites of its uses),
never written per drug."""

from __future__ import annotations

import re

from rxscoop.answer.citations import cite
from rxscoop.answer.how import class_term
from rxscoop.answer.model import Statement, UseItem
from rxscoop.answer.plainwords import article, cap, join_words
from rxscoop.label.model import Details, Fact, Label
from rxscoop.plain.mechanisms import Mechanism
from rxscoop.plain.routes import route_for

_FAILED = re.compile(r"not adequately controlled|inadequate response|inadequately controlled|failed|lost response|"
                     r"despite|remain symptomatic|intoleran", re.I)
_ADD_ON = re.compile(r"add-on|adjunct|in combination", re.I)


def route_words(details: Details) -> tuple[str, list[Fact]]:
    """"taken by mouth or given as a drip or injection into a vein (IV)", and the facts that say so."""
    phrases: list[str] = []
    facts: list[Fact] = []
    for fact in details.routes:
        route = route_for(fact.text)
        if route and route.phrase not in phrases:
            phrases.append(route.phrase)
            facts.append(fact)
    return join_words(phrases, "or"), facts


def kind_statement(label: Label, details: Details) -> Statement | None:
    """"Dupixent is a prescription medicine, a biologic (monoclonal antibody), given as a shot under the skin."
    Each part is said only when the label says it: the status, the Description's own words for a biologic,
    the routes of its products."""
    citations = []
    terms: list[str] = []
    words: list[str] = []
    if details.prescription:
        status = details.prescription.text
        words.append("prescription" if status == "prescription" else "over-the-counter")
        citations.append(cite(label, details.prescription.section, details.prescription.quote))
    kind = ""
    if details.biologic:
        kind = f", a biologic ({details.biologic.text.lower()})"
        citations.append(cite(label, details.biologic.section, details.biologic.quote))
        terms.append(details.biologic.text)
    how, facts = route_words(details)
    if how:
        how = f", {how}"
        citations.extend(cite(label, f.section, f.quote) for f in facts[:3])
    if not (words or kind or how):
        return None
    noun = " ".join([*words, "medicine"])
    text = f"{cap(label.title)} is {article(noun)} {noun}{kind}{how}."
    return Statement(text=text, citations=citations, terms=terms)


def class_statement(label: Label, class_text: str | None, class_cite: tuple[str, str] | None,
                    mechanism: Mechanism | None) -> Statement | None:
    if not class_text or not class_cite:
        return None
    group = f"{mechanism.name}s" if mechanism else None
    same = group and mechanism and mechanism.name.lower() == class_text.lower()
    text = (f"It belongs to a group of medicines called {group}" + ("." if same else f" ({class_text}).")
            if group else f"Its label calls it {article(class_text)} {class_text}.")
    return Statement(text=text, citations=[cite(label, *class_cite)], terms=[class_term(class_text, class_cite)],
                     reference=mechanism.source if mechanism else None)


def situation_statement(label: Label, items: list[UseItem]) -> Statement | None:
    """When it is used, derived from what its uses share (severity, what must have failed first)."""
    if not items:
        return None
    severe = [i for i in items if i.severity and re.search(r"moderate|severe", i.severity)]
    failed = [i for i in items if any(_FAILED.search(p) for p in i.prerequisites)]
    add_on = [i for i in items if i.role and _ADD_ON.search(i.role)]
    parts = []
    if len(severe) * 2 >= len(items):
        parts.append("mostly when a condition is moderate to severe")
    if failed:
        how_often = "often" if len(failed) * 2 >= len(items) else "sometimes"
        parts.append(f"{how_often} after other treatments have not worked well enough")
    if add_on:
        parts.append("and sometimes alongside other treatments" if parts else "sometimes alongside other treatments")
    if not parts:
        return None
    if len(parts) > 1 and not parts[-1].startswith("and"):
        parts[-1] = "and " + parts[-1]
    text = "It is used " + ", ".join(parts).replace(", and", " and" if len(parts) == 2 else ", and") + "."
    text = re.sub(r"^It is used (often|sometimes|mostly) ", r"It is \1 used ", text)
    evidence = [*severe, *failed, *add_on]
    quotes = []
    for item in evidence:
        c = item.statement.citations[0]
        if c not in quotes:
            quotes.append(c)
    terms = [severe[0].severity] if severe and severe[0].severity and severe[0].severity in \
        severe[0].statement.citations[0].quote.lower() else []
    return Statement(text=text, citations=quotes[:3], terms=[t for t in terms if t])
