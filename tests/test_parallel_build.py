"""A build parses records in worker processes (pack/parallel.py); the pack must not depend on how many."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from openfda_fixture import to_openfda, write_partition
from rxscoop import build_pack
from rxscoop.errors import BuildFailed
from rxscoop.pack.texts import register as register_texts

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT.parent / "shared" / "data" / "labels"


def _facts(pack: Path) -> tuple[list[tuple[str, ...]], dict[str, object]]:
    """Every label's parsed facts, by set id, and the claim check's record of what it dropped."""
    db = sqlite3.connect(f"{pack.as_uri()}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT set_id, title, richness, indications, details FROM labels ORDER BY set_id")
        facts = [tuple(map(str, row)) for row in rows]
        dropped = json.loads(db.execute("SELECT value FROM meta WHERE key = 'claim_check_dropped'").fetchone()[0])
        versions = db.execute("SELECT count(*) FROM label_versions").fetchone()[0]
    finally:
        db.close()
    return facts, {"dropped": dropped, "versions": versions}


def test_two_workers_build_the_same_facts_as_one(tmp_path: Path) -> None:
    one = build_pack([LABELS], tmp_path / "one.sqlite", jobs=1)
    two = build_pack([LABELS], tmp_path / "two.sqlite", jobs=2)
    assert (one.labels, one.records_read, one.skipped) == (two.labels, two.records_read, two.skipped)
    facts_one, meta_one = _facts(tmp_path / "one.sqlite")
    facts_two, meta_two = _facts(tmp_path / "two.sqlite")
    assert len(facts_one) == one.labels > 300
    assert sum(1 for f in facts_one if f[3] != "None") > 100  # labels with uses: the parse really ran
    assert facts_two == facts_one
    assert meta_two == meta_one


def test_versions_are_ordered_the_same_across_workers(tmp_path: Path) -> None:
    """Older and newer versions of one set id spread over chunks: the newest is current, the rest history."""
    records = [json.loads(line) for line in (LABELS / "biologics-derm.jsonl").read_text().splitlines()[:40]]
    versions = [to_openfda(r, version=v, effective_time=f"202{v}0101") for v in (3, 1, 2) for r in records]
    part = write_partition(tmp_path / "drug-label-0001-of-0001.json.zip", versions)
    reports = [build_pack([part], tmp_path / f"p{jobs}.sqlite", jobs=jobs) for jobs in (1, 2)]
    one, two = ((r.labels, r.records_read, r.superseded) for r in reports)
    assert one == two and one[2] >= 2 * one[0] > 0  # some set ids repeat in the snapshot: at least two older each
    assert _facts(tmp_path / "p2.sqlite") == _facts(tmp_path / "p1.sqlite")
    db = sqlite3.connect(tmp_path / "p2.sqlite")
    assert {v for (v,) in db.execute("SELECT version FROM labels")} == {"3"}
    db.close()


@pytest.mark.parametrize("order", [(1, 2), (2, 1)])
def test_the_search_index_holds_the_current_sections_only(tmp_path: Path, order: tuple[int, int]) -> None:
    """A new pack's sections are indexed as they are written; a version replaced later in the input leaves no
    trace in the index (FTS5's integrity check compares the index with the text it reads)."""
    records = [json.loads(line) for line in (LABELS / "biologics-derm.jsonl").read_text().splitlines()[:6]]
    versions = [to_openfda(r, version=v, effective_time=f"202{v}0101") for v in order for r in records]
    for record in versions:
        said = record.get("indications_and_usage", [""])[0]
        record["indications_and_usage"] = [f"{said} zzversion{record['version']}"]
    build_pack([write_partition(tmp_path / "drug-label-0001-of-0001.json.zip", versions)], tmp_path / "p.sqlite")
    db = sqlite3.connect(tmp_path / "p.sqlite")
    register_texts(db)
    db.execute("INSERT INTO sections_fts(sections_fts) VALUES ('integrity-check')")
    found = {word: db.execute("SELECT count(*) FROM sections_fts WHERE sections_fts MATCH ?", (word,)).fetchone()[0]
             for word in ("zzversion1", "zzversion2")}
    db.close()
    assert found["zzversion1"] == 0 and found["zzversion2"] > 0


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed, match="--jobs"):
        build_pack([LABELS / "common-drugs-excerpts.jsonl"], tmp_path / "p.sqlite", jobs=0)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads process children from /proc")
def test_workers_end_when_the_build_is_killed(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    lines = (LABELS / "biologics-derm.jsonl").read_text().splitlines()
    big.write_text("\n".join(line for _ in range(40) for line in lines) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "rxscoop.cli", "build", str(big), "--pack",
                             str(tmp_path / "p.sqlite"), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert len(workers) == 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if Path(f"/proc/{w}").exists()]
    for w in left:  # never leave them behind, even when the check fails
        os.kill(w, signal.SIGKILL)
    assert left == []
