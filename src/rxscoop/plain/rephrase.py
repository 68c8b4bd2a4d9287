"""Turn label clauses into everyday phrasing, with rules from data/rephrase.csv, then the lexicon."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from rxscoop.plain.lexicon import lexicon


@cache
def _rules() -> list[tuple[re.Pattern[str], str]]:
    text = resources.files("rxscoop.data").joinpath("rephrase.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != ("pattern", "replacement", "source"):
        raise ValueError("rephrase.csv must have the columns pattern, replacement, source")
    rules = []
    for row in reader:
        if not row["source"]:
            raise ValueError(f"rephrase.csv: rule {row['pattern']!r} has no source")
        rules.append((re.compile(row["pattern"], re.I), row["replacement"]))
    return rules


def rephrase(clause: str) -> str:
    """A prerequisite clause in plain words: the first matching rule, then lexicon terms."""
    clause = clause.strip(" ,.")
    for pattern, replacement in _rules():
        if pattern.match(clause):
            clause = pattern.sub(replacement, clause, count=1)
            break
    return lexicon().simplify(clause)
