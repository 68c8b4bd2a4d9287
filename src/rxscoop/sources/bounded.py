"""Bounded JSON reading for label files: records come out one at a time, each checked against the bounds in
sources/limits.py while it is parsed, so no record (however deep, long or large) costs more than the bounds.

Two layers. `_Filter` sits between the file and the parser: it counts the bytes read, cuts any string longer
than MAX_STRING_BYTES (the parser never holds it; the record is reported) and turns the bare `NaN` and
`Infinity` that Python's json writes into a marker, so `.json` and `.jsonl` treat them alike. `_records`
builds each record from ijson's events, stopping at MAX_DEPTH and MAX_RECORD_BYTES.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from typing import IO, Any, Protocol

import ijson

from rxscoop.errors import SourceError
from rxscoop.sources.limits import MAX_DEPTH, MAX_RECORD_BYTES, MAX_STRING_BYTES
from rxscoop.sources.record import RecordProblem

NAN_MARK = "\x00NaN"  # what a bare NaN/Infinity becomes on the way in; read back as float("nan")
# A string's body: plain bytes and whole escapes (\\uXXXX, or \\ and one byte), up to a closing quote.
_BODY = re.compile(rb'(?:[^"\\]++|\\(?:u[0-9A-Fa-f]{4}|[^u]))*+', re.S)
_BARE_CONSTANT = re.compile(rb"-?(?:NaN|Infinity)")
_LETTERS_AT_END = re.compile(rb"[-A-Za-z]{1,9}$")  # a constant may be cut by the chunk boundary
_CHUNK = 64 * 1024


def _body_end(data: bytes, start: int, end: int) -> int:
    """Where the longest run of a string's body in data[start:end] ends (_BODY matches, if only emptily).
    Plain bytes before the first backslash are skipped with bytes.find (memchr), not matched byte by byte: a
    string without a backslash ends at its quote, and one with escapes is matched from its first backslash
    (what precedes it is whole plain bytes, so the match goes on from there alike). Reading the 303 openFDA
    labels takes 0.47 s of CPU, not 0.60: many of their strings hold escaped quotes, but most hold none."""
    quote = data.find(b'"', start, end)
    stop = end if quote < 0 else quote
    escape = data.find(b"\\", start, stop)
    if escape < 0:
        return stop
    found = _BODY.match(data, escape, end)
    return found.end() if found else escape


class OverBound(Exception):
    """The whole input is over a bound (e.g. a zip member larger than it may be)."""


class _Filter:
    """A read-only binary file over another, as described in the module docstring."""

    def __init__(self, raw: IO[bytes], max_total: int | None = None) -> None:
        self.raw = raw
        self.max_total = max_total
        self.total = 0
        self.pending = b""  # bytes held back until the next chunk says what they are
        self.in_string = False
        self.length = 0  # bytes of the current string seen so far
        self.dropping = False
        self.strings = 0  # JSON strings opened so far (keys included): the parser's count matches
        self.cut: set[int] = set()  # ordinals of strings that were cut
        self.done = False

    def read(self, size: int = -1) -> bytes:
        if size == 0 or self.done:
            return b""
        while True:
            chunk = self.raw.read(_CHUNK)
            if not chunk:
                self.done = True
                rest, self.pending = self.pending, b""
                return rest
            self.total += len(chunk)
            if self.max_total is not None and self.total > self.max_total:
                raise OverBound(f"larger than {self.max_total:,} bytes")
            out = self._process(self.pending + chunk)
            if out:
                return out

    def _process(self, data: bytes) -> bytes:
        out = bytearray()
        pos, n = 0, len(data)
        self.pending = b""
        while pos < n:
            if not self.in_string:
                quote = data.find(b'"', pos)
                segment = data[pos:n if quote < 0 else quote]
                if quote < 0 and (tail := _LETTERS_AT_END.search(segment)):
                    self.pending, segment = segment[tail.start():], segment[:tail.start()]
                segment, count = _BARE_CONSTANT.subn(lambda _: b'"\\u0000NaN"', segment)
                self.strings += count
                out += segment
                if quote < 0:
                    break
                out += b'"'
                self.in_string, self.length, self.dropping = True, 0, False
                self.strings += 1
                pos = quote + 1
                continue
            # The string's body up to its closing quote or the chunk's end, in one match: whole escapes only,
            # so what is held back (an escape cut by the chunk boundary) is where the match stops.
            end = _body_end(data, pos, n)
            self._emit(out, data, pos, end)
            if end >= n:
                break
            if data[end] == 0x22:  # the closing quote
                out += b'"'
                self.in_string = False
                pos = end + 1
                continue
            if n - end < 6:  # an escape cut by the chunk boundary: held back for the next chunk
                self.pending = data[end:]
                break
            self._emit(out, data, end, end + 6)  # a \u without 4 hex digits: passed on for the parser to refuse
            pos = end + 6
        return bytes(out)

    def _emit(self, out: bytearray, data: bytes, start: int, end: int) -> None:
        size = end - start
        if not self.dropping:
            room = MAX_STRING_BYTES - self.length
            if size <= room:
                out += data[start:end]
            else:
                self.dropping = True
                self.cut.add(self.strings)
                # Keep what fits: whole escapes (the longest run of them and plain bytes that ends by the
                # bound), never half a UTF-8 character.
                cut = _body_end(data, start, start + room)
                while cut > start and (data[cut] & 0xC0) == 0x80:
                    cut -= 1
                out += data[start:cut]
        self.length += size


class _Builder:
    """Builds one record from parser events; gives up (keeping only the reason) once it breaks a bound."""

    def __init__(self) -> None:
        self.stack: list[Any] = []
        self.keys: list[str] = []
        self.result: Any = None
        self.size = 0
        self.problem: str | None = None

    def _put(self, value: Any) -> None:
        if not self.stack:
            self.result = value
        elif isinstance(self.stack[-1], list):
            self.stack[-1].append(value)
        else:
            self.stack[-1][self.keys[-1]] = value

    def event(self, event: str, value: Any) -> None:
        self.size += 8 + (len(value) if isinstance(value, str) else 0)
        if self.problem is None and self.size > MAX_RECORD_BYTES:
            self.fail(f"record larger than {MAX_RECORD_BYTES:,} bytes (bound: record bytes)")
        if self.problem is not None:
            return
        if event == "map_key":
            self.keys[-1] = value
        elif event in ("start_map", "start_array"):
            if len(self.stack) >= MAX_DEPTH:
                self.fail(f"nested deeper than {MAX_DEPTH} (bound: depth)")
                return
            container: Any = {} if event == "start_map" else []
            self._put(container)
            self.stack.append(container)
            self.keys.append("")
        elif event in ("end_map", "end_array"):
            self.stack.pop()
            self.keys.pop()
        else:
            self._put(float("nan") if value == NAN_MARK else value)

    def fail(self, reason: str) -> None:
        if self.problem is None:
            self.problem = reason
            self.stack, self.keys, self.result = [], [], None


def _events(fh: _Filter) -> Iterator[tuple[str, Any]]:
    yield from ijson.basic_parse(fh, use_float=True, buf_size=_CHUNK)


def json_records(raw: IO[bytes], name: str, max_total: int | None = None) -> Iterator[tuple[Any, str]]:
    """(record, "file#index") from `{"results": [...]}` or a bare list; a record over a bound comes out as
    (RecordProblem, "")."""
    fh = _Filter(raw, max_total)
    level = -1  # depth of the open list whose items are records; -1 until found
    depth = 0
    key_at_top = ""
    strings = 0
    index = -1
    builder: _Builder | None = None
    try:
        for event, value in _events(fh):
            if event in ("map_key", "string"):
                strings += 1
            if depth == 0 and builder is None and event not in ("start_map", "start_array"):
                raise SourceError(f"{name}: not a JSON object or list")
            if builder is None and depth == level and event not in ("end_array", "end_map"):
                builder, index = _Builder(), index + 1
            opens = event in ("start_map", "start_array")
            closes = event in ("end_map", "end_array")
            if builder is not None:
                if strings in fh.cut:
                    fh.cut.discard(strings)
                    builder.fail(f"a string longer than {MAX_STRING_BYTES:,} bytes (bound: string bytes)")
                builder.event(event, value)
            else:
                if depth == 1 and event == "map_key":
                    key_at_top = value
                if event == "start_array" and level < 0 and (depth == 0 or (depth == 1 and key_at_top == "results")):
                    level = depth + 1
                if strings in fh.cut:
                    fh.cut.discard(strings)
            depth += opens - closes
            if builder is not None and depth == level:
                location = f"{name}#{index}"
                if builder.problem:
                    yield RecordProblem(location, builder.problem), ""
                else:
                    yield builder.result, location
                builder = None
            if closes and depth < level:
                level = -1
    except ijson.JSONError as exc:
        raise SourceError(f"{name}: malformed JSON ({str(exc).splitlines()[0]})") from exc


def one_record(line: bytes, location: str) -> Any:
    """The one JSON value of a line, within the bounds; raises RecordProblem."""
    fh = _Filter(io.BytesIO(line))
    builder = _Builder()
    strings = 0
    try:
        for event, value in _events(fh):
            if event in ("map_key", "string"):
                strings += 1
                if strings in fh.cut:
                    builder.fail(f"a string longer than {MAX_STRING_BYTES:,} bytes (bound: string bytes)")
            builder.event(event, value)
    except ijson.JSONError as exc:
        raise RecordProblem(location, f"malformed JSON line ({str(exc).splitlines()[0][:80]})") from exc
    if builder.problem:
        raise RecordProblem(location, builder.problem)
    return builder.result


class LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def jsonl_records(raw: LineReader, name: str) -> Iterator[tuple[Any, str]]:
    """(record, "file:line") per line; a line longer than MAX_RECORD_BYTES is skipped without being held."""
    lineno = 0
    while True:
        line = raw.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        lineno += 1
        location = f"{name}:{lineno}"
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while (more := raw.readline(_CHUNK)) and not more.endswith(b"\n"):
                pass
            yield RecordProblem(location, f"record larger than {MAX_RECORD_BYTES:,} bytes (bound: record bytes)"), ""
            continue
        if not line.strip():
            continue
        try:
            yield one_record(line, location), location
        except RecordProblem as problem:
            yield problem, ""


def is_nan(value: Any) -> bool:
    return isinstance(value, float) and (math.isnan(value) or math.isinf(value))


def kind_of(value: Any) -> str:
    """How a wrong-typed value is named in a record problem."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "NaN" if is_nan(value) else "a number"
    return {dict: "an object", list: "a list", type(None): "null"}.get(type(value), type(value).__name__)
