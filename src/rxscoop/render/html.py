"""Answer → HTML fragment (Jinja2, autoescaped). Each statement's sources open on hover or click."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from rxscoop.answer.model import Answer, Citation, Statement
from rxscoop.render.markdown import region_text, where


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("rxscoop", "render/templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def render_html(answer: Answer) -> str:
    notes: list[Citation] = []
    keys: dict[tuple[str, str], int] = {}

    def cited(statement: Statement) -> Markup:
        """The statement's text, then a details element per citation with the quoted label text."""
        parts = [escape(statement.text)]
        groups: dict[tuple[str, str], list[Citation]] = {}
        for c in statement.citations:  # one marker per label section, holding each passage quoted
            groups.setdefault((c.set_id, c.section), []).append(c)
        for key, cites in groups.items():
            if key not in keys:
                notes.append(cites[0])
                keys[key] = len(notes)
            c = cites[0]
            subsections = sorted({x.subsection for x in cites if x.subsection})
            label = f"{keys[key]}" + (f" §{', '.join(subsections)}" if subsections else "")
            date = f"label dated {c.effective_time}" if c.effective_time else "label date not given"
            quotes = Markup("").join(Markup("<q>{}</q>").format(x.quote) for x in cites)
            parts.append(Markup(
                '<details class="cite"><summary title="{title}">[{label}]</summary>'
                '<span class="where">{section} ({date})</span>{quotes}</details>'
            ).format(title=f"{c.section_title} — {date}", label=label, section=c.section_title, date=date,
                     quotes=quotes))
        return Markup(" ").join(parts)

    drug = answer.drug
    title = ""
    if drug:
        title = drug.title + (f" ({drug.generic_name})" if drug.generic_name and
                              drug.generic_name.lower() != drug.title.lower() else "")
    template = _env().get_template("answer.html")
    # Render the body first so `notes` is filled in reading order before the sources list is drawn.
    return template.render(answer=answer, title=title, cited=cited, notes=notes, where=where,
                           region_text=region_text)
