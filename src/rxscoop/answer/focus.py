"""One use in depth ("dupixent for asthma", "can kids use dupixent for eczema"), and what a drug is
approved for in children."""

from __future__ import annotations

import re

from rxscoop.answer.citations import cite
from rxscoop.answer.model import Statement, Topic, UseItem
from rxscoop.answer.passages import passages
from rxscoop.answer.patients import about, reviews_for, summarize
from rxscoop.answer.plainwords import age_text, cap, in_running_text
from rxscoop.label.model import Label
from rxscoop.label.names import normalize_name
from rxscoop.pack.query import Pack


def _children_line(item: UseItem) -> str:
    p = item.population
    name = cap(item.plain_name.split(", ")[0]) if item.plain_name else item.condition
    if p.min_age_years is not None and p.min_age_years < 18:
        return f"{name}: approved for children {age_text(p.min_age_years)} and older."
    if p.min_age_years is not None or (p.adults and not p.children):
        return f"{name}: adults only; not approved for children."
    return f"{name}: the label does not state an age."


def condition_topic(label: Label, pack: Pack, item: UseItem, population: str | None) -> Topic:
    """Who qualifies, how it is given for this use, what it helps with, cautions, what patients say."""
    statements: list[Statement] = [item.statement]
    if population == "children":
        statements.append(Statement(text=_children_line(item), citations=item.statement.citations[:1],
                                    terms=item.statement.terms[1:2]))
    statements += [s for s in (item.helps, item.schedule) if s]
    focus = re.escape(item.condition)
    statements += passages(label, pack, ("dosage_and_administration",), focus, limit=2)
    statements += passages(label, pack, ("clinical_studies",), focus, limit=2)
    statements += [s for s in (item.side_effects, *item.limitations) if s]
    rows = reviews_for(pack, label)
    condition = item.condition
    focused = about(rows, condition)
    if not focused and item.plain_name:
        condition = item.plain_name.split(", ")[0]
        focused = about(rows, condition)
    voices = summarize(focused, label.title, label, pack, condition)
    statements += voices.statements[:2]
    if not voices.reviews:
        statements.append(Statement(
            text=f"The review data rxscoop has holds no patient reviews of {label.title} for this condition.",
            citations=[cite(label, "indications_and_usage", item.condition)]))
    title = f"{label.title} for {in_running_text(item.condition)}"
    return Topic(intent="uses", title=title, statements=statements)


def children_topic(label: Label, items: list[UseItem]) -> Topic:
    statements = [Statement(text=_children_line(i), citations=i.statement.citations[:1], terms=i.statement.terms[:1])
                  for i in items]
    return Topic(intent="uses", title=f"{label.title} for children", statements=statements)


def not_a_use(label: Label, condition: str, items: list[UseItem]) -> Topic:
    """The question names a condition that is not among the label's approved uses."""
    names = ", ".join(i.condition.lower() for i in items)
    return Topic(intent="uses", title=f"{label.title} for {condition}", statements=[Statement(
        text=f"{cap(condition)} is not among {label.title}'s approved uses in its FDA label. Its label lists: {names}. "
             "Ask your doctor about treatments for it.",
        citations=[cite(label, "indications_and_usage", i.statement.citations[0].quote) for i in items[:2]])])


def find_item(items: list[UseItem], condition: str) -> UseItem | None:
    key = normalize_name(condition)
    for item in items:
        if normalize_name(item.condition) == key:
            return item
    for item in items:
        names = [item.condition, item.plain_name or ""]
        if any(key and (key in normalize_name(n) or normalize_name(n) in key) for n in names if n):
            return item
    return None
