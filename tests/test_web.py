"""The HTTP API: answers, chat, drugs, health, errors and headers, through the app in-process; and the
OpenAPI contract checked by schemathesis against the running app."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from helpers import web_app
from rxscoop import Pack
from rxscoop.pack import SCHEMA_VERSION
from server import free_port


@pytest.fixture(scope="module")
def client(pack_path: Path) -> Iterator[TestClient]:
    with TestClient(web_app(pack_path, 0)) as c:
        yield c


def test_answer_json_markdown_and_html(client: TestClient) -> None:
    r = client.get("/v1/answer", params={"q": "what is dupixent used for"})
    assert r.status_code == 200 and r.json()["status"] == "answered" and len(r.json()["uses"]) == 8
    md = client.get("/v1/answer", params={"q": "what is dupixent used for", "format": "markdown"})
    assert md.status_code == 200 and md.text.startswith("# Dupixent (dupilumab)")
    assert md.headers["content-type"].startswith("text/markdown")
    html = client.get("/v1/answer", params={"q": "what is dupixent used for", "format": "html"})
    assert html.status_code == 200 and html.text.count('<li class="use"') == 8


def test_answers_below_the_router_are_the_routes_own(client: TestClient) -> None:
    """GET /v1/answer in JSON is answered below FastAPI's routing (web/fast.py) when it can be; a parameter given
    twice goes to the route itself (FastAPI reads the last): status, headers and body must be the same."""
    questions = ["what is dupixent used for", "dupixent: what is it for?", "what is humira used for 7",
                 "what is zorblaxin used for", "what is insulin used for", "dupixent side effects", "   "]
    for q in questions:
        for region in ("both", "us"):
            fast = client.get("/v1/answer", params={"q": q, "region": region})
            routed = client.get("/v1/answer", params=[("q", q), ("q", q), ("region", region)])
            assert (fast.status_code, fast.content) == (routed.status_code, routed.content), q
            assert fast.headers.items() == routed.headers.items(), q
    head = client.head("/v1/answer", params={"q": "what is dupixent used for"})
    assert head.status_code == 200 and head.content == b"" and head.headers["content-type"] == "application/json"


def test_errors_are_json_with_the_right_status(client: TestClient) -> None:
    unknown = client.get("/v1/answer", params={"q": "what is dupiflex used for"})
    assert unknown.status_code == 404
    body = unknown.json()
    assert body["status"] == "not_found" and "Dupixent" in body["suggestions"] and body["error"]
    assert client.get("/v1/answer", params={"q": "   "}).status_code == 422
    assert client.get("/v1/answer").status_code == 422
    too_long = client.get("/v1/answer", params={"q": "x" * 1500})
    assert too_long.status_code == 413 and "too long" in too_long.json()["error"]
    assert client.get("/v1/answer", params={"q": "dupixent", "format": "pdf"}).status_code == 422
    big = client.post("/v1/chat", content=b"{" + b" " * 20_000 + b"}", headers={"content-type": "application/json"})
    assert big.status_code == 413
    assert client.post("/v1/chat", json={"message": "y" * 1001}).status_code == 413
    emergency = client.get("/v1/answer", params={"q": "i want to end my life"})
    assert emergency.status_code == 200 and emergency.json()["emergency"]


def test_security_headers_and_no_write_routes(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "<form id=\"ask\"" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    spec = client.get("/openapi.json").json()["paths"]
    assert {m.upper() for ops in spec.values() for m in ops} <= {"GET", "POST"}
    posts = [path for path, ops in spec.items() if "post" in ops]
    assert posts == ["/v1/chat"]  # the only POST, and it reads the pack; nothing writes
    assert client.post("/", json={}).status_code == 405  # the page takes no writes either


def test_chat_keeps_the_drug_between_turns(client: TestClient) -> None:
    first = client.post("/v1/chat", json={"message": "what is dupixent used for"}).json()
    follow = client.post("/v1/chat?format=html", json={"message": "what about asthma?",
                                                       "context": first["context"]}).json()
    assert follow["context"]["drug"] == first["context"]["drug"] == first["answer"]["drug"]["set_id"]
    assert follow["answer"]["drug"]["title"] == "Dupixent" and follow["answer"]["condition"] == "Asthma"
    assert "Dupixent for asthma" in follow["html"]
    fresh = client.post("/v1/chat", json={"message": "what about asthma?"}).json()
    assert fresh["answer"]["status"] == "not_found"  # no context: no drug to follow up on


def test_drugs_type_ahead_and_details(client: TestClient) -> None:
    hits = client.get("/v1/drugs", params={"prefix": "dupi"}).json()
    assert [(h["name"], h["title"]) for h in hits] == [("Dupilumab", "Dupixent"), ("Dupixent", "Dupixent")]
    names = [h["name"] for h in client.get("/v1/drugs", params={"prefix": "metf"}).json()]
    assert names[0] == "Metformin" and len({n.lower() for n in names}) == len(names)  # each name once
    assert not [n for n in names if n.endswith(".") or "(" in n or "unknown" in n.lower()]  # cleaned
    assert client.get("/v1/drugs", params={"prefix": ""}).status_code == 422
    info = client.get("/v1/drugs/dupixent").json()
    assert info["title"] == "Dupixent" and len(info["uses"]) == 8 and "adverse_reactions" in info["sections"]
    missing = client.get("/v1/drugs/zorblaxin")
    assert missing.status_code == 404 and missing.json()["status"] == "not_found"


def test_health(client: TestClient, pack: Pack) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "version": "0.1.0", "schema_version": SCHEMA_VERSION,
                                             "labels": pack.counts()["labels"]}


def test_rate_limit(pack_path: Path) -> None:
    with TestClient(web_app(pack_path, 30)) as limited:
        codes = [limited.get("/healthz").status_code for _ in range(12)]
    assert codes[:5] == [200] * 5 and codes[-1] == 429


@pytest.fixture(scope="module")
def contract_app(pack_path: Path) -> Iterator[object]:
    app = web_app(pack_path, 0)
    with TestClient(app):  # run the lifespan so the pack is open
        yield app


def test_openapi_contract(contract_app: object) -> None:
    """Every operation, with generated inputs, answers within its documented statuses and schemas."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", contract_app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        strategy = operation.as_strategy()

        @settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def check(case: object) -> None:
            case.call_and_validate()  # type: ignore[attr-defined]

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them together
            failures.append(f"{operation.label}: {exc}")
    assert failures == []


