"""What tests share besides fixtures: where the snapshot data is, reading its records, the web app over a
pack, and a look inside a built pack file (tests check the file itself; the product reads it only through
Pack)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from rxscoop.web.app import create_app
from rxscoop.web.settings import Settings

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


def web_app(pack: Path, rate_per_minute: int = 0) -> FastAPI:
    return create_app(Settings(pack=pack, rate_per_minute=rate_per_minute))


def pack_rows(pack: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Rows of a query on a built pack file, opened read-only."""
    with sqlite3.connect(f"{pack.resolve().as_uri()}?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()
