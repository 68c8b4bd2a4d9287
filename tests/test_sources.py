"""Label readers: snapshot JSON lines and openFDA's bulk format, streamed."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from helpers import LABELS, snapshot_records
from openfda_fixture import to_openfda, write_partition
from rxscoop.errors import SourceError
from rxscoop.sources import LabelRecord, RecordProblem, label_files, read_records


def test_snapshot_files_read_completely() -> None:
    for name in ("biologics-derm.jsonl", "common-drugs-excerpts.jsonl", "adverse-reactions-only.jsonl"):
        records = list(read_records(LABELS / name))
        assert all(isinstance(r, LabelRecord) for r in records)
        assert len(records) == len(snapshot_records(name))
    dupixent = next(r for r in read_records(LABELS / "biologics-derm.jsonl") if r.title == "Dupixent")
    assert dupixent.generic_names == ["dupilumab"]
    assert dupixent.complete is True and dupixent.retrieved_at == "2026-01-08"
    assert set(dupixent.sections) >= {"indications_and_usage", "dosage_and_administration", "adverse_reactions"}
    assert "zest-derm/Zest-Fulcrum" in dupixent.source
    # set ids are derived from the record, so the same data gives the same ids on every build
    again = next(r for r in read_records(LABELS / "biologics-derm.jsonl") if r.title == "Dupixent")
    assert again.set_id == dupixent.set_id


def test_openfda_bulk_partition_streams_records(tmp_path: Path) -> None:
    raw = [to_openfda(r) for r in snapshot_records("biologics-derm.jsonl")]
    raw[0]["openfda"].update(route=["SUBCUTANEOUS"], rxcui=["123"], pharm_class_epc=["Test Class [EPC]"])
    raw[0]["adverse_reactions_table"] = ["<table><tr><td>x</td></tr></table>"]
    path = write_partition(tmp_path / "drug-label-0001-of-0001.json.zip", raw)
    records = list(read_records(path))
    assert len(records) == 30 and all(isinstance(r, LabelRecord) for r in records)
    first = records[0]
    assert first.set_id == raw[0]["set_id"] and first.effective_time == "20240115" and first.version == "1"
    assert first.routes == ["SUBCUTANEOUS"] and first.rxcuis == ["123"]
    assert first.pharm_class_epc == ["Test Class [EPC]"]
    assert "adverse_reactions_table" not in first.sections  # HTML tables are left out
    assert first.sections["indications_and_usage"] == raw[0]["indications_and_usage"][0]
    assert first.location == "drug-label-0001-of-0001.json.zip/drug-label-0001-of-0001.json#0"


def test_plain_json_list_and_jsonl(tmp_path: Path) -> None:
    raw = [to_openfda(r) for r in snapshot_records("common-drugs-excerpts.jsonl")[:3]]
    (tmp_path / "labels.json").write_text(json.dumps(raw))
    (tmp_path / "labels.jsonl").write_text("\n".join(json.dumps(r) for r in raw))
    for name in ("labels.json", "labels.jsonl"):
        titles = [r.title for r in read_records(tmp_path / name) if isinstance(r, LabelRecord)]
        assert titles == ["Metformin", "Lisinopril", "Atorvastatin"]  # cased for reading


def test_bad_records_are_reported_with_their_place(tmp_path: Path) -> None:
    good = json.dumps(to_openfda(snapshot_records("common-drugs-excerpts.jsonl")[0]))
    path = tmp_path / "mixed.jsonl"
    path.write_text(f'{good}\n{{"broken": \n{{"no_set_id": true}}\n[1, 2]\n')
    items = list(read_records(path))
    assert isinstance(items[0], LabelRecord)
    problems = [str(i) for i in items if isinstance(i, RecordProblem)]
    assert problems == [
        "mixed.jsonl:2: malformed JSON line (parse error: premature EOF)",
        "mixed.jsonl:3: record has no set_id",
        "mixed.jsonl:4: expected a JSON object, found a list",
    ]


def test_corrupt_files_raise_a_clear_source_error(tmp_path: Path) -> None:
    truncated = tmp_path / "drug-label-0001-of-0002.json.zip"
    write_partition(truncated, [to_openfda(r) for r in snapshot_records("biologics-derm.jsonl")])
    truncated.write_bytes(truncated.read_bytes()[:5000])
    with pytest.raises(SourceError, match=re.escape("drug-label-0001-of-0002.json.zip")):
        list(read_records(truncated))

    cut = tmp_path / "cut.json"
    cut.write_text('{"meta": {}, "results": [{"set_id": "a"}, {"set_id": ')
    with pytest.raises(SourceError, match=re.escape("cut.json: malformed JSON")):
        list(read_records(cut))

    empty_zip = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty_zip, "w") as zf:
        zf.writestr("readme.txt", "nothing")
    with pytest.raises(SourceError, match=re.escape("no .json file")):
        list(read_records(empty_zip))


def test_label_files_expands_folders_and_rejects_missing(tmp_path: Path) -> None:
    files = label_files([LABELS.parent])
    on_disk = sorted(p.name for p in LABELS.iterdir() if p.name.endswith((".jsonl", ".json", ".json.zip")))
    assert [f.name for f in files] == on_disk and "biologics-derm.jsonl" in on_disk
    with pytest.raises(SourceError, match="no such file"):
        label_files([tmp_path / "nope"])
    with pytest.raises(SourceError, match="no label files"):
        label_files([tmp_path])
