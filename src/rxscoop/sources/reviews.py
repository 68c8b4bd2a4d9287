"""Readers for patient-review files: the UCI Drug Review Dataset (Drugs.com, CSV or TSV) and the UCI
Druglib.com dataset (TSV). Both stream rows; text is HTML-unescaped."""

from __future__ import annotations

import csv
import html
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rxscoop.errors import SourceError

REVIEW_SUFFIXES = (".csv", ".tsv")
DRUGSCOM = "Drugs.com reviews, UCI Drug Review Dataset (Gräßer et al. 2018, CC BY 4.0)"
DRUGLIB = "Druglib.com reviews, UCI Drug Review Dataset (Gräßer et al. 2018, CC BY 4.0)"

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # review text can be long


@dataclass
class Review:
    id: str
    source: str
    drug_name: str
    condition: str | None
    rating: int | None  # 1-10
    date: str | None  # ISO date
    useful: int | None
    text: str  # the review, or the Druglib benefits/side effects/comments joined
    effectiveness: str | None = None
    side_effects_rating: str | None = None
    side_effects_text: str | None = None
    location: str = ""


def _clean(text: str | None) -> str:
    if not text:
        return ""
    text = html.unescape(html.unescape(text))
    text = text.strip().strip('"').strip()
    return re.sub(r"\s+", " ", text)


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _date(value: str | None) -> str | None:
    for fmt in ("%d-%b-%y", "%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime((value or "").strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def is_review_file(path: Path) -> bool:
    if not path.name.endswith(REVIEW_SUFFIXES):
        return False
    with path.open(encoding="utf-8", errors="replace") as fh:
        header = fh.readline().lower()
    return "review" in header and ("drugname" in header)


def read_reviews(path: Path) -> Iterator[Review]:
    """Rows of a review file as Reviews; raises SourceError when the file is not one we know."""
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc})") from exc
    with fh:
        sample = fh.readline()
        fh.seek(0)
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        reader = csv.DictReader(fh, delimiter=delimiter)
        fields = {f.lower(): f for f in (reader.fieldnames or []) if f}
        try:
            if "uniqueid" in fields:
                yield from _drugscom(reader, fields, path)
            elif "benefitsreview" in fields:
                yield from _druglib(reader, fields, path)
            else:
                raise SourceError(f"{path}: not a review file rxscoop knows (columns: {reader.fieldnames})")
        except csv.Error as exc:
            raise SourceError(f"{path}: malformed at line {reader.line_num} ({exc})") from exc


def _drugscom(reader: csv.DictReader[str], fields: dict[str, str], path: Path) -> Iterator[Review]:
    for row in reader:
        yield Review(
            id=f"drugscom-{row[fields['uniqueid']]}",
            source=DRUGSCOM,
            drug_name=_clean(row.get(fields["drugname"])),
            condition=_clean(row.get(fields.get("condition", ""))) or None,
            rating=_int(row.get(fields.get("rating", ""))),
            date=_date(row.get(fields.get("date", ""))),
            useful=_int(row.get(fields.get("usefulcount", ""))),
            text=_clean(row.get(fields["review"])),
            location=f"{path.name}:{reader.line_num}",
        )


def _druglib(reader: csv.DictReader[str], fields: dict[str, str], path: Path) -> Iterator[Review]:
    name_field = fields.get("drugname") or fields.get("urldrugname")
    split = "test" if "test" in path.name.lower() else "train"
    for row in reader:
        parts = [_clean(row.get(fields.get(k, ""))) for k in ("benefitsreview", "sideeffectsreview", "commentsreview")]
        yield Review(
            id=f"druglib-{split}-{row.get(fields.get('num', ''), '') or reader.line_num}",
            source=DRUGLIB,
            drug_name=_clean(row.get(name_field or "")),
            condition=_clean(row.get(fields.get("condition", ""))) or None,
            rating=_int(row.get(fields.get("rating", ""))),
            date=None,
            useful=None,
            text=" ".join(p for p in parts if p),
            effectiveness=_clean(row.get(fields.get("effectiveness", ""))) or None,
            side_effects_rating=_clean(row.get(fields.get("sideeffects", ""))) or None,
            side_effects_text=parts[1] or None,
            location=f"{path.name}:{reader.line_num}",
        )
