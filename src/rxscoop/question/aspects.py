"""Finer things a question can ask that labels say in many ways (data/question_aspects.csv): how soon it
works, stopping, a missed dose, long-term use, food and drink; and classes of medicines a question names
instead of one drug ("painkillers", "antacids": data/drug_classes.csv)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("rxscoop.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@dataclass(frozen=True)
class Aspect:
    name: str
    intent: str  # the intent whose section answers it
    question: re.Pattern[str]
    label_pattern: str
    sections: tuple[str, ...]
    what: str  # in words, for "the label does not say …"


@cache
def aspects() -> list[Aspect]:
    return [Aspect(r["aspect"], r["intent"], re.compile(r["question_words"], re.I), r["label_words"],
                   tuple(r["sections"].split("|")), r["what"]) for r in _rows("question_aspects.csv")]


def aspect_named(question: str, intent: str) -> Aspect | None:
    """The aspect a question asks about, among those its intent answers ("how long before it works" asks
    how_it_works, and when it starts to work)."""
    return next((a for a in aspects() if a.intent == intent and a.question.search(question)), None)


def aspect(name: str) -> Aspect:
    return next(a for a in aspects() if a.name == name)


@dataclass(frozen=True)
class DrugClass:
    name: str
    question: re.Pattern[str]
    label_pattern: str


@cache
def drug_classes() -> list[DrugClass]:
    return [DrugClass(r["class"], re.compile(r"\b(?:" + r["question_words"] + r")\b", re.I),
                      r"\b(?:" + r["label_words"] + r")\b") for r in _rows("drug_classes.csv")]


def classes_named(text: str) -> list[DrugClass]:
    """The classes of medicines the text names, each once, most specific first (NSAIDs before pain relievers
    when "ibuprofen" is named; the file is ordered that way)."""
    found: list[DrugClass] = []
    taken: list[tuple[int, int]] = []
    for cls in drug_classes():
        for m in cls.question.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append(m.span())
                found.append(cls)
                break
    return found
