"""Is a phrase a class of medicine? The label reader takes "X is a <class> indicated for …" as the drug's
class only when the phrase is a known class name (data/class_names.txt) or ends in a class noun
(data/class_heads.txt): "kinase inhibitor" yes, "ineffective and not" or "specifically" no."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def _lines(name: str) -> set[str]:
    text = resources.files("rxscoop.data").joinpath(name).read_text(encoding="utf-8")
    return {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


@cache
def class_names() -> frozenset[str]:
    return frozenset(class_key(name) for name in _lines("class_names.txt"))


@cache
def class_heads() -> frozenset[str]:
    return frozenset(_lines("class_heads.txt"))


# class_key's rewrites, in order (compiled once: class_key runs some 20,000 times a build).
_CLASS_KEY_STEPS = tuple((re.compile(pattern), replacement) for pattern, replacement in (
    (r"\s*\[(?:epc|moa|pe|cs)\]", ""),
    (r"\s*\([^)]{1,20}\)", ""),
    (r"\s*([-/])\s*", r"\1"),
    (r"\b(alpha|beta)\s+(\d)\b", r"\1\2"),
    (r"\b(\w+) (\d)-", r"\1\2-"),  # "beta 2-adrenergic", "p2y 12"
    (r"\s+", " "),
))
_SPACE_OR_HYPHEN = re.compile(r"[\s-]")


def class_key(text: str) -> str:
    """One spelling of a class name: lower-case, no "[EPC]" tag, no bracketed abbreviation ("(PPI)"),
    "beta 2 -adrenergic" as "beta2-adrenergic", single spaces."""
    key = text.lower()
    for pattern, replacement in _CLASS_KEY_STEPS:
        key = pattern.sub(replacement, key)
    return key.strip(" ,.")


def is_class(phrase: str) -> bool:
    key = class_key(phrase)
    if not key or len(key.split()) > 12:
        return False
    if key in class_names():
        return True
    last = _SPACE_OR_HYPHEN.split(key)[-1]
    return last in class_heads()
