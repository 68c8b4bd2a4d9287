"""Where the HTTP tail comes from: `serve`'s workers (run as `serve` runs them, the same app and settings), wrk's 50
connections asking every question new over every label, and inside each worker a record of every request (its
connection, when it entered and left the app, whether its answer was composed), every garbage collection, how
late the event loop ran and how long the worker waited for a core (/proc/self/schedstat).

    .venv/bin/python bench/tail.py --pack PACK [--workers 2] [--connections 50] [--seconds 20] [--cold]

Each worker is first asked every label's question in other words (so it keeps every answer), unless --cold.

A connection of a closed loop sends its next request as soon as it has the answer, so the gaps between one
connection's arrivals in the app are the latencies wrk sees (plus wrk's own delay): the slowest of them are
set against what their worker was doing meanwhile.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import gc
import itertools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Any

from load import drive, every_label_question, run_wrk, wait_healthy

PORT = 8793
_request: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar("request")


def _run_delay_ms() -> float:
    """Time this process's main thread (the event loop) has waited for a core, in ms."""
    return int(Path("/proc/thread-self/schedstat").read_text().split()[1]) / 1e6


class Recorder:
    """One worker's records, written as JSON when it shuts down."""

    def __init__(self, app: Any, out: Path) -> None:
        self.app, self.out = app, out
        self.requests: list[tuple[int, float, float, str, float]] = []  # port, in, out, kind, compose CPU ms
        self.gcs: list[tuple[float, float, int, int]] = []  # start, ms, generation, collected
        self.lag: list[tuple[float, float, float]] = []  # when, ms late, run-queue wait so far (ms)
        self._gc_start = 0.0
        self._watch: asyncio.Task[None] | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, self._lifespan(send))
            return
        record = {"kind": "kept", "cpu": 0.0}
        _request.set(record)
        start = time.monotonic()
        await self.app(scope, receive, send)
        port = scope["client"][1] if scope.get("client") else 0
        self.requests.append((port, start, time.monotonic(), record["kind"], record["cpu"]))

    def _lifespan(self, send: Any) -> Any:
        async def wrapped(message: Any) -> None:
            if message["type"] == "lifespan.startup.complete":
                gc.callbacks.append(self._on_gc)
                self._watch = asyncio.get_running_loop().create_task(self._late())
            elif message["type"] == "lifespan.shutdown.complete":
                self.dump()
            await send(message)
        return wrapped

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.monotonic()
        else:
            self.gcs.append((self._gc_start, (time.monotonic() - self._gc_start) * 1000, info["generation"],
                             info["collected"]))

    async def _late(self) -> None:
        while True:
            start = time.monotonic()
            await asyncio.sleep(0.005)
            self.lag.append((start, (time.monotonic() - start) * 1000 - 5, _run_delay_ms()))

    def clear(self) -> None:
        self.requests.clear(), self.gcs.clear(), self.lag.clear()

    def dump(self) -> None:
        (self.out / f"{os.getpid()}.json").write_text(json.dumps(
            {"requests": self.requests, "gcs": self.gcs, "lag": self.lag}))


def instrumented(settings: Any, out: str) -> Any:
    """The app `serve` runs, inside a Recorder; composing (api.answer_query) marks its request."""
    from rxscoop import api
    from rxscoop.web.app import create_app

    compose = api.answer_query

    def timed_compose(*args: Any, **kwargs: Any) -> Any:  # in a thread: the request's record is shared with it
        record = _request.get({})
        record["kind"] = "composed"
        start = time.thread_time()
        try:
            return compose(*args, **kwargs)
        finally:
            record["cpu"] = (time.thread_time() - start) * 1000

    api.answer_query = timed_compose  # type: ignore[assignment]
    app = create_app(settings)
    recorder = Recorder(app, Path(out))
    signal.signal(signal.SIGUSR1, lambda *_: recorder.clear())  # the warm-up is not measured
    return recorder


def serve(pack: Path, workers: int, out: Path) -> None:
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from rxscoop.web.server import uvicorn_settings
    from rxscoop.web.settings import Settings

    try:  # as `serve` runs several workers: a listening socket each (web/serve.py), where this rxscoop does
        from rxscoop.web.serve import OwnSockets
    except ImportError:
        OwnSockets = None

    config = uvicorn.Config(partial(instrumented, Settings(pack=pack, rate_per_minute=0), str(out)), factory=True,
                            port=PORT, workers=workers, log_level="warning", server_header=False,
                            **uvicorn_settings())
    if workers > 1 and OwnSockets is not None and sys.platform.startswith("linux"):
        OwnSockets(config).run()
    elif workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()


def q(values: list[float], at: int) -> float:
    return statistics.quantiles(values, n=100)[at - 1] if len(values) > 1 else (values or [0.0])[0]


