"""Older antibiotic labels list their uses by germ, each with the infection it causes in brackets: "…
infections caused by susceptible strains of microorganisms in the specific conditions listed below: …
Yersinia pestis (plague), Francisella tularensis (tularemia), Brucella, … E.coli, Proteus, and Enterococcus
faecalis in urinary tract infections, …". Each infection is a use; germs listed before "in <infection>"
share it."""

from __future__ import annotations

import re

from rxscoop.data import alternation
from rxscoop.label.starts import quick_start
from rxscoop.label.text import sentences, split_outside_brackets

# The lead-in that makes a germ list a list of uses (not a susceptibility table in prose).
_LEAD = re.compile(r"\b(?:caused by|due to)\s+susceptib\w*\s+(?:strains|isolates)\s+of\s+(?:the\s+)?"
                   r"(?:designated\s+)?micro-?organisms\b", re.I)
# A germ's name: a genus ("Brucella", "E.coli", "K. pneumoniae", "Streptococcus viridans", "Gram-negative …").
_GERM = re.compile(r"^(?:and\s+)?(?P<germ>(?:[A-Z][a-z]*\.\s?|[A-Z][a-z]+\s+)?[A-Za-z][a-z.-]+(?:\s+[a-z]+)?)$")
_BRACKET = re.compile(r"^(?P<before>[^()]*?)\s*\((?P<inside>[^()]*)\)\s*$")
# What rides along in a bracket after the infection: "-concomitantly with another antibacterial agent".
_ALONG = re.compile(r"\s*(?:-|–|—)\s*concomitantly\b.*$|\s*concomitantly\b.*$", re.I)
_IN_INFECTION = re.compile(r"^(?P<germs>.*?)\s+in\s+(?P<where>[\w\s,-]*?\b(?:infections?|disease))$", re.I)
# An item that names its own infection ("K. pneumoniae pneumonia"): data/infection_words.txt.
_DISEASE_WORD = re.compile(rf"\b(?:{alternation('infection_words.txt')})\b", re.I)
MIN_ITEMS = 4


def lead_in(condition: str) -> bool:
    """The condition is the list's lead-in ("… infections caused by susceptible strains of microorganisms")."""
    return bool(_LEAD.search(condition))


def organism_uses(text: str) -> list[tuple[str, str]]:
    """(condition, the list item it was read from) for each infection a germ list names, or [] when the text
    holds no such list after a susceptible-strains lead-in."""
    lead = _LEAD.search(text)
    if not lead:
        return []
    for sentence in sentences(text[lead.end():]):
        items = split_outside_brackets(sentence.rstrip(". "), ",")
        if len(items) < MIN_ITEMS:
            continue
        found = _read_items(items)
        if len(found) >= MIN_ITEMS - 1:
            return found
    return []


def _read_items(items: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    # Germs with no infection yet: they share the next "in <infection>", or, when an item with an infection of
    # its own follows, each is a use named by the germ alone ("Brucella", in the label's words).
    waiting: list[str] = []
    for item in items:
        item = re.sub(r"\s+", " ", item.replace(" ,", ",")).strip()
        bracket = _BRACKET.match(item)
        before, inside = (bracket.group("before"), _ALONG.sub("", bracket.group("inside")).strip()) \
            if bracket else (item, "")
        shared = _IN_INFECTION.match(before) or (inside and re.match(r"in\s+(?P<where>.+)$", inside))
        if shared:
            where = shared.group("where").strip(" -")
            germs = [*waiting, re.sub(r"^(?:and\s+)?", "", shared.groupdict().get("germs") or before)]
            # One germ names its use with where it infects ("H. influenzae (respiratory … infections)"); several
            # share the place's name ("urinary tract infections").
            out.append((where if len(germs) > 1 or not germs[0] else f"{germs[0]} ({where})", item))
            waiting = []
            continue
        # "Yersinia pestis (plague)": the infection is in the bracket; "K. pneumoniae pneumonia": it is the item.
        own = inside if inside[:1].islower() else before.strip() if _DISEASE_WORD.search(before) else ""
        if own:
            out.extend((germ, germ) for germ in waiting)  # germs waiting had infections of their own
            waiting = []
            out.append((own, item))
            continue
        if _GERM.match(before.strip()) and len(before.split()) <= 3:
            waiting.append(re.sub(r"^and\s+", "", before.strip()))
            continue
        return []  # not a germ list after all
    return out


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_DISEASE_WORD = quick_start(_DISEASE_WORD)
