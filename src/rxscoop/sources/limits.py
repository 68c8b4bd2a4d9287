"""What a label reader accepts, in one place (the README lists these). A record over a bound is skipped and
reported with its place and the bound it broke; a zip member over a bound is skipped whole. Real openFDA
labels sit far below each bound (2024 data: depth 3, longest string 112 kB, largest record 1 MB)."""

from __future__ import annotations

MAX_DEPTH = 32  # nesting of objects and lists within one record
MAX_STRING_BYTES = 4 * 1024 * 1024  # one JSON string (a label section), as encoded in the file
MAX_RECORD_BYTES = 32 * 1024 * 1024  # one record: a .jsonl line, or the strings and values of a .json record
MAX_MEMBER_BYTES = 8 * 1024 * 1024 * 1024  # one file inside a zip, uncompressed (openFDA partitions: ~1 GB)
MAX_ZIP_RATIO = 100  # uncompressed / compressed size of a zip member (label JSON: about 5 to 15)

BOUNDS = {
    "depth": MAX_DEPTH,
    "string bytes": MAX_STRING_BYTES,
    "record bytes": MAX_RECORD_BYTES,
    "zip member bytes": MAX_MEMBER_BYTES,
    "zip ratio": MAX_ZIP_RATIO,
}
