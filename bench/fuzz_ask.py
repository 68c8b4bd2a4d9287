"""Coverage-guided fuzzing of the whole ask path with atheris: any exception other than BadQuestion, or an
answer that takes too long, is a crash. Bounded: `-runs=N`.

    .venv/bin/python bench/fuzz_ask.py PACK -runs=20000
"""

from __future__ import annotations

import sys
import time

import atheris

with atheris.instrument_imports(include=["rxscoop"]):
    from rxscoop import Pack, ask
    from rxscoop.errors import BadQuestion

PACK = Pack(sys.argv.pop(1))
SLOW_SECONDS = 2.0
def one(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(4096)
    start = time.perf_counter()
    try:
        answer = ask(text, PACK)
        assert answer.status in ("answered", "not_found", "ambiguous", "no_data", "emergency")
        answer.model_dump_json()
    except BadQuestion:
        pass
    took = time.perf_counter() - start
    if took > SLOW_SECONDS:
        raise RuntimeError(f"slow question ({took:.1f} s): {text[:80]!r}")


if __name__ == "__main__":
    # libFuzzer prints "Done N runs" when every input passed; a crash prints the input and exits non-zero.
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
