"""Load on loopback: `rxscoop serve` in its own process, N concurrent clients for a bounded time.
Prints throughput, p50/p99 latency, errors, and the server's memory before and after.

    .venv/bin/python bench/load.py [--connections 50] [--seconds 20] [--workers 2] [--path /v1/answer]
    .venv/bin/python bench/load.py --unique --every-label     # every question new, over every label with uses
    .venv/bin/python bench/load.py --unique --every-label --gzip  # the same, answers gzipped as for a browser
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ["what is dupixent used for", "dupixant for kids?", "what is metformin for", "enbrel side effects",
             "how much dupixent for asthma", "what is zorblaxin used for", "zoloft reviews", "dupixent vs adbry"]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the workers), from /proc."""
    total = 0
    pids = [pid]
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
        pids += [int(p) for p in children.split()]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children (the workers), from /proc."""
    total = 0
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
    for p in [pid, *(int(c) for c in children.split())]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def cpu_note(spent: float, requests: int, connections: int) -> str:
    """Server CPU per request, and what it means at this concurrency: a closed loop of N connections waits,
    on average, N / throughput, and the server's cores cap the throughput (Little's law)."""
    per = spent / max(requests, 1) * 1000
    cores = os.cpu_count() or 1
    return (f"server CPU {per:.2f} ms a request: at most {cores * 1000 / per:,.0f} req/s on {cores} idle cores, so "
            f"{connections} connections wait at least {connections * per / cores:.0f} ms on average")


async def client(base: str, until: float, path: str, times: list[float], errors: list[str], cap: int,
                 questions: list[str] | None = None) -> None:
    questions = questions or QUESTIONS
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        i = 0
        while time.monotonic() < until and len(times) < cap:
            q = questions[i % len(questions)]
            i += 1
            start = time.perf_counter()
            try:
                r = await http.get(path, params={"q": q})
                if r.status_code not in (200, 404):
                    errors.append(str(r.status_code))
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
            times.append((time.perf_counter() - start) * 1000)


async def drive(base: str, connections: int, seconds: float, path: str,
                questions: list[str] | None = None, cap: int = 2_000_000) -> tuple[list[float], list[str], float]:
    times: list[float] = []
    errors: list[str] = []
    start = time.monotonic()
    until = start + seconds
    # each connection starts at its own place in the list, so together they ask different questions
    qs = questions or QUESTIONS
    await asyncio.gather(*(client(base, until, path, times, errors, cap, qs[c * len(qs) // connections:]
                                  + qs[: c * len(qs) // connections]) for c in range(connections)))
    return times, errors, time.monotonic() - start


def wait_healthy(base: str, tries: int = 300) -> None:
    """Poll the server's health check until it answers 200 (or the tries run out): it is still loading the pack."""
    for _ in range(tries):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)


