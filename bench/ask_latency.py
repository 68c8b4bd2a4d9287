"""Warm, in-process latency of rxscoop.ask over real questions. Prints p50/p95/p99 in milliseconds.

    .venv/bin/python bench/ask_latency.py [--pack PATH] [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from rxscoop import Pack, ask
from timing import pack_or_build, warm_ask_ms

QUESTIONS = [
    "what is dupixent used for", "dupixant for kids?", "what is metformin for", "what is enbrel used for",
    "what does lisinoprel treat", "Rinvoq", "what is humira for", "what is zorblaxin used for",
    "what is adalimumab used for", "sertraline uses",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pack", type=Path)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    pack_path = pack_or_build(args.pack)
    with Pack(pack_path) as pack:
        times = warm_ask_ms(pack, QUESTIONS, args.rounds)
        labels = pack.counts()["labels"]
    times.sort()
    q = statistics.quantiles(times, n=100)
    print(f"ask latency, warm, in-process: {len(times)} questions over a pack of {labels:,} labels")
    print(f"p50 {q[49]:.2f} ms  p95 {q[94]:.2f} ms  p99 {q[98]:.2f} ms  max {times[-1]:.2f} ms")
    dupixent = []
    with Pack(pack_path) as pack:
        ask(QUESTIONS[0], pack)
        for _ in range(200):
            start = time.perf_counter()
            ask(QUESTIONS[0], pack)
            dupixent.append((time.perf_counter() - start) * 1000)
    print(f"'what is dupixent used for' alone: p50 {statistics.median(dupixent):.2f} ms")


if __name__ == "__main__":
    main()
