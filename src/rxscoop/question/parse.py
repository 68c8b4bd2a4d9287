"""Question text → a typed Query: the drug(s), what is asked, and any focus."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, Field

from rxscoop.errors import BadQuestion
from rxscoop.pack.query import Pack
from rxscoop.question.focus import names_a_use, side_effect_term, substance_named
from rxscoop.question.intent import bare_intent, population_focus, rule_intent
from rxscoop.question.resolve import Resolution, resolve_drug
from rxscoop.question.safety import emergencies

MAX_QUESTION_CHARS = 1000


class Query(BaseModel):
    text: str
    intent: str = "uses"
    resolution_status: str
    label: int | None = None
    matched: str | None = None
    exact: bool = True
    suggestions: list[str] = Field(default_factory=list)
    other_label: int | None = Field(None, description="the second drug of a comparison")
    other_matched: str | None = None
    population: str | None = Field(None, description="children | pregnancy, when the question says")
    emergencies: list[str] = Field(default_factory=list, description="kinds of emergency the question signals")
    follow_up: bool = Field(False, description="the drug came from the conversation, not the question")


def clean_question(text: str) -> str:
    """Check and tidy what was typed: no control characters, not empty, not absurdly long."""
    if not isinstance(text, str):
        raise BadQuestion("the question must be text")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestion(f"the question is too long ({len(text)} characters; at most {MAX_QUESTION_CHARS})")
    # NFKC can lengthen text ("ﷺ" is 18 letters): the limit is on what was typed; the rest is cut.
    text = unicodedata.normalize("NFKC", text)[:MAX_QUESTION_CHARS]
    text = "".join(c if (c.isprintable() or c.isspace()) else " " for c in text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise BadQuestion("the question is empty: ask e.g. 'what is dupixent used for'")
    return text


def intent_for(text: str, label: int | None, drug_words: str | None, pack: Pack) -> str:
    """The intent: the first rule that matches; else, for a known drug, a side effect or substance the
    question names; else what a bare question asks."""
    intent = rule_intent(text, drug_words)
    if intent:
        return intent
    if label is not None:
        # "norvasc and depression?": a side effect named, not one of its uses. The label is read only when
        # a side effect is named, so a bare "dupixent" costs no extra read.
        if side_effect_term(text, drug_words):
            indications = pack.label(label).indications
            if not names_a_use(text, indications.uses if indications else [], drug_words):
                return "side_effects"
        if substance_named(text, drug_words):  # "can i smoke weed on adderall"
            return "interactions"
    return bare_intent(text, drug_words)


def understand(text: str, pack: Pack) -> Query:
    text = clean_question(text)
    found: Resolution = resolve_drug(text, pack)
    query = Query(
        text=text,
        intent=intent_for(text, found.label, found.matched, pack),
        resolution_status=found.status,
        label=found.label,
        matched=found.matched,
        exact=found.exact,
        suggestions=found.suggestions,
        population=population_focus(text),
        emergencies=[e.kind for e in emergencies(text)],
    )
    if found.label is not None and found.matched:
        # A second drug: for comparisons ("dupixent vs adbry") and interactions ("x with y").
        rest = re.sub(re.escape(found.matched), " ", text.lower())
        second = resolve_drug(rest, pack)
        if second.status == "found" and second.label != found.label:
            query.other_label, query.other_matched = second.label, second.matched
            # Two drugs and a word that joins them: "x and y when is it safe", "can x be taken with y".
            if query.intent in ("uses", "warnings", "other") and re.search(
                    r"\b(?:and|with|when|while|on|taking|taken|take|same time|together)\b", rest):
                query.intent = "interactions"
    return query
