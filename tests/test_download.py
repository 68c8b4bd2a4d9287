"""openFDA download, build, update and label history — against a local server on loopback, never the internet."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from helpers import LABELS, pack_rows, snapshot_records
from openfda_fixture import to_openfda, write_partition
from openfda_server import openfda_server
from rxscoop import Pack, ask, build_pack
from rxscoop.answer.changes import label_changes
from rxscoop.cli import app
from rxscoop.errors import SourceError
from rxscoop.question.resolve import resolve_drug
from rxscoop.render.markdown import render_changes as describe
from rxscoop.sources.download import download, fetch_partition, read_manifest

runner = CliRunner()
NO_WAIT = lambda seconds: None  # noqa: E731 - retries back off without sleeping in tests


def partitions(folder: Path, version: int = 1, effective: str = "20240115") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    groups = [snapshot_records("biologics-derm.jsonl"), snapshot_records("common-drugs-excerpts.jsonl")]
    return [write_partition(folder / f"drug-label-000{i}-of-0002.json.zip",
                            [to_openfda(r, version, effective) for r in group])
            for i, group in enumerate(groups, start=1)]


def test_manifest_is_read_as_openfda_publishes_it() -> None:
    doc = {"results": {"drug": {"label": {"partitions": [
        {"display_name": "x", "file": "https://download.open.fda.gov/drug/label/drug-label-0001-of-0013.json.zip",
         "size_mb": "150.10", "records": 20000}]}}}}
    (part,) = read_manifest(doc)
    assert (part.name, part.size_mb, part.records) == ("drug-label-0001-of-0013.json.zip", 150.1, 20000)
    with pytest.raises(SourceError, match="partitions"):
        read_manifest({"results": {}})


def test_download_build_ask_end_to_end(tmp_path: Path) -> None:
    served_dir = tmp_path / "served"
    files = partitions(served_dir)
    with openfda_server(served_dir) as server:
        server.publish(files)
        pack = tmp_path / "p.sqlite"
        result = runner.invoke(app, ["build", "--download", "--manifest", server.manifest_url,
                                     "--cache", str(tmp_path / "cache"), "--pack", str(pack)])
        assert result.exit_code == 0, result.output
        assert "2 partitions" in result.output and "2 downloaded" in result.output
        again = runner.invoke(app, ["build", "--download", "--manifest", server.manifest_url,
                                    "--cache", str(tmp_path / "cache"), "--pack", str(pack)])
        assert "0 downloaded, 2 already complete" in again.output  # nothing fetched twice
    with Pack(pack) as opened:
        answer = ask("what is dupixent used for", opened)
        assert answer.status == "answered" and len(answer.uses) == 8
        assert answer.sources[0].effective_time == "2024-01-15"


def test_interrupted_download_resumes(tmp_path: Path) -> None:
    served_dir = tmp_path / "served"
    files = partitions(served_dir)
    with openfda_server(served_dir) as server:
        server.publish(files)
        server.cut_once.add(files[0].name)
        with httpx.Client() as client:
            from rxscoop.sources.download import fetch_manifest

            first, _ = fetch_manifest(client, server.manifest_url)
            fetched = fetch_partition(client, first, tmp_path / "cache", sleep=NO_WAIT)
    assert fetched.downloaded and fetched.resumed and fetched.attempts == 2
    ranges = [r for path, r in server.requests if path.endswith(files[0].name)]
    assert ranges[0] is None and ranges[1] and re.fullmatch(r"bytes=\d+-", ranges[1])
    assert fetched.path.read_bytes() == files[0].read_bytes()
    assert not (tmp_path / "cache" / (files[0].name + ".part")).exists()


def test_corrupt_partition_is_named_and_the_pack_kept(tmp_path: Path) -> None:
    pack = tmp_path / "p.sqlite"
    build_pack([LABELS / "common-drugs-excerpts.jsonl"], pack)
    before = pack.read_bytes()
    served_dir = tmp_path / "served"
    files = partitions(served_dir)
    data = bytearray(files[1].read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = b"\x00" * 64  # damaged in the middle, size unchanged
    files[1].write_bytes(bytes(data))
    with openfda_server(served_dir) as server:
        server.publish(files)
        result = runner.invoke(app, ["build", "--download", "--manifest", server.manifest_url,
                                     "--cache", str(tmp_path / "cache"), "--pack", str(pack)])
    assert result.exit_code == 1
    assert files[1].name in result.output and "Traceback" not in result.output
    assert pack.read_bytes() == before
    assert (tmp_path / "cache" / files[0].name).is_file()  # the good partition stays downloaded


def test_size_check_and_offline_message(tmp_path: Path) -> None:
    served_dir = tmp_path / "served"
    files = partitions(served_dir)
    with openfda_server(served_dir) as server:
        server.publish(files, size_mb={files[0].name: 99.0})
        with pytest.raises(SourceError, match=r"manifest says 99.0 MB"):
            download(tmp_path / "cache", server.manifest_url, sleep=NO_WAIT)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]  # a port nothing listens on
    with pytest.raises(SourceError, match="are you offline"):
        download(tmp_path / "cache", f"http://127.0.0.1:{closed}/download.json", sleep=NO_WAIT)


def _older_dupixent(record: dict) -> dict:
    """The Dupixent label as it was before bullous pemphigoid was approved: the same text without 1.8."""
    text = record["sections"]["indications_and_usage"]
    text = text.split(" 1.8 Bullous Pemphigoid")[0]
    text = re.sub(r"Bullous Pemphigoid for the treatment of adult patients with bullous pemphigoid \(BP\)\. "
                  r"\( 1\.8 \) ", "", text)
    return dict(record, sections={**record["sections"], "indications_and_usage": text})


def test_update_reads_only_what_changed_and_changes_reports_a_new_use(tmp_path: Path) -> None:
    records = snapshot_records("biologics-derm.jsonl")
    dupixent = next(r for r in records if r["brand_name"] == "Dupixent")
    old = [to_openfda(_older_dupixent(r) if r is dupixent else r, 1, "20230101") for r in records]
    new = [to_openfda(r, 2 if r is dupixent else 1, "20250601" if r is dupixent else "20230101") for r in records]
    pack = tmp_path / "p.sqlite"
    build_pack([write_partition(tmp_path / "v1" / "drug-label-0001-of-0001.json.zip", old)
                if (tmp_path / "v1").mkdir() is None else None], pack)  # type: ignore[list-item]
    with Pack(pack) as opened:
        assert len(ask("what is dupixent used for", opened).uses) == 7
    (tmp_path / "v2").mkdir()
    result = runner.invoke(app, ["update", str(write_partition(tmp_path / "v2" / "drug-label-0001-of-0001.json.zip",
                                                               new)), "--pack", str(pack)])
    assert result.exit_code == 0, result.output
    assert "0 new, 29 unchanged (not read again)" in result.output and "1 older versions kept" in result.output
    with Pack(pack) as opened:
        answer = ask("what is dupixent used for", opened)
        assert len(answer.uses) == 8 and answer.sources[0].effective_time == "2025-06-01"
        history = label_changes(opened, opened.label(resolve_drug("dupixent", opened).label))
        assert history.versions == 2
        (change,) = history.changes
        assert (change.from_date, change.to_date) == ("2023-01-01", "2025-06-01")
        assert change.uses_added == ["Bullous Pemphigoid"] and change.uses_removed == []
        assert change.sections_changed == ["Indications and Usage"]
        assert "New approved use: Bullous Pemphigoid" in describe(history)
        one = label_changes(opened, opened.label(resolve_drug("adbry", opened).label))
        assert one.versions == 1 and "only one version" in describe(one)
    cli = runner.invoke(app, ["changes", "dupixent", "--format", "json", "--pack", str(pack)])
    assert json.loads(cli.output)["changes"][0]["uses_added"] == ["Bullous Pemphigoid"]


def test_update_keeps_reviews_mapped(tmp_path: Path, pack_path: Path) -> None:
    pack = tmp_path / "p.sqlite"
    pack.write_bytes(pack_path.read_bytes())
    (before,), = pack_rows(pack, "SELECT count(label) FROM reviews")
    common = snapshot_records("common-drugs-excerpts.jsonl")
    newer = tmp_path / "newer.jsonl"
    newer.write_text("\n".join(json.dumps(dict(r, retrieved_at="2026-11-01")) for r in common) + "\n")
    report = build_pack([newer], pack, update=True)
    assert report.unchanged == 20  # snapshot records carry no version: the same record is the same label
    assert pack_rows(pack, "SELECT count(label) FROM reviews") == [(before,)]