def report(out: Path, wrk_p99: float | None) -> None:
    workers = [json.loads(p.read_text()) for p in sorted(out.glob("*.json"))]
    cycles: list[tuple[float, float, int]] = []  # (ms, start, worker)
    for w, data in enumerate(workers):
        reqs = data["requests"]
        kinds: dict[str, list[float]] = defaultdict(list)
        by_port: dict[int, list[float]] = defaultdict(list)
        for port, start, end, kind, _ in reqs:
            kinds[kind].append((end - start) * 1000)
            by_port[port].append(start)
        composed_cpu = [cpu for *_, kind, cpu in reqs if kind == "composed"]
        for starts in by_port.values():
            starts.sort()
            cycles += [((b - a) * 1000, a, w) for a, b in itertools.pairwise(starts)]
        span = (max(e for _, _, e, _, _ in reqs) - min(s for _, s, _, _, _ in reqs)) if reqs else 1
        lag = [ms for _, ms, _ in data["lag"]]
        waited = (data["lag"][-1][2] - data["lag"][0][2]) if len(data["lag"]) > 1 else 0
        print(f"worker {w}: {len(by_port)} connections, {len(reqs):,} requests ({len(reqs) / span:,.0f}/s)")
        for kind, ms in sorted(kinds.items()):
            print(f"  in the app, {kind}: {len(ms):,}, p50 {q(ms, 50):.2f} ms, p99 {q(ms, 99):.2f} ms, "
                  f"max {max(ms):.1f} ms" + (f"; composing CPU mean {statistics.mean(composed_cpu):.1f} ms"
                                             if kind == "composed" and composed_cpu else ""))
        for gen in (0, 1, 2):
            pauses = [ms for _, ms, g, _ in data["gcs"] if g == gen]
            if pauses:
                print(f"  gc generation {gen}: {len(pauses):,}, {sum(pauses):.0f} ms in all, max {max(pauses):.1f} ms")
        if lag:
            print(f"  event loop late: p50 {q(lag, 50):.1f} ms, p99 {q(lag, 99):.1f} ms, max {max(lag):.0f} ms; "
                  f"waited for a core {waited / span / 10:.0f} % of the time")
    if not cycles:
        return
    ms = [c[0] for c in cycles]
    print(f"gaps between a connection's requests (≈ wrk's latency): {len(ms):,}, p50 {q(ms, 50):.1f} ms, "
          f"p90 {q(ms, 90):.1f} ms, p99 {q(ms, 99):.1f} ms, max {max(ms):.0f} ms"
          + (f"; wrk's p99 {wrk_p99:.0f} ms" if wrk_p99 is not None else ""))
    per_worker = [[c[0] for c in cycles if c[2] == w] for w in range(len(workers))]
    print("  by worker: " + "; ".join(f"p50 {q(v, 50):.1f} ms, p99 {q(v, 99):.1f} ms" for v in per_worker if v))
    slow = [c for c in cycles if c[0] >= q(ms, 99)]
    print(f"  the slowest 1 % ({len(slow):,}), what their worker was doing meanwhile:")
    overlap: dict[str, int] = defaultdict(int)
    wait_share, gc_share, compose_share = [], [], []
    for took, start, w in slow:
        end = start + took / 1000
        data = workers[w]
        gcs = [(s, d / 1000) for s, d, g, _ in data["gcs"] if s < end and s + d / 1000 > start]
        gc_ms = sum(min(end, s + d) - max(start, s) for s, d in gcs) * 1000
        composing = [(s, e) for _, s, e, kind, _ in data["requests"] if kind == "composed" and s < end and e > start]
        compose_ms = sum(min(end, e) - max(start, s) for s, e in composing) * 1000
        inside = [lag for lag in data["lag"] if start <= lag[0] <= end]
        waited = (inside[-1][2] - inside[0][2]) if len(inside) > 1 else 0.0
        overlap["a gen-2 collection"] += any(g == 2 for s, _, g, _ in data["gcs"] if start <= s <= end)
        overlap["a composed answer"] += bool(composing)
        gc_share.append(gc_ms / took)
        compose_share.append(min(compose_ms / took, 1.0))
        wait_share.append(waited / took)
        overlap[f"worker {w}"] += 1
    for what, n in sorted(overlap.items()):
        print(f"    overlapped {what}: {n} of {len(slow)}")
    print(f"    share of their time: in GC {statistics.mean(gc_share):.0%}, composing in a thread "
          f"{statistics.mean(compose_share):.0%}, the event loop waiting for a core {statistics.mean(wait_share):.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--cold", action="store_true", help="no warm-up: each label's first question composes")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # the server's own process
    args = parser.parse_args()
    if args.serve:
        serve(args.pack, args.workers, args.serve)
        return
    out = Path(tempfile.mkdtemp())
    server = subprocess.Popen([sys.executable, __file__, "--pack", str(args.pack), "--workers", str(args.workers),
                               "--serve", str(out)], start_new_session=True)
    base = f"http://127.0.0.1:{PORT}"
    try:
        wait_healthy(base)
        questions = every_label_question(args.pack)
        if not args.cold:  # 8 connections each ask every question in other words: each worker keeps each answer
            warm = [f"{q} warm{i}" for i, q in enumerate(questions)]
            asyncio.run(drive(base, 8, 900, "/v1/answer", warm, cap=8 * len(warm)))
        children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        for pid in children or [str(server.pid)]:
            os.kill(int(pid), signal.SIGUSR1)
        print(f"{args.workers} workers, wrk {args.connections} connections, {args.seconds:.0f} s, every question new; "
              f"load average before {os.getloadavg()[0]:.1f}")
        text = run_wrk(base, args.connections, args.seconds, "/v1/answer", True, questions)
        print("\n".join(line for line in text.splitlines() if any(w in line for w in ("%", "Requests/sec", "Socket"))))
        found = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
        wrk_p99 = float(found.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[found.group(2)] if found else None
        print(f"load average after {os.getloadavg()[0]:.1f}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    report(out, wrk_p99)
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
