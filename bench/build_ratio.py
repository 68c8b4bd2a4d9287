"""Build time of the real openFDA labels as a multiple of the time just to unzip and parse their JSON, in
one run (so a busy or slow machine slows both alike). Target: ≤ 4× on 2 cores.

    .venv/bin/python bench/build_ratio.py [--jobs 1 2] [--repeat N] [--file PATH]

Prints, per --jobs value, wall-clock and CPU time (this process and its worker processes) of a whole
`build_pack` of the file, and each as a multiple of the unzip + json.loads time (best of 5). With --repeat N,
each build runs N times and the best is taken (on a shared machine the spread between runs is ±15 %).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
import zipfile
from pathlib import Path

from rxscoop import build_pack

ROOT = Path(__file__).resolve().parents[1]
FILE = ROOT.parent / "shared" / "data" / "labels" / "openfda-pharmgkb-2024.json.zip"


def cpu() -> float:
    """CPU seconds of this process and of its children that have ended (build workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def unzip_and_parse(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(len(json.loads(archive.read(m)).get("results", [])) for m in archive.namelist()
                   if m.endswith(".json"))


def timed(fn: object) -> tuple[float, float]:
    wall, used = time.perf_counter(), cpu()
    fn()  # type: ignore[operator]
    return time.perf_counter() - wall, cpu() - used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--file", type=Path, default=FILE)
    parser.add_argument("--repeat", type=int, default=1, help="builds per --jobs value; the best is reported")
    args = parser.parse_args()
    records = unzip_and_parse(args.file)
    base = [timed(lambda: unzip_and_parse(args.file)) for _ in range(5)]
    parse_wall, parse_cpu = min(w for w, _ in base), min(c for _, c in base)
    print(f"{args.file.name}: {records} records, {args.file.stat().st_size / 1e6:.1f} MB; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"unzip + json.loads: {parse_wall * 1000:.0f} ms wall, {parse_cpu * 1000:.0f} ms CPU (best of 5)")
    with tempfile.TemporaryDirectory() as tmp:
        for jobs in args.jobs:
            runs = [timed(lambda: build_pack([args.file], Path(tmp) / f"p{jobs}.sqlite", jobs=jobs))  # noqa: B023
                    for _ in range(args.repeat)]
            wall, used = min(w for w, _ in runs), min(c for _, c in runs)
            spread = f" (of {', '.join(f'{c:.2f}' for _, c in runs)} s CPU)" if args.repeat > 1 else ""
            print(f"build --jobs {jobs}: {wall:.2f} s wall = {wall / parse_wall:.1f}× ({records / wall:.0f} labels/s); "
                  f"{used:.2f} s CPU = {used / parse_cpu:.1f}× the parse CPU{spread}")
    # The same again, so one run shows how much the figures move on a shared machine.
    again = min(timed(lambda: unzip_and_parse(args.file))[0] for _ in range(5))
    print(f"unzip + json.loads again: {again * 1000:.0f} ms wall")


if __name__ == "__main__":
    main()
