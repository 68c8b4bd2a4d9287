"""The same medicine and the same use across regions.

Medicines match by active substance: the EMA writes "asenapine (as maleate)" or "cobicistat, atazanavir",
US labels "ASENAPINE MALEATE" or "atazanavir and cobicistat"; each becomes the sorted set of its
ingredients' shortest names (the US ingredient logic of label/names.py), so salts, case and order do not
matter and several EU products of one substance (biosimilars, generics) share one key.

Uses match by condition: the keys the US reader uses for "the same condition" (label/facts.py), after EU
spellings become US ones (data/eu_spellings.csv), or a shared abbreviation ("(CRSwNP)")."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from rxscoop.label.facts import condition_keys
from rxscoop.label.model import Use
from rxscoop.label.names import aliases, ingredient, normalize_name
from rxscoop.label.vocab import vocabulary_name_in

_PARTS = re.compile(r",|;|/|\+|\band\b|\bwith\b", re.I)
_STAGES = frozenset({"early", "metastatic", "advanced", "localised", "localized"})
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,10})\)")


def substance_key(substance: str | None) -> str | None:
    """"cobicistat, atazanavir" and "ATAZANAVIR AND COBICISTAT" → "atazanavir + cobicistat"."""
    if not substance:
        return None
    pieces = [p.strip() for p in _PARTS.split(re.sub(r"\([^)]*\)", " ", substance))]
    parts = {ingredient(p) for p in pieces if aliases(p)}
    return " + ".join(sorted(parts)) if parts else None


def name_key(name: str) -> str:
    return normalize_name(name)


@cache
def spellings() -> tuple[tuple[str, str], ...]:
    """British → American spellings (data/eu_spellings.csv), longest first."""
    text = resources.files("rxscoop.data").joinpath("eu_spellings.csv").read_text(encoding="utf-8")
    rows = [(r["british"], r["american"]) for r in csv.DictReader(text.splitlines()) if r["british"] and r["source"]]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def us_spelling(text: str) -> str:
    out = text.lower()
    for british, american in spellings():
        out = out.replace(british, american)
    return out


def use_keys(use: Use) -> set[str]:
    """Keys of a use's condition, in US spelling, and its abbreviations."""
    keys = {k for k in condition_keys(us_spelling(use.condition)) if k}
    keys |= {f"abbr:{m.group(1).lower()}" for m in _ABBREVIATION.finditer(f"{use.condition} {use.heading or ''}")}
    return keys


def same_condition(a: Use, b: Use) -> bool:
    ka, kb = use_keys(a), use_keys(b)
    if ka & kb:
        return True
    # Early and spread disease are two uses, though the keys drop how far a disease has spread.
    stages = set(re.findall(r"[a-z]+", a.condition.lower())) ^ set(re.findall(r"[a-z]+", b.condition.lower()))
    if stages & _STAGES:
        return False
    # One name inside the other, word for word ("asthma" in "severe asthma type 2 inflammation"), and its own name
    # inside the other's own name: what a condition is tied to names no use of it ("complications due to replication
    # of vaccinia virus following vaccination against smallpox" is no smallpox use).
    words_a = [k for k in ka if not k.startswith("abbr:")]
    words_b = [k for k in kb if not k.startswith("abbr:")]
    return any(_inside(x, y) or _inside(y, x) for x in words_a for y in words_b if min(len(x), len(y)) >= 5)


_TIED_TO = re.compile(r"\s+(?:in|against|associated with|due to|caused by|secondary to|following|after)\s+")


def _inside(x: str, y: str) -> bool:
    """x is in y word for word, and so is its own name in y's (or y's in its)."""
    own_x, own_y = _TIED_TO.split(x)[0], _TIED_TO.split(y)[0]
    return bool(re.search(rf"\b{re.escape(x)}\b", y) and (re.search(rf"\b{re.escape(own_x)}\b", own_y)
                                                          or re.search(rf"\b{re.escape(own_y)}\b", own_x)))


_NOT_CONTENT = frozenset({"and", "or", "of", "the", "in", "with", "for", "to", "associated", "due", "patients",
                          "adults", "adult", "children", "acute", "chronic", "treatment", "prevention", "disease",
                          "induced", "related"})


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", us_spelling(text)) if w not in _NOT_CONTENT}


def loosely_same(us: str, eu: str) -> int:
    """How many words a US and an EU condition share (0 when they are not the same condition): a second chance for
    names the keys miss, taken only when the condition vocabulary's names of the two nest word for word
    ("chemotherapy-induced nausea and vomiting" and "nausea and vomiting associated with … cancer chemotherapy").
    The caller pairs the closest first, so "postoperative nausea and vomiting" does not take the chemotherapy use."""
    a, b = vocabulary_name_in(us_spelling(us)), vocabulary_name_in(us_spelling(eu))
    if not a or not b:
        return 0
    a, b = a.lower(), b.lower()
    if not (re.search(rf"\b{re.escape(a)}\b", b) or re.search(rf"\b{re.escape(b)}\b", a)):
        return 0
    # Every word of one name is in the other: "head and neck" against "oesophageal" squamous cell carcinoma, "non-small"
    # against "small" cell lung cancer, "resectable" against "metastatic" are other conditions.
    x, y = _content_words(us), _content_words(eu)
    return len(x & y) if x <= y or y <= x else 0
