"""Answer → Markdown. Citations become numbered notes pointing at the Sources list."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from rxscoop.answer.changes import LabelChanges
from rxscoop.answer.model import Answer, Citation, PatientVoices, Statement
from rxscoop.answer.patients import QUOTE_RULE

_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]#~|])")


def md(text: str) -> str:
    """Label, review or user text made inert in Markdown, as HTML output autoescapes it: HTML is written as
    entities (no tag, link or style survives), Markdown syntax is backslash-escaped (no link, image, code
    or emphasis), and line breaks become spaces (no new heading or list item)."""
    text = html.escape(" ".join(text.split()), quote=False)
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text)


class _Notes:
    """Numbers citations in order of first use; the same label passage gets the same number."""

    def __init__(self) -> None:
        self.order: list[Citation] = []
        self._keys: dict[tuple[str, str], int] = {}

    def mark(self, statement: Statement) -> str:
        marks: list[str] = []
        for c in statement.citations:
            key = (c.set_id, c.section)
            if key not in self._keys:
                self.order.append(c)
                self._keys[key] = len(self.order)
            mark = f"[{self._keys[key]}" + (f" §{md(c.subsection)}]" if c.subsection else "]")
            if mark not in marks:
                marks.append(mark)
        return " " + "".join(marks) if marks else ""


def where(c: Citation) -> str:
    place = c.section_title
    date = f"label dated {c.effective_time}" if c.effective_time else "label date not given in the source"
    got = f", retrieved {c.retrieved_at}" if c.retrieved_at else ""
    if c.section == "patient_reviews":
        return f"Patient reviews of {c.drug}: {c.source}"
    if c.region == "EU":
        revised = c.effective_time or "on an unstated date"
        return f"EU product information for {c.drug}, {place} (EPAR revised {revised}). {c.source}" + (
            f": {c.url}" if c.url else "")
    if c.section.startswith("openfda."):
        return f"{place} for {c.drug} ({date}{got}). {c.source}"
    return f"FDA label for {c.drug}, {place} ({date}{got}). {c.source}"


def region_text(regions: Sequence[str], who: str | None) -> str:
    """Where a use is approved: "Approved in the US and the EU · US: 12 and older · EU: adults", "US only"."""
    if set(regions) == {"US", "EU"}:
        return "Approved in the US and the EU" + (f" · {who}" if who else "")
    other = "EU" if regions[0] == "US" else "US"
    return f"{regions[0]} only" + (f" · {who}" if who else f" (not among the {other} uses in the pack)")


def rating_bars(ratings: dict[int, int]) -> list[str]:
    """A small text chart of the rating distribution, 10 at the top."""
    top = max(ratings.values(), default=0)
    return [f"    {r:>2} {'█' * max(1, round(20 * ratings[r] / top)) if ratings.get(r) else ''} {ratings.get(r, 0)}"
            for r in range(10, 0, -1)] if top else []


def render_patients(v: PatientVoices, notes: _Notes) -> list[str]:
    about = f" (about {md(v.condition)})" if v.condition else ""
    out = [f"## What patients say{about}\n", f"_{md(v.note)}_\n"]
    out.extend(f"- {md(s.text)}{notes.mark(s)}" for s in v.statements)
    if v.ratings:
        out.append("\n  Ratings (10 = best):\n")
        out.extend(rating_bars(v.ratings))
    out.append("")
    return out


def render_patients_alone(v: PatientVoices) -> str:
    """The patient-voices section on its own (for `rxscoop reviews`), with its sources."""
    notes = _Notes()
    about = f" about {md(v.condition)}" if v.condition else ""
    if not v.reviews:
        return f"# {md(v.drug)}\n\nThe review data rxscoop has holds no patient reviews of {md(v.drug)}{about}.\n"
    lines = [f"# {md(v.drug)}\n", *render_patients(v, notes), "## Sources\n"]
    lines.extend(f"{n}. {md(where(c))}" for n, c in enumerate(notes.order, start=1))
    lines.append(f"\n{QUOTE_RULE}")
    return "\n".join(lines).strip() + "\n"


SUGGESTIONS = {"ambiguous": "Did you mean", "no_data": "Same medicine"}


def render_markdown(answer: Answer) -> str:
    notes = _Notes()
    out: list[str] = []
    if answer.emergency:
        out.append("> **Get help now.** " + " ".join(md(s.text) for s in answer.emergency) + "\n")
    if answer.status != "answered":
        if answer.drug:
            out.append(f"# {md(answer.drug.title)}\n")
        out.append(md(answer.message or "No answer."))
        out.extend(f"\n{md(s.text)}{notes.mark(s)}" for s in answer.regions if s.text != answer.message)
        if answer.patients and answer.patients.reviews:
            out.append("")
            out.extend(render_patients(answer.patients, notes))
        if answer.suggestions:
            label = SUGGESTIONS.get(answer.status, "Closest names")
            out.append(f"\n{label}: " + ", ".join(f"**{md(s)}**" for s in answer.suggestions) + "?")
        out.append(f"\n_{answer.disclaimer}_")
        return "\n".join(out).strip() + "\n"

    drug = answer.drug
    assert drug is not None
    title = drug.title + (f" ({drug.generic_name})" if drug.generic_name and
                          drug.generic_name.lower() != drug.title.lower() else "")
    out.append(f"# {md(title)}\n")
    if drug.matched and not drug.exact:
        out.append(f"_Showing {md(drug.title)}, the closest match to “{md(drug.matched)}”._\n")
    if answer.message:  # e.g. answered from another label of the same medicine: say which and why
        out.append(f"_{md(answer.message)}_\n")
    if answer.summary:
        out.append(md(answer.summary.text) + notes.mark(answer.summary) + "\n")
    if answer.topic:
        out.append(f"## {md(answer.topic.title)}\n")
        out.extend(f"- {md(s.text)}{notes.mark(s)}" for s in answer.topic.statements)
        out.append("")

    if answer.scoop:
        out.append("## The quick scoop\n")
        out.append(" ".join(md(s.text) + notes.mark(s) for s in answer.scoop) + "\n")

    if answer.uses and not (answer.topic and answer.topic.intent == "uses" and len(answer.uses) == 1):
        out.append(f"## Approved uses ({len(answer.uses)})\n")
        group = None
        for n, use in enumerate(answer.uses, start=1):
            if use.group and use.group != group:  # the label's own categories ("Endocrine Disorders")
                group = use.group
                out.append(f"{'' if n == 1 else chr(10)}**{md(group)}**\n")
            out.append(f"{n}. {md(use.statement.text)}{notes.mark(use.statement)}")
            if use.regions:
                out.append(f"   - {md(region_text(use.regions, use.region_who))}")
            for extra in (use.helps, use.schedule, use.side_effects, *use.limitations):
                if extra:
                    out.append(f"   - {md(extra.text)}{notes.mark(extra)}")
        out.append("")

    if answer.regions:
        out.append("## US and EU\n")
        out.extend(f"- {s.text}{notes.mark(s)}" for s in answer.regions)
        out.append("")

    for title, statements in (("How it works", answer.how_it_works), ("Form and setting", answer.form)):
        if statements:
            out.append(f"## {title}\n")
            out.extend(f"- {md(s.text)}{notes.mark(s)}" for s in statements)
            out.append("")
    if answer.patients and answer.patients.statements:
        out.extend(render_patients(answer.patients, notes))
    if answer.cautions:
        out.append("## Cautions\n")
        out.extend(f"- {md(s.text)}{notes.mark(s)}" for s in answer.cautions)
        out.append("")

    if answer.follow_up:
        out.append(f"**Go deeper:** {md(answer.follow_up)}\n")

    out.append("## Sources\n")
    for n, c in enumerate(notes.order, start=1):
        out.append(f"{n}. {md(where(c))}")
    references = list(dict.fromkeys(s.reference for s in answer.statements() if s.reference))
    if references:
        out.append("\nGeneral explanations (not about this drug) come from: "
                   + "; ".join(md(r) for r in references) + ".")
    out.append(f"\n_{answer.disclaimer}_")
    return "\n".join(out).strip() + "\n"


def render_changes(changes: LabelChanges) -> str:
    """A label's history (`rxscoop changes`): what each new version added, removed or changed."""
    count = f"{changes.versions} version{'s' * (changes.versions != 1)}"
    lines = [f"# {changes.drug}: label history ({count} in the pack)", ""]
    if not changes.changes:
        lines.append("The pack holds only one version of this label, so it can't say what changed. "
                     "`rxscoop update` with newer label files keeps the history from then on.")
    for c in changes.changes:
        lines.append(f"## {c.from_date or '?'} (version {c.from_version or '?'}) → "
                     f"{c.to_date or '?'} (version {c.to_version or '?'})")
        said = [*(f"- New approved use: {u}" for u in c.uses_added),
                *(f"- Use no longer listed: {u}" for u in c.uses_removed),
                *(f"- {a}" for a in c.ages_changed),
                *(f"- Section changed: {s}" for s in c.sections_changed),
                *(f"- Section added: {s}" for s in c.sections_added),
                *(f"- Section removed: {s}" for s in c.sections_removed)]
        lines.extend(said or ["- No difference in the label text."])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
