"""Reader for the European Medicines Agency's list of centrally evaluated medicines (EPARs), CSV.

One row per medicine. Only human medicines are read (veterinary rows are skipped). Every field is typed
and bounded: a hostile or broken row can neither make a build slow nor put unbounded text in a pack, and a
row without a name or product number is reported, never guessed at."""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rxscoop.errors import SourceError
from rxscoop.sources.record import RecordProblem

EMA_SOURCE = "European Medicines Agency, list of medicines evaluated centrally (EPARs)"
MAX_INDICATION_CHARS = 50_000  # the longest real section 4.1 is far below this
MAX_FIELD_CHARS = 1_000
MAX_ROWS = 100_000
Status = Literal["authorised", "withdrawn", "refused", "suspended", "unknown"]
_STATUSES: dict[str, Status] = {"authorised": "authorised", "withdrawn": "withdrawn", "refused": "refused",
                                "suspended": "suspended"}
_REQUIRED = {"category", "medicine_name", "active_substance", "authorisation_status", "condition_indication", "url"}
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_EPAR_URL = re.compile(r"^https://www\.ema\.europa\.eu/[\w./%-]{1,300}$")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # indication text can be long; it is cut to a bound below


@dataclass(frozen=True)
class EmaMedicine:
    """One human medicine of the EMA list, as the row states it."""

    product_number: str
    name: str
    substance: str  # active substance as the EMA writes it ("asenapine (as maleate)", "cobicistat, atazanavir")
    common_name: str | None
    status: Status
    authorisation_date: str | None  # ISO date
    refusal_date: str | None
    decision_date: str | None  # the latest EC decision on this medicine (a withdrawal's date, for one)
    revision_date: str | None  # when the EPAR page was last revised
    therapeutic_area: str | None
    atc_code: str | None
    generic: bool
    biosimilar: bool
    orphan: bool
    conditional: bool
    indication: str  # section 4.1, flattened as the EMA list has it
    url: str | None  # the EPAR page
    location: str  # file:line


def _text(value: str | None, limit: int = MAX_FIELD_CHARS) -> str | None:
    value = (value or "").strip()
    return value[:limit] if value and value.upper() != "NA" else None


def _date(value: str | None) -> str | None:
    match = _DATE.match((value or "").strip())
    return match.group(1) if match else None


def _flag(value: str | None) -> bool:
    return (value or "").strip().upper() == "TRUE"


def is_ema_file(path: Path) -> bool:
    """A CSV whose header is the EMA list's (medicine name, indication text, EPAR URL)."""
    if not path.name.endswith(".csv"):
        return False
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            header = fh.readline(10_000).lower()
    except OSError:
        return False
    return all(f in header for f in ("medicine_name", "condition_indication", "authorisation_status"))


def ema_files(paths: list[Path]) -> list[Path]:
    """EMA list files among these files and folders (sorted, so builds are reproducible)."""
    found: list[Path] = []
    for path in paths:
        candidates = sorted(path.rglob("*.csv")) if path.is_dir() else [path]
        found.extend(p for p in candidates if p.is_file() and is_ema_file(p))
    return found


def read_ema(path: Path) -> Iterator[EmaMedicine | RecordProblem]:
    """Human medicines of one EMA list file; rows that cannot be used are yielded as problems."""
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc})") from exc
    with fh:
        reader = csv.DictReader(fh)
        missing = _REQUIRED - set(reader.fieldnames or [])
        if missing:
            raise SourceError(f"{path}: not the EMA medicines list (missing columns: {', '.join(sorted(missing))})")
        try:
            for count, row in enumerate(reader):
                if count >= MAX_ROWS:
                    raise SourceError(f"{path}: more than {MAX_ROWS} rows; not read further")
                where = f"{path.name}:{reader.line_num}"
                if (row.get("category") or "").strip().lower() != "human":
                    continue
                item = _medicine(row, where)
                yield item if item else RecordProblem(where, "no medicine name or product number")
        except csv.Error as exc:
            raise SourceError(f"{path}: malformed at line {reader.line_num} ({exc})") from exc


def _medicine(row: dict[str, str], where: str) -> EmaMedicine | None:
    name = _text(row.get("medicine_name"), 200)
    number = _text(row.get("product_number"), 40)
    if not name or not number:
        return None
    url = _text(row.get("url"), 400)
    return EmaMedicine(
        product_number=number, name=name,
        substance=_text(row.get("active_substance")) or _text(row.get("common_name")) or "",
        common_name=_text(row.get("common_name")),
        status=_STATUSES.get((row.get("authorisation_status") or "").strip().lower(), "unknown"),
        authorisation_date=_date(row.get("marketing_authorisation_date")),
        refusal_date=_date(row.get("date_of_refusal_of_marketing_authorisation")),
        decision_date=_date(row.get("decision_date")),
        revision_date=_date(row.get("revision_date")),
        therapeutic_area=_text(row.get("therapeutic_area")),
        atc_code=_text(row.get("atc_code"), 20),
        generic=_flag(row.get("generic")), biosimilar=_flag(row.get("biosimilar")),
        orphan=_flag(row.get("orphan_medicine")), conditional=_flag(row.get("conditional_approval")),
        indication=_text(row.get("condition_indication"), MAX_INDICATION_CHARS) or "",
        url=url if url and _EPAR_URL.match(url) else None,
        location=where,
    )
