"""Signs of an emergency in a question: these get emergency guidance before anything else.

The guidance is general (not about any drug) and lives in data/emergency.csv with its sources."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Emergency:
    kind: str
    guidance: str
    source: str


@cache
def _rules() -> list[tuple[Emergency, re.Pattern[str]]]:
    text = resources.files("rxscoop.data").joinpath("emergency.csv").read_text(encoding="utf-8")
    return [(Emergency(r["kind"], r["guidance"], r["source"]), re.compile(r["pattern"], re.I))
            for r in csv.DictReader(text.splitlines())]


def emergencies(question: str) -> list[Emergency]:
    return [e for e, pattern in _rules() if pattern.search(question)]


def guidance(kind: str) -> Emergency:
    """The guidance for one kind of emergency (as `emergencies` found it)."""
    return next(e for e, _ in _rules() if e.kind == kind)
