"""Scale on real, full labels: the raw openFDA records of openfda-pharmgkb-2024.json.zip re-keyed under new
set ids and new brand names up to N labels (every copy a new name: the worst case for name matching), in
openFDA's bulk format, 20,000 records a partition. Builds a pack from them in a child process and reports
build time, labels/s, peak memory (the build and its worker processes together, sampled from /proc), pack
size, and warm answer latency on the result.

    .venv/bin/python bench/scale_openfda.py --labels 5000 [--labels 20000 …] [--jobs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from pathlib import Path

from synthetic import letter_code

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "labels" / "openfda-pharmgkb-2024.json.zip"
PER_PARTITION = 20_000

BUILD = """
import json, sys, time
from pathlib import Path
from rxscoop import build_pack
jobs = int(sys.argv[2]) if sys.argv[2] != "0" else None
start = time.perf_counter()
report = build_pack([Path(p) for p in sys.argv[3:]], Path(sys.argv[1]), jobs=jobs)
print(json.dumps({"seconds": time.perf_counter() - start, "labels": report.labels, "size": report.size_bytes}))
"""


def raw_records() -> list[dict]:
    with zipfile.ZipFile(SOURCE) as archive:
        return [r for m in archive.namelist() if m.endswith(".json")
                for r in json.loads(archive.read(m))["results"]]


def rekeyed(record: dict, i: int, copy: int) -> dict:
    """Record i as a new label: new set id and SPL id; from the second copy on, a new brand name."""
    out = dict(record)
    out["set_id"] = str(uuid.UUID(int=i + 1))
    out["id"] = str(uuid.UUID(int=i + 10**12))
    openfda = dict(record.get("openfda") or {})
    if copy:
        brands = openfda.get("brand_name") or openfda.get("generic_name") or ["label"]
        openfda["brand_name"] = [f"{brands[0]} {letter_code(copy)}"]
        openfda.pop("rxcui", None)  # an RxCUI names one product: copies must not share it
    out["openfda"] = openfda
    return out


def write_partitions(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    records = raw_records()
    count = (n + PER_PARTITION - 1) // PER_PARTITION
    files = []
    for p in range(count):
        path = folder / f"drug-label-{p + 1:04d}-of-{count:04d}.json.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf, \
                zf.open(path.name.removesuffix(".zip"), "w") as out:
            out.write(b'{"meta": {"disclaimer": "re-keyed openFDA records, benchmark data"}, "results": [')
            for j, i in enumerate(range(p * PER_PARTITION, min(n, (p + 1) * PER_PARTITION))):
                record = rekeyed(records[i % len(records)], i, i // len(records))
                out.write((b"," if j else b"") + json.dumps(record).encode())
            out.write(b"]}")
        files.append(path)
    return files


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return total / 1024


def build(pack: Path, parts: list[Path], jobs: int) -> tuple[dict, float]:
    child = subprocess.Popen([sys.executable, "-c", BUILD, str(pack), str(jobs), *map(str, parts)],
                             stdout=subprocess.PIPE, text=True)
    peak = 0.0

    def sample() -> None:
        nonlocal peak
        while child.poll() is None:
            peak = max(peak, tree_rss_mb(child.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = child.communicate()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"build failed ({child.returncode})")
    return json.loads(out.strip().splitlines()[-1]), peak


def latency(pack: Path, names: list[str]) -> dict[str, float]:
    from timing import first_and_warm  # imports rxscoop: only here, after the builds ran in their own processes

    questions = [f"what is {names[0]} used for", f"{names[1]} side effects", f"how much {names[2]}",
                 f"what is {names[3]} for", "what is zorblaxin used for", f"{names[4][:-1]}x uses"]
    return first_and_warm(pack, questions, questions[-1], rounds=30)  # a misspelling loads the name index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labels", type=int, action="append", help="labels to build (repeatable)")
    parser.add_argument("--jobs", type=int, default=0, help="build workers (default: one per core)")
    parser.add_argument("--keep", type=Path, help="keep partitions and packs here")
    args = parser.parse_args()
    sizes = args.labels or [5_000]
    work = args.keep or Path(tempfile.mkdtemp())
    names = [(r.get("openfda") or {}).get("brand_name", [""])[0] for r in raw_records()]
    names = [n for n in names if len(n) > 4][:5]
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; jobs {args.jobs or os.cpu_count()}")
    print("labels   build_s  labels/s  peak_MB  pack_MB  first_fuzzy_ms  p50_ms  p99_ms")
    for n in sizes:
        parts = write_partitions(work / f"parts-{n}", n)
        pack = work / f"pack-{n}.sqlite"
        built, peak = build(pack, parts, args.jobs)
        lat = latency(pack, names)
        print(f"{n:>7,}  {built['seconds']:>7.1f}  {built['labels'] / built['seconds']:>8,.1f}  {peak:>7,.0f}  "
              f"{built['size'] / 1e6:>7,.0f}  {lat['first_fuzzy_ms']:>14,.0f}  {lat['p50_ms']:>6.2f}  "
              f"{lat['p99_ms']:>6.2f}", flush=True)
        if not args.keep:
            pack.unlink()
            for part in parts:
                part.unlink()


if __name__ == "__main__":
    main()
