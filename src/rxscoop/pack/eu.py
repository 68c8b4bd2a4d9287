"""Load the EMA medicines list into a pack (a build step) and read it back (named queries).

SQL for the eu_medicines table lives here; the answer stage reads EuMedicine objects."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rxscoop.label.checks import Failures
from rxscoop.label.eu_match import name_key, substance_key
from rxscoop.label.eu_read import read_eu_indications
from rxscoop.label.model import Indications
from rxscoop.sources.ema import EMA_SOURCE, EmaMedicine, read_ema
from rxscoop.sources.record import RecordProblem


@dataclass
class EuReport:
    files: list[str]
    medicines: int = 0
    with_uses: int = 0
    skipped: int = 0


def load_eu(db: sqlite3.Connection, files: list[Path], failures: Failures) -> EuReport:
    """Read every human medicine of the EMA list files into eu_medicines (the later file wins a product)."""
    report = EuReport(files=[str(f) for f in files])
    rows: list[EmaMedicine] = []
    for path in files:
        for item in read_ema(path):
            if isinstance(item, RecordProblem):
                report.skipped += 1
            else:
                rows.append(item)
    # Names written with an inner capital ("MabThera", "PegIntron") are whole words, never glued headings.
    protected = frozenset(m.name.lower() for m in rows)
    db.execute("DELETE FROM eu_medicines")
    for med in rows:
        # The substance names the medicine in its text; a long common name ("herpes zoster vaccine") would make
        # the reader take a condition's words for the medicine's name.
        names = [med.name, *([med.substance] if 0 < len(med.substance.split()) <= 2 else [])]
        parsed = read_eu_indications(med.indication, names, protected, failures,
                                     med.therapeutic_area) if med.indication else None
        indications = parsed.model_dump_json(exclude_defaults=True) if parsed and parsed.uses else None
        db.execute(
            "INSERT OR REPLACE INTO eu_medicines (product_number, name, name_key, substance, substance_key, status, "
            "authorisation_date, refusal_date, decision_date, revision_date, therapeutic_area, atc_code, generic, "
            "biosimilar, orphan, conditional, url, source, location, indication, indications) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (med.product_number, med.name, name_key(med.name), med.substance, substance_key(med.substance),
             med.status, med.authorisation_date, med.refusal_date, med.decision_date, med.revision_date,
             med.therapeutic_area, med.atc_code, int(med.generic), int(med.biosimilar), int(med.orphan),
             int(med.conditional), med.url, EMA_SOURCE, med.location, med.indication, indications))
        report.with_uses += indications is not None
    report.medicines = db.execute("SELECT count(*) FROM eu_medicines").fetchone()[0]
    return report


@dataclass(frozen=True)
class EuMedicine:
    """One EU medicine as the answer stage needs it."""

    id: int
    product_number: str
    name: str
    substance: str
    substance_key: str | None
    status: str
    authorisation_date: str | None
    refusal_date: str | None
    decision_date: str | None
    revision_date: str | None
    generic: bool
    biosimilar: bool
    url: str | None
    source: str
    indication: str
    indications: Indications | None

    @property
    def approved(self) -> bool:
        return self.status == "authorised"


_COLUMNS = ("id, product_number, name, substance, substance_key, status, authorisation_date, refusal_date, "
            "decision_date, revision_date, generic, biosimilar, url, source, indication, indications")


def _medicine(row: tuple[object, ...]) -> EuMedicine:
    (id_, number, name, substance, key, status, authorised, refused, decided, revised, generic, biosimilar, url,
     source, indication, indications) = row
    return EuMedicine(
        id=int(str(id_)), product_number=str(number), name=str(name), substance=str(substance),
        substance_key=str(key) if key else None, status=str(status),
        authorisation_date=str(authorised) if authorised else None, refusal_date=str(refused) if refused else None,
        decision_date=str(decided) if decided else None, revision_date=str(revised) if revised else None,
        generic=bool(generic), biosimilar=bool(biosimilar), url=str(url) if url else None, source=str(source),
        indication=str(indication),
        indications=Indications.model_validate_json(str(indications)) if indications else None)


def has_eu(db: sqlite3.Connection) -> bool:
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM eu_medicines)").fetchone()[0])


def eu_by_substance(db: sqlite3.Connection, key: str) -> list[EuMedicine]:
    """Every EU product of one substance: the originator first, authorised before others, newest revision."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM eu_medicines WHERE substance_key = ? ORDER BY "
                      "status != 'authorised', generic + biosimilar, revision_date DESC", (key,)).fetchall()
    return [_medicine(r) for r in rows]


def eu_by_name(db: sqlite3.Connection, key: str) -> list[EuMedicine]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM eu_medicines WHERE name_key = ? ORDER BY status != 'authorised', "
                      "revision_date DESC", (key,)).fetchall()
    return [_medicine(r) for r in rows]


def eu_by_product(db: sqlite3.Connection, product_number: str) -> EuMedicine | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM eu_medicines WHERE product_number = ?", (product_number,)).fetchone()
    return _medicine(row) if row else None


def eu_authorised_with_text(db: sqlite3.Connection) -> list[EuMedicine]:
    """Every authorised EU medicine whose row holds indication text, for checks over the whole list."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM eu_medicines WHERE status = 'authorised' AND indication != '' "
                      "AND indication != 'NA' ORDER BY product_number").fetchall()
    return [_medicine(r) for r in rows]


def eu_names(db: sqlite3.Connection) -> list[tuple[str, int]]:
    """(normalized name, row id) of every EU medicine, for finding one named in a question."""
    return [(r[0], r[1]) for r in db.execute("SELECT name_key, id FROM eu_medicines")]


def eu_by_id(db: sqlite3.Connection, row_id: int) -> EuMedicine:
    return _medicine(db.execute(f"SELECT {_COLUMNS} FROM eu_medicines WHERE id = ?", (row_id,)).fetchone())


def eu_meta(report: EuReport) -> dict[str, str]:
    return {"eu_files": json.dumps(report.files), "eu_medicines": str(report.medicines),
            "eu_with_uses": str(report.with_uses), "eu_skipped": str(report.skipped)}
