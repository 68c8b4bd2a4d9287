"""Answer → HTML fragment (Jinja2, autoescaped). Citations are footnote links inside their sentence, to a
Sources list that names each label (name, section, date, set id, DailyMed) and quotes its words, with a
link back; each use's details are folded; sections without content are left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from rxscoop.answer.model import Answer, Citation, Statement
from rxscoop.render.markdown import region_text
from rxscoop.render.words import sentence_case, shown_date

DAILYMED = "https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid={set_id}"
_SET_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


@dataclass
class Note:
    """One numbered source: a label section (or the review data), the passages quoted from it."""

    number: int
    first: Citation
    quotes: list[str] = field(default_factory=list)
    refs: int = 0  # how many markers point here

    @property
    def link(self) -> str | None:
        c = self.first
        if c.section == "patient_reviews" or not _SET_ID.fullmatch(c.set_id):
            return None  # DailyMed knows FDA set ids (UUIDs), not the ids of snapshot excerpts
        return DAILYMED.format(set_id=c.set_id)

    @property
    def what(self) -> str:
        c = self.first
        if c.section == "patient_reviews":
            return f"Patient reviews of {c.drug}"
        if c.section.startswith("openfda."):
            return f"openFDA product data for {c.drug}: {c.section_title}"
        where = c.section_title + (f" (§{c.subsection})" if c.subsection else "")
        return f"{c.drug} label (FDA): {where}"

    @property
    def when(self) -> str:
        c = self.first
        if c.section == "patient_reviews":
            return ""
        return f"label dated {shown_date(c.effective_time)}" if c.effective_time else "label date not given"


class Notes:
    """Numbers sources in order of first use; one per label section."""

    def __init__(self) -> None:
        self.items: list[Note] = []
        self._by_key: dict[tuple[str, str], Note] = {}

    def mark(self, statement: Statement) -> Markup:
        links: list[Markup] = []
        seen: set[int] = set()
        for c in statement.citations:
            key = (c.set_id, c.section)
            note = self._by_key.get(key)
            if note is None:
                note = self._by_key[key] = Note(len(self.items) + 1, c)
                self.items.append(note)
            if c.quote and c.quote not in note.quotes:
                note.quotes.append(c.quote)
            if note.number in seen:
                continue
            seen.add(note.number)
            note.refs += 1
            links.append(Markup('<a class="fn" href="#src-{n}" id="ref-{n}-{k}" aria-label="source {n}">{n}</a>')
                         .format(n=note.number, k=note.refs))
        return Markup('<sup class="fns">{}</sup>').format(Markup("").join(links)) if links else Markup("")


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("rxscoop", "render/templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["sentence"] = sentence_case
    return env


def render_html(answer: Answer) -> str:
    notes = Notes()

    def cited(statement: Statement) -> Markup:
        """The statement, its markers bound to its last word so they never start a line of their own."""
        marks = notes.mark(statement)
        if not marks:
            return escape(statement.text)
        head, _, last = statement.text.rpartition(" ")
        lead = escape(head + " ") if head else Markup("")
        return lead + Markup('<span class="tail">{}{}</span>').format(last, marks)

    drug = answer.drug
    title = ""
    if drug:
        title = drug.title + (f" ({drug.generic_name.lower()})" if drug.generic_name and
                              drug.generic_name.lower() != drug.title.lower() else "")
    references = list(dict.fromkeys(s.reference for s in answer.statements() if s.reference))
    template = _env().get_template("answer.html")
    # The body is rendered before the sources list, so notes are numbered in reading order.
    return template.render(answer=answer, title=title, cited=cited, notes=notes, references=references,
                           region_text=region_text)
