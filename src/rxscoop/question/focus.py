"""The condition a question is about, if it names one: "dupixent for asthma", "…for eczema reviews"."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rxscoop.label.model import Use
from rxscoop.label.names import normalize_name
from rxscoop.plain.lexicon import lexicon
from rxscoop.question.intent import without_drug
from rxscoop.reviews.features import EFFECTS, families


def condition_focus(question: str, uses: list[Use], drug_words: str | None = None) -> str | None:
    """The label condition the question names (in the label's words), matching label wording, everyday
    names ("eczema") and abbreviations the label gives ("EoE"); else a lexicon condition it names."""
    text = f" {normalize_name(question)} "
    if drug_words:
        text = text.replace(f" {normalize_name(drug_words)} ", " ")
    lex = lexicon()
    best: tuple[int, str] | None = None
    for use in uses:
        names = {use.condition}
        entry = lex.plain_condition(use.condition)
        if entry:
            names |= {entry.term, entry.plain.split(", ")[0]}
        for abbreviation in _abbreviations(use):
            names.add(abbreviation)
        for name in names:
            key = normalize_name(name)
            if key and f" {key} " in text and (best is None or len(key) > best[0]):
                best = (len(key), use.condition)
    if best:
        return best[1]
    found = lex.find_conditions(question)
    return found[0].group(0) if found else None


def side_effect_term(question: str, drug_words: str | None = None) -> str | None:
    """The side effect a question names, as a term of data/side_effect_words.csv ("gained weight" → "weight
    gain"), or None."""
    text = without_drug(question, drug_words).lower()  # the matchers read lower-cased text, as in reviews
    return next((term for term, matcher in families()[EFFECTS] if matcher.search(text)), None)


def names_a_use(question: str, uses: list[Use], drug_words: str | None = None) -> bool:
    """Does the question name one of these uses ("zoloft depression" asks about a use, not a side effect)?"""
    return condition_focus(question, uses, drug_words) in {use.condition for use in uses}


def _abbreviations(use: Use) -> set[str]:
    """Abbreviations the label defines for the condition: "eosinophilic esophagitis (EoE)" → "EoE"."""
    out = set()
    for text in (use.sentence, use.heading or "", *use.also):
        for match in re.finditer(r"\(([A-Za-z]{2,6})\)", text):
            if match.group(1).lower() not in {"ra", "as"} or len(use.condition.split()) <= 3:
                out.add(match.group(1))
    return {a for a in out if len(a) >= 2 and a.lower() not in {"and", "or", "the"}}


@dataclass(frozen=True)
class Substance:
    """A food, drink or other substance people ask to combine with a medicine (data/interaction_substances.csv)."""

    term: str
    question: re.Pattern[str]  # how people name it
    label_pattern: str  # how labels name it
    words: tuple[str, ...]  # the question words one by one, most specific first

    def said(self, question: str) -> str:
        """The word the question used, most specific first ("wine", not "drink", in "drink wine")."""
        for word in self.words:
            found = re.search(r"\b(?:" + word + r")\b", question, re.I)
            if found:
                return found.group(0).lower()
        return self.term


@cache
def substances() -> list[Substance]:
    text = resources.files("rxscoop.data").joinpath("interaction_substances.csv").read_text(encoding="utf-8")
    return [Substance(r["term"], re.compile(r"\b(?:" + r["question_words"] + r")\b", re.I),
                      r"\b(?:" + r["label_words"] + r")\b", tuple(r["question_words"].split("|")))
            for r in csv.DictReader(text.splitlines())]


def substance_named(question: str, drug_words: str | None = None) -> Substance | None:
    """The substance a question asks about combining with the drug: "can i drink wine on metformin"."""
    text = without_drug(question, drug_words)
    return next((s for s in substances() if s.question.search(text)), None)


def substances_named(question: str, drug_words: str | None = None) -> list[Substance]:
    """Every substance the question names: "what should i not eat or drink" names food and drink."""
    text = without_drug(question, drug_words)
    return [s for s in substances() if s.question.search(text)]