def test_serve_command_with_two_workers_end_to_end(pack_path: Path) -> None:
    """`rxscoop serve` as a user starts it: two worker processes, any of which answers any chat turn, because
    the context travels with the conversation."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = pack_path.with_name(f"serve-{port}.log")
    command = [sys.executable, "-m", "rxscoop.cli", "serve", "--port", str(port), "--workers", "2", "--rate", "0",
               "--pack", str(pack_path)]
    with log.open("w") as errors, subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors) as server:
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    assert server.poll() is None, log.read_text()
                    time.sleep(0.1)
            with httpx.Client(base_url=base, timeout=30) as client:
                context = client.post("/v1/chat", json={"message": "what is dupixent used for"}).json()["context"]
                for _ in range(6):  # new connections: the turns land on both workers
                    with httpx.Client(base_url=base, timeout=30) as fresh:
                        reply = fresh.post("/v1/chat", json={"message": "what about asthma?", "context": context})
                    assert reply.status_code == 200
                    assert reply.json()["answer"]["drug"]["title"] == "Dupixent"
                assert client.get("/no/such/page").json()["status"] == "not_found"
            if sys.platform.startswith("linux"):  # each worker listens on a socket of its own (web/serve.py)
                deadline = time.monotonic() + 60
                while _listening_sockets(port) < 2 and time.monotonic() < deadline:
                    time.sleep(0.2)  # the second worker may still be loading the pack
                assert _listening_sockets(port) == 2
        finally:
            server.terminate()
            server.wait(timeout=30)


def _listening_sockets(port: int) -> int:
    """Sockets listening on this TCP port (Linux: /proc/net/tcp, state 0A)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1].endswith(f":{port:04X}") and row.split()[3] == "0A")
