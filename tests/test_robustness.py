"""Hard to break: hostile questions (Hypothesis and atheris), broken data, a killed build, a damaged pack,
hostile text in the web page, and no stack trace ever served."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import LABELS, ROOT, pack_rows, snapshot_label, snapshot_records, web_app
from rxscoop import Pack, ask, build_pack
from rxscoop.errors import BadQuestion, PackInvalid
from rxscoop.sources import RecordProblem, read_records

NASTY = [
    "", " ", "\t\n", "\x00\x01\x02", "x" * 100_000, "dupixent " * 5000, '"', "*", "NEAR(", 'NEAR("a" "b")',
    "dupixent\" OR 1=1 --", "'; DROP TABLE labels; --", "<script>alert(1)</script> dupixent",
    "<img src=x onerror=alert(1)>", "javascript:alert(1)", "дупиксент для чего", "杜匹鲁单抗 dupixent",
    "💊💊💊 dupixent 😷", "\u202edupixent\u202c", "ﷺ" * 500, "d\u0301u\u0308pixent", "a" * 1001,
    "what is \x1b[31mdupixent\x1b[0m", "%s%s%n", "{{7*7}} dupixent", "dupixent\r\nSet-Cookie: x=1",
]


def _ask_safely(pack: Pack, text: str) -> None:
    """An answer or a clear message, never a traceback (how fast: bench/fuzz_ask.py and bench/ask_latency.py)."""
    try:
        answer = ask(text, pack)
        assert answer.status in ("answered", "not_found", "ambiguous", "no_data", "emergency")
        assert answer.disclaimer
    except BadQuestion as exc:
        assert str(exc)  # a clear message


@pytest.mark.parametrize("text", NASTY)
def test_nasty_questions(pack: Pack, text: str) -> None:
    _ask_safely(pack, text)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=2000),
    st.builds(lambda a, b: f"{a} dupixent {b}", st.text(max_size=50), st.text(max_size=50)),
    st.lists(st.sampled_from(['"', "*", "(", ")", "NEAR", "OR", "AND", "-", "^", ":", "dupixent", "for", "<", ">"]),
             max_size=30).map(" ".join),
))
def test_any_text_gets_an_answer_or_a_clear_message(pack: Pack, text: str) -> None:
    _ask_safely(pack, text)


def test_fuzzing_run(pack_path: Path) -> None:
    """atheris, coverage-guided, over the whole ask path, for a bounded number of runs."""
    pytest.importorskip("atheris")
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "fuzz_ask.py"), str(pack_path), "-runs=1500",
                             "-max_len=512", "-seed=1"], capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Done 1500 runs" in result.stderr


def test_broken_records_are_counted_with_their_place(tmp_path: Path) -> None:
    good = json.dumps(snapshot_label("metformin"))
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\n".join([
        good.encode(), b"{}", b'{"sections": {}}', "{\"brand_name\": \"Caf\xe9\"}".encode("latin-1"),
        b"[]", b"null", b'{"set_id": ["x"], "openfda": "not an object", "indications_and_usage": [1, 2]}',
    ]) + b"\n")
    items = list(read_records(bad))
    problems = [str(i) for i in items if isinstance(i, RecordProblem)]
    assert len(problems) == 6 and all(p.startswith("bad.jsonl:") for p in problems)
    assert problems[-1] == "bad.jsonl:7: indications_and_usage: expected text, found a number in its list"
    report = build_pack([bad], tmp_path / "p.sqlite")
    assert (report.labels, report.skipped) == (1, 6)


def test_absurd_sections_and_duplicate_set_ids_build_and_answer(tmp_path: Path) -> None:
    record = snapshot_label("Dupixent")
    huge = dict(record, sections={k: v * 400 for k, v in record["sections"].items()})  # ~370 MB of text in all
    path = tmp_path / "huge.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [huge, huge, record]) + "\n")
    report = build_pack([path], tmp_path / "p.sqlite")
    assert report.labels == 1  # one set id, however often it appears
    with Pack(tmp_path / "p.sqlite") as pack:
        assert ask("what is dupixent used for", pack).status == "answered"
        assert ask("dupixent side effects", pack).topic is not None


def test_killed_build_leaves_the_old_pack_answering(tmp_path: Path) -> None:
    pack = tmp_path / "p.sqlite"
    build_pack([LABELS / "common-drugs-excerpts.jsonl"], pack)
    before = pack.read_bytes()
    big = tmp_path / "big.jsonl"
    rows = [json.dumps(dict(r, brand_name=f"{r.get('brand_name')} {i}")) for i in range(60)
            for r in snapshot_records("biologics-derm.jsonl")]
    big.write_text("\n".join(rows) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "rxscoop.cli", "build", str(big), "--pack", str(pack)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".p.sqlite.*.building")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert list(tmp_path.glob(".p.sqlite.*.building"))  # it was killed in the middle of writing
    assert pack.read_bytes() == before
    with Pack(pack, verify=True) as opened:
        assert ask("what is metformin used for", opened).status == "answered"
    build_pack([LABELS / "common-drugs-excerpts.jsonl"], pack)  # the next build clears the dead one's file
    assert not list(tmp_path.glob(".p.sqlite.*.building"))


def test_damaged_pack_is_caught_by_its_checksum(tmp_path: Path) -> None:
    pack = tmp_path / "p.sqlite"
    build_pack([LABELS / "common-drugs-excerpts.jsonl"], pack)
    assert Pack(pack, verify=True).checksum == "ok"
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 0xFF
    pack.write_bytes(bytes(data))
    with pytest.raises(PackInvalid, match="damaged; rebuild it with: rxscoop build"):
        Pack(pack, verify=True)
    with pytest.raises(PackInvalid), TestClient(web_app(pack)):
        pass  # the server refuses to start on it
    from typer.testing import CliRunner

    from rxscoop.cli import app

    result = CliRunner().invoke(app, ["info", "--pack", str(pack)])
    assert result.exit_code == 1 and "damaged" in result.output and "Traceback" not in result.output


HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"><a href="javascript:window.__xss=3">x</a>'


def hostile_pack(tmp_path: Path) -> Path:
    record = snapshot_label("Adbry")
    text = record["sections"]["indications_and_usage"].replace("moderate-to-severe", f"moderate-to-severe {HOSTILE}")
    evil = dict(record, brand_name="Evilex", generic_name="evilumab",
                sections={**record["sections"], "indications_and_usage": text,
                          "boxed_warning": f"WARNING: {HOSTILE} SERIOUS THINGS"})
    (tmp_path / "labels.jsonl").write_text(json.dumps(evil) + "\n")
    (tmp_path / "reviews.csv").write_text(
        "uniqueID,drugName,condition,review,rating,date,usefulCount\n"
        f'1,Evilex,Eczema,"""This helped my eczema a lot. {HOSTILE} Really worked for me over two months.""",9,'
        "1-Jan-17,5\n")
    build_pack([tmp_path / "labels.jsonl", tmp_path / "reviews.csv"], tmp_path / "p.sqlite")
    return tmp_path / "p.sqlite"


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    pack = hostile_pack(tmp_path)
    with TestClient(web_app(pack, 0)) as client:
        html = client.get("/v1/answer", params={"q": "what is evilex used for", "format": "html"})
        assert html.status_code == 200
        assert "<script" not in html.text and "<img" not in html.text and "href='javascript" not in html.text
        assert "&lt;script&gt;" in html.text
        chat = client.post("/v1/chat?format=html", json={"message": "what is evilex used for"}).json()
        assert "<script" not in chat["html"] and "onerror=\"" not in chat["html"]


def test_no_stack_trace_is_ever_served_and_the_crash_is_logged(
        pack_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import rxscoop.api

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(rxscoop.api, "compose", boom)
    with TestClient(web_app(pack_path, 0), raise_server_exceptions=False) as client:
        r = client.get("/v1/answer", params={"q": "what is dupixent used for"})
    assert r.status_code == 500
    assert r.json() == {"error": "Something went wrong on our side; please try again.", "status": "error",
                        "suggestions": []}
    assert "secret" not in r.text and "Traceback" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"
    crash = [rec for rec in caplog.records if rec.name == "rxscoop.web"]
    assert crash and "GET /v1/answer" in crash[0].getMessage() and crash[0].exc_info


# One question per intent, asked of every label in the pack: a label whose title names a second drug
# ("EYLEA (AFLIBERCEPT) (SOLUTION FOR INJECTION)") once made the interactions topic crash.
EVERY_INTENT = [
    "what is {} used for", "how does {} work", "{} side effects", "how much {} should i take", "how do i use {}",
    "who should not take {}", "can i take {} with alcohol", "can i take {} while pregnant",
    "how should i store {}", "what does {} look like", "what is the half life of {}", "{} for children",
    "{} headache", "{} vs aspirin",
]


def test_every_label_answers_every_intent_with_citations(pack: Pack) -> None:
    names = [row[0] for row in pack_rows(pack.path, "SELECT coalesce(brand_name, generic_name, title) FROM labels")]
    assert len(names) > 1000
    failures = []
    for name in names:
        for template in EVERY_INTENT:
            question = template.format(name)[:1000]
            try:
                answer = ask(question, pack)
            except Exception as exc:  # collect them all, then fail with the list
                failures.append(f"{question!r}: {type(exc).__name__}")
                continue
            uncited = [s.text for s in answer.statements() if not s.citations]
            if uncited:
                failures.append(f"{question!r}: uncited {uncited[0]!r}")
    assert not failures, f"{len(failures)} failures, e.g. {failures[:5]}"
