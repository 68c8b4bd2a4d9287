"""How a class of medicine works, in plain words with a picture (data/mechanisms.csv), and what a drug's
name stem says about it (data/stems.csv: "-mab" is a monoclonal antibody, "-pril" an ACE inhibitor).

A mechanism is found by the exact name of a class (an FDA Established Pharmacologic Class, or the class
as a label writes it), never by resemblance: "antidiuretic" is not a "diuretic"."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rxscoop.plain.classes import class_key


@dataclass(frozen=True)
class Mechanism:
    classes: frozenset[str]
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
    rows = _rows("mechanisms.csv", ("classes", "name", "action", "picture", "source"))
    return [Mechanism(frozenset(class_key(c) for c in r["classes"].split("|")), r["name"], r["action"],
                      r["picture"], r["source"]) for r in rows]


@cache
def _by_class() -> dict[str, Mechanism]:
    return {key: mechanism for mechanism in mechanisms() for key in mechanism.classes}


@cache
def stems() -> list[Stem]:
    rows = _rows("stems.csv", ("stem", "kind", "class", "source"))
    # Longest stem first: "citinib" (JAK inhibitor) before "tinib".
    return sorted((Stem(r["stem"], r["kind"], r["class"], r["source"]) for r in rows),
                  key=lambda s: -len(s.stem))


def mechanism_for(*class_names: str | None) -> Mechanism | None:
    """The mechanism of the first class name that data/mechanisms.csv lists exactly."""
    table = _by_class()
    for name in class_names:
        if name and class_key(name) in table:
            return table[class_key(name)]
    return None


def stem_for(generic_name: str | None) -> Stem | None:
    """The USAN stem a generic name ends in ("dupilumab" → -mab), ignoring biosimilar suffixes."""
    if not generic_name:
        return None
    word = re.split(r"[\s(]", generic_name.strip().lower())[0]
    word = re.sub(r"-[a-z]{4}$", "", word)  # "adalimumab-fkjp" → "adalimumab"
    return next((s for s in stems() if word.endswith(s.stem) and len(word) > len(s.stem) + 2), None)
