"""The SQLite pack: what a build writes, what a read-only open checks, and safe replacement."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from helpers import DATA, LABELS, pack_rows, snapshot_records
from openfda_fixture import to_openfda, write_partition
from rxscoop import Pack, ask, build_pack
from rxscoop.errors import BuildFailed, PackInvalid, PackMissing
from rxscoop.label.text import MAX_STORED_CHARS
from rxscoop.pack import SCHEMA_VERSION, default_pack_path
from rxscoop.sources import RecordProblem, label_files, read_records


def test_build_writes_labels_sections_names_fts_and_meta(pack: Pack) -> None:
    # Independent of how many files the data folder holds: one label per set id read from them.
    records = [r for f in label_files([DATA]) for r in read_records(f) if not isinstance(r, RecordProblem)]
    expected = len({r.set_id for r in records})
    counts = pack.counts()
    assert counts["labels"] == expected
    assert 0 < counts["with_indications"] <= len({r.set_id for r in records if r.sections.get("indications_and_usage")})
    meta = pack.meta()
    assert meta["schema_version"] == str(SCHEMA_VERSION) and meta["labels"] == str(expected)
    assert meta["skipped"] == "0"
    hits = pack_rows(
        pack.path,
        "SELECT l.title FROM sections_fts f JOIN sections s ON s.id = f.rowid JOIN labels l ON l.id = s.label "
        "WHERE sections_fts MATCH ? AND s.name = 'indications_and_usage' ORDER BY l.title",
        '"prurigo nodularis"',
    )
    assert hits == [("Dupixent",)]
    kinds = {kind for (kind,) in pack_rows(pack.path, "SELECT DISTINCT kind FROM names")}
    assert {"brand", "generic", "alias", "variant"} <= kinds <= {"brand", "generic", "alias", "variant", "substance",
                                                                 "rxcui"}


def test_section_text_reads_back_as_the_label_wrote_it_and_is_searched_as_text(pack: Pack) -> None:
    """Sections are stored compressed (pack/texts.py); what a reader gets back, and what search finds and quotes,
    is the record's own text."""
    records = [r for r in read_records(LABELS / "openfda-pharmgkb-2024.json.zip") if not isinstance(r, RecordProblem)]
    newest = {r.set_id: r for r in records}  # one current version a set id, as the build keeps
    checked = 0
    for record in list(newest.values())[:40]:
        label_id = pack.label_id(record.set_id)
        if label_id is None or pack.label(label_id).effective_time != record.effective_time:
            continue
        stored = pack.sections(label_id)
        assert stored == {k: v[:MAX_STORED_CHARS] for k, v in record.sections.items()}, record.set_id
        name, text = max(stored.items(), key=lambda kv: len(kv[1]))
        assert pack.section(label_id, name) == text
        word = max(re.findall(r"[a-z]{6,}", text.lower()), key=len)
        hits = pack.search(label_id, [word])
        assert hits and hits[0][0] == label_id, (record.set_id, word)
        for _, section, snippet in hits:  # a snippet is the section's own words
            assert all(piece.strip() in stored[section] for piece in snippet.split(" … ")), (record.set_id, snippet)
        checked += 1
    assert checked >= 20


def test_pack_is_opened_read_only(pack: Pack) -> None:
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        pack._db.execute("DELETE FROM labels")  # the connection itself refuses writes


def test_latest_label_version_wins(tmp_path: Path) -> None:
    record = snapshot_records("biologics-derm.jsonl")[24]  # any record: two versions of one set id
    old = to_openfda(record, version=1, effective_time="20200101")
    new = to_openfda(record, version=2, effective_time="20250601")
    new["indications_and_usage"] = [old["indications_and_usage"][0].split(" 1.2 ")[0]]
    path = tmp_path / "p.sqlite"
    report = build_pack([write_partition(tmp_path / "drug-label-0001-of-0001.json.zip", [new, old])], path)
    assert (report.labels, report.records_read, report.superseded) == (1, 2, 1)
    with Pack(path) as pack:
        (version, eff), = pack_rows(path, "SELECT version, effective_time FROM labels")
        assert (version, eff) == ("2", "20250601")
        answer = ask(f"what is {record['brand_name']} used for", pack)
        assert answer.sources[0].effective_time == "2025-06-01"
        assert answer.uses[0].statement.citations[0].effective_time == "2025-06-01"


def test_failed_build_keeps_the_old_pack(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    build_pack([LABELS / "common-drugs-excerpts.jsonl"], path)
    before = path.read_bytes()
    broken = tmp_path / "drug-label-0001-of-0001.json.zip"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(BuildFailed, match=re.escape("drug-label-0001-of-0001.json.zip")):
        build_pack([LABELS / "biologics-derm.jsonl", broken], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".building")] == []
    with Pack(path) as pack:
        assert ask("what is metformin used for", pack).status == "answered"


def test_build_skips_bad_records_and_counts_them(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl"
    lines = (LABELS / "common-drugs-excerpts.jsonl").read_text().splitlines()
    mixed.write_text("\n".join([lines[0], "{not json", '{"sections": {}}', lines[1]]) + "\n")
    report = build_pack([mixed], tmp_path / "p.sqlite")
    assert (report.labels, report.skipped) == (2, 2)
    assert report.problems[0] == "mixed.jsonl:2: malformed JSON line (lexical error: invalid string in json text.)"


def test_build_with_nothing_usable_fails(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("{broken\n")
    with pytest.raises(BuildFailed, match="no usable label records"):
        build_pack([empty], tmp_path / "p.sqlite")
    assert not (tmp_path / "p.sqlite").exists()


def test_opening_missing_damaged_or_foreign_packs(tmp_path: Path) -> None:
    with pytest.raises(PackMissing, match="rxscoop build"):
        Pack(tmp_path / "none.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(PackInvalid, match="rebuild"):
        Pack(junk)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(PackInvalid, match="schema 0"):
        Pack(other)


def test_default_pack_path_follows_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.sqlite"
    monkeypatch.setenv("RXSCOOP_PACK", str(path))
    build_pack([DATA / "labels" / "common-drugs-excerpts.jsonl"], default_pack_path())
    assert path.is_file()
    assert ask("what is lisinopril used for").status == "answered"
