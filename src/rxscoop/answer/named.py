"""Questions that name one thing - a side effect ("does dupixent cause pink eye"), a food or drink
("metformin with alcohol"): does the label mention it? Its passages if so; if not, a plain "the sections
rxscoop has do not mention it", which is never presented as proof that it is safe or cannot happen."""

from __future__ import annotations

import re

from rxscoop.answer.citations import cite
from rxscoop.answer.model import Statement
from rxscoop.answer.passages import passages
from rxscoop.label.sections import section_title
from rxscoop.pack.query import Label, Pack
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
    otherwise = "That does not prove it cannot happen; if you notice it, tell your doctor or pharmacist."
    if asked and said != term:
        # The word asked first ("depression"); only then its family ("suicidal"), said to be related.
        word = r"\b" + re.escape(said.removesuffix("s")) + r"s?\b"  # "headaches" finds "headache"
        exact = mentioned(label, pack, said, SIDE_EFFECT_SECTIONS, word, _AS_SIDE_EFFECT, "on side effects",
                          otherwise)
        if exact and exact[0].text.endswith("the label mentions it."):
            return exact
    found = mentioned(label, pack, said, SIDE_EFFECT_SECTIONS, family, _AS_SIDE_EFFECT, "on side effects", otherwise)
    if asked and said != term and found and found[0].text.endswith("the label mentions it."):
        found[0] = found[0].model_copy(update={
            "text": f"You asked about {said}: the label does not use that word, but mentions "
                    f"{_word_in(found[1:], family) or term}, which is related."})
    return found


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


def named_substance(label: Label, pack: Pack, question: str, substance: Substance) -> list[Statement]:
    said = substance.said(question)
    said = said if said == substance.term else f"{said} ({substance.term})"  # "cabbage (vitamin K foods)"
    found = mentioned(label, pack, said, SUBSTANCE_SECTIONS, substance.label_pattern, None,
                      "on interactions, warnings and dosing",
                      "That does not prove the combination is safe; ask your pharmacist before you combine them.")
    if found and said != substance.term and found[0].text.endswith("the label mentions it."):
        named = _word_in(found[1:], substance.label_pattern) or substance.term
        found[0] = found[0].model_copy(update={"text": f"You asked about {said}: the label mentions {named}."})
    return found


def mentioned(label: Label, pack: Pack, said: str, sections: tuple[str, ...], pattern: str,
              first: re.Pattern[str] | None, about: str, otherwise: str) -> list[Statement]:
    have = [s for s in sections if pack.section(label.id, s)]
    if not have:
        return []
    found = passages(label, pack, tuple(have), pattern, limit=6)
    if first:
        found = [s for s in found if first.search(s.text)] or found
    found = found[:2]
    if found:
        return [Statement(text=f"You asked about {said}: the label mentions it.",
                          citations=[c for s in found for c in s.citations]), *found]
    titles = ", ".join(section_title(s) for s in have)
    return [Statement(
        text=f"You asked about {said}: the parts of the label rxscoop has {about} ({titles}) do not mention it. "
             + otherwise,
        citations=[cite(label, have[0], section_title(have[0]))])]
