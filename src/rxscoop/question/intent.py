"""What the question asks. A few rules say what must be certain (data/intents.csv: words that only ever ask
one thing, like "side effects" or "pregnant"); everything else is read by the intent model
(question/classifier.py), which learned from labelled questions and says how sure it is."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from rxscoop.question.classifier import predict


class Intent(StrEnum):
    """What a question asks. Each has one topic builder (answer/topics.py TOPICS) except `uses`, the whole
    answer."""

    uses = "uses"
    how_it_works = "how_it_works"
    side_effects = "side_effects"
    dosage = "dosage"
    form = "form"
    warnings = "warnings"
    interactions = "interactions"
    pregnancy = "pregnancy"
    storage = "storage"
    appearance = "appearance"
    comparison = "comparison"
    overdose = "overdose"
    outside = "outside"
    other = "other"


INTENTS = tuple(Intent)

# Below this margin between the model's best and second-best intent, the answer says what it understood.
UNSURE_MARGIN = 0.25


@dataclass(frozen=True)
class Reading:
    """An intent and how it was reached: by a rule ("rule"), by the model ("model", with its probability and
    margin), or by what is left of a bare name ("bare")."""

    intent: Intent
    how: str
    probability: float = 1.0
    margin: float = 1.0
    runner_up: Intent | None = None

    @property
    def unsure(self) -> bool:
        return self.how == "model" and self.margin < UNSURE_MARGIN


@cache
def _rules() -> list[tuple[str, re.Pattern[str]]]:
    text = resources.files("rxscoop.data").joinpath("intents.csv").read_text(encoding="utf-8")
    rules = []
    for row in csv.DictReader(text.splitlines()):
        if row["intent"] not in INTENTS:
            raise ValueError(f"intents.csv: unknown intent {row['intent']!r}")
        rules.append((row["intent"], re.compile(row["pattern"], re.I)))
    return rules


def classify(question: str, drug_words: str | None = None) -> str:
    return read(question, drug_words).intent


def read(question: str, drug_words: str | None = None) -> Reading:
    """A certain rule if one matches; a bare name asks what it is; else the model."""
    intent = rule_intent(question, drug_words)
    if intent:
        return Reading(Intent(intent), "rule")
    if bare(question, drug_words):
        return Reading(Intent.uses, "bare")
    p = predict(question, drug_words)
    return Reading(Intent(p.intent), "model", p.probability, p.margin,
                   Intent(p.runner_up) if p.runner_up else None)


def rule_intent(question: str, drug_words: str | None = None) -> str | None:
    """The intent of the first certain rule that matches, or None when no rule does."""
    text = without_drug(question, drug_words)
    for intent, pattern in _rules():
        if pattern.search(text):
            return intent
    return None


def bare(question: str, drug_words: str | None = None) -> bool:
    """A bare name ("dupixent", "lisinopril 10 mg") asks what it is."""
    if drug_words is None:
        return False
    words = re.findall(r"[a-z]+", without_drug(question, drug_words).lower())
    return all(w in _BARE_WORDS for w in words)


# Words that leave a name bare: "what is X", "X 10 mg tablets", "tell me about X".
_BARE_WORDS = frozenset({"what", "is", "whats", "s", "about", "tell", "me", "info", "information", "on", "mg", "mcg",
                         "ml", "g", "units", "unit", "tablet", "tablets", "capsule", "capsules", "pen", "injection"})


def without_drug(question: str, drug_words: str | None) -> str:
    """The question without the words that named the drug, so they cannot be read as anything else."""
    text = question
    if drug_words:  # the drug's own name must not trigger a rule ("Breo Inhaler" is not a form question)
        text = re.sub(re.escape(drug_words), " ", text, flags=re.I)
    return re.sub(r"\s+", " ", text)


_CHILDREN = re.compile(r"\b(?:kids?|child(?:ren)?|toddlers?|bab(?:y|ies)|infants?|teens?|teenagers?|"
                       r"pediatric|paediatric|my (?:son|daughter)|\d{1,2}[- ]?(?:year|yr)[- ]?olds?)\b", re.I)
_PREGNANCY = re.compile(r"\b(?:pregnan\w*|breast ?feed\w*|nursing)\b", re.I)


def population_focus(question: str) -> str | None:
    if _PREGNANCY.search(question):
        return "pregnancy"
    if _CHILDREN.search(question):
        return "children"
    return None
