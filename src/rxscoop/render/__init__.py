"""Renderers of the one answer model: JSON, Markdown, HTML. `render` is the one place a format is chosen."""

from __future__ import annotations

from enum import StrEnum

from markupsafe import escape

from rxscoop.answer.changes import LabelChanges
from rxscoop.answer.model import Answer, PatientVoices
from rxscoop.render.html import render_html
from rxscoop.render.markdown import render_changes, render_markdown, render_patients_alone

Result = Answer | PatientVoices | LabelChanges


class Format(StrEnum):
    json = "json"
    markdown = "markdown"
    html = "html"


MEDIA_TYPES = {Format.json: "application/json", Format.markdown: "text/markdown; charset=utf-8",
               Format.html: "text/html; charset=utf-8"}


def render(result: Result, fmt: Format) -> str:
    """One result in one format. HTML is made for answers; other results are shown as their Markdown."""
    if fmt is Format.json:
        return result.model_dump_json(indent=2)
    if isinstance(result, Answer):
        return render_html(result) if fmt is Format.html else render_markdown(result)
    text = render_patients_alone(result) if isinstance(result, PatientVoices) else render_changes(result)
    return text if fmt is Format.markdown else f"<pre>{escape(text)}</pre>"
