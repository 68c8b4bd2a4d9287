"""Tool-call latency of `rxscoop mcp` through the official MCP client over stdio, beside in-process `ask` on the
same questions. Prints p50/p99 in milliseconds, the server's start time and the size of a result.

    .venv/bin/python bench/mcp_latency.py [--pack PATH] [--rounds N]

Without --pack: $RXSCOOP_PACK when it is set, else a pack built from ../shared/data into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

import anyio
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from rxscoop import Pack
from timing import pack_or_build, warm_ask_ms

QUESTIONS = [
    "what is dupixent used for", "dupixant for kids?", "what is metformin for", "what is enbrel used for",
    "what does lisinoprel treat", "Rinvoq", "what is humira for", "what is zorblaxin used for",
    "what is adalimumab used for", "sertraline uses",
]
OTHER_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("drug_uses", {"drug": "dupixent"}),
    ("drug_uses", {"drug": "humira", "condition": "psoriasis"}),
    ("label_section", {"drug": "metformin", "section": "indications_and_usage"}),
    ("find_drugs", {"prefix_or_name": "ser"}),
    ("label_changes", {"drug": "enbrel"}),
]


def figures(times: list[float]) -> str:
    times = sorted(times)
    q = statistics.quantiles(times, n=100, method="inclusive")
    return f"p50 {q[49]:.2f} ms  p99 {q[98]:.2f} ms  max {times[-1]:.2f} ms  ({len(times)} calls)"


async def timed(call: Callable[[], Awaitable[Any]]) -> float:
    start = time.perf_counter()
    await call()
    return (time.perf_counter() - start) * 1000


async def through_client(pack_path: Path, rounds: int) -> None:
    params = StdioServerParameters(command=sys.executable, args=["-m", "rxscoop.cli", "mcp", "--pack", str(pack_path)])
    start = time.perf_counter()
    async with Client(params) as client:
        await client.list_tools()
        print(f"server start (spawn to tools listed): {(time.perf_counter() - start) * 1000:.0f} ms")
        sizes = []
        for q in QUESTIONS:  # warm: the server's first-use caches (name index, lexicon) fill here
            result = await client.call_tool("answer", {"question": q})
            sizes.append(len(result.model_dump_json(by_alias=True)))
        print(f"result size of `answer` (JSON on the wire): median {statistics.median(sizes) / 1000:.1f} kB, "
              f"largest {max(sizes) / 1000:.1f} kB")
        answers: list[float] = []
        for _ in range(rounds):
            for q in QUESTIONS:
                answers.append(await timed(partial(client.call_tool, "answer", {"question": q})))
        print(f"MCP `answer` over stdio: {figures(answers)}")
        # The Python client checks every structured result against the tool's output schema (jsonschema, pure
        # Python): timed alone here, it is most of the difference from in-process `ask`.
        checks: list[float] = []
        for _ in range(max(1, rounds // 3)):
            for q in QUESTIONS:
                result = await client.call_tool("answer", {"question": q})
                if not result.is_error:
                    checks.append(await timed(partial(client.session.validate_tool_result, "answer", result)))
        print(f"  of which the client's output-schema check alone: {figures(checks)}")
        for name, args in OTHER_CALLS:
            await client.call_tool(name, args)
        others: dict[str, list[float]] = {}
        for _ in range(rounds):
            for name, args in OTHER_CALLS:
                took = await timed(partial(client.call_tool, name, args))
                others.setdefault(name, []).append(took)
        for name, times in others.items():
            print(f"MCP `{name}`: {figures(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pack", type=Path, default=os.environ.get("RXSCOOP_PACK"))
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    pack_path = pack_or_build(Path(args.pack) if args.pack else None)
    with Pack(pack_path) as pack:
        local = warm_ask_ms(pack, QUESTIONS, args.rounds)
        labels = pack.counts()["labels"]
    print(f"pack of {labels:,} labels; {len(QUESTIONS)} questions × {args.rounds} rounds, warm")
    print(f"in-process `ask`: {figures(local)}")
    anyio.run(through_client, Path(pack_path), args.rounds)


if __name__ == "__main__":
    main()
