"""Question text → a typed Query: the drug(s), what is asked, how sure that reading is, and any focus."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

from pydantic import BaseModel, Field

from rxscoop.errors import BadQuestion, QuestionTooLong
from rxscoop.pack.query import Pack
from rxscoop.question.aspects import aspect_named, aspects, classes_named
from rxscoop.question.focus import names_a_use, side_effect_term, substance_named
from rxscoop.question.intent import Intent, Reading, population_focus, read
from rxscoop.question.resolve import Resolution, resolve_drug
from rxscoop.question.safety import emergencies

MAX_QUESTION_CHARS = 1000
MAX_DRUGS = 4  # drugs looked for in one question ("can i take x, y and z together")

# Intents the model may give that a certain sign in the question overrides: a named side effect, food or
# drink, or second medicine says more about what is asked than the model's reading of the other words.
_SOFT = frozenset({"uses", "other", "how_it_works", "appearance", "dosage", "warnings", "form"})
_JOINED = re.compile(r"\b(?:and|with|when|while|on|taking|taken|take|same time|together|mix\w*|combin\w*|after|"
                     r"before|plus)\b|[,&+]", re.I)


_INSTEAD = re.compile(r"\b(?:instead of|rather than|in place of|switch\w* (?:from|to))\b", re.I)
# Few words besides the drug and one of its uses ("sertraline depression", "dupixent for asthma") ask about that use.
_SHORT = 3


class Query(BaseModel):
    text: str
    intent: Intent = Intent.uses
    understood_by: str = Field("rule", description="rule | model | bare | use named | side effect | substance | "
                                                   "other drug: how the intent was reached")
    confidence: float = Field(1.0, description="the model's probability for the intent (1 for a rule)")
    unsure: bool = Field(False, description="the model's best and second-best readings were close")
    runner_up: Intent | None = Field(None, description="the model's second reading, when it was unsure")
    aspect: str | None = Field(None, description="a finer topic: time_to_effect, stopping, missed_dose, "
                                                 "long_term, food_alcohol")
    resolution_status: str
    label: int | None = None
    matched: str | None = None
    exact: bool = True
    suggestions: list[str] = Field(default_factory=list)
    other_label: int | None = Field(None, description="the second drug of a comparison or interaction")
    other_matched: str | None = None
    other_labels: list[int] = Field(default_factory=list, description="every other drug the question names")
    other_names: list[str] = Field(default_factory=list, description="the words that named them")
    classes: list[str] = Field(default_factory=list, description="classes of medicines named ('painkillers')")
    population: str | None = Field(None, description="children | pregnancy, when the question says")
    emergencies: list[str] = Field(default_factory=list, description="kinds of emergency the question signals")
    follow_up: bool = Field(False, description="the drug came from the conversation, not the question")


def clean_question(text: str) -> str:
    """Check and tidy what was typed: no control characters, not empty, not absurdly long."""
    if not isinstance(text, str):
        raise BadQuestion("the question must be text")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionTooLong(f"the question is too long ({len(text)} characters; at most {MAX_QUESTION_CHARS})")
    # NFKC can lengthen text ("ﷺ" is 18 letters): the limit is on what was typed; the rest is cut.
    text = unicodedata.normalize("NFKC", text)[:MAX_QUESTION_CHARS]
    text = "".join(c if (c.isprintable() or c.isspace()) else " " for c in text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise BadQuestion("the question is empty: ask e.g. 'what is dupixent used for'")
    return text


def interpret(text: str, label: int | None, drug_words: str | None, pack: Pack,
              others: int = 0, classes: int = 0, urgent: Collection[str] = ()) -> Reading:
    """The intent: a certain rule; else the model, overridden by what must be certain - an emergency of too
    much medicine, a named side effect that is not one of the drug's uses, a named food or drink, another
    medicine or class of medicines joined to the drug. `urgent`: the kinds of emergency the question signals
    (decided once, in `understand`)."""
    reading = read(text, drug_words)
    if "overdose" in urgent:
        return Reading(Intent.overdose, "rule")
    rest = re.sub(re.escape(drug_words), " ", text, flags=re.I) if drug_words else text
    if label is not None and (others or classes) and _INSTEAD.search(rest) and reading.how != "rule":
        return Reading(Intent.comparison, "other drug")  # "can i take advil instead of tylenol"
    if label is not None and (others or classes) and _JOINED.search(rest):
        joinable = _SOFT | ({"side_effects"} if re.search(r"\b(?:together|mix\w*|combin\w*)\b", rest) else set())
        if (reading.intent in joinable and reading.how != "bare") or (reading.how == "bare" and others):
            return Reading(Intent.interactions, "other drug")
    if reading.how not in ("model", "bare") or label is None:
        return _with_aspect(reading, text)
    # "norvasc and depression?": a side effect named, not one of its uses. The label is read only when a
    # side effect is named, so a bare "dupixent" costs no extra read.
    short = len(re.findall(r"[a-z]+", rest.lower())) <= _SHORT
    if short and reading.intent in _SOFT | {"side_effects", "interactions"}:
        indications = pack.label(label).indications
        if names_a_use(text, indications.uses if indications else [], drug_words):
            return Reading(Intent.uses, "use named")
    # The model may read "x and <something>" as an interaction; with no other medicine, food or drink
    # named, a named side effect is what is asked.
    alone = reading.intent == "interactions" and not others and not classes and not substance_named(text, drug_words)
    # "zoloft for anxiety": a word after "for" names what it is taken for, not a side effect.
    asked_for = re.search(r"\bfor (?:my |your |his |her )?(\w+(?: \w+)?)", rest, re.I)
    named_for = asked_for is not None and side_effect_term(asked_for.group(1)) is not None
    if (reading.intent in _SOFT or alone) and not named_for and side_effect_term(text, drug_words):
        indications = pack.label(label).indications
        if not names_a_use(text, indications.uses if indications else [], drug_words):
            return Reading(Intent.side_effects, "side effect")
    if reading.intent in (_SOFT - {"dosage", "form", "appearance"}) | {"side_effects"} and substance_named(
            text, drug_words):  # "can i smoke weed on adderall"
        return Reading(Intent.interactions, "substance")
    return _with_aspect(reading, text)


def _with_aspect(reading: Reading, text: str) -> Reading:
    """An unsure reading that names an aspect another intent answers ("how long before it kicks in") takes
    that intent: the aspect's words are the surer sign."""
    if reading.unsure and not aspect_named(text, reading.intent):
        for a in aspects():
            if a.question.search(text) and a.intent in (reading.intent, reading.runner_up):
                other = reading.intent if a.intent != reading.intent else reading.runner_up
                return Reading(Intent(a.intent), reading.how, reading.probability, reading.margin, other)
    return reading


