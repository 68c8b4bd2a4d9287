"""The Python API: build a pack, open it, ask it questions."""

from __future__ import annotations

from pathlib import Path

from rxscoop.answer.dispatch import compose
from rxscoop.answer.model import Answer, PatientVoices
from rxscoop.conversation import Conversation
from rxscoop.errors import DrugNotFound
from rxscoop.eu.answer import clean_region
from rxscoop.pack.build import BuildReport, build_pack
from rxscoop.pack.query import Pack
from rxscoop.question.parse import clean_question, understand
from rxscoop.question.resolve import resolve_drug
from rxscoop.reviews.summary import patient_voices


def open_pack(path: Path | str | None = None) -> Pack:
    """Open a pack read-only (default: $RXSCOOP_PACK, else the user's data folder)."""
    return Pack(path)


def ask(question: str, pack: Pack | Path | str | None = None, region: str = "both") -> Answer:
    """Answer a question from the pack. Raises BadQuestion for an empty or over-long question (or a region
    other than us, eu, both); a drug the pack doesn't know yields an Answer with status 'not_found' and
    suggestions, not an exception. `region` narrows US and EU approvals (default both, where EU data exists)."""
    where = clean_region(region)
    own = not isinstance(pack, Pack)
    opened = pack if isinstance(pack, Pack) else Pack(pack)
    try:
        return compose(understand(question, opened), opened, where)
    finally:
        if own:
            opened.close()


def patient_reviews(drug: str, condition: str | None = None, pack: Pack | Path | str | None = None) -> PatientVoices:
    """What patients say about a drug (optionally about one condition). Raises DrugNotFound when the pack
    knows no such drug or the name is ambiguous."""
    own = not isinstance(pack, Pack)
    opened = pack if isinstance(pack, Pack) else Pack(pack)
    try:
        found = resolve_drug(clean_question(drug), opened)
        if found.label is None:
            hint = f" Did you mean {', '.join(found.suggestions)}?" if found.suggestions else ""
            raise DrugNotFound(f"no drug named “{drug}” in the pack.{hint}")
        return patient_voices(opened, opened.label(found.label), condition)
    finally:
        if own:
            opened.close()


__all__ = ["Answer", "BuildReport", "Conversation", "Pack", "PatientVoices", "ask", "build_pack", "open_pack",
           "patient_reviews"]
