"""Read-only access to a built pack."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rxscoop.errors import BUILD_HINT, REBUILD_HINT, PackInvalid, PackMissing
from rxscoop.label.model import Details, Indications, Label
from rxscoop.label.names import ingredient, normalize_name
from rxscoop.pack import SCHEMA_VERSION, checksum_path, default_pack_path, file_sha256
from rxscoop.pack import eu as _eu
from rxscoop.pack.publish import reading
from rxscoop.pack.quotes import Passages
from rxscoop.pack.texts import register as register_texts
from rxscoop.pack.texts import unpack_text


@dataclass(frozen=True)
class ReviewRow:
    """One patient review as the pack stores it."""

    id: str
    source: str
    drug_name: str
    condition: str | None
    rating: int | None
    date: str | None
    useful: int | None
    text: str
    features: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameHit:
    """A name the pack knows, for type-ahead: how the label writes it, and the label's title."""

    name: str
    title: str
    set_id: str
    has_uses: bool


@dataclass(frozen=True)
class LabelVersion:
    """An earlier version of a label: its parsed indications (JSON) and a digest of each section."""

    version: str | None
    effective_time: str | None
    indications: str | None
    sections: str


@dataclass(frozen=True)
class Alias:
    name: str
    label: int
    kind: str
    display: str
    richness: int


_LABEL_COLUMNS = (
    "id, set_id, title, brand_name, generic_name, effective_time, version, manufacturer, product_type, "
    "routes, pharm_class_epc, pharm_class_moa, source, location, retrieved_at, complete, indications, details"
)




def verify_checksum(path: Path) -> str:
    """"ok" when the file matches the checksum written at build time, "missing" when there is none; a
    damaged pack raises PackInvalid."""
    side = checksum_path(path)
    if not side.is_file():
        return "missing"
    with reading(path):  # never a new pack with the old checksum (pack/publish.py)
        expected = side.read_text().split()[0] if side.read_text().split() else ""
        actual = file_sha256(path)
    if actual != expected:
        raise PackInvalid(f"{path} does not match its checksum ({side.name}): it is damaged; {REBUILD_HINT}")
    return "ok"


