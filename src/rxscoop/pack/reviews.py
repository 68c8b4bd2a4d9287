"""Load patient reviews into a pack being built, mapping each review's drug name to a label."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rxscoop.label.names import aliases, normalize_name
from rxscoop.reviews.features import review_features
from rxscoop.sources.reviews import Review, read_reviews


@dataclass
class ReviewReport:
    read: int = 0
    mapped: int = 0
    unmapped: Counter[str] = field(default_factory=Counter)  # reason → count
    unmapped_names: Counter[str] = field(default_factory=Counter)


def _label_for(db: sqlite3.Connection, name: str, cache: dict[str, int | None]) -> int | None:
    """The richest label known by any form of the review's drug name."""
    if name in cache:
        return cache[name]
    found = None
    for alias in sorted(aliases(name), key=len, reverse=True):
        row = db.execute(
            "SELECT n.label FROM names n JOIN labels l ON l.id = n.label WHERE n.name = ? "
            "ORDER BY l.richness DESC LIMIT 1", (alias,)).fetchone()
        if row:
            found = row[0]
            break
    cache[name] = found
    return found


def load_reviews(db: sqlite3.Connection, files: list[Path]) -> ReviewReport:
    report = ReviewReport()
    cache: dict[str, int | None] = {}
    batch: list[tuple[object, ...]] = []
    for path in files:
        for review in read_reviews(path):
            report.read += 1
            batch.append(_row(db, review, report, cache))
            if len(batch) >= 2000:
                _flush(db, batch)
    _flush(db, batch)
    return report


def _row(db: sqlite3.Connection, r: Review, report: ReviewReport, cache: dict[str, int | None]) -> tuple[object, ...]:
    name = normalize_name(r.drug_name)
    label = _label_for(db, r.drug_name, cache) if name else None
    if label is not None:
        report.mapped += 1
    else:
        reason = ("no drug name" if not name else
                  "combination product not in the pack" if "/" in r.drug_name or " and " in name else
                  "name not in the pack")
        report.unmapped[reason] += 1
        report.unmapped_names[r.drug_name] += 1
    return (r.id, r.source, r.drug_name, name, label, r.condition, r.rating, r.date, r.useful, r.text,
            r.effectiveness, r.side_effects_rating, r.side_effects_text,
            json.dumps(review_features(r.text, r.condition)))


def _flush(db: sqlite3.Connection, batch: list[tuple[object, ...]]) -> None:
    db.executemany("INSERT OR REPLACE INTO reviews VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch)
    batch.clear()


def remap_reviews(db: sqlite3.Connection) -> None:
    """Point every review at the label its drug name maps to now (after labels were replaced or added)."""
    cache: dict[str, int | None] = {}
    names = [r[0] for r in db.execute("SELECT DISTINCT drug_name FROM reviews")]
    db.executemany("UPDATE reviews SET label = ? WHERE drug_name = ?",
                   [(_label_for(db, name, cache), name) for name in names])
