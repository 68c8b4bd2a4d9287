"""The EMA row's therapeutic areas (MeSH headings: "Hemophilia A", "Cholestasis", "Dermatitis, Atopic") name
the diseases its uses are for. A use whose condition names none of them ("bleeding" in "bleeding in patients
with haemophilia A") while its own sentence names exactly one says which disease it is in, in the sentence's
own words: "bleeding in haemophilia A". The condition is extended, never replaced."""

from __future__ import annotations

import re

from rxscoop.label.eu_match import spellings, us_spelling
from rxscoop.label.model import Use

_PATIENTS_WITH = re.compile(r"[^.;:]{0,60}?\bpatients\s+(?:with|suffering\s+from)\s+(?:(?:congenital|hereditary|"
                            r"chronic|severe|acquired|or|and)\s+)*", re.I)


def area_terms(therapeutic_area: str | None) -> list[str]:
    """"Dermatitis, Atopic;  Asthma" → ["Atopic Dermatitis", "Asthma"] (MeSH inversions turned round)."""
    out = []
    for term in (therapeutic_area or "").split(";"):
        parts = [p.strip() for p in term.split(",") if p.strip()]
        if parts:
            out.append(" ".join([*parts[1:], parts[0]]) if len(parts) == 2 else " ".join(parts))
    return out


def _word(word: str) -> str:
    """A word of a heading as the text may write it: US or EU spelling, singular or plural."""
    forms = {word.lower(), word.lower().removesuffix("s")}
    for british, american in spellings():
        if american in word.lower():
            forms |= {f.replace(american, british) for f in set(forms)}
    return rf"(?:{'|'.join(map(re.escape, sorted(forms, key=len, reverse=True)))})s?"


def area_pattern(term: str) -> re.Pattern[str]:
    words = re.findall(r"[A-Za-z0-9]+", term)
    # "Niemann-Pick Diseases" is written "Niemann-Pick type-C disease": hyphens, and a type between the words.
    between = r"[\s-]+(?:(?:type|group|class)[\s-]*[A-Za-z0-9]{1,3}[\s-]+)?"
    return re.compile(r"\b" + between.join(_word(w) for w in words) + r"\b", re.I)


def with_area_conditions(uses: list[Use], therapeutic_area: str | None) -> list[Use]:
    patterns = [area_pattern(t) for t in area_terms(therapeutic_area)]
    if not patterns:
        return uses
    for use in uses:
        if any(p.search(use.condition) or p.search(us_spelling(use.condition)) for p in patterns):
            continue
        at = use.sentence.find(use.condition)
        if at < 0:
            continue
        # Only "<condition> … in patients with / suffering from <area>", close after the condition.
        after = use.sentence[at + len(use.condition): at + len(use.condition) + 120]
        lead = _PATIENTS_WITH.match(after)
        if not lead:
            continue
        rest = after[lead.end():]
        found = {m.group(0) for p in patterns for m in [p.match(rest)] if m}
        if len(found) == 1:
            use.condition = f"{use.condition} in {found.pop()}"
    return uses
