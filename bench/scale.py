"""Scale: build packs of 1k / 10k / 250k label records (real records replicated, see synthetic.py) and
measure build time, throughput, peak memory, pack size, and warm answer latency on each. One command:

    .venv/bin/python bench/scale.py [--sizes 1000 10000 250000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from synthetic import write_partitions

QUESTIONS = ["what is dupixent used for", "dupixant for kids?", "what is metformin for", "enbrel side effects",
             "how much dupixent for asthma", "what is zorblaxin used for", "lisinoprel", "dupixent vs adbry"]

BUILD = """
import json, resource, sys, time
from pathlib import Path
from rxscoop import build_pack
start = time.perf_counter()
report = build_pack([Path(p) for p in sys.argv[2:]], Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start, "labels": report.labels, "records": report.records_read,
                  "size": report.size_bytes, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def latency(pack: Path) -> dict[str, float]:
    from timing import first_and_warm  # imports rxscoop: only here, after the builds ran in their own processes

    return first_and_warm(pack, QUESTIONS, QUESTIONS[1], rounds=20)  # a fuzzy question loads the name index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 250_000])
    parser.add_argument("--keep", type=Path, help="keep partitions and packs here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp())
    print("records  build_s  records/s  peak_MB  pack_MB  first_fuzzy_ms  p50_ms  p99_ms")
    for n in args.sizes:
        parts = write_partitions(work / f"parts-{n}", n)
        pack = work / f"pack-{n}.sqlite"
        out = subprocess.run([sys.executable, "-c", BUILD, str(pack), *map(str, parts)],
                             capture_output=True, text=True, check=True)
        built = json.loads(out.stdout.strip().splitlines()[-1])
        lat = latency(pack)
        print(f"{n:>7,}  {built['seconds']:>7.1f}  {built['records'] / built['seconds']:>9,.0f}  "
              f"{built['peak_mb']:>7,.0f}  {built['size'] / 1e6:>7,.0f}  {lat['first_fuzzy_ms']:>14,.0f}  "
              f"{lat['p50_ms']:>6.2f}  {lat['p99_ms']:>6.2f}", flush=True)


if __name__ == "__main__":
    main()
