"""How a class of medicine works, in plain words with a picture (data/mechanisms.csv), and what a drug's
name stem says about it (data/stems.csv: "-mab" is a monoclonal antibody, "-pril" an ACE inhibitor)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Mechanism:
    pattern: re.Pattern[str]
    name: str
    action: str
    picture: str
    source: str


@dataclass(frozen=True)
class Stem:
    stem: str
    kind: str  # biologic | small molecule
    drug_class: str
    source: str


def _rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    text = resources.files("rxscoop.data").joinpath(name).read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != columns:
        raise ValueError(f"{name} must have the columns {columns}, found {reader.fieldnames}")
    rows = list(reader)
    for lineno, row in enumerate(rows, start=2):
        if any(not (row.get(c) or "").strip() for c in columns):
            raise ValueError(f"{name} line {lineno}: every column needs a value")
    return rows


@cache
def mechanisms() -> list[Mechanism]:
    rows = _rows("mechanisms.csv", ("pattern", "name", "action", "picture", "source"))
    return [Mechanism(re.compile(r["pattern"], re.I), r["name"], r["action"], r["picture"], r["source"])
            for r in rows]


@cache
def stems() -> list[Stem]:
    rows = _rows("stems.csv", ("stem", "kind", "class", "source"))
    # Longest stem first: "citinib" (JAK inhibitor) before "tinib".
    return sorted((Stem(r["stem"], r["kind"], r["class"], r["source"]) for r in rows),
                  key=lambda s: -len(s.stem))


def mechanism_for(*class_texts: str | None) -> Mechanism | None:
    """The first mechanism whose pattern matches any of the texts naming the drug's class."""
    for text in class_texts:
        if not text:
            continue
        for mechanism in mechanisms():
            if mechanism.pattern.search(text):
                return mechanism
    return None


def stem_for(generic_name: str | None) -> Stem | None:
    """The USAN stem a generic name ends in ("dupilumab" → -mab), ignoring biosimilar suffixes."""
    if not generic_name:
        return None
    word = re.split(r"[\s(]", generic_name.strip().lower())[0]
    word = re.sub(r"-[a-z]{4}$", "", word)  # "adalimumab-fkjp" → "adalimumab"
    return next((s for s in stems() if word.endswith(s.stem) and len(word) > len(s.stem) + 2), None)
