"""Conditions listed in one EU statement, each with its own abbreviation: "… paediatric patients with previously
untreated advanced stage CD20 positive diffuse large B-cell lymphoma (DLBCL), Burkitt lymphoma (BL)/Burkitt
leukaemia (BAL) or Burkitt-like lymphoma (BLL)". The reader names the first; each further item of such a list
is a use of its own, for the same people. Only comma-separated items that each end in an abbreviation and
each name a condition noun count: "A and B" stays one use, as the US reader keeps coordinated conditions."""

from __future__ import annotations

import re

from rxscoop.label.eu_match import same_condition, us_spelling
from rxscoop.label.facts import population_of
from rxscoop.label.model import Use
from rxscoop.label.shape import condition_heads, condition_problem
from rxscoop.label.text import split_outside_brackets

_ABBR = re.compile(r"\s*\((?:[A-Z][A-Za-z0-9+/-]{0,11})\)\s*$")
_CLAUSE = re.compile(r"\bwith\s+(.+?)(?=[.;:]\s|[.;:]$|\s+(?:who|whose|that|which|after|following|as part)\b|$)")
_PAREN = re.compile(r"\s*\([^()]*\)")


def _split(clause: str) -> list[str]:
    """The clause cut at commas outside brackets."""
    return [re.sub(r"^(?:or|and)\s+", "", i) for i in split_outside_brackets(clause, ",")]


def listed_items(text: str) -> list[str]:
    """The conditions after "with" in a list whose every item ends in its abbreviation (first item included)."""
    for match in _CLAUSE.finditer(text):
        items = _split(match.group(1))
        if len(items) >= 2 and all(_ABBR.search(i) and condition_heads().search(us_spelling(i)) for i in items):
            return [_PAREN.sub("", i).strip() for i in items]
    return []


def with_listed_conditions(uses: list[Use]) -> list[Use]:
    """The uses, and one more for each listed condition no use names yet (after the use it was listed in)."""
    out = list(uses)
    for use in uses:
        for text in [use.sentence, *use.also]:
            for item in listed_items(text)[1:]:
                new = Use(condition=item, population=population_of(text), heading=None, sentence=text,
                          role=use.role, severity=None)
                if condition_problem(item) or len(item.split()) > 12 or any(same_condition(new, u) for u in out):
                    continue
                out.insert(out.index(use) + 1, new)
    return out
