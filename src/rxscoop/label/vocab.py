"""Condition codes: the UMLS, SNOMED CT and Disease Ontology codes of a use's condition, from a condition
vocabulary (data/condition_codes.tsv, DrugCentral's indication names). The label's own words stay the
condition; the code is how a program can tell two wordings of one condition apart."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from pydantic import BaseModel


class Codes(BaseModel):
    name: str  # the vocabulary's name for the condition
    umls: str | None = None
    snomed_ct: str | None = None
    doid: str | None = None


def _key(text: str) -> str:
    text = _BRACKETED.sub(" ", text.lower())
    return _NOT_KEY_CHARS.sub(" ", text).strip()


_BRACKETED = re.compile(r"\([^)]*\)")
_NOT_KEY_CHARS = re.compile(r"[^a-z0-9]+")


@cache
def _vocabulary() -> dict[str, Codes]:
    text = resources.files("rxscoop.data").joinpath("condition_codes.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return {_key(r["name"]): Codes(name=r["name"], umls=r["umls"] or None, snomed_ct=r["snomed_ct"] or None,
                                   doid=r["doid"] or None)
            for r in csv.DictReader(lines, delimiter="\t")}


@cache
def _longest_first() -> list[str]:
    return sorted((k for k in _vocabulary() if len(k) >= 6), key=len, reverse=True)


@cache
def _rank() -> dict[str, int]:
    """Each name of _longest_first by its place there."""
    return {name: at for at, name in enumerate(_longest_first())}


def _first_named(key: str, words: int = 1) -> str | None:
    """The first name of _longest_first (of `words` words or more) that the key holds as whole words. A name
    is " "-joined words, as the key is, so " name " is in " key " exactly when the name is a run of the key's
    words: the key's runs are looked up, not every name of the vocabulary searched for."""
    rank = _rank()
    parts = key.split(" ")
    runs = (" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + words, len(parts) + 1))
    return min((run for run in runs if run in rank), key=rank.__getitem__, default=None)


def codes_for(condition: str) -> Codes | None:
    """The vocabulary entry the condition is, or the longest one it names as whole words ("moderately to
    severely active Crohn's disease" → Crohn's disease)."""
    key = _key(condition)
    if not key:
        return None
    vocabulary = _vocabulary()
    if key in vocabulary:
        return vocabulary[key]
    name = _first_named(key)
    return vocabulary[name] if name else None


def is_vocabulary_name(text: str) -> bool:
    """The text is, word for word, a condition name of the vocabulary ("anorexia", "nausea and vomiting")."""
    return _key(text) in _vocabulary()


def vocabulary_name_in(text: str) -> str | None:
    """The longest condition name of two words or more that the text holds, in the text's own words."""
    name = _first_named(_key(text), words=2)
    if not name:
        return None
    pattern = r"[^a-z0-9]+".join(re.escape(w) for w in name.split())
    found = re.search(rf"\b{pattern}\b", text, re.I)
    return found.group(0) if found else None


@cache
def vocabulary_words() -> frozenset[str]:
    """Every word of five letters or more in the vocabulary's condition names ("erythematosus", "dermatomyositis")."""
    return frozenset(w for name in _vocabulary() for w in name.split() if len(w) >= 5 and w.isalpha())


def glued_names(word: str) -> tuple[str, str] | None:
    """Two condition words the flattening ran together ("erythematosusdermatomyositis" → "erythematosus",
    "dermatomyositis"): the word is none of the vocabulary's and splits into two that are, of six letters or
    more each; None otherwise."""
    lower = word.lower()
    words = vocabulary_words()
    if len(lower) < 10 or lower in words or not lower.isalpha():
        return None
    for at in range(6, len(lower) - 5):
        # A left part in "-o" is a combining form ("gastro|intestinal", "neuro|endocrine"), not a word of its own.
        if lower[:at] in words and lower[at:] in words and not lower[:at].endswith("o"):
            return word[:at], word[at:]
    return None
