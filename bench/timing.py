"""What several benchmarks share: the pack they measure (given, or built once from ../shared/data) and warm,
in-process `ask` timings."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from rxscoop import Pack, ask, build_pack

ROOT = Path(__file__).resolve().parents[1]


def pack_or_build(path: Path | None) -> Path:
    """The pack given, else one built from ../shared/data into a temporary folder."""
    if path is not None:
        return path
    built = Path(tempfile.mkdtemp()) / "bench.sqlite"
    build_pack([ROOT.parent / "shared" / "data"], built)
    return built


def warm_ask_ms(pack: Pack, questions: list[str], rounds: int) -> list[float]:
    """Each question asked once to warm the first-use caches (name index, lexicon), then `rounds` times over,
    each answer timed in milliseconds."""
    for q in questions:
        ask(q, pack)
    times: list[float] = []
    for _ in range(rounds):
        for q in questions:
            start = time.perf_counter()
            ask(q, pack)
            times.append((time.perf_counter() - start) * 1000)
    return times


def first_and_warm(pack_path: Path, questions: list[str], first: str, rounds: int) -> dict[str, float]:
    """The first question's time on a freshly opened pack (`first`, a misspelling, loads the name index), then
    warm p50 and p99 over the questions."""
    with Pack(pack_path) as opened:
        start = time.perf_counter()
        ask(first, opened)
        first_ms = (time.perf_counter() - start) * 1000
        times = warm_ask_ms(opened, questions, rounds)
    q = statistics.quantiles(sorted(times), n=100)
    return {"first_fuzzy_ms": first_ms, "p50_ms": q[49], "p99_ms": q[98]}
