"""Parse label records in worker processes while one process writes the pack.

Reading a label's facts (label/) is nearly all of a build's work and needs nothing but the record, so
records go to worker processes in chunks; the results come back in input order, so a build with N workers
writes the same rows in the same order as a build with one. Memory stays bounded whatever the input size:
at most `2 × jobs` chunks are in flight, and the input is streamed (ijson), never read whole.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from rxscoop.errors import BuildFailed
from rxscoop.label.checks import Failures, check_details, check_indications
from rxscoop.label.details import read_details
from rxscoop.label.indications import parse_indications
from rxscoop.label.text import MAX_PARSE_CHARS, MAX_STORED_CHARS
from rxscoop.pack.quotes import passages_json
from rxscoop.pack.texts import pack_text
from rxscoop.sources import LabelRecord

CHUNK = 16  # records a task: large enough that passing them between processes costs little, small enough to stream


@dataclass
class Parsed:
    """What the writer needs of one record: the record, its sections cut to the stored length and compressed,
    and its facts as JSON. A record kept only as history (an older version) carries its indications and
    section hashes."""

    record: LabelRecord
    indications: str | None = None
    details: str | None = None
    section_hashes: str | None = None
    passages: str | None = None  # where its facts' quotes are in its stored sections (pack/quotes.py)
    failures: dict[str, list[str]] = field(default_factory=dict)
    # The sections as stored (pack/texts.py), compressed here in the worker; record.sections is then emptied.
    stored: dict[str, bytes] = field(default_factory=dict)
    # The same sections as plain text, for the search index: the writer indexes what it stores without unpacking it
    # again (which cost as much CPU as passing the text from a worker).
    texts: dict[str, str] = field(default_factory=dict)


def section_hashes(sections: dict[str, str]) -> str:
    return json.dumps({k: hashlib.sha1(v.encode()).hexdigest()[:16] for k, v in sorted(sections.items())})


def parse_record(record: LabelRecord, history_only: bool = False) -> Parsed:
    """Read one record's facts. `history_only`: an older version of a label the pack has, of which only its
    indications and section hashes are kept."""
    names = [*record.brand_names, *record.generic_names, *record.substance_names]
    if history_only:
        text = record.sections.get("indications_and_usage")
        old = parse_indications(text, names).model_dump_json(exclude_defaults=True) if text else None
        hashes = section_hashes(record.sections)
        record.sections = {}  # not written: no need to send it back
        return Parsed(record, indications=old, section_hashes=hashes)
    failures = Failures()
    record.sections = {k: v[:MAX_STORED_CHARS] for k, v in record.sections.items()}
    parse = {k: v[:MAX_PARSE_CHARS] for k, v in record.sections.items()}
    text = parse.get("indications_and_usage")
    parsed = parse_indications(text, names) if text else None
    if parsed:  # facts their own quotes do not back are dropped: the answer says less
        parsed = check_indications(parsed, record.title, failures)
    details = check_details(
        read_details(parse, record.product_type, record.routes, parsed.uses if parsed else [], names),
        record.title, failures)
    passages = passages_json(record.title, record.sections, parsed, details)
    stored = {name: pack_text(body) for name, body in record.sections.items()}
    texts, record.sections = record.sections, {}  # sent back to the writer once, beside the record
    return Parsed(record, indications=parsed.model_dump_json(exclude_defaults=True) if parsed else None,
                  details=details.model_dump_json(exclude_defaults=True), failures=failures.by_kind,
                  passages=passages, stored=stored, texts=texts)


def _parse_chunk(chunk: list[tuple[LabelRecord, bool]]) -> list[Parsed]:
    return [parse_record(record, history_only) for record, history_only in chunk]


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: end when the build process is gone. A worker blocks reading its task queue, whose
    pipe a forked sibling also holds open, so a build killed with SIGKILL would otherwise leave it behind."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def default_jobs() -> int:
    return os.cpu_count() or 1


def parse_records(items: Iterable[tuple[LabelRecord, bool]], jobs: int | None = None) -> Iterator[Parsed]:
    """Parse (record, history_only) pairs, yielding results in input order; with jobs > 1 in that many
    worker processes. The input is consumed only as results are taken, at most 2 × jobs chunks ahead."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise BuildFailed(f"--jobs must be 1 or more, not {jobs}")
    if jobs == 1:
        for record, history_only in items:
            yield parse_record(record, history_only)
        return
    # fork: workers start at once with rxscoop already imported (spawn would import it again in each).
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                               initializer=_exit_with_parent, initargs=(os.getpid(),))
    pending: deque[Future[list[Parsed]]] = deque()
    try:
        chunk: list[tuple[LabelRecord, bool]] = []
        for item in items:
            chunk.append(item)
            if len(chunk) == CHUNK:
                pending.append(pool.submit(_parse_chunk, chunk))
                chunk = []
                while len(pending) >= 2 * jobs:
                    yield from pending.popleft().result()
        if chunk:
            pending.append(pool.submit(_parse_chunk, chunk))
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool as exc:
        raise BuildFailed("a build worker process died (out of memory?); try fewer --jobs") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