@lru_cache(maxsize=4096)  # one pattern per drug name: re's own cache (512) is churned by every new name
def _any_case(literal: str) -> re.Pattern[str]:
    return re.compile(re.escape(literal), re.I)


def understand(text: str, pack: Pack) -> Query:
    text = clean_question(text)
    found: Resolution = resolve_drug(text, pack)
    other_labels: list[int] = []
    other_names: list[str] = []
    if found.label is not None and found.matched:
        # Every other drug named ("can i take x with y and z"): each found in what is left of the question.
        rest = text.lower().replace(found.matched, " ")  # a literal: str.replace, no pattern to compile
        for _ in range(MAX_DRUGS - 1):
            more = resolve_drug(rest, pack)
            if more.status != "found" or not more.matched:
                break
            if more.label != found.label and more.label not in other_labels:
                other_labels.append(more.label)  # type: ignore[arg-type]
                other_names.append(more.matched)
            rest = rest.replace(more.matched, " ")
    classes = [c.name for c in classes_named(_any_case(found.matched or "\0").sub(" ", text))]
    urgent = [e.kind for e in emergencies(text)]
    reading = interpret(text, found.label, found.matched, pack, len(other_labels), len(classes), urgent)
    return Query(
        text=text,
        intent=reading.intent,
        understood_by=reading.how,
        confidence=reading.probability,
        unsure=reading.unsure,
        runner_up=reading.runner_up if reading.unsure else None,
        aspect=(a.name if (a := aspect_named(text, reading.intent)) else None),
        resolution_status=found.status,
        label=found.label,
        matched=found.matched,
        exact=found.exact,
        suggestions=found.suggestions,
        other_label=other_labels[0] if other_labels else None,
        other_matched=other_names[0] if other_names else None,
        other_labels=other_labels,
        other_names=other_names,
        classes=classes,
        population=population_focus(text),
        emergencies=urgent,
    )
