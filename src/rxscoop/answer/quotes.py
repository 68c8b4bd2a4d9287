"""Quotes are the label's exact words. Each citation's quote is found again in the cited section as stored and
replaced by that stretch of the stored text (pack/quotes.py says how). Several passages are joined by " … ".
A quote that matches nothing close becomes the section's first sentence (the statement cites the section as a
whole); a citation of a section the label lacks quotes nothing.

The quotes a label's facts carry were found when the pack was built (Pack.quote_passages); only an answer's
other quotes (a title, a passage of a section chosen at ask time) are found here, once per answer.
"""

from __future__ import annotations

from collections.abc import Callable

from rxscoop.answer.eu import SECTION as EU_SECTION
from rxscoop.answer.eu import eu_text
from rxscoop.answer.model import Answer, Citation
from rxscoop.pack.query import Pack
from rxscoop.pack.quotes import ELLIPSIS, FIRST, SectionText, normalize, passage, piece_key, pieces

__all__ = ["ELLIPSIS", "exact_quote", "normalize", "passage", "pieces", "quote_exactly", "stored_text"]


def exact_quote(quote: str, stored: str) -> str:
    """The quote as the stored section's own words (see the module docstring)."""
    read: list[SectionText] = []

    def section() -> SectionText:
        if not read:
            read.append(SectionText(stored))
        return read[0]

    return _exact(quote, {}, section)


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
            if citation.section == EU_SECTION:
                # The EMA list's text is flattened (headings glued to sentences); its quotes stay the reader's
                # un-flattened sentences, which hold the words a use and its ages rest on. Not yet verbatim.
                continue
            key = (citation.set_id, citation.section, citation.quote)
            if key not in done:
                if citation.set_id not in labels:
                    labels[citation.set_id] = _Label(pack, citation.set_id)
                done[key] = labels[citation.set_id].quote(citation.section, citation.quote)
            citation.quote = done[key]
