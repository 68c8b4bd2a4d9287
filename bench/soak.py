"""Soak: the server under continuous load on loopback for a bounded time, in rounds, with its memory
sampled after each round. Every question is new (nothing from the answer cache), so growth would show.

    .venv/bin/python bench/soak.py [--rounds 6] [--seconds 10] [--connections 50]
"""

from __future__ import annotations

import argparse
import re

from load import QUESTIONS, build_snapshot_pack, rss_mb, run_wrk, serving


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--port", type=int, default=8798)
    args = parser.parse_args()
    pack = build_snapshot_pack()
    base = f"http://127.0.0.1:{args.port}"
    total = errors = 0
    with serving(pack, args.port) as server:
        print(f"start: server memory {rss_mb(server.pid):.0f} MB")
        for n in range(1, args.rounds + 1):
            report = run_wrk(base, args.connections, args.seconds, "/v1/answer", unique=True,
                             questions=[q for q in QUESTIONS if "zorblaxin" not in q])  # each should be a 200
            done = int(re.search(r"(\d+) requests in", report).group(1))  # type: ignore[union-attr]
            socket_errors = re.search(r"Socket errors: (.*)", report)
            non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", report)) else 0
            total += done
            errors += non2xx + (1 if socket_errors else 0)
            p99 = re.search(r"99%\s+(\S+)", report).group(1)  # type: ignore[union-attr]
            print(f"round {n}: {done:,} requests, p99 {p99}, server memory {rss_mb(server.pid):.0f} MB"
                  + (f", socket errors: {socket_errors.group(1)}" if socket_errors else ""), flush=True)
    print(f"soak: {total:,} requests in {args.rounds * args.seconds} s, errors {errors}")


if __name__ == "__main__":
    main()
