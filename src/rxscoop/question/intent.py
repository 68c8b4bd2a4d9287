"""What the question asks: an intent from ordered rules in data/intents.csv (the first that matches wins)."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

INTENTS = ("uses", "how_it_works", "side_effects", "dosage", "form", "warnings", "interactions", "pregnancy",
           "storage", "appearance", "comparison", "overdose", "other")


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
    """The intent of a question, from the first rule that matches."""
    return rule_intent(question, drug_words) or bare_intent(question, drug_words)


def rule_intent(question: str, drug_words: str | None = None) -> str | None:
    """The intent of the first rule that matches, or None when no rule does."""
    text = without_drug(question, drug_words)
    for intent, pattern in _rules():
        if pattern.search(text):
            return intent
    return None


def bare_intent(question: str, drug_words: str | None = None) -> str:
    """No rule matched: a bare name ("dupixent", "lisinopril 10 mg") asks what it is; anything longer
    gets the best-matching label passages."""
    words = re.findall(r"[a-z]+", without_drug(question, drug_words).lower())
    return "uses" if len(words) <= 2 else "other"


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
