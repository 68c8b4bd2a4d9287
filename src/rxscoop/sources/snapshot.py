"""Reader for the snapshot records in ``shared/data/labels/*.jsonl``.

Their shape (see that folder's README): ``brand_name``, ``generic_name``, ``sections`` (openFDA field name →
text), ``complete_sections``, ``retrieved_at`` and the repository they were taken from. They carry no
set id, so one is derived from the names and origin: stable across rebuilds of the same data.
"""

from __future__ import annotations

import hashlib
from typing import Any

from rxscoop.sources.record import LabelRecord, RecordProblem


def is_snapshot_record(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("sections"), dict)


def record_from_snapshot(obj: dict[str, Any], location: str) -> LabelRecord:
    brand = (obj.get("brand_name") or "").strip()
    generic = (obj.get("generic_name") or "").strip()
    if not brand and not generic:
        raise RecordProblem(location, "record names no drug (no brand_name or generic_name)")
    sections = {
        str(k): v.strip() for k, v in obj["sections"].items() if isinstance(v, str) and v.strip()
    }
    origin = "/".join(str(obj.get(k) or "") for k in ("source_repo", "source_path"))
    digest = hashlib.sha1(f"{origin}|{brand.lower()}|{generic.lower()}".encode()).hexdigest()[:16]
    repo = obj.get("source_repo")
    commit = (obj.get("source_commit") or "")[:12]
    source = "FDA drug label text (openFDA)"
    if repo:
        source += f", via {repo}/{obj.get('source_path') or ''}" + (f"@{commit}" if commit else "")
    retrieved = obj.get("retrieved_at")
    return LabelRecord(
        set_id=f"snapshot-{digest}",
        sections=sections,
        source=source,
        location=location,
        brand_names=[brand] if brand else [],
        generic_names=[generic] if generic else [],
        retrieved_at=str(retrieved)[:10] if retrieved else None,
        complete=bool(obj.get("complete_sections", False)),
    )
