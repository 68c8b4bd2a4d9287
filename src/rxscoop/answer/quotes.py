"""Quotes are the label's exact words. Readers find facts in cleaned text ("™" → "tm", cross-references
dropped, lists re-joined), so the passage a reader points at is not always the label's wording. Here each
citation's quote is found again in the cited section as stored (exactly; else ignoring case; else the
closest passage, by rapidfuzz's alignment) and replaced by that stretch of the stored text, with whitespace
normalized only: whole sentences, or a cut at word boundaries marked "…". Several passages are joined by
" … ". A quote that matches nothing close becomes the section's first sentence (the statement cites the
section as a whole); a citation of a section the label lacks quotes nothing.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from rxscoop.answer.eu import SECTION as EU_SECTION
from rxscoop.answer.eu import eu_text
from rxscoop.answer.model import Answer, Citation
from rxscoop.pack.query import Pack

ELLIPSIS = "…"
MAX_QUOTE_CHARS = 400  # one passage; longer sentences are cut around what was cited
MIN_SCORE = 70.0  # rapidfuzz partial-ratio alignment: below this the passage is not the one cited
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
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


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding text[start:end]."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 2000), start)]
    s = before[-1] if before else (0 if start <= 2000 else start)
    after = _SENTENCE_END.search(text, max(end - 1, s))
    e = after.end() if after else len(text)
    while s < e and text[s] == " ":
        s += 1
    return s, e


def passage(text: str, start: int, end: int) -> str:
    """text[start:end] grown to its sentence; a sentence over MAX_QUOTE_CHARS is cut around the passage at
    word boundaries, each cut marked "…"."""
    s, e = _sentence(text, start, end)
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


def exact_quote(quote: str, stored: str) -> str:
    """The quote as the stored section's own words (see the module docstring)."""
    text = normalize(stored)
    if not text:
        return ""
    lower = text.lower()
    lower_ok = len(lower) == len(text)  # lower() keeps offsets for all but a few characters
    found: list[str] = []
    for piece in pieces(quote):
        span = _locate(piece, text, lower if lower_ok else None)
        if span is not None:
            words = passage(text, *span)
            if words not in found:
                found.append(words)
    if not found:
        found.append(passage(text, 0, 1))
    return f" {ELLIPSIS} ".join(found)


def stored_text(pack: Pack, citation: Citation) -> str | None:
    """The text a citation quotes, as the pack stores it: a label's section, or an EU medicine's indication
    text (the EMA list's section 4.1)."""
    if citation.section == EU_SECTION:
        return eu_text(pack, citation.set_id)
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
            if citation.section == EU_SECTION:
                # The EMA list's text is flattened (headings glued to sentences); its quotes stay the reader's
                # un-flattened sentences, which hold the words a use and its ages rest on. Not yet verbatim.
                continue
            stored = _stored(pack, citation, memo)
            if stored is None:  # the label lacks the section: nothing of it can be quoted
                citation.quote = ""
                continue
            key = (citation.set_id, citation.section, citation.quote)
            if key not in done:
                done[key] = exact_quote(citation.quote, stored)
            citation.quote = done[key]
