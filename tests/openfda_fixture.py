"""Make files in openFDA's drug-label bulk format from snapshot records, at test time.

openFDA serves `drug-label-NNNN-of-NNNN.json.zip`, each a zip holding one JSON document
`{"meta": {...}, "results": [record, ...]}`; a record has `set_id`, `id`, `version`, `effective_time`,
an `openfda` object of lists, and each label section as a list of strings.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path
from typing import Any


def to_openfda(record: dict[str, Any], version: int = 1, effective_time: str = "20240115") -> dict[str, Any]:
    brand, generic = record.get("brand_name"), record.get("generic_name")
    key = f"{brand}|{generic}"
    openfda: dict[str, list[str]] = {}
    if brand:
        openfda["brand_name"] = [brand]
    if generic:
        openfda["generic_name"] = [generic.upper()]
    out: dict[str, Any] = {
        "set_id": str(uuid.uuid5(uuid.NAMESPACE_URL, "rxscoop-test/" + key)),
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"rxscoop-test/{key}/{version}")),
        "version": str(version),
        "effective_time": effective_time,
        "openfda": openfda,
    }
    for name, text in record["sections"].items():
        out[name] = [text]
    return out


def write_partition(path: Path, records: list[dict[str, Any]]) -> Path:
    doc = {
        "meta": {"disclaimer": "test fixture", "last_updated": "2026-11-01",
                 "results": {"skip": 0, "limit": len(records), "total": len(records)}},
        "results": records,
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(path.name.removesuffix(".zip"), json.dumps(doc))
    return path
