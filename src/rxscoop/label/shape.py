"""Shape checks on a use's condition: does it read as the name of a condition, or as a list marker, a
sentence, a heading, a clause cut from a sentence? The reader repairs or drops a use that fails; `rxscoop
audit` counts what is left."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from rxscoop.data import alternation
from rxscoop.label.starts import quick_start
from rxscoop.plain.classes import is_class

MAX_CONDITION_WORDS = 12
_MARKER = re.compile(r"(?:^|\s)(?:[•●▪◦∘–-]|o|\d\)|[a-z]\))(?:\s|$)|^[.,;:)\]]|[:•●▪◦∘]\s*$")
# ("established" only as a verb: "safety … has not been established", never "established atherosclerotic
# cardiovascular disease")
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|should|may|must|can|will|indicated|"
                   r"(?:been|be|not)\s+established|approved|recommended|studied|used)\b", re.I)
# A clause that continues the item before it: "have previously received …", "who …", "in combination with …".
_CONTINUES = re.compile(
    r"^(?:have|has|are|is|were|who|whose|which|that|and|or|but|with|without|in combination|add-on to|"
    r"use (?:with|in combination with)|as (?:a|an) "
    r"(?:single|adjunct)|as monotherapy|following|after|prior|"
    r"previously\s+(?:received|been|had|undergone|treated\s+with)|including|such as|if|when)\b",
    re.I)
# Who, not what: "Postmenopausal Women", "Adult Patients", "Kidney Transplant Recipients"
# (data/population_heading_words.txt).
_POPULATION_ONLY = re.compile(rf"^(?:(?:{alternation('population_heading_words.txt')})\s*)+$", re.I)
# Who by body size, not what: "body weight at least 13 kg", "weighing 40 kg or more" (never "weight loss").
_BODY_SIZE = re.compile(r"^(?:an?\s+)?(?:(?:body\s+)?weight|weighing|body\s+surface\s+area)\b"
                        r"(?!\s+(?:loss|gain|management|reduction|control)\b)", re.I)  # ("weight loss" is a use)
_TABLE = re.compile(r"\bTable\s+\d+\b|(?:\d+(?:\.\d+)?\s*%?\s+){4,}")


@cache
def not_conditions() -> frozenset[str]:
    text = resources.files("rxscoop.data").joinpath("not_conditions.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def qualifiers() -> frozenset[str]:
    text = resources.files("rxscoop.data").joinpath("condition_qualifiers.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def continues(text: str) -> bool:
    """The text is a clause that belongs to the item before it, not a use of its own."""
    return bool(_CONTINUES.match(text.strip()))


def is_table_text(text: str) -> bool:
    """Table cells run into prose: "Table 13: Efficacy Results …", rows of numbers."""
    return bool(_TABLE.search(text))


@cache
def condition_heads() -> re.Pattern[str]:
    text = resources.files("rxscoop.data").joinpath("condition_heads.txt").read_text(encoding="utf-8")
    words = sorted({w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}, key=len,
                   reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.I)


def condition_problem(condition: str, names: re.Pattern[str] | None = None) -> str | None:
    """Why this is not the name of a condition (a short kind: "empty", "list marker", "sentence",
    "heading", "too long", "fragment", "table text"), or None when it reads as one."""
    text = condition.strip()
    words = text.split()
    if not words or not _THREE_LETTERS.search(text):
        return "empty"
    # ("human immunodeficiency virus 1 (HIV 1) infection": a number closing a bracket is no "1)" marker.)
    if _MARKER.search(_BRACKETS.sub("", text)) or text.endswith((" o", " •")) or _LEAD_IN.search(text):
        return "list marker"  # a marker, or a list's lead-in left in ("adults with: Primary …")
    if text.lower().strip(" .:") in not_conditions() or _POPULATION_ONLY.match(text) or _BODY_SIZE.match(text):
        return "heading"
    if all(w in qualifiers() for w in text.lower().replace(",", " ").split()):
        return "fragment"  # "Chronic phase", "Relapsed or refractory": a qualifier cut from its condition
    if is_table_text(text):
        return "table text"
    # A medicine or its class is what a use is given with, never what it treats: "a PPARγ agonist", "insulin".
    bare = _ARTICLE.sub("", text)
    named_only = len(bare.split()) <= 5 and not _LINK_WORD.search(bare)
    if named_only and (is_class(bare) or (bare != text and not condition_heads().search(bare))):
        return "medicine, not condition"
    if continues(text):
        return "fragment"
    if (names and names.search(text)) or _VERB.search(text):
        return "sentence"
    # An abbreviation in brackets is no word of the name: "… acute myeloid leukemia (AML) with an … (IDH2) mutation"
    if len(_ABBREVIATION.sub("", text).split()) > MAX_CONDITION_WORDS:
        return "too long"
    if _CUT_OFF.search(text):
        return "fragment"
    return None


# condition_problem's patterns, compiled once (it runs some 4,000 times a build).
_THREE_LETTERS = re.compile(r"[A-Za-z]{3}")
_BRACKETS = re.compile(r"\([^()]*\)")
_LEAD_IN = re.compile(r"\w:\s")
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.I)
_LINK_WORD = re.compile(r"\b(?:of|on|for|due|to|with|in|against)\b", re.I)
_ABBREVIATION = re.compile(r"\s*\([^()\s]{1,12}\)")
_CUT_OFF = re.compile(r"(?:…|\s(?:of|for|with|and|or|to|in|the))$", re.I)

# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_VERB = quick_start(_VERB)
