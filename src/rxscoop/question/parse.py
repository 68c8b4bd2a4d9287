"""Question text → a typed Query."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel

from rxscoop.errors import BadQuestion
from rxscoop.pack.query import Pack
from rxscoop.question.resolve import Resolution, resolve_drug

MAX_QUESTION_CHARS = 1000


class Query(BaseModel):
    text: str
    intent: str = "uses"
    resolution_status: str
    label: int | None = None
    matched: str | None = None
    exact: bool = True
    suggestions: list[str] = []


def clean_question(text: str) -> str:
    """Check and tidy what was typed: no control characters, not empty, not absurdly long."""
    if not isinstance(text, str):
        raise BadQuestion("the question must be text")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c if (c.isprintable() or c.isspace()) else " " for c in text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise BadQuestion("the question is empty: ask e.g. 'what is dupixent used for'")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestion(f"the question is too long ({len(text)} characters; at most {MAX_QUESTION_CHARS})")
    return text


def understand(text: str, pack: Pack) -> Query:
    text = clean_question(text)
    found: Resolution = resolve_drug(text, pack)
    return Query(
        text=text,
        resolution_status=found.status,
        label=found.label,
        matched=found.matched,
        exact=found.exact,
        suggestions=found.suggestions,
    )
