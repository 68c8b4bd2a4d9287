"""Where a reader's quote is in a section as stored: found at build time for every quote a label's facts carry,
so an answer only looks the passages up (answer/quotes.py finds any other quote the same way at ask time).

Readers find facts in cleaned text ("™" → "tm", cross-references dropped, lists re-joined), so the passage a
reader points at is not always the label's wording. A quote's piece (the parts between "…" marks) is found
again in the stored section (exactly; else ignoring case; else the closest passage, by rapidfuzz's alignment)
and grown to that stretch of the stored text, with whitespace normalized only: whole sentences, or a cut at
word boundaries marked "…".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from rxscoop.label.model import Details, Fact, Indications

ELLIPSIS = "…"
MAX_QUOTE_CHARS = 400  # one passage; longer sentences are cut around what was cited
MIN_SCORE = 70.0  # rapidfuzz partial-ratio alignment: below this the passage is not the one cited
FIRST = ""  # the key of a section's first sentence: the quote of a citation whose words match nothing close
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
# In the EMA list's flattened text a sentence also ends where the next one is glued on ("treatment.Asthma"), and a
# heading where the words after it start ("dermatitisAdults", "(CRSwNP)Dupixent").
EU_SENTENCE_END = re.compile(r"[.!?;:](?=\s|$|[A-Z(])|(?<=[a-z]{3}|..\))(?=[A-Z][a-z]{2})")

# section → piece key → the stored passage it is (None: nothing close); FIRST → the first sentence ("" when
# the section is empty).
Passages = dict[str, dict[str, str | None]]


def normalize(text: str) -> str:
    return " ".join(text.split())


def pieces(quote: str) -> list[str]:
    """The passages of a quote: the parts between "…" marks."""
    return [p for p in (normalize(x) for x in quote.split(ELLIPSIS)) if p]


def piece_key(piece: str) -> str:
    """A short, stable key for a piece (pieces are sentences: the pack stores keys, not the text again)."""
    return hashlib.sha1(piece.encode()).hexdigest()[:16]


def _locate(piece: str, text: str, lower: str | None) -> tuple[int, int] | None:
    at = text.find(piece)
    if at >= 0:
        return at, at + len(piece)
    if lower is not None:
        at = lower.find(piece.lower())
        if at >= 0:
            return at, at + len(piece)
    hay = lower if lower is not None else text
    found = fuzz.partial_ratio_alignment(piece.lower(), hay, score_cutoff=MIN_SCORE)
    if found is None or found.dest_end <= found.dest_start:
        return None
    return found.dest_start, found.dest_end


def _sentence(text: str, start: int, end: int, ends: re.Pattern[str] = _SENTENCE_END) -> tuple[int, int]:
    """The sentence(s) holding text[start:end]."""
    # Searched a little past `start`: a break before a glued heading is seen by what follows it.
    before = [m.end() for m in ends.finditer(text, max(0, start - 2000), min(len(text), start + 4))
              if m.end() <= start]
    s = before[-1] if before else (0 if start <= 2000 else start)
    after = ends.search(text, max(end - 1, s))
    e = after.end() if after else len(text)
    while s < e and text[s] == " ":
        s += 1
    return s, e


def passage(text: str, start: int, end: int, ends: re.Pattern[str] = _SENTENCE_END) -> str:
    """text[start:end] grown to its sentence; a sentence over MAX_QUOTE_CHARS is cut around the passage at
    word boundaries, each cut marked "…"."""
    s, e = _sentence(text, start, end, ends)
    if e - s <= MAX_QUOTE_CHARS:
        return text[s:e].strip()
    start, end = max(start, s), min(end, e)
    if end - start >= MAX_QUOTE_CHARS:
        a, b = start, start + MAX_QUOTE_CHARS
    else:
        a = max(s, start - (MAX_QUOTE_CHARS - (end - start)) // 2)
        b = min(e, a + MAX_QUOTE_CHARS)
        a = max(s, b - MAX_QUOTE_CHARS)
    if a > s and text[a - 1] != " ":  # inward to the next word start
        space = text.find(" ", a, b)
        a = space + 1 if space >= 0 else a
    if b < e and text[b] != " ":  # inward to the last word end
        space = text.rfind(" ", a, b)
        b = space if space > a else b
    body = text[a:b].strip()
    return (ELLIPSIS if a > s else "") + body + (ELLIPSIS if b < e else "")


class SectionText:
    """One stored section, normalized once, in which pieces are found."""

    def __init__(self, stored: str, ends: re.Pattern[str] = _SENTENCE_END) -> None:
        self.ends = ends  # where a sentence ends: EU_SENTENCE_END in the EMA list's flattened text
        self.text = normalize(stored)
        lower = self.text.lower()
        self.lower = lower if len(lower) == len(self.text) else None  # lower() keeps offsets for all but a few

    def find(self, piece: str) -> str | None:
        """The stored passage a piece is, or None when nothing close."""
        span = _locate(piece, self.text, self.lower)
        return passage(self.text, *span, self.ends) if span is not None else None

    def first(self) -> str:
        return passage(self.text, 0, 1, self.ends) if self.text else ""


def cited_texts(title: str, indications: Indications | None, details: Details) -> Iterator[tuple[str, str]]:
    """(section, quote) for the quotes answers take from a label's facts (answer/uses.py, cautions.py, form.py,
    scoop.py, how.py, topics.py); an answer's other quotes are found when it is composed."""
    usage = "indications_and_usage"
    yield usage, title
    if indications:
        for use in indications.uses:
            yield usage, f"{use.heading}: {use.sentence}" if use.heading else use.sentence
            yield usage, use.sentence
            yield from ((usage, text) for text in [*use.also, *use.limitations])
        yield from ((usage, text) for text in indications.limitations)
        if indications.drug_class_quote:
            yield usage, indications.drug_class_quote
    facts: list[Fact] = [*details.routes, *details.devices, *details.setting, *details.contraindications,
                         *details.warnings, *details.benefits]
    facts += [f for f in (details.biologic, details.course, details.prescription, details.mechanism) if f]
    yield from ((f.section, f.quote) for f in facts)
    yield from (("contraindications", f.quote) for f in details.contraindications)
    yield from (("clinical_studies", f.quote) for f in details.benefits)
    if details.mechanism:
        yield "mechanism_of_action", details.mechanism.quote
    yield from (("dosage_and_administration", s.quote) for s in details.schedules)
    yield from (("adverse_reactions", s.quote) for s in details.side_effects)


def find_passages(sections: dict[str, str], cited: Iterator[tuple[str, str]]) -> Passages:
    """Every cited piece found in its stored section (sections the label lacks are left out)."""
    out: Passages = {}
    texts: dict[str, SectionText] = {}
    for section, quote in cited:
        stored = sections.get(section)
        if stored is None:
            continue
        if section not in texts:
            texts[section] = SectionText(stored)
            out[section] = {FIRST: texts[section].first()}
        found = out[section]
        if not texts[section].text:
            continue
        for piece in pieces(quote):
            key = piece_key(piece)
            if key not in found:
                found[key] = texts[section].find(piece)
    return out


def passages_json(title: str, sections: dict[str, str], indications: Indications | None, details: Details) -> str:
    return json.dumps(find_passages(sections, cited_texts(title, indications, details)), ensure_ascii=False,
                      separators=(",", ":"))
