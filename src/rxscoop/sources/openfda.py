"""Readers for openFDA drug-label records: bulk partitions (`drug-label-0001-of-0013.json.zip`, a JSON
object with `meta` and `results`), plain `.json` files of that shape or a bare list, and `.jsonl`.

Records are streamed with ijson so a partition of hundreds of MB is never held in memory at once.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

import ijson

from rxscoop.errors import SourceError
from rxscoop.sources.record import LabelRecord, RecordProblem

# openFDA's list of bulk download files; `rxscoop build --download` reads it (sources/download.py).
MANIFEST_URL = "https://api.fda.gov/download.json"

# Fields of an openFDA label record that are identifiers or metadata rather than label text.
_META_FIELDS = {"set_id", "id", "version", "effective_time", "openfda", "spl_product_data_elements"}


def _first(values: Any) -> str | None:
    if isinstance(values, list):
        return str(values[0]) if values else None
    return str(values) if values is not None else None


def _strings(values: Any) -> list[str]:
    if values is None:
        return []
    if isinstance(values, list):
        return [str(v) for v in values if isinstance(v, str | int | float) and str(v).strip()]
    return [str(values)] if str(values).strip() else []


def record_from_openfda(obj: Any, source: str, location: str) -> LabelRecord:
    """Map one openFDA label object to a LabelRecord; raise RecordProblem when it cannot be used."""
    if not isinstance(obj, dict):
        raise RecordProblem(location, f"expected a JSON object, found {type(obj).__name__}")
    set_id = _first(obj.get("set_id"))
    if not set_id:
        raise RecordProblem(location, "record has no set_id")
    sections: dict[str, str] = {}
    for key, value in obj.items():
        # *_table fields repeat their section as HTML; the plain text is enough and safer to show.
        if key in _META_FIELDS or key.endswith("_table"):
            continue
        texts = _strings(value)
        if texts:
            sections[key] = "\n\n".join(texts)
    found = obj.get("openfda")
    openfda: dict[str, Any] = found if isinstance(found, dict) else {}
    return LabelRecord(
        set_id=set_id,
        id=_first(obj.get("id")),
        version=_first(obj.get("version")),
        effective_time=_first(obj.get("effective_time")),
        sections=sections,
        source=source,
        location=location,
        brand_names=_strings(openfda.get("brand_name")),
        generic_names=_strings(openfda.get("generic_name")),
        substance_names=_strings(openfda.get("substance_name")),
        manufacturer=_first(openfda.get("manufacturer_name")),
        product_type=_first(openfda.get("product_type")),
        routes=_strings(openfda.get("route")),
        rxcuis=_strings(openfda.get("rxcui")),
        pharm_class_epc=_strings(openfda.get("pharm_class_epc")),
        pharm_class_moa=_strings(openfda.get("pharm_class_moa")),
    )


def _stream_json(fh: IO[bytes], name: str) -> Iterator[tuple[Any, str]]:
    """Yield (object, location) from a JSON document: `{"results": [...]}` or a bare list."""
    buf = fh if isinstance(fh, io.BufferedReader) else io.BufferedReader(cast(io.RawIOBase, fh))
    head = buf.peek(256).lstrip()[:1]
    if head not in (b"{", b"["):
        raise SourceError(f"{name}: not a JSON object or list")
    prefix = "results.item" if head == b"{" else "item"
    try:
        for index, obj in enumerate(ijson.items(buf, prefix, use_float=True)):
            yield obj, f"{name}#{index}"
    except ijson.JSONError as exc:
        raise SourceError(f"{name}: malformed JSON ({str(exc).splitlines()[0]})") from exc


def _stream_jsonl(fh: IO[bytes], name: str) -> Iterator[tuple[Any, str]]:
    for lineno, raw in enumerate(fh, start=1):
        if not raw.strip():
            continue
        try:
            yield json.loads(raw), f"{name}:{lineno}"
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            # A bad line is a bad record, not a bad file: the caller counts it and goes on.
            yield RecordProblem(f"{name}:{lineno}", f"malformed JSON line ({exc.__class__.__name__})"), ""


def iter_raw(path: Path) -> Iterator[tuple[Any, str]]:
    """Yield (raw object or RecordProblem, location) from an openFDA-format file of any packaging."""
    name = path.name
    try:
        if name.endswith(".zip"):
            try:
                archive = zipfile.ZipFile(path)
            except zipfile.BadZipFile as exc:
                raise SourceError(f"{path}: not a readable zip archive ({exc})") from exc
            with archive:
                members = [m for m in archive.namelist() if m.endswith((".json", ".jsonl"))]
                if not members:
                    raise SourceError(f"{path}: the archive holds no .json file")
                for member in members:
                    with archive.open(member) as fh:
                        reader = _stream_jsonl if member.endswith(".jsonl") else _stream_json
                        yield from reader(fh, f"{name}/{member}")
        else:
            with path.open("rb") as fh:
                reader = _stream_jsonl if name.endswith(".jsonl") else _stream_json
                yield from reader(fh, name)
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise SourceError(f"{path}: cannot be read ({exc})") from exc
