"""Measure answers against development gold: indication recall/precision, minimum-age accuracy,
readability of the prose rxscoop writes, and citation coverage."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import textstat

from rxscoop.answer.model import Answer, Statement
from rxscoop.api import ask
from rxscoop.pack.query import Pack


@dataclass
class DrugScore:
    drug: str
    status: str
    gold: int = 0
    found: int = 0  # gold uses the answer names
    answered: int = 0  # uses in the answer
    correct: int = 0  # answer uses that are gold uses
    ages: int = 0  # gold uses with a minimum age that the answer names
    ages_right: int = 0
    statements: int = 0
    covered: int = 0  # statements cited by text that holds their label words
    grade: float | None = None
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)


def covered(statement: Statement) -> bool:
    """Cited, and every label word the statement relies on appears in a cited quote."""
    if not statement.citations:
        return False
    # White space aside: the flattening sets subscripts apart ("(5-HT 3 )"), which the answer joins ("(5-HT3)").
    quotes = "".join(" ".join(c.quote for c in statement.citations).lower().split())
    return all("".join(term.lower().split()) in quotes for term in statement.terms)


def own_prose(answer: Answer) -> str:
    """The prose rxscoop writes itself: quoted label text and the label's own terms in brackets left out."""
    parts = []
    for statement in answer.statements():
        text = re.sub(r"“[^”]*”", "", statement.text)
        for term in statement.terms:  # the label's own words, kept as the label says them
            text = re.sub(re.escape(term), "", text, flags=re.I)
        text = re.sub(r"\s*\([^)]*\)", "", text)
        text = text.replace(";", ".").replace(":", ".")
        parts.append(text if text.rstrip().endswith(".") else text + ".")
    return " ".join(parts)


def grade(text: str) -> float | None:
    return round(textstat.flesch_kincaid_grade(text), 1) if text.strip() else None


def score_drug(drug: str, gold: list[dict[str, Any]], pack: Pack) -> DrugScore:
    answer = ask(f"what is {drug} used for", pack, region="us")  # the gold is read from US labels
    score = DrugScore(drug=drug, status=answer.status, gold=len(gold), answered=len(answer.uses))

    def names(use: object) -> str:
        return f"{use.condition} {use.plain_name or ''}".lower()  # type: ignore[attr-defined]

    for want in gold:
        hits = [u for u in answer.uses if any(w in names(u) for w in want["any"])]
        if hits:
            score.found += 1
            if want.get("min_age") is not None:
                score.ages += 1
                score.ages_right += any(u.population.min_age_years == want["min_age"] for u in hits)
        else:
            score.missed.append(want["condition"])
    for use in answer.uses:
        if any(any(w in names(use) for w in want["any"]) for want in gold):
            score.correct += 1
        else:
            score.extra.append(use.condition)
    for statement in answer.statements():
        score.statements += 1
        if covered(statement):
            score.covered += 1
        else:
            score.uncovered.append(statement.text[:80])
    score.grade = grade(own_prose(answer))
    return score


def evaluate(gold_path: Path, pack: Pack) -> list[DrugScore]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return [score_drug(drug, uses, pack) for drug, uses in gold.items() if not drug.startswith("_")]


def totals(scores: list[DrugScore]) -> dict[str, float]:
    def ratio(a: int, b: int) -> float:
        return round(100 * a / b, 1) if b else 100.0

    grades = [s.grade for s in scores if s.grade is not None]
    return {
        "recall": ratio(sum(s.found for s in scores), sum(s.gold for s in scores)),
        "precision": ratio(sum(s.correct for s in scores), sum(s.answered for s in scores)),
        "age_accuracy": ratio(sum(s.ages_right for s in scores), sum(s.ages for s in scores)),
        "citation_coverage": ratio(sum(s.covered for s in scores), sum(s.statements for s in scores)),
        "readability_grade": round(sum(grades) / len(grades), 1) if grades else 0.0,
        "statements": sum(s.statements for s in scores),
    }
