"""Whose dose is this? Dosing sections also dose other medicines given alongside (premedication, the partner
drug of a combination): "Administer dexamethasone 4 mg orally twice daily …", "When administered with PERJETA,
the recommended dose of trastuzumab … subcutaneously". A schedule or route is read only from text about the
drug itself."""

from __future__ import annotations

import re
from functools import lru_cache

from rxscoop.data import word_set
from rxscoop.label.starts import quick_start

_AMOUNT = re.compile(r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|µg|g|mL|units?|IU|mg/kg|mcg/kg|mg/m\s?2)\b", re.I)
# Words that may stand right before a dose of the drug itself ("is 500 mg", "dose of 40 mg", "take 2 mg"):
# data/own_dose_words.txt.
_BEFORE_OWN_AMOUNT = word_set("own_dose_words.txt")
PARTNER = re.compile(r"\b(?:premedicat\w*|pre-?treat\w*|antiemetic\w*|prophylaxis with|supplementation)\b", re.I)


def _name_words(names: list[str] | tuple[str, ...]) -> frozenset[str]:
    return _name_words_of(tuple(names))


@lru_cache(maxsize=256)  # a label's names are asked about for every sentence of its dosing section
def _name_words_of(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for n in names for w in re.findall(r"[A-Za-z][A-Za-z-]{3,}", n))


@lru_cache(maxsize=256)
def _partner_patterns(own: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"… with X" and "recommended dose of <not X>", for the drug's own name words (compiled once per label,
    not once per sentence). Only whether they match is used, so the order of the alternatives does not matter."""
    alternatives = "|".join(map(re.escape, own))
    return (re.compile(r"\b(?:with|after|before|prior to)\s+(?:the\s+)?(?:" + alternatives + r")\b", re.I),
            re.compile(r"\brecommended\s+(?:\w+\s+)?dose\s+of\s+(?!" + alternatives + r")\w", re.I))


# What _partner_patterns' patterns match before the drug's name words: a match of each starts with a match of these.
_WITH_ANY = re.compile(r"\b(?:with|after|before|prior to)\s+", re.I)
_DOSE_OF_ANY = re.compile(r"\brecommended\s+(?:\w+\s+)?dose\s+of\s+", re.I)


def about_other_drug(text: str, names: list[str] | tuple[str, ...]) -> bool:
    """The text doses or routes another medicine: a premedication, a dose whose amount follows another
    drug's name, or a sentence that gives the drug itself only as a partner ("when administered with X")."""
    if PARTNER.search(text):
        return True
    own = _name_words(names)
    # The name-free parts of the two patterns first: where either is missing, neither pattern (compiled for
    # each label) needs making or trying.
    if own and _WITH_ANY.search(text) and _DOSE_OF_ANY.search(text):
        with_own, dose_of_other = _partner_patterns(own)
        if with_own.search(text) and dose_of_other.search(text):
            return True
    if own:
        # "When FASLODEX is used in combination with palbociclib, the recommended dose of palbociclib is …"
        named = _DOSE_OF_NAMED.search(text)
        if named and named.group(1).lower() not in own and named.group(1).lower() not in _NOT_A_NAME:
            return True
    amount = _AMOUNT.search(text)
    return amount is not None and bool(own) and _owner_is_other(text[: amount.start()], own)


# "the recommended dose of <name>": whose dose a sentence gives, when a name follows.
_DOSE_OF_NAMED = re.compile(r"\brecommended\s+(?:\w+\s+)?(?:dose|dosage)\s+of\s+([A-Za-z][\w-]{3,})", re.I)
# Words after "recommended dose of" that name no other medicine ("this", "oral", "tablets"): data/not_drug_names.txt.
_NOT_A_NAME = word_set("not_drug_names.txt")


def _owner_is_other(before: str, own: frozenset[str]) -> bool:
    """The word that owns a dose: the last word before its amount, past brackets and numbers ("ibuprofen (5 to
    10 mg/kg)", "axitinib 5 mg"). Another drug's name owns it when it is neither this drug nor a dosing word."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", before)]
    while words and words[-1] in {"to", "mg", "kg", "mcg", "ml", "or", "and"}:
        words.pop()
    word = words[-1] if words else ""
    return bool(word) and word not in _BEFORE_OWN_AMOUNT and word not in own


def dose_of_other_drug(text: str, at: int, names: list[str] | tuple[str, ...]) -> bool:
    """The words at position `at` (a frequency, a route) belong to a dose of another medicine: the nearest
    amount before them is owned by another drug's name ("… in combination with axitinib 5 mg orally …")."""
    own = _name_words(names)
    amounts = [m for m in _AMOUNT.finditer(text[:at])]
    return bool(own) and bool(amounts) and _owner_is_other(text[: amounts[-1].start()], own)


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
PARTNER = quick_start(PARTNER)
_DOSE_OF_ANY = quick_start(_DOSE_OF_ANY)
_DOSE_OF_NAMED = quick_start(_DOSE_OF_NAMED)
