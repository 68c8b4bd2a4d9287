"""Build throughput: the snapshot as it is, and an openFDA bulk partition of N records made from the
snapshot's real labels (replicated under new set ids). Prints records/s, seconds and pack size.

    .venv/bin/python bench/build_throughput.py [--records N]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import uuid
import zipfile
from pathlib import Path

from rxscoop import build_pack

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def synthetic_partition(path: Path, n: int) -> Path:
    records = []
    for name in ("biologics-derm.jsonl", "common-drugs-excerpts.jsonl", "adverse-reactions-only.jsonl"):
        with (DATA / "labels" / name).open(encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf, \
            zf.open(path.name.removesuffix(".zip"), "w") as out:
        out.write(b'{"meta": {"disclaimer": "synthetic benchmark data"}, "results": [')
        for i in range(n):
            src = records[i % len(records)]
            rec = {"set_id": str(uuid.UUID(int=i)), "id": str(uuid.UUID(int=i + 10**9)), "version": "1",
                   "effective_time": "20250101",
                   "openfda": {"brand_name": [f"{src.get('brand_name') or src.get('generic_name')} {i}"],
                               "generic_name": [src.get("generic_name") or ""]}}
            rec.update({k: [v] for k, v in src["sections"].items()})
            out.write((b"," if i else b"") + json.dumps(rec).encode())
        out.write(b"]}")
    return path


def report(label: str, sources: list[Path], pack: Path) -> None:
    result = build_pack(sources, pack)
    rate = result.records_read / result.seconds
    print(f"{label}: {result.records_read:,} records in {result.seconds:.2f} s = {rate:,.0f} records/s; "
          f"pack {result.size_bytes / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    report("snapshot (../shared/data)", [DATA], work / "snapshot.sqlite")
    part = synthetic_partition(work / "drug-label-0001-of-0001.json.zip", args.records)
    print(f"synthetic partition: {part.stat().st_size / 1e6:.1f} MB zipped")
    report(f"openFDA bulk format, {args.records:,} records", [part], work / "synthetic.sqlite")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024**2)
    print(f"peak memory (max RSS) {peak:,.0f} MB")


if __name__ == "__main__":
    main()