@contextmanager
def serving(pack: Path, port: int, workers: int = 2) -> Iterator[subprocess.Popen[bytes]]:
    """`rxscoop serve` in its own process group, ready (health check passed), stopped afterwards."""
    server = subprocess.Popen(
        [sys.executable, "-m", "rxscoop.cli", "serve", "--port", str(port), "--workers", str(workers),
         "--rate", "0", "--pack", str(pack)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", tries=200)
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def every_label_question(pack: Path) -> list[str]:
    """"what is <title> used for" for every label with uses, so the load covers the whole pack."""
    from rxscoop import Pack

    with Pack(pack) as opened:
        return [f"what is {opened.label(i).title} used for" for i in opened.label_ids_with_uses()]


def build_snapshot_pack() -> Path:
    pack = Path(tempfile.mkdtemp()) / "bench.sqlite"
    subprocess.run([sys.executable, "-m", "rxscoop.cli", "build", str(ROOT.parent / "shared" / "data"),
                    "--pack", str(pack)], check=True, capture_output=True)
    return pack


def run_wrk(base: str, connections: int, seconds: float, path: str, unique: bool = False,
            questions: list[str] | None = None, gzip: bool = False) -> str:
    """wrk with a script that rotates through the questions; its latency distribution and totals."""
    paths = [f"{path}?q={quote(q)}" for q in (questions or QUESTIONS)]
    suffix = ' .. "%20" .. i' if unique else ""
    script = "paths = {" + ",".join(f'"{p}"' for p in paths) + "}\ni = 0\n" + (
        f"request = function()\n  i = i + 1\n  return wrk.format(nil, paths[(i % #paths) + 1]{suffix})\nend\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(script)
    try:
        accept = ["-H", "Accept-Encoding: gzip"] if gzip else []  # as browsers ask
        result = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{int(seconds)}s", "--latency",
                                 *accept, "-s", fh.name, base], capture_output=True, text=True, check=True)
    finally:
        Path(fh.name).unlink()
    return result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--path", default="/v1/answer")
    parser.add_argument("--pack", type=Path)
    parser.add_argument("--unique", action="store_true",
                        help="make every question different (a number appended), so no answer comes from the cache")
    parser.add_argument("--every-label", action="store_true",
                        help="ask about every label with uses in the pack instead of 8 fixed questions")
    parser.add_argument("--gzip", action="store_true", help="ask for gzip, as browsers do (wrk only)")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python",
                        help="wrk (Debian package, C) loads the server without competing much for the CPU")
    args = parser.parse_args()
    pack = args.pack or build_snapshot_pack()
    questions = every_label_question(pack) if args.every_label else None
    base = f"http://127.0.0.1:{args.port}"
    print(f"rxscoop serve --workers {args.workers} --rate 0; client {args.client}, {args.connections} connections, "
          f"{args.seconds:.0f} s; {'every question new' if args.unique else 'questions repeated'}, "
          f"{'gzip, ' if args.gzip else ''}"
          f"{len(questions) if questions else len(QUESTIONS)} base questions; {os.cpu_count()} cores, "
          f"load average before {os.getloadavg()[0]:.1f}")
    with serving(pack, args.port, args.workers) as server:
        # Warm every worker: with --every-label, 8 connections each ask every base question (connections land on
        # workers unevenly; each worker gets at least one of 8), so the run measures answers each worker has
        # composed before in other wordings. bench/tail.py --cold measures first questions.
        warm = questions or QUESTIONS
        asyncio.run(drive(base, min(args.connections, 8), 3 if not questions else 900, args.path,
                          [f"{q} warm{i}" for i, q in enumerate(warm)] if args.unique else warm,
                          cap=len(warm) * (8 if questions else 1)))
        before = rss_mb(server.pid)
        cpu_before = cpu_seconds(server.pid)
        if args.client == "wrk":
            out = run_wrk(base, args.connections, args.seconds, args.path, args.unique, questions, args.gzip)
            print(out)
            done = re.search(r"(\d+) requests in", out)
            print(cpu_note(cpu_seconds(server.pid) - cpu_before, int(done.group(1)) if done else 0, args.connections))
            print(f"server memory (RSS, all processes) {before:.0f} MB before, {rss_mb(server.pid):.0f} MB after; "
                  f"load average after {os.getloadavg()[0]:.1f}")
            return
        if args.unique:  # a number appended makes each question new, as wrk's --unique script does
            questions = [f"{q} {i}" for i, q in enumerate((questions or QUESTIONS) * 200)]
        times, errors, took = asyncio.run(drive(base, args.connections, args.seconds, args.path, questions))
        after = rss_mb(server.pid)
        print(cpu_note(cpu_seconds(server.pid) - cpu_before, len(times), args.connections))
    times.sort()
    q = statistics.quantiles(times, n=100)
    print(f"{args.path}: {args.connections} connections, {args.workers} workers, {took:.1f} s, {len(times):,} requests")
    print(f"throughput {len(times) / took:,.0f} req/s; latency p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms, "
          f"max {times[-1]:.1f} ms; errors {len(errors)}")
    print(f"server memory (RSS, all processes) {before:.0f} MB before, {after:.0f} MB after; "
          f"load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
