"""Shared fixtures: the real snapshot data beside the checkout, and a pack built from it once."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rxscoop import Pack, build_pack

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RXSCOOP_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
LABELS = DATA / "labels"


def snapshot_records(name: str) -> list[dict]:
    with (LABELS / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def snapshot_label(name: str) -> dict:
    """One snapshot record by brand or generic name."""
    for file in ("biologics-derm.jsonl", "common-drugs-excerpts.jsonl"):
        for record in snapshot_records(file):
            if name in (record.get("brand_name"), record.get("generic_name")):
                return record
    raise KeyError(name)


@pytest.fixture(scope="session")
def pack_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not LABELS.is_dir():
        pytest.fail(f"the snapshot data is missing: expected {LABELS} (set RXSCOOP_SHARED)")
    path = tmp_path_factory.mktemp("pack") / "rxscoop.sqlite"
    build_pack([DATA], path)
    return path


@pytest.fixture(scope="session")
def pack(pack_path: Path) -> Iterator[Pack]:
    with Pack(pack_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def raw_label() -> Callable[[str], dict]:
    """A raw openFDA label of the pharmgkb-2024 set by its set id (the records as openFDA serves them)."""
    import zipfile

    with zipfile.ZipFile(LABELS / "openfda-pharmgkb-2024.json.zip") as zf:
        results = json.loads(zf.read(zf.namelist()[0]))["results"]
    by_id = {r["set_id"]: r for r in results}
    return by_id.__getitem__
