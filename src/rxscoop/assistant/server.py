"""The Model Context Protocol server: rxscoop's answers as tools an AI assistant can call, labels as resources
it can open, and a prompt that keeps it to them. A thin layer over assistant/tools.py and the pack, read-only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field

from rxscoop.answer.changes import LabelChanges
from rxscoop.answer.citations import label_date
from rxscoop.answer.model import Answer
from rxscoop.api import label_by_set_id
from rxscoop.assistant import tools
from rxscoop.errors import RxScoopError
from rxscoop.label.sections import section_title
from rxscoop.pack.query import Pack
from rxscoop.question.parse import MAX_QUESTION_CHARS
from rxscoop.render import Format, Result, render
from rxscoop.version import __version__

M = TypeVar("M", bound=BaseModel)

# Every tool only reads the pack: the same call gives the same result, and nothing outside the pack is reached.
READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)

# Text bounds are in the schema for clients, and enforced by clean_question with the CLI's own messages (a
# pydantic bound would answer with a validation dump instead).
Question = Annotated[str, Field(description="the question, in plain words, e.g. 'what is dupixent used for'",
                                json_schema_extra={"minLength": 1, "maxLength": MAX_QUESTION_CHARS})]
Drug = Annotated[str, Field(description="a brand or generic name, e.g. 'dupixent' or 'sertraline'",
                            json_schema_extra={"minLength": 1, "maxLength": MAX_QUESTION_CHARS})]
Condition = Annotated[str | None, Field(description="only this use, e.g. 'asthma'",
                                        json_schema_extra=lambda schema: schema["anyOf"][0].update(
                                            maxLength=MAX_QUESTION_CHARS))]
Section = Annotated[str, Field(description="an openFDA field name or a section title, e.g. 'indications_and_usage', "
                                           "'Adverse Reactions', 'boxed_warning'",
                               json_schema_extra={"minLength": 1, "maxLength": tools.MAX_SECTION_NAME_CHARS})]
MaxChars = Annotated[int, Field(ge=200, le=tools.MAX_SECTION_CHARS,
                                description="cut the text here; the resource uri in the result has all of it")]
Limit = Annotated[int, Field(ge=1, le=tools.MAX_FIND, description="at most this many names")]

INSTRUCTIONS = (
    "rxscoop answers what a medicine is used for, and other questions about it, only from FDA label text in a "
    "local pack, in plain words, with citations (set id, section, label date, quoted text). Answer from these "
    "results only, keep their citations, and say so when they do not answer the question. It is not medical advice."
)

PROMPT = """Answer this question about a medicine using only the rxscoop tools: {question}

- Call `answer` with the question (or `drug_uses`, `label_section`, `label_changes` for something narrower; \
`find_drugs` when you are not sure of the name).
- Say only what the results say. Do not add facts from memory; when the results do not answer something, say \
that the label data does not say.
- Keep the citations: for each statement, name the drug, the label section and its date, and the set id. The \
exact text is at rxscoop://label/{{set_id}}/{{section}}.
- Use plain words, as the results do, and end with the results' disclaimer: this is general information from \
the FDA label, not medical advice."""


class SectionLink(BaseModel):
    name: str
    title: str
    uri: str


class LabelInfo(BaseModel):
    """What the resource rxscoop://label/{set_id} shows: the label and links to its sections."""

    title: str
    brand_name: str | None
    generic_name: str | None
    set_id: str
    effective_time: str | None
    retrieved_at: str | None
    source: str
    uses: list[str]
    sections: list[SectionLink]


def _result(model: BaseModel, text: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=text)],
                          structured_content=model.model_dump(mode="json"))


def _error(message: str) -> CallToolResult:
    """A tool error carrying the message as the CLI prints it (raising the SDK's ToolError would prefix
    "Error executing tool …")."""
    return CallToolResult(content=[TextContent(type="text", text=message)], is_error=True)


def _markdown(result: Result) -> str:
    """The short text rendering that goes with each structured result: the renderer's Markdown."""
    return render(result, Format.markdown)


def _call(work: Callable[[], M], text: Callable[[M], str]) -> CallToolResult:
    """Run a tool; an error rxscoop raises on purpose becomes a tool error with its own message."""
    try:
        model = work()
    except RxScoopError as exc:
        return _error(str(exc))
    return _result(model, text(model))


def _answered(answer: Answer) -> CallToolResult:
    """An answer that names no drug the pack knows is a tool error, worded as `rxscoop ask` words it."""
    if answer.status in ("not_found", "ambiguous"):
        return _error(_markdown(answer).strip())
    return _result(answer, _markdown(answer))


def _section_text(s: tools.LabelSection) -> str:
    cut = f"\n\n… {s.chars - len(s.text):,} more characters: read {s.uri}" if s.truncated else ""
    return (f"# {s.drug}: {s.section_title}\n\nset id {s.set_id}; label date {s.effective_time or 'not given'}; "
            f"{s.source}\n\n{s.text}{cut}\n")


