"""Answer → Markdown. Citations become numbered notes pointing at the Sources list."""

from __future__ import annotations

from rxscoop.answer.model import Answer, Citation, Statement


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
    if c.section.startswith("openfda."):
        return f"{place} for {c.drug} ({date}{got}). {c.source}"
    return f"FDA label for {c.drug}, {place} ({date}{got}). {c.source}"


def render_markdown(answer: Answer) -> str:
    notes = _Notes()
    out: list[str] = []
    if answer.status != "answered":
        if answer.drug:
            out.append(f"# {answer.drug.title}\n")
        out.append(answer.message or "No answer.")
        if answer.suggestions:
            label = "Did you mean" if answer.status == "ambiguous" else "Closest names"
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
    if answer.summary:
        out.append(answer.summary.text + notes.mark(answer.summary) + "\n")

    if answer.scoop:
        out.append("## The quick scoop\n")
        out.append(" ".join(s.text + notes.mark(s) for s in answer.scoop) + "\n")

    out.append(f"## Approved uses ({len(answer.uses)})\n")
    for n, use in enumerate(answer.uses, start=1):
        out.append(f"{n}. {use.statement.text}{notes.mark(use.statement)}")
        for extra in (use.helps, use.schedule, use.side_effects, *use.limitations):
            if extra:
                out.append(f"   - {extra.text}{notes.mark(extra)}")
    out.append("")

    for title, statements in (("How it works", answer.how_it_works), ("Form and setting", answer.form),
                              ("Cautions", answer.cautions)):
        if statements:
            out.append(f"## {title}\n")
            out.extend(f"- {s.text}{notes.mark(s)}" for s in statements)
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
