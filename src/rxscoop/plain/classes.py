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


def class_key(text: str) -> str:
    """One spelling of a class name: lower-case, no "[EPC]" tag, no bracketed abbreviation ("(PPI)"),
    "beta 2 -adrenergic" as "beta2-adrenergic", single spaces."""
    key = text.lower()
    key = re.sub(r"\s*\[(?:epc|moa|pe|cs)\]", "", key)
    key = re.sub(r"\s*\([^)]{1,20}\)", "", key)
    key = re.sub(r"\s*([-/])\s*", r"\1", key)
    key = re.sub(r"\b(alpha|beta)\s+(\d)\b", r"\1\2", key)
    key = re.sub(r"\b(\w+) (\d)-", r"\1\2-", key)  # "beta 2-adrenergic", "p2y 12"
    return re.sub(r"\s+", " ", key).strip(" ,.")


def is_class(phrase: str) -> bool:
    key = class_key(phrase)
    if not key or len(key.split()) > 12:
        return False
    if key in class_names():
        return True
    last = re.split(r"[\s-]", key)[-1]
    return last in class_heads()
