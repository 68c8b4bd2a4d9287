"""Warm `ask` over every label with uses, against a bare read of that label's row, in one run.
Targets: p50 ≤ 20× and p99 ≤ 100× the bare read.

    .venv/bin/python bench/ask_every_label.py [--pack PATH] [--rounds 3] [--slowest 5]

Per label: "what is <title> used for", asked once to warm every cache, then timed over --rounds rounds
(the median of its rounds is the label's time); the bare read is `SELECT <the columns Pack.label reads>
FROM labels WHERE id = ?` and fetchone, timed the same way, interleaved with the asks so both see the same
machine load.

A warm answer to "what is it used for" is one kept for the label (answer/frames.py), so the run also times,
per label, another wording of the question ("<title>: what is it for?", new text, the same answer) and
composing from scratch (the kept answers dropped first: what the first question about a label costs).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import time
from pathlib import Path

from rxscoop import Pack, ask
from rxscoop.answer import frames
from rxscoop.pack.query import _LABEL_COLUMNS
from timing import pack_or_build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pack", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--slowest", type=int, default=5)
    args = parser.parse_args()
    pack_path = pack_or_build(args.pack)
    read_sql = f"SELECT {_LABEL_COLUMNS} FROM labels WHERE id = ?"
    # The bare read is timed on a connection of its own to the same file: what reading a label's row costs.
    raw = sqlite3.connect(f"{pack_path.resolve().as_uri()}?mode=ro", uri=True)
    with Pack(pack_path) as pack:
        ids = pack.label_ids_with_uses()
        titles = {i: pack.label(i).title for i in ids}
        for i in ids:  # warm
            ask(f"what is {titles[i]} used for", pack)
        asks: dict[int, float] = {}
        reads: dict[int, float] = {}
        worded: dict[int, float] = {}
        composed: dict[int, float] = {}
        c: list[float] = []
        for i in ids:
            a, r, w = [], [], []
            for n in range(args.rounds):
                start = time.perf_counter()
                raw.execute(read_sql, (i,)).fetchone()
                r.append(time.perf_counter() - start)
                start = time.perf_counter()
                ask(f"what is {titles[i]} used for", pack)
                a.append(time.perf_counter() - start)
                start = time.perf_counter()
                ask(f"{titles[i]}: what is it for{'?' * (n + 1)}", pack)
                w.append(time.perf_counter() - start)
            asks[i], reads[i] = statistics.median(a) * 1000, statistics.median(r) * 1000
            worded[i] = statistics.median(w) * 1000
        for i in ids:  # apart from the warm asks, whose figures would otherwise include its garbage collection
            for _ in range(args.rounds):
                frames.clear(pack)
                start = time.perf_counter()
                ask(f"what is {titles[i]} used for", pack)
                c.append(time.perf_counter() - start)
            composed[i] = statistics.median(c) * 1000
            c.clear()
    qa = statistics.quantiles(sorted(asks.values()), n=100)
    qr = statistics.quantiles(sorted(reads.values()), n=100)
    qw = statistics.quantiles(sorted(worded.values()), n=100)
    qc = statistics.quantiles(sorted(composed.values()), n=100)
    print(f"{len(ids):,} labels with uses; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"bare row read: p50 {qr[49] * 1000:.0f} µs, p99 {qr[98] * 1000:.0f} µs")
    print(f"warm ask:      p50 {qa[49]:.2f} ms, p99 {qa[98]:.2f} ms, max {max(asks.values()):.2f} ms")
    print(f"ratio:         p50 {qa[49] / qr[49]:.0f}× (target ≤ 20×), p99 {qa[98] / qr[49]:.0f}× the p50 read "
          f"(target ≤ 100×)")
    print(f"other wording: p50 {qw[49]:.2f} ms, p99 {qw[98]:.2f} ms ({qw[49] / qr[49]:.0f}× / {qw[98] / qr[49]:.0f}×)")
    print(f"composed:      p50 {qc[49]:.2f} ms, p99 {qc[98]:.2f} ms ({qc[49] / qr[49]:.0f}× / {qc[98] / qr[49]:.0f}×; "
          "kept answers dropped: a label's first question)")
    for i in sorted(asks, key=asks.__getitem__, reverse=True)[: args.slowest]:
        print(f"  slowest: {titles[i]!r} {asks[i]:.2f} ms")


if __name__ == "__main__":
    main()
