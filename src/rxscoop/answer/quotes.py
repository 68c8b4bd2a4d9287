"""Quotes are the label's exact words. Readers find facts in cleaned text ("™" → "tm", cross-references
dropped, lists re-joined), so the passage a reader points at is not always the label's wording. Here each
citation's quote is found again in the cited section as stored (exactly; else ignoring case; else the
closest passage, by rapidfuzz's alignment) and replaced by that stretch of the stored text, with whitespace
normalized only: whole sentences, or a cut at word boundaries marked "…". Several passages are joined by
" … ". A quote that matches nothing close becomes the section's first sentence (the statement cites the
section as a whole); a citation of a section the label lacks quotes nothing.

The EMA list's indication text is flattened (a heading runs into the next sentence: "Atopic dermatitisAdults and
adolescentsDupixent is indicated …"), so an EU quote grows only to where a sentence or a glued heading ends;
what the reader un-flattened is found again in the EMA text and quoted in its own words. A field of the EMA
row ("ema.revision_date") is quoted as its stored value.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from rxscoop.answer.eu import FIELD_PREFIX as EU_FIELD
from rxscoop.answer.eu import SECTION as EU_SECTION
from rxscoop.answer.eu import eu_field, eu_text
from rxscoop.answer.model import Answer, Citation
from rxscoop.pack.query import Pack

ELLIPSIS = "…"
MAX_QUOTE_CHARS = 400  # one passage; longer sentences are cut around what was cited
MIN_SCORE = 70.0  # rapidfuzz partial-ratio alignment: below this the passage is not the one cited
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
# In the EMA list's flattened text a sentence also ends where the next one is glued on ("treatment.Asthma"), and a
# heading where the words after it start ("dermatitisAdults", "(CRSwNP)Dupixent").
_EU_SENTENCE_END = re.compile(r"[.!?;:](?=\s|$|[A-Z(])|(?<=[a-z]{3}|..\))(?=[A-Z][a-z]{2})")
_WORD = re.compile(r"\w")


def normalize(text: str) -> str:
    return " ".join(text.split())


def pieces(quote: str) -> list[str]:
    """The passages of a quote: the parts between "…" marks."""
    return [p for p in (normalize(x) for x in quote.split(ELLIPSIS)) if p]


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


def exact_quote(quote: str, stored: str, ends: re.Pattern[str] = _SENTENCE_END) -> str:
    """The quote as the stored section's own words (see the module docstring); `ends` says where a sentence
    ends (for the EMA list's flattened text, eu_quote)."""
    text = normalize(stored)
    if not text:
        return ""
    lower = text.lower()
    lower_ok = len(lower) == len(text)  # lower() keeps offsets for all but a few characters
    found: list[str] = []
    for piece in pieces(quote):
        span = _locate(piece, text, lower if lower_ok else None)
        if span is not None:
            words = passage(text, *span, ends)
            if words not in found:
                found.append(words)
    if not found:
        found.append(passage(text, 0, 1, ends))
    return f" {ELLIPSIS} ".join(found)


# "Children 6 to 11 years of age: Dupixent is indicated …": the reader put a subheading before its sentence.
_LEAD = re.compile(r"^([^:.;]{2,80}):\s+(?=\S)")


def eu_quote(quote: str, stored: str) -> str:
    """An EU quote (the reader's un-flattened sentences) as the EMA text's own words; a subheading the reader
    put before its sentence is found apart, where the EMA text has it."""
    # Each of the reader's sentences is found on its own: one run-on passage cut at MAX_QUOTE_CHARS would lose
    # the words a use's age rests on when they come last.
    split = re.sub(r"(?<=[.;])\s+(?=[A-Z])", f" {ELLIPSIS} ", _LEAD.sub(lambda m: f"{m.group(1)} {ELLIPSIS} ", quote))
    return exact_quote(split, stored, _EU_SENTENCE_END)


def stored_text(pack: Pack, citation: Citation) -> str | None:
    """The text a citation quotes, as the pack stores it: a label's section, or an EU medicine's indication
    text (the EMA list's section 4.1)."""
    if citation.section == EU_SECTION:
        return eu_text(pack, citation.set_id)
    if citation.section.startswith(EU_FIELD):
        return eu_field(pack, citation.set_id, citation.section)
    label_id = pack.label_id(citation.set_id)
    return pack.section(label_id, citation.section) if label_id is not None else None


def _stored(pack: Pack, citation: Citation, memo: dict[tuple[str, str], str | None]) -> str | None:
    key = (citation.set_id, citation.section)
    if key not in memo:
        memo[key] = stored_text(pack, citation)
    return memo[key]


def quote_exactly(answer: Answer, pack: Pack) -> None:
    """Every citation of a label section in `answer` quotes that section's own words (in place)."""
    memo: dict[tuple[str, str], str | None] = {}
    done: dict[tuple[str, str, str], str] = {}
    for statement in [*answer.statements(), *answer.emergency]:
        for citation in statement.citations:
            if citation.section == "patient_reviews" or citation.section.startswith("openfda."):
                continue  # reviews are quoted by id; label metadata is not section text
            stored = _stored(pack, citation, memo)
            if stored is None:  # the label lacks the section: nothing of it can be quoted
                citation.quote = ""
                continue
            if citation.section.startswith(EU_FIELD):  # a field of the EMA row: its value, as stored
                citation.quote = normalize(stored)
                continue
            key = (citation.set_id, citation.section, citation.quote)
            if key not in done:
                done[key] = (eu_quote if citation.section == EU_SECTION else exact_quote)(citation.quote, stored)
            citation.quote = done[key]
