"""`rxscoop mcp` as a real subprocess, driven over stdio (and once over streamable HTTP) by the official MCP client:
each tool, the label resources, the prompt, bad input; structured results checked against the declared schemas."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from jsonschema import Draft202012Validator
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.shared.exceptions import MCPError
from mcp_types import CallToolResult, TextResourceContents, Tool

from rxscoop import Pack, ask
from rxscoop.api import find_label
from rxscoop.errors import RxScoopError
from rxscoop.question.parse import MAX_QUESTION_CHARS, clean_question
from server import free_port

TOOLS = {"answer", "drug_uses", "label_section", "find_drugs", "label_changes"}
COMMAND = [sys.executable, "-m", "rxscoop.cli", "mcp"]


@dataclass
class Session:
    """A client session on a running `rxscoop mcp`, called from synchronous tests through a blocking portal."""

    portal: BlockingPortal
    client: Client
    tools: dict[str, Tool]

    def call(self, name: str, arguments: dict[str, Any]) -> CallToolResult:
        result: CallToolResult = self.portal.call(self.client.call_tool, name, arguments)
        return result

    def read(self, uri: str) -> TextResourceContents:
        contents = self.portal.call(self.client.read_resource, uri).contents[0]
        assert isinstance(contents, TextResourceContents)
        return contents

    def structured(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        """A successful call's structured result, valid against the tool's declared output schema."""
        result = self.call(name, arguments)
        assert not result.is_error, result.content
        assert result.structured_content is not None and self.tools[name].output_schema is not None
        Draft202012Validator(self.tools[name].output_schema).validate(result.structured_content)
        assert result.content and result.content[0].type == "text" and result.content[0].text.strip()
        structured: dict[str, Any] = result.structured_content
        return structured

    def error(self, name: str, arguments: dict[str, Any]) -> str:
        result = self.call(name, arguments)
        assert result.is_error and result.content and result.content[0].type == "text"
        assert "Traceback" not in result.content[0].text
        return result.content[0].text


@pytest.fixture(scope="module")
def mcp(pack_path: Path) -> Iterator[Session]:
    params = StdioServerParameters(command=COMMAND[0], args=COMMAND[1:], env={"RXSCOOP_PACK": str(pack_path)})
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(Client(params)) as client:
        listed = portal.call(client.list_tools)
        yield Session(portal, client, {t.name: t for t in listed.tools})


def message(work: Any) -> str:
    """The message the library raises for this input, which the tool must pass on unchanged."""
    try:
        work()
    except RxScoopError as exc:
        return str(exc)
    raise AssertionError("no error raised")


def test_every_tool_is_listed_read_only_with_typed_schemas(mcp: Session) -> None:
    assert set(mcp.tools) == TOOLS
    for tool in mcp.tools.values():
        assert tool.annotations and tool.annotations.read_only_hint and not tool.annotations.destructive_hint
        assert tool.output_schema and tool.output_schema["type"] == "object"
        assert tool.input_schema["required"] and tool.description
        for prop in tool.input_schema["properties"].values():
            if prop.get("type") == "string":
                assert 0 < prop["maxLength"] <= MAX_QUESTION_CHARS  # every text input is bounded
    assert mcp.tools["answer"].input_schema["properties"]["question"]["maxLength"] == MAX_QUESTION_CHARS


def test_answer_is_the_same_answer_as_ask(mcp: Session, pack: Pack) -> None:
    question = "what is dupixent used for"
    got = mcp.structured("answer", {"question": question})
    assert got == json.loads(ask(question, pack).model_dump_json())
    assert got["status"] == "answered" and got["uses"]
    assert all(use["statement"]["citations"] for use in got["uses"])
    text = mcp.call("answer", {"question": question}).content[0]
    assert text.type == "text" and got["drug"]["title"] in text.text and "not medical advice" in text.text


def test_drug_uses_all_and_one_condition(mcp: Session, pack: Pack) -> None:
    everything = ask("what is dupixent used for", pack)
    got = mcp.structured("drug_uses", {"drug": "dupixent"})
    assert [u["condition"] for u in got["uses"]] == [u.condition for u in everything.uses]
    assert all(u["population"] and u["statement"]["citations"] for u in got["uses"])
    one = everything.uses[1].condition
    focused = mcp.structured("drug_uses", {"drug": "dupixent", "condition": one})
    assert [u["condition"] for u in focused["uses"]] == [one] and focused["topic"]["statements"]
    cited = {c["section_title"] for s in focused["topic"]["statements"] for c in s["citations"]
             if c["set_id"] == focused["drug"]["set_id"]}
    assert cited <= set(focused["sources"][0]["sections"])  # the sources name what the focus cites
    unlisted = mcp.structured("drug_uses", {"drug": "dupixent", "condition": "a broken leg"})
    assert "not among" in unlisted["topic"]["statements"][0]["text"]


def test_label_section_is_the_exact_text_with_set_id_and_date(mcp: Session, pack: Pack) -> None:
    label = find_label("dupixent", pack)
    body = pack.section(label.id, "indications_and_usage")
    assert body
    got = mcp.structured("label_section", {"drug": "dupixent", "section": "Indications and Usage"})
    assert got["text"] == body and got["set_id"] == label.set_id and got["section"] == "indications_and_usage"
    assert not got["truncated"] and got["chars"] == len(body) and "effective_time" in got
    cut = mcp.structured("label_section", {"drug": "dupixent", "section": "indications_and_usage", "max_chars": 200})
    assert cut["text"] == body[:200] and cut["truncated"] and cut["chars"] == len(body)


def test_find_drugs_by_prefix_and_misspelling(mcp: Session, pack: Pack) -> None:
    got = mcp.structured("find_drugs", {"prefix_or_name": "sert"})
    assert got["starting_with"] and all(h["name"].lower().startswith("sert") for h in got["starting_with"])
    misspelt = mcp.structured("find_drugs", {"prefix_or_name": "dupixnet"})
    assert misspelt["found"]["set_id"] == find_label("dupixent", pack).set_id


def test_label_changes(mcp: Session) -> None:
    got = mcp.structured("label_changes", {"drug": "dupixent"})
    assert got["versions"] >= 1 and got["drug"] == "Dupixent"


def test_label_resources_open_what_citations_point_at(mcp: Session, pack: Pack) -> None:
    citation = ask("what is dupixent used for", pack).uses[0].statement.citations[0]
    label = json.loads(mcp.read(f"rxscoop://label/{citation.set_id}").text)
    assert label["set_id"] == citation.set_id and citation.section in [s["name"] for s in label["sections"]]
    uri = next(s["uri"] for s in label["sections"] if s["name"] == citation.section)
    section = mcp.read(uri)
    assert section.mime_type == "text/plain"
    assert section.text == pack.section(find_label("dupixent", pack).id, citation.section)
    with pytest.raises(MCPError, match="no label with set id"):
        mcp.read("rxscoop://label/no-such-set-id")
    with pytest.raises(MCPError, match="has no section"):
        mcp.read(f"rxscoop://label/{citation.set_id}/no_such_section")


def test_bad_input_is_a_tool_error_with_the_cli_message(mcp: Session, pack: Pack) -> None:
    unknown = message(lambda: find_label("zzqxyv", pack))
    assert "no drug named" in unknown
    for tool in ("drug_uses", "label_section", "label_changes"):
        assert mcp.error(tool, {"drug": "zzqxyv", "section": "boxed_warning"} if tool == "label_section"
                         else {"drug": "zzqxyv"}) == unknown
    assert mcp.error("answer", {"question": "   "}) == message(lambda: clean_question("   "))
    long = "what is dupixent used for " * 50
    assert mcp.error("answer", {"question": long}) == message(lambda: clean_question(long))
    assert mcp.error("drug_uses", {"drug": "x" * (MAX_QUESTION_CHARS + 1)}).startswith("the question is too long")
    not_found = mcp.error("answer", {"question": "what is zzqxyv used for"})
    assert not_found.startswith(ask("what is zzqxyv used for", pack).message or "?")
    no_section = mcp.error("label_section", {"drug": "dupixent", "section": "no such section"})
    assert "indications_and_usage" in no_section  # says which sections there are
    assert mcp.error("find_drugs", {"prefix_or_name": "dup", "limit": 10_000})  # out of the declared range
    assert mcp.error("answer", {})  # missing argument
    assert mcp.call("answer", {"question": "what is dupixent used for"}).structured_content  # still serving


def test_prompt_keeps_the_assistant_to_the_results(mcp: Session) -> None:
    listed = mcp.portal.call(mcp.client.list_prompts)
    assert [p.name for p in listed.prompts] == ["answer_from_labels"]
    got = mcp.portal.call(mcp.client.get_prompt, "answer_from_labels", {"question": "what is zoloft for"})
    text = got.messages[0].content
    assert text.type == "text" and "what is zoloft for" in text.text and "citation" in text.text


def test_streamable_http(pack_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen([*COMMAND, "--http", "--port", str(port), "--pack", str(pack_path)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # ready when the port answers at all
            try:
                httpx.get(f"http://127.0.0.1:{port}/mcp", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.2)

        async def drive() -> CallToolResult:
            async with Client(f"http://127.0.0.1:{port}/mcp") as client:
                return await client.call_tool("drug_uses", {"drug": "dupixent"})

        result = anyio.run(drive)
        assert not result.is_error and result.structured_content and result.structured_content["uses"]
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr:
            server.stderr.close()


def test_missing_pack_is_a_message_not_a_server(tmp_path: Path) -> None:
    run = subprocess.run([*COMMAND, "--pack", str(tmp_path / "none.sqlite")], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL, timeout=60, check=False)
    assert run.returncode == 1 and "no pack at" in run.stderr and "Traceback" not in run.stderr
