"""How names and dates are shown to a reader (the answer model keeps the label's own words)."""

from __future__ import annotations

import re

_SMALL = {"with", "and", "or", "of", "in", "the", "for", "to", "due", "without", "a", "an", "on", "at", "by"}


def sentence_case(text: str) -> str:
    """A heading-style condition ("Chronic Rhinosinusitis with Nasal Polyps") in sentence case ("Chronic
    rhinosinusitis with nasal polyps"). Only when every main word is capitalized; abbreviations ("COPD"),
    names with an apostrophe ("Crohn's") and the first word keep their capitals."""
    words = text.split()
    main = [w for w in words if w.lower() not in _SMALL]
    if len(words) < 2 or not all(w.lstrip("(")[:1].isupper() for w in main):
        return text

    def low(i: int, word: str) -> str:
        if i == 0 or "'" in word or "’" in word or not re.fullmatch(r"[A-Z][a-z-]+[,;:]?", word):
            return word
        return word.lower()

    return " ".join(low(i, w) for i, w in enumerate(words))


def shown_date(value: str | None) -> str:
    """20240618 → 2024-06-18; other forms as given."""
    if value and len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value or ""
