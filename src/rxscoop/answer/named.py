"""Questions that name one thing - a side effect ("does dupixent cause pink eye"), a food or drink
("metformin with alcohol"): does the label mention it? Its passages if so; if not, a plain "the sections
rxscoop has do not mention it", which is never presented as proof that it is safe or cannot happen."""

from __future__ import annotations

import re

from rxscoop.answer.citations import cite
from rxscoop.answer.model import Statement
from rxscoop.answer.passages import passages
from rxscoop.label.model import Label
from rxscoop.label.sections import section_title
from rxscoop.pack.query import Pack
from rxscoop.question.focus import Substance
from rxscoop.reviews.features import effect_pattern

SIDE_EFFECT_SECTIONS = ("boxed_warning", "warnings_and_cautions", "warnings", "adverse_reactions")
SUBSTANCE_SECTIONS = ("drug_interactions", "boxed_warning", "warnings_and_cautions", "warnings", "precautions",
                      "dosage_and_administration", "information_for_patients", "patient_counseling_information")

_VERBS = {"gain", "gaining", "gained", "lost", "losing", "put", "can't", "couldn't", "trouble", "broke", "sick"}
_AS_SIDE_EFFECT = re.compile(r"adverse|reaction|side effect|reported|occurred|incidence|most common|may cause", re.I)


def named_side_effect(label: Label, pack: Pack, question: str, term: str) -> list[Statement]:
    family = effect_pattern(term)
    asked = re.search(family, question, re.I)
    said = asked.group(0).lower() if asked else term
    if said.split()[0] in _VERBS:  # "gain weight" reads better as the term, "weight gain"
        said = term
    if asked and said != term:
        # The word asked first ("depression"); only then its family ("suicidal"), said to be related.
        word = r"\b" + re.escape(said.removesuffix("s")) + r"s?\b"  # "headaches" finds "headache"
        exact = _found(label, pack, SIDE_EFFECT_SECTIONS, word, _AS_SIDE_EFFECT)
        if exact:
            return [_mentions(f"You asked about {said}: the label mentions it.", exact), *exact]
    found = _found(label, pack, SIDE_EFFECT_SECTIONS, family, _AS_SIDE_EFFECT)
    if not found:
        return _silent(label, pack, SIDE_EFFECT_SECTIONS, said, "on side effects",
                       "That does not prove it cannot happen; if you notice it, tell your doctor or pharmacist.")
    text = (f"You asked about {said}: the label does not use that word, but mentions "
            f"{_word_in(found, family) or term}, which is related." if asked and said != term
            else f"You asked about {said}: the label mentions it.")
    return [_mentions(text, found), *found]


def named_substance(label: Label, pack: Pack, question: str, substance: Substance) -> list[Statement]:
    said = substance.said(question)
    found = _found(label, pack, SUBSTANCE_SECTIONS, substance.label_pattern, None)
    if said != substance.term:
        said = f"{said} ({substance.term})"  # "cabbage (vitamin K foods)"
    if not found:
        return _silent(label, pack, SUBSTANCE_SECTIONS, said, "on interactions, warnings and dosing",
                       "That does not prove the combination is safe; ask your pharmacist before you combine them.")
    named = "it" if said == substance.term else _word_in(found, substance.label_pattern) or substance.term
    return [_mentions(f"You asked about {said}: the label mentions {named}.", found), *found]


def _found(label: Label, pack: Pack, sections: tuple[str, ...], pattern: str,
           first: re.Pattern[str] | None) -> list[Statement]:
    """Up to two passages that mention it; with `first`, those that speak of it that way come first."""
    found = passages(label, pack, sections, pattern, limit=6)
    if first:
        found = [s for s in found if first.search(s.text)] or found
    return found[:2]


def _mentions(text: str, found: list[Statement]) -> Statement:
    return Statement(text=text, citations=[c for s in found for c in s.citations])


def _silent(label: Label, pack: Pack, sections: tuple[str, ...], said: str, about: str,
            otherwise: str) -> list[Statement]:
    """The label's sections that could have said it do not; nothing at all when it has none of them."""
    have = [s for s in sections if pack.section(label.id, s)]
    if not have:
        return []
    titles = ", ".join(section_title(s) for s in have)
    return [Statement(
        text=f"You asked about {said}: the parts of the label rxscoop has {about} ({titles}) do not mention it. "
             + otherwise,
        citations=[cite(label, have[0], section_title(have[0]))])]


def _word_in(statements: list[Statement], pattern: str) -> str | None:
    """The word of the quoted passages that the pattern found ("conjunctivitis" for pink eye)."""
    for statement in statements:
        hit = re.search(pattern, statement.text, re.I)
        if hit:
            word = hit.group(0)
            # "vitamin K" and "THC" keep their capitals; "Conjunctivitis" and "ALCOHOL" are lower-cased.
            keep = (word.isupper() and len(word) <= 5) or (not word.isupper() and any(c.isupper() for c in word[1:]))
            return word if keep else word.lower()
    return None
