"""Synthetic openFDA partitions for benchmarks: the snapshot's real label records, replicated under new set
ids (and, by default, new brand names, the worst case for name matching), 20,000 records a partition as
openFDA ships them."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PER_PARTITION = 20_000


def snapshot() -> list[dict]:
    records: list[dict] = []
    for name in ("biologics-derm.jsonl", "common-drugs-excerpts.jsonl", "adverse-reactions-only.jsonl"):
        with (DATA / "labels" / name).open(encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh)
    return records


def letter_code(k: int) -> str:
    """0 → "A", 25 → "Z", 26 → "BA": distinct letters for re-keyed names."""
    letters = ""
    while True:
        k, r = divmod(k, 26)
        letters = chr(65 + r) + letters
        if k == 0:
            return letters


def write_partitions(folder: Path, n: int, unique_names: bool = True) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    records = snapshot()
    files = []
    count = (n + PER_PARTITION - 1) // PER_PARTITION
    for p in range(count):
        path = folder / f"drug-label-{p + 1:04d}-of-{count:04d}.json.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf, \
                zf.open(path.name.removesuffix(".zip"), "w") as out:
            out.write(b'{"meta": {"disclaimer": "synthetic benchmark data"}, "results": [')
            for j, i in enumerate(range(p * PER_PARTITION, min(n, (p + 1) * PER_PARTITION))):
                src = records[i % len(records)]
                copy = i // len(records)
                brand = src.get("brand_name") or src.get("generic_name") or "x"
                if copy and unique_names:
                    brand = f"{brand} {letter_code(copy)}"
                rec = {"set_id": str(uuid.UUID(int=i + 1)), "id": str(uuid.UUID(int=i + 10**12)), "version": "1",
                       "effective_time": "20250101",
                       "openfda": {"brand_name": [brand], "generic_name": [src.get("generic_name") or ""],
                                   "product_type": ["HUMAN PRESCRIPTION DRUG"]}}
                rec.update({k: [v] for k, v in src["sections"].items()})
                out.write((b"," if j else b"") + json.dumps(rec).encode())
            out.write(b"]}")
        files.append(path)
    return files
