"""Each bound of issue 18, tested quickly: readers (depth, string, record, zip member size and ratio, field
types, NaN), the server (streamed body, headers, slow headers, HEAD, error shape and headers everywhere),
caches in bytes, Markdown escaping, and the build lock."""

from __future__ import annotations

import json
import socket
import zipfile
from pathlib import Path

import httpx
import pytest
from markdown_it import MarkdownIt

from rxscoop import Pack, build_pack
from rxscoop.answer.model import Answer
from rxscoop.caches import registry
from rxscoop.errors import BuildFailed
from rxscoop.label.names import normalize_name
from rxscoop.pack.publish import build_lock
from rxscoop.render.markdown import render_markdown
from rxscoop.sources import LabelRecord, RecordProblem, read_records
from rxscoop.web import server as web_server
from server import running_server

GOOD = {"set_id": "good", "indications_and_usage": ["GOODRX is indicated for headache."],
        "openfda": {"brand_name": ["Goodrx"]}}


def problems(path: Path) -> list[str]:
    items = list(read_records(path))
    assert any(isinstance(i, LabelRecord) and i.set_id == "good" for i in items), "the good record survives"
    return [str(i) for i in items if isinstance(i, RecordProblem)]


def write_json(path: Path, raw_records: list[bytes]) -> Path:
    path.write_bytes(b'{"meta": {}, "results": [' + b", ".join([*raw_records, json.dumps(GOOD).encode()]) + b"]}")
    return path


def write_jsonl(path: Path, raw_records: list[bytes]) -> Path:
    path.write_bytes(b"\n".join([*raw_records, json.dumps(GOOD).encode()]) + b"\n")
    return path


@pytest.mark.parametrize("writer,suffix", [(write_json, ".json"), (write_jsonl, ".jsonl")])
def test_deep_nesting_is_a_skipped_record(tmp_path: Path, writer, suffix: str) -> None:
    deep = b'{"set_id": "deep", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    found = problems(writer(tmp_path / f"deep{suffix}", [deep]))
    assert len(found) == 1 and "(bound: depth)" in found[0]
    assert found[0].startswith(f"deep{suffix}#0" if suffix == ".json" else f"deep{suffix}:1")


@pytest.mark.parametrize("writer,suffix", [(write_json, ".json"), (write_jsonl, ".jsonl")])
def test_long_strings_and_large_records_are_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer,
                                                    suffix: str) -> None:
    monkeypatch.setattr("rxscoop.sources.bounded.MAX_STRING_BYTES", 1_000)
    monkeypatch.setattr("rxscoop.sources.bounded.MAX_RECORD_BYTES", 50_000)
    long = json.dumps({"set_id": "long", "indications_and_usage": "é\\\"x" * 2_000}).encode()
    large = json.dumps({"set_id": "large", **{f"f{i}": "y" * 900 for i in range(100)}}).encode()
    found = problems(writer(tmp_path / f"big{suffix}", [long, large]))
    assert len(found) == 2
    assert "(bound: string bytes)" in found[0] and "(bound: record bytes)" in found[1]


@pytest.mark.parametrize("writer,suffix", [(write_json, ".json"), (write_jsonl, ".jsonl")])
def test_wrong_types_and_nan_are_reported_the_same_in_json_and_jsonl(tmp_path: Path, writer, suffix: str) -> None:
    bad = [b'{"set_id": NaN, "indications_and_usage": "x"}',
           b'{"set_id": {"a": 1}, "indications_and_usage": "x"}',
           b'{"set_id": "a", "indications_and_usage": 5}',
           b'{"set_id": "b", "indications_and_usage": ["x"], "openfda": {"brand_name": 7}}',
           b'{"set_id": "c", "warnings": [{"text": "x"}]}',
           b'{"brand_name": "X", "sections": {"a": "b"}, "source_commit": 5}',
           b'{"brand_name": "X", "sections": {"a": Infinity}}']
    found = [p.split(": ", 1)[1] for p in problems(writer(tmp_path / f"types{suffix}", bad))]
    assert found == ["set_id: expected text or a list of texts, found NaN",
                     "set_id: expected text or a list of texts, found an object",
                     "indications_and_usage: expected text or a list of texts, found a number",
                     "openfda.brand_name: expected text or a list of texts, found a number",
                     "warnings: expected text, found an object in its list",
                     "source_commit: expected text, found a number",
                     "sections.a: expected text, found NaN"]


