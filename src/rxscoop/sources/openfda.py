"""Readers for openFDA drug-label records: bulk partitions (`drug-label-0001-of-0013.json.zip`, a JSON
object with `meta` and `results`), plain `.json` files of that shape or a bare list, and `.jsonl`.

Records are streamed with ijson so a partition of hundreds of MB is never held in memory at once.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from rxscoop.errors import SourceError
from rxscoop.sources.bounded import OverBound, json_records, jsonl_records, kind_of
from rxscoop.sources.limits import MAX_MEMBER_BYTES, MAX_ZIP_RATIO
from rxscoop.sources.record import LabelRecord, RecordProblem

# openFDA's list of bulk download files; `rxscoop build --download` reads it (sources/download.py).
MANIFEST_URL = "https://api.fda.gov/download.json"

# Fields of an openFDA label record that are identifiers or metadata rather than label text.
_META_FIELDS = {"set_id", "id", "version", "effective_time", "openfda", "spl_product_data_elements"}


def _texts(value: Any, field: str, location: str) -> list[str]:
    """A text field as openFDA writes it (a list of strings, or one string); any other type is a problem."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        for item in value:
            if not isinstance(item, str):
                raise RecordProblem(location, f"{field}: expected text, found {kind_of(item)} in its list")
        return [v for v in value if v.strip()]
    raise RecordProblem(location, f"{field}: expected text or a list of texts, found {kind_of(value)}")


def _first(value: Any, field: str, location: str) -> str | None:
    texts = _texts(value, field, location)
    return texts[0] if texts else None


def record_from_openfda(obj: Any, source: str, location: str) -> LabelRecord:
    """Map one openFDA label object to a LabelRecord; raise RecordProblem when it cannot be used (no set id,
    or a field of the wrong type: every field read is type-checked here)."""
    if not isinstance(obj, dict):
        raise RecordProblem(location, f"expected a JSON object, found {kind_of(obj)}")
    set_id = _first(obj.get("set_id"), "set_id", location)
    if not set_id:
        raise RecordProblem(location, "record has no set_id")
    sections: dict[str, str] = {}
    for key, value in obj.items():
        # *_table fields repeat their section as HTML; the plain text is enough and safer to show.
        if key in _META_FIELDS or key.endswith("_table"):
            continue
        texts = _texts(value, key, location)
        if texts:
            sections[key] = "\n\n".join(texts)
    openfda = obj.get("openfda")
    if openfda is None:
        openfda = {}
    if not isinstance(openfda, dict):
        raise RecordProblem(location, f"openfda: expected an object, found {kind_of(openfda)}")

    def names(key: str) -> list[str]:
        return _texts(openfda.get(key), f"openfda.{key}", location)

    def one(key: str) -> str | None:
        return _first(openfda.get(key), f"openfda.{key}", location)

    return LabelRecord(
        set_id=set_id,
        id=_first(obj.get("id"), "id", location),
        version=_first(obj.get("version"), "version", location),
        effective_time=_first(obj.get("effective_time"), "effective_time", location),
        sections=sections,
        source=source,
        location=location,
        brand_names=names("brand_name"),
        generic_names=names("generic_name"),
        substance_names=names("substance_name"),
        manufacturer=one("manufacturer_name"),
        product_type=one("product_type"),
        routes=names("route"),
        rxcuis=names("rxcui"),
        pharm_class_epc=names("pharm_class_epc"),
        pharm_class_moa=names("pharm_class_moa"),
    )


def _member_problem(info: zipfile.ZipInfo, name: str) -> RecordProblem | None:
    """A zip member whose declared size or compression ratio is over a bound is skipped, not inflated."""
    if info.file_size > MAX_MEMBER_BYTES:
        return RecordProblem(name, f"zip member of {info.file_size:,} bytes, over {MAX_MEMBER_BYTES:,} "
                                   "(bound: zip member bytes); skipped")
    if info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(1, info.compress_size):
        return RecordProblem(name, f"zip member compressed {info.file_size // max(1, info.compress_size):,} to 1, "
                                   f"over {MAX_ZIP_RATIO} (bound: zip ratio); skipped")
    return None


def _read(fh: IO[bytes], member: str, name: str, max_total: int | None) -> Iterator[tuple[Any, str]]:
    if member.endswith(".jsonl"):
        yield from jsonl_records(_Counted(fh, max_total), name)
    else:
        yield from json_records(fh, name, max_total)


class _Counted:
    """A .jsonl stream whose total size is bounded (a zip member may not say its true size)."""

    def __init__(self, raw: IO[bytes], max_total: int | None) -> None:
        self.raw, self.max_total, self.total = raw, max_total, 0

    def readline(self, size: int = -1) -> bytes:
        line = self.raw.readline(size)
        self.total += len(line)
        if self.max_total is not None and self.total > self.max_total:
            raise OverBound(f"larger than {self.max_total:,} bytes")
        return line


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
                members = [m for m in archive.infolist() if m.filename.endswith((".json", ".jsonl"))]
                if not members:
                    raise SourceError(f"{path}: the archive holds no .json file")
                for info in members:
                    where = f"{name}/{info.filename}"
                    if problem := _member_problem(info, where):
                        yield problem, ""
                        continue
                    try:
                        with archive.open(info) as fh:
                            yield from _read(fh, info.filename, where, MAX_MEMBER_BYTES)
                    except OverBound as exc:
                        yield RecordProblem(where, f"zip member {exc} (bound: zip member bytes); rest skipped"), ""
        else:
            with path.open("rb") as fh:
                yield from _read(fh, name, name, None)
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise SourceError(f"{path}: cannot be read ({exc})") from exc