def _matches_text(m: tools.DrugMatches) -> str:
    lines = [f"“{m.query}” is {m.found.title} ({m.found.name}, set id {m.found.set_id})" if m.found
             else f"“{m.query}” names no single drug in the pack ({m.status.replace('_', ' ')})"]
    if m.starting_with:
        lines.append("Names starting with it: " + "; ".join(f"{h.name} ({h.title})" for h in m.starting_with))
    if m.close:
        lines.append("Close names: " + ", ".join(m.close))
    return "\n".join(lines) + "\n"


def create_server(pack: Pack) -> MCPServer:
    """The server over an open pack; the caller keeps the pack open while it runs."""
    server: MCPServer = MCPServer(name="rxscoop", title="rxscoop: what is this medicine used for?",
                                  version=__version__, instructions=INSTRUCTIONS, log_level="WARNING")

    @server.tool(title="Answer a question about a medicine", annotations=READ_ONLY)
    def answer(question: Question) -> Annotated[CallToolResult, Answer]:
        """Answer a question about a medicine from its FDA label, as `rxscoop ask` does: what it is used for and
        who for, side effects, dosage, warnings, interactions, and more; every statement with its citations."""
        try:
            result = tools.answer(pack, question)
        except RxScoopError as exc:
            return _error(str(exc))
        return _answered(result)

    @server.tool(title="Approved uses of a medicine", annotations=READ_ONLY)
    def drug_uses(drug: Drug, condition: Condition = None) -> Annotated[CallToolResult, Answer]:
        """The medicine's approved uses from its FDA label, each with who it is for (ages, severity, what must have
        been tried first), with citations. With a condition: that use in depth, or that the label does not list it."""
        return _call(lambda: tools.drug_uses(pack, drug, condition), _markdown)

    @server.tool(title="Exact text of a label section", annotations=READ_ONLY)
    def label_section(drug: Drug, section: Section, max_chars: MaxChars = tools.DEFAULT_SECTION_CHARS
                      ) -> Annotated[CallToolResult, tools.LabelSection]:
        """The exact text of one section of the medicine's FDA label, with the label's set id, date and source.
        An unknown section name is answered with the sections the label has."""
        return _call(lambda: tools.label_section(pack, drug, section, max_chars), _section_text)

    @server.tool(title="Find a medicine's name", annotations=READ_ONLY)
    def find_drugs(prefix_or_name: Drug, limit: Limit = 10) -> Annotated[CallToolResult, tools.DrugMatches]:
        """Names the pack knows: those starting with what was typed, the drug it resolves to, and close names for
        a misspelling. Use it before the other tools when unsure of a name."""
        return _call(lambda: tools.find_drugs(pack, prefix_or_name, limit), _matches_text)

    @server.tool(title="What changed in a medicine's label", annotations=READ_ONLY)
    def label_changes(drug: Drug) -> Annotated[CallToolResult, LabelChanges]:
        """What changed between the versions of the medicine's label the pack has seen: uses added or removed,
        minimum ages changed, sections changed."""
        return _call(lambda: tools.changes(pack, drug), _markdown)

    @server.resource("rxscoop://label/{set_id}", name="label", title="An FDA label in the pack",
                     mime_type="application/json")
    def label(set_id: str) -> str:
        """The label with this set id: names, date, source, approved uses, and a link to each section."""
        try:
            found = label_by_set_id(set_id, pack)
        except RxScoopError as exc:
            raise ResourceNotFoundError(str(exc)) from None
        links = [SectionLink(name=n, title=section_title(n), uri=tools.label_uri(found.set_id, n))
                 for n in pack.section_names(found.id)]
        info = LabelInfo(title=found.title, brand_name=found.brand_name, generic_name=found.generic_name,
                         set_id=found.set_id, effective_time=label_date(found), retrieved_at=found.retrieved_at,
                         source=found.source, sections=links,
                         uses=[u.condition for u in found.indications.uses] if found.indications else [])
        return info.model_dump_json(indent=2)

    @server.resource("rxscoop://label/{set_id}/{section}", name="label_section", title="One section of an FDA label",
                     mime_type="text/plain")
    def label_section_text(set_id: str, section: str) -> str:
        """The whole text of one section, exactly as the label says it."""
        try:
            return tools.section_of(pack, label_by_set_id(set_id, pack), section).text
        except RxScoopError as exc:
            raise ResourceNotFoundError(str(exc)) from None

    @server.prompt(name="answer_from_labels", title="Answer only from FDA labels, with citations")
    def answer_from_labels(question: Question) -> str:
        """Ask the assistant to answer a medicine question only from rxscoop's results, keeping the citations."""
        return PROMPT.format(question=question[:MAX_QUESTION_CHARS])

    return server


def serve(pack: Pack, transport: Literal["stdio", "streamable-http"] = "stdio", host: str = "127.0.0.1",
          port: int = 8765) -> None:
    server = create_server(pack)
    if transport == "stdio":
        server.run("stdio")
    else:
        server.run("streamable-http", host=host, port=port)
