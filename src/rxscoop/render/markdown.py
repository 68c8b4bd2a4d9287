"""Answer → Markdown. Citations become numbered notes pointing at the Sources list."""

from __future__ import annotations

from rxscoop.answer.model import Answer, Citation, PatientVoices, Statement
from rxscoop.reviews.summary import QUOTE_RULE


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
            mark = f"[{self._keys[key]}" + (f" §{c.subsection}]" if c.subsection else "]")
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


def region_text(regions: list[str], who: str | None) -> str:
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
    about = f" (about {v.condition})" if v.condition else ""
    out = [f"## What patients say{about}\n", f"_{v.note}_\n"]
    out.extend(f"- {s.text}{notes.mark(s)}" for s in v.statements)
    if v.ratings:
        out.append("\n  Ratings (10 = best):\n")
        out.extend(rating_bars(v.ratings))
    out.append("")
    return out


def render_patients_alone(v: PatientVoices) -> str:
    """The patient-voices section on its own (for `rxscoop reviews`), with its sources."""
    notes = _Notes()
    about = f" about {v.condition}" if v.condition else ""
    if not v.reviews:
        return f"# {v.drug}\n\nThe review data rxscoop has holds no patient reviews of {v.drug}{about}.\n"
    lines = [f"# {v.drug}\n", *render_patients(v, notes), "## Sources\n"]
    lines.extend(f"{n}. {where(c)}" for n, c in enumerate(notes.order, start=1))
    lines.append(f"\n{QUOTE_RULE}")
    return "\n".join(lines).strip() + "\n"


SUGGESTIONS = {"ambiguous": "Did you mean", "no_data": "Same medicine"}


def render_markdown(answer: Answer) -> str:
    notes = _Notes()
    out: list[str] = []
    if answer.emergency:
        out.append("> **Get help now.** " + " ".join(s.text for s in answer.emergency) + "\n")
    if answer.status != "answered":
        if answer.drug:
            out.append(f"# {answer.drug.title}\n")
        out.append(answer.message or "No answer.")
        out.extend(f"\n{s.text}{notes.mark(s)}" for s in answer.regions if s.text != answer.message)
        if answer.patients and answer.patients.reviews:
            out.append("")
            out.extend(render_patients(answer.patients, notes))
        if answer.suggestions:
            label = SUGGESTIONS.get(answer.status, "Closest names")
            out.append(f"\n{label}: " + ", ".join(f"**{s}**" for s in answer.suggestions) + "?")
        out.append(f"\n_{answer.disclaimer}_")
        return "\n".join(out).strip() + "\n"

    drug = answer.drug
    assert drug is not None
    title = drug.title + (f" ({drug.generic_name})" if drug.generic_name and
                          drug.generic_name.lower() != drug.title.lower() else "")
    out.append(f"# {title}\n")
    if drug.matched and not drug.exact:
        out.append(f"_Showing {drug.title}, the closest match to “{drug.matched}”._\n")
    if answer.message:  # e.g. answered from another label of the same medicine: say which and why
        out.append(f"_{answer.message}_\n")
    if answer.summary:
        out.append(answer.summary.text + notes.mark(answer.summary) + "\n")
    if answer.topic:
        out.append(f"## {answer.topic.title}\n")
        out.extend(f"- {s.text}{notes.mark(s)}" for s in answer.topic.statements)
        out.append("")

    if answer.scoop:
        out.append("## The quick scoop\n")
        out.append(" ".join(s.text + notes.mark(s) for s in answer.scoop) + "\n")

    if answer.uses and not (answer.topic and answer.topic.intent == "uses" and len(answer.uses) == 1):
        out.append(f"## Approved uses ({len(answer.uses)})\n")
        group = None
        for n, use in enumerate(answer.uses, start=1):
            if use.group and use.group != group:  # the label's own categories ("Endocrine Disorders")
                group = use.group
                out.append(f"{'' if n == 1 else chr(10)}**{group}**\n")
            out.append(f"{n}. {use.statement.text}{notes.mark(use.statement)}")
            if use.regions:
                out.append(f"   - {region_text(use.regions, use.region_who)}")
            for extra in (use.helps, use.schedule, use.side_effects, *use.limitations):
                if extra:
                    out.append(f"   - {extra.text}{notes.mark(extra)}")
        out.append("")

    if answer.regions:
        out.append("## US and EU\n")
        out.extend(f"- {s.text}{notes.mark(s)}" for s in answer.regions)
        out.append("")

    for title, statements in (("How it works", answer.how_it_works), ("Form and setting", answer.form)):
        if statements:
            out.append(f"## {title}\n")
            out.extend(f"- {s.text}{notes.mark(s)}" for s in statements)
            out.append("")
    if answer.patients and answer.patients.statements:
        out.extend(render_patients(answer.patients, notes))
    if answer.cautions:
        out.append("## Cautions\n")
        out.extend(f"- {s.text}{notes.mark(s)}" for s in answer.cautions)
        out.append("")

    if answer.follow_up:
        out.append(f"**Go deeper:** {answer.follow_up}\n")

    out.append("## Sources\n")
    for n, c in enumerate(notes.order, start=1):
        out.append(f"{n}. {where(c)}")
    references = list(dict.fromkeys(s.reference for s in answer.statements() if s.reference))
    if references:
        out.append("\nGeneral explanations (not about this drug) come from: " + "; ".join(references) + ".")
    out.append(f"\n_{answer.disclaimer}_")
    return "\n".join(out).strip() + "\n"
