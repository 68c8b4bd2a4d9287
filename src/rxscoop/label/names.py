"""Drug names as people type them: normalization and the aliases a label is known by."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from importlib import resources

from rxscoop.caches import bytes_lru

_MARKS = re.compile(r"[®™\u00ae\u2122]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_STRENGTH = re.compile(r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|g|ml|%|units?|iu)\b.*$", re.I)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@bytes_lru(8 * 1024 * 1024)  # pure, and called for every name and question word (whole questions too)
def normalize_name(text: str) -> str:
    """Lower-case, accents and marks removed, punctuation to single spaces: "Dupixent®" → "dupixent"."""
    text = unicodedata.normalize("NFKD", _MARKS.sub("", text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", text).strip()


@cache
def name_parts() -> dict[str, str]:
    """Salt and dosage-form words that people leave out when they name a drug (data/name_parts.csv)."""
    text = resources.files("rxscoop.data").joinpath("name_parts.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    if not rows or set(rows[0]) != {"word", "kind", "source"}:
        raise ValueError("name_parts.csv must have the columns word, kind, source")
    return {r["word"].lower(): r["kind"] for r in rows if r["word"] and r["source"]}


def aliases(name: str) -> set[str]:
    """The normalized forms a name may be typed in: whole, without parentheses/strengths, without
    salt and form words ("Metformin Hydrochloride Tablets" → "metformin"), before a hyphen suffix
    ("adalimumab-fkjp" → "adalimumab")."""
    out: set[str] = set()
    whole = normalize_name(name)
    if whole:
        out.add(whole)
    parts = name_parts()
    words = [w for w in _joined_parts(normalize_name(bare_name(name))).split()
             if parts.get(w) not in ("salt", "form")]
    if words:
        out.add(" ".join(words))
    hyphen = re.match(r"^([A-Za-z]{4,})-[a-z]{4}\b", name.strip())
    if hyphen:
        out.add(hyphen.group(1).lower())
    return {a for a in out if len(a) >= 2}


def _joined_parts(normalized: str) -> str:
    """Name parts of two words ("extended-release", normalized to "extended release") joined back into one
    word, so "Pristiq Extended-Release" is known as "pristiq" too."""
    for part, spaced, pattern in _spaced_parts():
        if spaced in normalized:
            normalized = pattern.sub(part, normalized)
    return normalized


@cache
def _spaced_parts() -> list[tuple[str, str, re.Pattern[str]]]:
    """(part, its normalized words, the pattern of them) for the name parts that normalize to several words, in
    the file's order: worked out once, not for every name (a build names each label's names several times)."""
    spaced = [(part, normalize_name(part)) for part in name_parts()]
    return [(part, words, re.compile(rf"\b{re.escape(words)}\b")) for part, words in spaced if " " in words]


def ingredient(generic_name: str) -> str:
    """The shortest form of a generic name: the medicine itself ("adalimumab-aacf" → "adalimumab")."""
    return min(aliases(generic_name), key=len)


def variants(name: str) -> set[str]:
    """The name without its release suffix as well ("Adderall XR" → "adderall"): another product of the
    same medicine, so a weaker match than an alias."""
    parts = name_parts()
    words = [w for w in _joined_parts(normalize_name(bare_name(name))).split() if w not in parts]
    short = " ".join(words)
    return {short} - aliases(name) if len(short) >= 2 else set()


def bare_name(name: str) -> str:
    """The name without parenthesised parts and strengths: "Adderall XR 30mg" → "Adderall XR"."""
    return _STRENGTH.sub("", _PARENS.sub(" ", name)).strip()
