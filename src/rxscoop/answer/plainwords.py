"""Small helpers that put label facts into everyday words (ages, who a use is for, lists)."""

from __future__ import annotations

import re

from rxscoop.label.model import Population


def age_text(years: float) -> str:
    if years < 1:
        months = round(years * 12)
        return f"{months} month{'s' * (months != 1)}"
    whole = round(years)
    return f"{whole} year{'s' * (whole != 1)}"


def who_text(p: Population) -> str | None:
    """"adults and children 6 months and older", "adults", "children 2 to 17 years", or None."""
    weight = f", weighing at least {p.min_weight_kg:g} kg" if p.min_weight_kg else ""
    low = p.min_age_years
    if low == 0:  # children named with no age: from birth
        return ("adults and children" if p.adults else "children") + weight
    if low is not None and low >= 18:
        return "adults" + weight
    if low is not None and p.max_age_years is not None:
        return f"children {age_text(low)} to {age_text(p.max_age_years)} old{weight}"
    if low is not None:
        # "pediatric patients 1 year and older" are children only: never offered to adults.
        group = "adults and children" if p.adults else "children" if (p.children or low < 18) else "people"
        return f"{group} {age_text(low)} and older{weight}"
    if p.adults and p.children:
        return "adults and children" + weight
    if p.adults:
        return "adults" + weight
    if p.children:
        return "children" + weight
    return None


def join_words(items: list[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def one_in(threshold: str | None) -> str:
    """"≥1%" → "1 in 100"; "≥2%" → "1 in 50"; "≥5.0%" → "1 in 20"."""
    if not threshold:
        return ""
    value = float(threshold.strip("≥>=% "))
    if value <= 0:
        return threshold
    return f"1 in {round(100 / value):,}"


def article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def in_running_text(name: str) -> str:
    """A condition's name inside a sentence: heading capitals lowered, abbreviations and names kept ("Relapsed
    sALCL or CD30-Expressing PTCL" → "relapsed sALCL or CD30-expressing PTCL"; "Crohn's Disease" → "Crohn's
    disease"). A word is lowered only when it is a capital and lower-case letters (and hyphens) after it."""
    def low(match: re.Match[str]) -> str:
        word = match.group(0)
        if "'" in word or "’" in word:  # a name: "Crohn's", "Waldenström's"
            return word
        return "-".join(part.lower() if re.fullmatch(r"[A-Z][a-z]+|[a-z]+", part) else part for part in word.split("-"))
    return re.sub(r"[A-Za-z][\w'’-]*", low, name)
