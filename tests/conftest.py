"""Shared fixtures: the real snapshot data beside the checkout, and a pack built from it once."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import DATA, LABELS
from rxscoop import Pack, build_pack


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
    with zipfile.ZipFile(LABELS / "openfda-pharmgkb-2024.json.zip") as zf:
        results = json.loads(zf.read(zf.namelist()[0]))["results"]
    by_id = {r["set_id"]: r for r in results}
    return by_id.__getitem__
