"""The lay lexicon: general medical terms → everyday words, each with its source.

It lives in ``rxscoop/data/lexicon.csv`` (versioned data, not code). Rows are checked on load: known
columns only, a known kind, no empty field, no term twice.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rxscoop.caches import BytesLRU, registry, text_weight

COLUMNS = ("term", "plain", "kind", "source")
KINDS = ("condition", "phrase")


class LexiconError(ValueError):
    """The lexicon file breaks one of its rules."""


@dataclass(frozen=True)
class Entry:
    term: str
    plain: str
    kind: str
    source: str


def parse_lexicon(text: str) -> list[Entry]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise LexiconError(f"lexicon columns must be {COLUMNS}, found {reader.fieldnames}")
    entries: list[Entry] = []
    seen: set[str] = set()
    for lineno, row in enumerate(reader, start=2):
        if None in row or any(not (row.get(c) or "").strip() for c in COLUMNS):
            raise LexiconError(f"lexicon line {lineno}: every column needs a value")
        entry = Entry(**{c: row[c].strip() for c in COLUMNS})
        if entry.kind not in KINDS:
            raise LexiconError(f"lexicon line {lineno}: unknown kind {entry.kind!r} (known: {KINDS})")
        key = entry.term.lower()
        if key in seen:
            raise LexiconError(f"lexicon line {lineno}: term {entry.term!r} appears twice")
        seen.add(key)
        entries.append(entry)
    return entries


def _alternation(terms: list[str]) -> re.Pattern[str]:
    ordered = sorted(terms, key=len, reverse=True)  # longest first, so "plaque psoriasis" beats "psoriasis"
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in ordered) + r")(?![\w-])", re.I)


class Lexicon:
    def __init__(self, entries: list[Entry]) -> None:
        self._simplified: BytesLRU[str] | None = None
        self.entries = entries
        self._by_term = {e.term.lower(): e for e in entries}
        self._conditions = _alternation([e.term for e in entries if e.kind == "condition"])
        self._phrases = _alternation([e.term for e in entries if e.kind == "phrase"])

    def entry(self, term: str) -> Entry | None:
        return self._by_term.get(term.lower().strip())

    def find_conditions(self, text: str) -> list[re.Match[str]]:
        """Condition terms named in text, longest match first at each place, in reading order."""
        return list(self._conditions.finditer(text))

    def plain_condition(self, condition: str) -> Entry | None:
        """The entry for a condition in label wording ("Moderately to Severely Active Crohn's Disease")."""
        exact = self.entry(condition)
        if exact and exact.kind == "condition":
            return exact
        found = self.find_conditions(condition)
        return self._by_term[found[0].group(0).lower()] if found else None

    def simplify(self, text: str) -> str:
        if self._simplified is None:  # pure text → text: remembered, within a bound in bytes (rxscoop/caches.py)
            self._simplified = BytesLRU(self._simplify, 8 * 1024 * 1024, text_weight)
            registry["rxscoop.plain.lexicon.Lexicon.simplify"] = self._simplified
        return self._simplified(text)

    def _simplify(self, text: str) -> str:
        """Replace medical phrases with everyday ones, then condition names with their short everyday
        name ("conjunctivitis" → "pink eye"; "COPD, a long-term lung disease…" → "COPD")."""
        text = self._phrases.sub(lambda m: self._by_term[m.group(0).lower()].plain, text)
        return self._conditions.sub(lambda m: self._by_term[m.group(0).lower()].plain.split(", ")[0], text)


@cache
def lexicon() -> Lexicon:
    text = resources.files("rxscoop.data").joinpath("lexicon.csv").read_text(encoding="utf-8")
    return Lexicon(parse_lexicon(text))
