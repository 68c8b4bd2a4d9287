"""Where HTTP latency goes: the app served by uvicorn in this process (one worker, the settings `serve` uses),
wrk's 50 connections asking every question new over every label, and the time each request spends inside the
app (first byte in to last byte out) and how late the event loop runs, against wrk's own latency.

    .venv/bin/python bench/server_time.py --pack PACK [--connections 50] [--seconds 15]

A small in-app time with a large wrk latency means the requests wait in line (a saturated loop, cores
shared with the client), not that answering them is slow.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn

from load import drive, every_label_question, run_wrk
from rxscoop.web.app import create_app
from rxscoop.web.server import uvicorn_settings
from rxscoop.web.settings import Settings

PORT = 8795


class Timed:
    """The app, with the time of each request inside it recorded."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.ms: list[float] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        start = time.perf_counter()
        await self.app(scope, receive, send)
        if scope["type"] == "http":
            self.ms.append((time.perf_counter() - start) * 1000)


class Server(uvicorn.Server):
    """uvicorn with a task that measures how late a 5 ms sleep on its event loop wakes."""

    lag: list[float]

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets)
        self.lag = []
        asyncio.get_running_loop().create_task(self._watch())

    async def _watch(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.005)
            self.lag.append((time.perf_counter() - start) * 1000 - 5)


def quantiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=100)
    return f"p50 {q[49]:.2f} ms, p99 {q[98]:.2f} ms, max {max(values):.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pack", type=Path, required=True)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    app = Timed(create_app(Settings(pack=args.pack, rate_per_minute=0)))
    server = Server(uvicorn.Config(app, port=PORT, log_level="warning", **uvicorn_settings()))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.1)
    base = f"http://127.0.0.1:{PORT}"
    questions = every_label_question(args.pack)
    warm = [f"{q} warm{i}" for i, q in enumerate(questions * 2)]  # each label's answer kept
    asyncio.run(drive(base, 8, 600, "/v1/answer", warm, cap=len(warm)))
    app.ms.clear()
    server.lag.clear()
    out = run_wrk(base, args.connections, args.seconds, "/v1/answer", True, questions)
    print("\n".join(line for line in out.splitlines() if "%" in line or "Requests/sec" in line))
    print(f"inside the app, {len(app.ms):,} requests: {quantiles(app.ms)}")
    print(f"event loop lateness: {quantiles(server.lag)}")
    server.should_exit = True
    thread.join(10)


if __name__ == "__main__":
    main()
