"""Turn what the user names (files, folders) into a stream of label records, whatever their format."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rxscoop.errors import SourceError
from rxscoop.sources.openfda import iter_raw, record_from_openfda
from rxscoop.sources.record import LabelRecord, RecordProblem
from rxscoop.sources.reviews import is_review_file
from rxscoop.sources.snapshot import is_snapshot_record, record_from_snapshot

LABEL_SUFFIXES = (".json.zip", ".zip", ".jsonl", ".json")


def source_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Expand folders into (label files, review files) below them, sorted so builds are reproducible."""
    labels: list[Path] = []
    reviews: list[Path] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and p.name.endswith(LABEL_SUFFIXES):
                    labels.append(p)
                elif p.is_file() and is_review_file(p):
                    reviews.append(p)
        elif path.is_file():
            (reviews if is_review_file(path) else labels).append(path)
        else:
            raise SourceError(f"{path}: no such file or folder")
    if not labels:
        names = ", ".join(str(p) for p in paths)
        raise SourceError(f"no label files (.json, .jsonl, .json.zip) found in {names}")
    return labels, reviews


def label_files(paths: Iterable[Path]) -> list[Path]:
    return source_files(paths)[0]


def read_records(path: Path) -> Iterator[LabelRecord | RecordProblem]:
    """Stream records from one file: openFDA bulk/JSON/JSONL, or snapshot JSONL, told apart per record."""
    source = f"openFDA drug label ({path.name})"
    for obj, location in iter_raw(path):
        if isinstance(obj, RecordProblem):
            yield obj
            continue
        try:
            if is_snapshot_record(obj):
                yield record_from_snapshot(obj, location)
            else:
                yield record_from_openfda(obj, source, location)
        except RecordProblem as problem:
            yield problem