def test_zip_members_over_size_or_ratio_are_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = tmp_path / "bomb.json.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.json", b'{"results": [{"set_id": "x", "indications_and_usage": "' + b" " * 20_000_000 + b'"}]}')
        z.writestr("b.json", json.dumps({"results": [GOOD]}))
    found = problems(bomb)
    assert len(found) == 1 and "(bound: zip ratio)" in found[0] and found[0].startswith("bomb.json.zip/a.json")

    monkeypatch.setattr("rxscoop.sources.openfda.MAX_MEMBER_BYTES", 1_000)
    big = tmp_path / "big.json.zip"
    with zipfile.ZipFile(big, "w") as z:
        z.writestr("a.json", json.dumps({"results": [GOOD] * 20}))
        z.writestr("b.json", json.dumps({"results": [GOOD]}))
    found = problems(big)
    assert len(found) == 1 and "(bound: zip member bytes)" in found[0]


def test_the_normalizer_cache_is_bounded_in_bytes() -> None:
    cache = registry["rxscoop.label.names.normalize_name"]
    for i in range(3_000):
        normalize_name(f"{i} " + "what is this medicine used for " * 40)
    assert cache.size <= cache.max_bytes and len(cache) < 3_000


def test_markdown_output_is_inert_in_a_commonmark_renderer(pack: Pack) -> None:
    from rxscoop.api import ask

    answer = ask("what is dupixent used for", pack)
    hostile = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) <iframe src=x></iframe> <style>*{}</style>"
    answer = Answer.model_validate(answer.model_dump())
    answer.uses[0].statement.text = hostile
    answer.summary.text = "![x](javascript:alert(2)) `code` *em*"  # type: ignore[union-attr]
    html = MarkdownIt().render(render_markdown(answer))
    for live in ("<img", "<iframe", "<style", "href=", "<code>", "<em>em</em>"):
        assert live not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_second_build_of_the_same_pack_stops_with_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "p.sqlite"
    source = write_jsonl(tmp_path / "one.jsonl", [])
    with build_lock(target), pytest.raises(BuildFailed, match="another build"):
        build_pack([source], target)
    build_pack([source], target)
    assert sorted(p.name for p in tmp_path.iterdir() if "tmp" in p.name or "building" in p.name) == []
    with Pack(target, verify=True) as pack:
        assert pack.checksum == "ok"


def _raw(base: str, data: bytes) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as s:
        s.sendall(data)
        return s.recv(65536)


def test_the_server_bounds_every_request(pack_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_server, "HEADER_SECONDS", 0.5)
    with running_server(pack_path) as base:
        def chunks():  # no Content-Length: the body is counted as it streams
            for _ in range(100):
                yield b"x" * 1024

        r = httpx.post(f"{base}/v1/chat", content=chunks())
        assert r.status_code == 413 and r.json()["status"] == "too_large" and r.headers["x-frame-options"] == "DENY"
        r = httpx.get(f"{base}/healthz", headers={"x-big": "a" * 40_000})
        assert r.status_code == 431 and r.headers["x-frame-options"] == "DENY"
        r = httpx.get(f"{base}/healthz", headers={f"x-{i}": "1" for i in range(100)})
        assert r.status_code == 431
        for method, path, code in (("GET", "/nope", 404), ("DELETE", "/healthz", 405)):
            r = httpx.request(method, f"{base}{path}")
            assert r.status_code == code and set(r.json()) == {"error", "status", "suggestions"}
            assert r.headers["content-security-policy"]
        r = httpx.head(f"{base}/")
        assert r.status_code == 200 and r.content == b"" and r.headers["x-frame-options"] == "DENY"
        # the protocol's own errors: malformed or endless headers, and headers that never finish
        reply = _raw(base, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000)
        assert reply.startswith(b"HTTP/1.1 400") and b"x-frame-options: DENY" in reply and b'"error"' in reply
        reply = _raw(base, b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        assert reply.startswith(b"HTTP/1.1 408") and b"content-security-policy" in reply
        assert httpx.get(f"{base}/healthz").status_code == 200
