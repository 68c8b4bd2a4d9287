"""Quotes are the label's exact words. Each citation's quote is found again in the cited section as stored and
replaced by that stretch of the stored text (pack/quotes.py says how). Several passages are joined by " … ".
A quote that matches nothing close becomes the section's first sentence (the statement cites the section as a
whole); a citation of a section the label lacks quotes nothing.

The quotes a label's facts carry were found when the pack was built (Pack.quote_passages); only an answer's
other quotes (a title, a passage of a section chosen at ask time) are found here, once per answer.

The EMA list's indication text is flattened (a heading runs into the next sentence: "Atopic dermatitisAdults and
adolescentsDupixent is indicated …"), so an EU quote grows only to where a sentence or a glued heading ends;
what the reader un-flattened is found again in the EMA text and quoted in its own words. A field of the EMA
row ("ema.revision_date") is quoted as its stored value.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rxscoop.answer.eu import FIELD_PREFIX as EU_FIELD
from rxscoop.answer.eu import SECTION as EU_SECTION
from rxscoop.answer.eu import eu_field, eu_text
from rxscoop.answer.model import Answer, Citation
from rxscoop.pack.query import Pack
from rxscoop.pack.quotes import (
    ELLIPSIS,
    EU_SENTENCE_END,
    FIRST,
    SectionText,
    normalize,
    passage,
    piece_key,
    pieces,
)

__all__ = ["ELLIPSIS", "eu_quote", "exact_quote", "normalize", "passage", "pieces", "quote_exactly", "stored_text"]


def exact_quote(quote: str, stored: str, ends: re.Pattern[str] | None = None) -> str:
    """The quote as the stored section's own words (see the module docstring); `ends` says where a sentence
    ends (for the EMA list's flattened text, eu_quote)."""
    read: list[SectionText] = []

    def section() -> SectionText:
        if not read:
            read.append(SectionText(stored, ends) if ends else SectionText(stored))
        return read[0]

    return _exact(quote, {}, section)


# "Children 6 to 11 years of age: Dupixent is indicated …": the reader put a subheading before its sentence.
_LEAD = re.compile(r"^([^:.;]{2,80}):\s+(?=\S)")


def eu_quote(quote: str, stored: str) -> str:
    """An EU quote (the reader's un-flattened sentences) as the EMA text's own words; a subheading the reader
    put before its sentence is found apart, where the EMA text has it."""
    # Each of the reader's sentences is found on its own: one run-on passage cut at MAX_QUOTE_CHARS would lose
    # the words a use's age rests on when they come last.
    split = re.sub(r"(?<=[.;])\s+(?=[A-Z])", f" {ELLIPSIS} ", _LEAD.sub(lambda m: f"{m.group(1)} {ELLIPSIS} ", quote))
    return exact_quote(split, stored, EU_SENTENCE_END)


def _exact(quote: str, known: dict[str, str | None], section: Callable[[], SectionText]) -> str:
    """exact_quote with the passages already found (`known`, by piece key; FIRST the first sentence), and
    the section, normalized, read only when a piece is not among them. New finds are added to `known`."""
    if known.get(FIRST) == "":
        return ""  # an empty section
    found: list[str] = []
    for piece in pieces(quote):
        key = piece_key(piece)
        if key not in known:
            text = section()
            if not text.text:
                return ""
            known[key] = text.find(piece)
        words = known[key]
        if words is not None and words not in found:
            found.append(words)
    if not found:
        if FIRST not in known:
            known[FIRST] = section().first()
        first = known[FIRST]
        assert first is not None
        if not first:
            return ""
        found.append(first)
    return f" {ELLIPSIS} ".join(found)


def stored_text(pack: Pack, citation: Citation) -> str | None:
    """The text a citation quotes, as the pack stores it: a label's section, or an EU medicine's indication
    text (the EMA list's section 4.1)."""
    if citation.section == EU_SECTION:
        return eu_text(pack, citation.set_id)
    if citation.section.startswith(EU_FIELD):
        return eu_field(pack, citation.set_id, citation.section)
    label_id = pack.label_id(citation.set_id)
    return pack.section(label_id, citation.section) if label_id is not None else None


class _Label:
    """What one answer has read of one label's quotes: the passages found at build, and sections read since."""

    def __init__(self, pack: Pack, set_id: str) -> None:
        self.pack, self.set_id = pack, set_id
        self.id = pack.label_id(set_id)
        self.passages = pack.quote_passages(self.id) if self.id is not None else {}
        self.texts: dict[str, SectionText | None] = {}

    def text(self, section: str) -> SectionText | None:
        if section not in self.texts:
            body = self.pack.section(self.id, section) if self.id is not None else None
            self.texts[section] = SectionText(body) if body is not None else None
        return self.texts[section]

    def quote(self, section: str, quote: str) -> str:
        known = self.passages.get(section)
        if known is None:  # not found at build: does the label have the section at all?
            if self.text(section) is None:
                return ""  # the label lacks the section: nothing of it can be quoted
            known = self.passages[section] = {}

        def read() -> SectionText:
            text = self.text(section)
            assert text is not None
            return text

        return _exact(quote, known, read)


def quote_exactly(answer: Answer, pack: Pack) -> None:
    """Every citation of a label section in `answer` quotes that section's own words (in place)."""
    labels: dict[str, _Label] = {}
    done: dict[tuple[str, str, str], str] = {}
    for statement in [*answer.statements(), *answer.emergency]:
        for citation in statement.citations:
            if citation.section == "patient_reviews" or citation.section.startswith("openfda."):
                continue  # reviews are quoted by id; label metadata is not section text
            if citation.section == EU_SECTION or citation.section.startswith(EU_FIELD):
                stored = stored_text(pack, citation)
                if stored is None:
                    citation.quote = ""
                elif citation.section != EU_SECTION:  # a field of the EMA row: its value, as stored
                    citation.quote = normalize(stored)
                else:
                    eu_key = (citation.set_id, citation.section, citation.quote)
                    if eu_key not in done:
                        done[eu_key] = eu_quote(citation.quote, stored)
                    citation.quote = done[eu_key]
                continue
            key = (citation.set_id, citation.section, citation.quote)
            if key not in done:
                if citation.set_id not in labels:
                    labels[citation.set_id] = _Label(pack, citation.set_id)
                done[key] = labels[citation.set_id].quote(citation.section, citation.quote)
            citation.quote = done[key]
