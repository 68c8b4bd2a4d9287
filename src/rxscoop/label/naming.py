"""Whether a phrase names a condition: a condition noun (data/condition_heads.txt), a name the lexicon knows, a
name of the condition vocabulary, or a disease by its ending ("fusariosis", "keratitis"), in US or EU spelling.
One test for every reader that must tell a condition from who, what is done or how ("For patients with type 2
diabetes mellitus:" names one; "Add-on therapy" does not)."""

from __future__ import annotations

import re

from rxscoop.label.eu_match import us_spelling
from rxscoop.label.shape import condition_heads
from rxscoop.label.vocab import is_vocabulary_name, vocabulary_name_in
from rxscoop.plain.lexicon import lexicon

# A disease by its ending, never "diagnosis" or "prognosis".
DISEASE_WORD = re.compile(r"\b(?!(?:diagnosis|prognosis)\b)[a-z]{2,}(?:osis|iasis|itis)\b", re.I)
# Condition nouns too vague to name one alone: "symptoms in chronic obstructive …", "conditions".
_VAGUE_HEADS = frozenset(("symptoms", "conditions", "condition"))


def names_a_condition(text: str, *, vague: bool = True, endings: bool = True) -> bool:
    """The text holds a condition: `vague=False` does not count "symptoms"/"conditions" alone as one, and
    `endings=False` does not count a word by its "-osis/-iasis/-itis" ending."""
    us = us_spelling(text)  # (lower-cased: every test below ignores case)
    head = condition_heads().search(us)
    if head and (vague or head.group(0).lower() not in _VAGUE_HEADS):
        return True
    return bool(lexicon().find_conditions(us) or vocabulary_name_in(us) or is_vocabulary_name(us)
                or (endings and DISEASE_WORD.search(us)))
