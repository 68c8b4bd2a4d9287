"""Citations and names: how an answer points back at the label."""

from __future__ import annotations

import re

from rxscoop.answer.model import Citation, DrugRef
from rxscoop.label.model import Label
from rxscoop.label.sections import section_title
from rxscoop.question.parse import Query


def label_date(label: Label) -> str | None:
    t = label.effective_time
    if t and re.fullmatch(r"\d{8}", t):
        return f"{t[:4]}-{t[4:6]}-{t[6:]}"
    return t


def cite(label: Label, section: str, quote: str, subsection: str | None = None) -> Citation:
    return Citation(
        drug=label.title,
        set_id=label.set_id,
        section=section,
        section_title=section_title(section),
        subsection=subsection,
        effective_time=label_date(label),
        retrieved_at=label.retrieved_at,
        source=label.source,
        quote=quote,
    )


def drug_ref(label: Label, query: Query) -> DrugRef:
    return DrugRef(
        title=label.title,
        brand_name=label.brand_name,
        generic_name=label.generic_name,
        set_id=label.set_id,
        matched=query.matched,
        exact=query.exact,
    )


def display_name(label: Label) -> str:
    generic = label.generic_name
    if generic and generic.lower() != label.title.lower():
        return f"{label.title} ({generic})"
    return label.title
