"""Reader for the snapshot records in ``shared/data/labels/*.jsonl``.

Their shape (see that folder's README): ``brand_name``, ``generic_name``, ``sections`` (openFDA field name →
text), ``complete_sections``, ``retrieved_at`` and the repository they were taken from. They carry no
set id, so one is derived from the names and origin: stable across rebuilds of the same data.
"""

from __future__ import annotations

import hashlib
from typing import Any

from rxscoop.sources.bounded import kind_of
from rxscoop.sources.record import LabelRecord, RecordProblem


def is_snapshot_record(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("sections"), dict)


def _text(obj: dict[str, Any], key: str, location: str) -> str:
    """An optional text field: a string or null; any other type is a record problem."""
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordProblem(location, f"{key}: expected text, found {kind_of(value)}")
    return value.strip()


def record_from_snapshot(obj: dict[str, Any], location: str) -> LabelRecord:
    """Map one snapshot object to a LabelRecord; every field read is type-checked (RecordProblem if not)."""
    brand = _text(obj, "brand_name", location)
    generic = _text(obj, "generic_name", location)
    if not brand and not generic:
        raise RecordProblem(location, "record names no drug (no brand_name or generic_name)")
    sections: dict[str, str] = {}
    for key, value in obj["sections"].items():
        if value is None:
            continue
        if not isinstance(value, str):
            raise RecordProblem(location, f"sections.{key}: expected text, found {kind_of(value)}")
        if value.strip():
            sections[key] = value.strip()
    repo, path = _text(obj, "source_repo", location), _text(obj, "source_path", location)
    commit = _text(obj, "source_commit", location)[:12]
    retrieved = _text(obj, "retrieved_at", location)
    complete = obj.get("complete_sections", False)
    if not isinstance(complete, bool):
        raise RecordProblem(location, f"complete_sections: expected true/false, found {kind_of(complete)}")
    origin = f"{repo}/{path}"
    digest = hashlib.sha1(f"{origin}|{brand.lower()}|{generic.lower()}".encode()).hexdigest()[:16]
    source = "FDA drug label text (openFDA)"
    if repo:
        source += f", via {repo}/{path}" + (f"@{commit}" if commit else "")
    return LabelRecord(
        set_id=f"snapshot-{digest}",
        sections=sections,
        source=source,
        location=location,
        brand_names=[brand] if brand else [],
        generic_names=[generic] if generic else [],
        retrieved_at=retrieved[:10] or None,
        complete=complete,
    )
