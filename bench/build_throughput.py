"""Build throughput: the snapshot as it is, and an openFDA bulk partition of N records made from the
snapshot's real labels (replicated under new set ids). Prints records/s, seconds and pack size.

    .venv/bin/python bench/build_throughput.py [--records N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from pathlib import Path

from rxscoop import build_pack
from synthetic import write_partitions

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


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
    parts = write_partitions(work / "parts", args.records)
    print(f"synthetic partitions: {sum(p.stat().st_size for p in parts) / 1e6:.1f} MB zipped")
    report(f"openFDA bulk format, {args.records:,} records", parts, work / "synthetic.sqlite")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024**2)
    print(f"peak memory (max RSS) {peak:,.0f} MB")


if __name__ == "__main__":
    main()
