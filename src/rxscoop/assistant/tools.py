"""What the assistant tools answer, as typed results, from the library API alone (no MCP here): the MCP
server wraps these, and the benchmark and tests can call them in-process."""

from __future__ import annotations

from pydantic import BaseModel, Field

from rxscoop.answer.changes import LabelChanges
from rxscoop.answer.citations import label_date
from rxscoop.answer.compose import compose_uses, sources_of
from rxscoop.answer.focus import condition_topic, find_item, not_a_use
from rxscoop.answer.model import Answer
from rxscoop.api import ask, drug_names, find_label, label_by_set_id, label_changes, resolve_label
from rxscoop.errors import SectionNotFound
from rxscoop.label.model import Label
from rxscoop.label.names import normalize_name
from rxscoop.label.sections import TITLES, section_title
from rxscoop.pack.query import Pack
from rxscoop.question.intent import Intent
from rxscoop.question.parse import Query, clean_question
from rxscoop.question.resolve import resolve_drug

# Bounds on what a caller may send; the question's own bound is MAX_QUESTION_CHARS (question/parse.py).
MAX_SET_ID_CHARS = 100  # set ids are UUIDs; longer text is cut before it is looked up or echoed
MAX_SECTION_NAME_CHARS = 80
MAX_FIND = 50
DEFAULT_SECTION_CHARS = 20_000
MAX_SECTION_CHARS = 200_000
URI_SCHEME = "rxscoop"


def label_uri(set_id: str, section: str | None = None) -> str:
    return f"{URI_SCHEME}://label/{set_id}" + (f"/{section}" if section else "")


class LabelSection(BaseModel):
    """One section of a label, exactly as the label says it."""

    drug: str
    set_id: str
    section: str = Field(description="openFDA field name, e.g. indications_and_usage")
    section_title: str = Field(description="e.g. 'Indications and Usage'")
    effective_time: str | None = Field(None, description="label date (ISO), when the source gives it")
    retrieved_at: str | None = None
    source: str
    text: str = Field(description="the section's text, cut at max_chars when longer")
    chars: int = Field(description="length of the whole section")
    truncated: bool = Field(description="text is the first max_chars characters; the resource uri has it all")
    uri: str = Field(description="resource with the whole section")
    sections: list[str] = Field(description="every section this label has (openFDA field names)")


class DrugHit(BaseModel):
    name: str = Field(description="the name as the pack shows it")
    title: str = Field(description="the label's title")
    set_id: str
    has_uses: bool = Field(description="the label's approved uses were read")


class DrugMatches(BaseModel):
    """Names the pack knows for what was typed."""

    query: str
    status: str = Field(description="found | ambiguous | not_found: what `answer` would make of the name")
    found: DrugHit | None = Field(None, description="the drug the name resolves to, as `answer` would pick it")
    starting_with: list[DrugHit] = Field(default_factory=list, description="names that start with what was typed")
    close: list[str] = Field(default_factory=list, description="close names, for a misspelling or an ambiguous name")


def answer(pack: Pack, question: str) -> Answer:
    """The same answer as `rxscoop ask`."""
    return ask(question, pack)


def drug_uses(pack: Pack, drug: str, condition: str | None = None) -> Answer:
    """The approved uses with who they are for (the summary and the uses of `ask`'s answer, no more); with a
    condition, that use in depth, or that it is not one of the label's uses."""
    found = resolve_label(drug, pack)
    label = find_label(drug, pack)
    if condition is not None:
        condition = clean_question(condition)
    query = Query(text=clean_question(drug), resolution_status=found.status, label=label.id, matched=found.matched,
                  exact=found.exact)
    result = compose_uses(query, label, pack, whole=False, patients=False)
    result.intent = Intent.uses
    if condition and result.uses and result.drug:
        # A label without uses is answered from the fullest label of the same medicine: focus on that one.
        shown = label if result.drug.set_id == label.set_id else label_by_set_id(result.drug.set_id, pack)
        item = find_item(result.uses, condition)
        result.condition = condition
        if item:
            result.topic, result.uses = condition_topic(shown, pack, item, None), [item]
        else:
            result.topic = not_a_use(shown, condition, result.uses)
        result.sources = sources_of(shown, result)  # the focus cites sections the uses alone did not
    return result


def _section_name(asked: str, have: list[str]) -> str | None:
    """The section the caller means: an openFDA field name or a title, in any case or spacing."""
    key = normalize_name(asked).replace(" ", "_")
    by_title = {normalize_name(title).replace(" ", "_"): name for name, title in TITLES.items()}
    for name in (key, by_title.get(key)):
        if name and name in have:
            return name
    return None


def section_of(pack: Pack, label: Label, section: str, max_chars: int | None = None) -> LabelSection:
    """One section of the label, cut at max_chars when given."""
    have = pack.section_names(label.id)
    name = _section_name(section[:MAX_SECTION_NAME_CHARS], have)
    body = pack.section(label.id, name) if name else None
    if name is None or body is None:
        raise SectionNotFound(f"the label of {label.title} (set id {label.set_id}) has no section "
                              f"“{section[:MAX_SECTION_NAME_CHARS]}”. Sections it has: {', '.join(have) or 'none'}.")
    return LabelSection(
        drug=label.title, set_id=label.set_id, section=name, section_title=section_title(name),
        effective_time=label_date(label), retrieved_at=label.retrieved_at, source=label.source,
        text=body[:max_chars], chars=len(body), truncated=max_chars is not None and len(body) > max_chars,
        uri=label_uri(label.set_id, name), sections=have)


def label_section(pack: Pack, drug: str, section: str, max_chars: int = DEFAULT_SECTION_CHARS) -> LabelSection:
    """The exact text of one section of the drug's label, with its set id and date."""
    return section_of(pack, find_label(drug, pack), section, max_chars)


def find_drugs(pack: Pack, name: str, limit: int = 10) -> DrugMatches:
    """Names the pack knows that start with what was typed, what it resolves to, and close names."""
    text = clean_question(name)
    found = resolve_drug(text, pack)
    hit = None
    if found.label is not None:
        label = pack.label(found.label)
        hit = DrugHit(name=found.name or label.title, title=label.title, set_id=label.set_id,
                      has_uses=label.indications is not None)
    key = normalize_name(text)
    starting = [DrugHit(name=h.name, title=h.title, set_id=h.set_id, has_uses=h.has_uses)
                for h in drug_names(text, pack, min(limit, MAX_FIND))] if key else []
    return DrugMatches(query=text, status=found.status, found=hit, starting_with=starting, close=found.suggestions)


def changes(pack: Pack, drug: str) -> LabelChanges:
    """What changed between the versions of the drug's label the pack has seen."""
    return label_changes(drug, pack)