class Pack:
    """A pack opened read-only: the only door to the SQLite file. Cheap to keep open; safe to share across
    threads for reading. Every query the rest of rxscoop needs is a named method here."""

    def __init__(self, path: Path | str | None = None, verify: bool = False) -> None:
        """Open a pack read-only, checking its schema version; with verify=True, also its checksum (the
        whole file is read: `serve` and `info` do it once at start)."""
        self.path = Path(path) if path else default_pack_path()
        if not self.path.is_file():
            raise PackMissing(
                f"no pack at {self.path}: {BUILD_HINT}"
            )
        if verify:
            self.checksum = verify_checksum(self.path)
        try:
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                      check_same_thread=False)
            register_texts(self._db)  # search reads section text through the FTS index's view
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise PackInvalid(f"{self.path} is not a readable rxscoop pack ({exc}); {REBUILD_HINT}") from exc
        if version != SCHEMA_VERSION or not {"labels", "names", "sections", "meta"} <= tables:
            self._db.close()
            raise PackInvalid(
                f"{self.path} was built for pack schema {version}, this rxscoop reads {SCHEMA_VERSION}; "
                "rebuild it with rxscoop build"
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Pack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    def counts(self) -> dict[str, int]:
        q = self._db.execute
        return {
            "labels": q("SELECT count(*) FROM labels").fetchone()[0],
            "with_indications": q("SELECT count(*) FROM labels WHERE indications IS NOT NULL").fetchone()[0],
            "sections": q("SELECT count(*) FROM sections").fetchone()[0],
            "names": q("SELECT count(DISTINCT name) FROM names").fetchone()[0],
        }

    @cached_property
    def aliases(self) -> list[Alias]:
        """Every name the pack knows, loaded once for fuzzy matching."""
        rows = self._db.execute(
            "SELECT n.name, n.label, n.kind, n.display, l.richness FROM names n JOIN labels l ON l.id = n.label"
        ).fetchall()
        return [Alias(*row) for row in rows]

    def label(self, label_id: int) -> Label:
        row = self._db.execute(f"SELECT {_LABEL_COLUMNS} FROM labels WHERE id = ?", (label_id,)).fetchone()
        if row is None:
            raise KeyError(label_id)
        (id_, set_id, title, brand, generic, eff, version, manufacturer, product_type, routes, epc, moa,
         source, location, retrieved, complete, indications, details) = row
        return Label(
            id=id_, set_id=set_id, title=title, brand_name=brand, generic_name=generic, effective_time=eff,
            version=version, manufacturer=manufacturer, product_type=product_type, routes=json.loads(routes),
            pharm_class_epc=json.loads(epc), pharm_class_moa=json.loads(moa), source=source,
            location=location, retrieved_at=retrieved, complete=bool(complete),
            indications=Indications.model_validate_json(indications) if indications else None,
            details=Details.model_validate_json(details),
        )

    def quote_passages(self, label_id: int) -> Passages:
        """Where the quotes of a label's facts are in its stored sections, as found at build (pack/quotes.py)."""
        row = self._db.execute("SELECT passages FROM label_quotes WHERE label = ?", (label_id,)).fetchone()
        found: Passages = json.loads(row[0]) if row else {}
        return found

    def label_ids_with_uses(self) -> list[int]:
        """Every label whose indications were read, in pack order."""
        return [r[0] for r in self._db.execute("SELECT id FROM labels WHERE indications IS NOT NULL ORDER BY id")]

    def label_id(self, set_id: str) -> int | None:
        """The row of the current label with this set id, if the pack has it."""
        row = self._db.execute("SELECT id FROM labels WHERE set_id = ?", (set_id,)).fetchone()
        return row[0] if row else None

    def section(self, label_id: int, name: str) -> str | None:
        row = self._db.execute(
            "SELECT body FROM sections WHERE label = ? AND name = ?", (label_id, name)
        ).fetchone()
        return unpack_text(row[0]) if row else None

    def search(self, label_id: int | None, words: list[str], limit: int = 3) -> list[tuple[int, str, str]]:
        """Best-matching passages for these words: [(label id, section name, snippet)], in one label or
        all. Words are quoted for FTS5, so no user text is read as query syntax."""
        terms = [w for w in words if w.isalnum()][:12]
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', "") + '"' for t in terms)
        sql = ("SELECT s.label, s.name, snippet(sections_fts, 0, '', '', ' … ', 48) FROM sections_fts "
               "JOIN sections s ON s.id = sections_fts.rowid WHERE sections_fts MATCH ?")
        args: list[object] = [match]
        if label_id is not None:
            sql += " AND s.label = ?"
            args.append(label_id)
        sql += " ORDER BY rank LIMIT ?"
        args.append(limit)
        return [(r[0], r[1], r[2]) for r in self._db.execute(sql, args)]

    def ingredient_of(self, label: Label) -> str | None:
        """The medicine a label is of: its generic name, or for a label without one, the medicine its own
        text names (pack/ingredients.py)."""
        if label.generic_name:
            return ingredient(label.generic_name)
        row = self._db.execute("SELECT ingredient FROM ingredients WHERE label = ?", (label.id,)).fetchone()
        if row:
            return str(row[0])
        # A brand whose label names no ingredient ("Eliquis", adverse reactions only) may be in the EMA list under
        # the same name, with its active substance ("apixaban"): one substance, not a combination.
        if self.has_eu():
            for medicine in _eu.eu_by_name(self._db, normalize_name(label.title)):
                if medicine.substance_key and " + " not in medicine.substance_key:
                    return medicine.substance_key
        return None

    def fullest_label_of(self, medicine: str, other_than: int) -> int | None:
        """The fullest other label of this medicine that has an indications section (newest on a tie)."""
        row = self._db.execute(
            "SELECT l.id FROM names n JOIN labels l ON l.id = n.label WHERE n.name = ? "
            "AND n.kind IN ('generic', 'alias', 'substance') AND l.id != ? AND l.indications IS NOT NULL "
            "GROUP BY l.id ORDER BY max(l.richness) DESC, l.effective_time DESC LIMIT 1",
            (medicine, other_than)).fetchone()
        return row[0] if row else None

    def section_names(self, label_id: int) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT name FROM sections WHERE label = ? ORDER BY id",
                                              (label_id,))]

    def label_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM labels").fetchone()[0])

    def display_names(self, label_id: int) -> list[str]:
        """The names a label goes by, as its text writes them (not RxNorm codes), sorted."""
        return sorted({r[0] for r in self._db.execute(
            "SELECT display FROM names WHERE label = ? AND kind != 'rxcui'", (label_id,))})

    def names_starting(self, key: str, limit: int) -> list[NameHit]:
        """Brand and generic names whose normalized form starts with key, each with its richest label's
        title; names of labels with uses first."""
        rows = self._db.execute(
            "SELECT n.display, l.title, l.indications IS NOT NULL AS uses, l.set_id FROM names n "
            "JOIN labels l ON l.id = n.label WHERE n.name >= ? AND n.name < ? AND n.kind IN ('brand', 'generic') "
            "ORDER BY uses DESC, l.richness DESC, n.name", (key, key + "\uffff")).fetchall()
        seen: set[str] = set()
        out: list[NameHit] = []
        for display, title, uses, set_id in rows:
            if display.lower() not in seen and len(out) < limit:
                seen.add(display.lower())
                out.append(NameHit(name=display, title=title, set_id=set_id, has_uses=bool(uses)))
        return out

    def review_count(self, label_id: int) -> int:
        return int(self._db.execute("SELECT count(*) FROM reviews WHERE label = ?", (label_id,)).fetchone()[0])

    def reviews(self, label_id: int) -> list[ReviewRow]:
        """Reviews mapped to this label, or naming the drug by any of the label's names, in file order."""
        names = [r[0] for r in self._db.execute(
            "SELECT DISTINCT name FROM names WHERE label = ? AND kind != 'rxcui'", (label_id,))]
        marks = ",".join("?" * len(names)) or "''"
        return [ReviewRow(id=r[0], source=r[1], drug_name=r[2], condition=r[3], rating=r[4], date=r[5], useful=r[6],
                          text=r[7], features=tuple(json.loads(r[8]))) for r in self._db.execute(
            f"SELECT id, source, drug_name, condition, rating, date, useful, text, features FROM reviews "
            f"WHERE label = ? OR name IN ({marks}) ORDER BY id", (label_id, *names))]

    def sections(self, label_id: int) -> dict[str, str]:
        """Every stored section of a label: name → text."""
        return {name: unpack_text(body) for name, body in self._db.execute(
            "SELECT name, body FROM sections WHERE label = ? ORDER BY id", (label_id,))}

    def indications_json(self, label_id: int) -> str | None:
        """The parsed indications of a label as stored (JSON), for comparing versions."""
        row = self._db.execute("SELECT indications FROM labels WHERE id = ?", (label_id,)).fetchone()
        return row[0] if row else None

    def earlier_versions(self, set_id: str) -> list[LabelVersion]:
        """The versions of a label the pack replaced (update keeps them as history)."""
        return [LabelVersion(*r) for r in self._db.execute(
            "SELECT version, effective_time, indications, sections FROM label_versions WHERE set_id = ?",
            (set_id,))]

    # EU approvals (pack/eu.py holds their SQL).
    def has_eu(self) -> bool:
        """Whether the pack holds the EMA medicines list."""
        return _eu.has_eu(self._db)

    def eu_by_substance(self, key: str) -> list[_eu.EuMedicine]:
        return _eu.eu_by_substance(self._db, key)

    def eu_by_name(self, key: str) -> list[_eu.EuMedicine]:
        return _eu.eu_by_name(self._db, key)

    def eu_by_product(self, product_number: str) -> _eu.EuMedicine | None:
        return _eu.eu_by_product(self._db, product_number)

    def eu_by_id(self, row_id: int) -> _eu.EuMedicine:
        return _eu.eu_by_id(self._db, row_id)

    def eu_authorised_with_text(self) -> list[_eu.EuMedicine]:
        return _eu.eu_authorised_with_text(self._db)

    @cached_property
    def eu_names(self) -> list[tuple[str, int]]:
        """Every EU medicine's normalized name, loaded once."""
        return _eu.eu_names(self._db)
