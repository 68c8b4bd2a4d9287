"""The Python API: build a pack, open it, ask it questions. The CLI, the web and the MCP server call only
this module for answers, so each question is understood, each drug found and each result rendered one way.

Every function takes `pack` as an open Pack, a path, or None (the default pack); a pack it opens itself it
closes again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel
from rapidfuzz.distance import Levenshtein

from rxscoop.answer.changes import LabelChanges
from rxscoop.answer.changes import label_changes as _label_changes
from rxscoop.answer.dispatch import compose, kept_json
from rxscoop.answer.eu import clean_region
from rxscoop.answer.model import Answer, PatientVoices
from rxscoop.answer.patients import patient_voices
from rxscoop.conversation import ChatContext, Conversation
from rxscoop.errors import BadQuestion, DrugNotFound, LabelNotFound, QuestionTooLong
from rxscoop.label.model import Label
from rxscoop.label.names import normalize_name
from rxscoop.pack import SCHEMA_VERSION
from rxscoop.pack.build import BuildReport, build_pack
from rxscoop.pack.query import NameHit, Pack
from rxscoop.question.parse import Query, clean_question, understand
from rxscoop.question.resolve import Resolution, resolve_drug
from rxscoop.render import Format, Result, render
from rxscoop.sources.record import display_name
from rxscoop.version import __version__

PackLike = Pack | Path | str | None
MAX_NAME_CHARS = 200  # a drug name longer than this is not a name
# What some labels put in a name field besides the name: "(unknown)", "(metformin)", a strength or code.
_NOT_A_NAME = re.compile(r"\s*\([^)]*\)")
_NAME_END = re.compile(r"\s+\d")


@contextmanager
def _opened(pack: PackLike) -> Iterator[Pack]:
    if isinstance(pack, Pack):
        yield pack
        return
    with Pack(pack) as opened:
        yield opened


def open_pack(path: Path | str | None = None, verify: bool = False) -> Pack:
    """Open a pack read-only (default: $RXSCOOP_PACK, else the user's data folder); verify=True also
    checks it against the checksum written when it was built."""
    return Pack(path, verify=verify)


def ask(question: str, pack: PackLike = None, region: str = "both") -> Answer:
    """Answer a question from the pack. Raises BadQuestion for an empty or over-long question (or a region
    other than us, eu, both); a drug the pack doesn't know yields an Answer with status 'not_found' and
    suggestions, not an exception. `region` narrows US and EU approvals (default both, where EU data exists)."""
    where = clean_region(region)
    with _opened(pack) as opened:
        return compose(understand(question, opened), opened, where)


def kept_answer_json(question: str, pack: Pack, region: str = "both") -> tuple[Query, tuple[str, bytes] | None]:
    """The question understood, and (status, `render(ask(question, pack, region), Format.json)` in UTF-8) when
    that answer is one kept for another wording (nothing composed: cheap enough for a server's event loop); else
    None, and `answer_query` composes it. Raises BadQuestion as `ask` does."""
    where = clean_region(region)
    query = understand(question, pack)
    return query, kept_json(query, pack, where)


def answer_query(query: Query, pack: Pack, region: str = "both") -> Answer:
    """ask() for a question already understood (see kept_answer_json)."""
    return compose(query, pack, clean_region(region))


def warm_up(pack: Pack) -> None:
    """Load what understanding a question loads on first use (the name index, the intent model), so a server's
    first questions, understood on its event loop, do not pay for it."""
    understand("what is it used for", pack)


class ChatReply(BaseModel):
    answer: Answer
    context: ChatContext


def chat(message: str, context: ChatContext | None = None, pack: PackLike = None) -> ChatReply:
    """One turn of a conversation. Follow-ups ("what about asthma?") use the drug in `context`, which the
    caller sends back from the previous reply; nothing is kept between calls."""
    with _opened(pack) as opened:
        conversation = Conversation.resume(opened, context)
        answer = conversation.ask(message)
        return ChatReply(answer=answer, context=conversation.context)


def resolve_label(name: str, pack: Pack) -> Resolution:
    """How a drug name (brand, generic, or close to one) resolves, as `ask` would pick it; the result always
    has a label. Raises DrugNotFound (with close names) when the pack knows no such drug, or several and
    the name does not say which."""
    try:
        cleaned = clean_question(name)
    except QuestionTooLong:
        raise
    except BadQuestion:  # nothing readable: no drug has that name
        raise DrugNotFound(name[:MAX_NAME_CHARS].strip()) from None
    found = resolve_drug(cleaned, pack)
    if found.label is None:
        raise DrugNotFound(cleaned[:MAX_NAME_CHARS], found.suggestions)
    return found


def find_label(name: str, pack: Pack) -> Label:
    """The label a drug name means (see resolve_label)."""
    found = resolve_label(name, pack)
    assert found.label is not None
    return pack.label(found.label)


def label_by_set_id(set_id: str, pack: Pack) -> Label:
    """The current label with this set id. Raises LabelNotFound."""
    row = pack.label_id(set_id[:MAX_NAME_CHARS])
    if row is None:
        raise LabelNotFound(f"no label with set id “{set_id[:MAX_NAME_CHARS]}” in the pack.")
    return pack.label(row)


def patient_reviews(drug: str, condition: str | None = None, pack: PackLike = None) -> PatientVoices:
    """What patients say about a drug (optionally about one condition). Raises DrugNotFound."""
    with _opened(pack) as opened:
        return patient_voices(opened, find_label(drug, opened), condition)


def label_changes(drug: str, pack: PackLike = None) -> LabelChanges:
    """What changed between the versions of a drug's label the pack has seen. Raises DrugNotFound."""
    with _opened(pack) as opened:
        return _label_changes(opened, find_label(drug, opened))


def drug_names(prefix: str, pack: Pack, limit: int = 10) -> list[NameHit]:
    """Type-ahead: names that start with the prefix, one per medicine (brand and generic names both),
    the ones with uses first."""
    key = normalize_name(prefix[:MAX_NAME_CHARS])
    if not key:
        return []
    out: dict[str, NameHit] = {}
    for hit in pack.names_starting(key, 5 * limit):  # richest labels first
        name = display_name(_NAME_END.split(_NOT_A_NAME.sub("", hit.name))[0].strip(" .,;:"))
        norm = normalize_name(name)
        # A name one letter away from a richer label's name ("Zolof" beside "Zoloft") is a slip, not a drug.
        if not norm or "unknown" in norm or any(Levenshtein.distance(norm, kept) <= 1 for kept in out):
            continue
        out[norm] = NameHit(name=name, title=hit.title, set_id=hit.set_id, has_uses=hit.has_uses)
    return list(out.values())[:limit]


class DrugInfo(BaseModel):
    title: str
    brand_name: str | None
    generic_name: str | None
    set_id: str
    names: list[str]
    sections: list[str]
    uses: list[str]
    reviews: int
    effective_time: str | None
    source: str


def drug_info(name: str, pack: Pack) -> DrugInfo:
    """What the pack knows about one drug. Raises DrugNotFound."""
    label = find_label(name, pack)
    return DrugInfo(
        title=label.title, brand_name=label.brand_name, generic_name=label.generic_name, set_id=label.set_id,
        names=pack.display_names(label.id), sections=pack.section_names(label.id),
        uses=[u.condition for u in label.indications.uses] if label.indications else [],
        reviews=pack.review_count(label.id), effective_time=label.effective_time, source=label.source)


class Health(BaseModel):
    status: str = "ok"
    version: str
    schema_version: int
    labels: int


def health(pack: Pack) -> Health:
    return Health(version=__version__, schema_version=SCHEMA_VERSION, labels=pack.label_count())


__all__ = ["Answer", "BuildReport", "ChatContext", "ChatReply", "Conversation", "DrugInfo", "Format", "Health",
           "Pack", "PatientVoices", "Result", "ask", "build_pack", "chat", "drug_info", "drug_names", "find_label",
           "health", "label_by_set_id", "label_changes", "open_pack", "patient_reviews", "render",
           "resolve_label"]
