"""Build a pack from label sources: stream records, parse indications, write SQLite, swap in atomically.

A build writes to a temporary file beside the target and renames it into place only when complete, so
a failed or interrupted build never leaves a broken pack or replaces a good one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from rxscoop.errors import BuildFailed, SourceError
from rxscoop.label.checks import Failures
from rxscoop.label.names import aliases, normalize_name, variants
from rxscoop.pack import INDICATIONS_RANK, SCHEMA_VERSION
from rxscoop.pack.eu import EuReport, eu_meta, load_eu
from rxscoop.pack.ingredients import link_ingredients
from rxscoop.pack.parallel import Parsed, parse_records
from rxscoop.pack.publish import locked_build, publish
from rxscoop.pack.reviews import ReviewReport, load_reviews, remap_reviews
from rxscoop.pack.texts import register as register_texts
from rxscoop.pack.texts import unpack_text
from rxscoop.sources import LabelRecord, RecordProblem, read_records
from rxscoop.sources.discover import source_files
from rxscoop.sources.ema import ema_files
from rxscoop.version import __version__

MAX_PROBLEMS_KEPT = 200


@dataclass
class BuildReport:
    pack: Path
    files: list[str] = field(default_factory=list)
    records_read: int = 0
    labels: int = 0
    superseded: int = 0  # versions of a set id replaced by a newer one (kept in label_versions)
    unchanged: int = 0  # records already in the pack being updated, same version: not parsed again
    new: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    size_bytes: int = 0
    reviews: ReviewReport | None = None
    review_files: list[str] = field(default_factory=list)
    eu: EuReport | None = None  # the EMA medicines list, when a source holds it


@dataclass
class Progress:
    file: str
    file_index: int
    files: int
    records: int
    # Input bytes, for a bar and an ETA: files done whole, the current one estimated from the records read
    # at the bytes per record of the files before it (0 for the first file: its record count is unknown).
    bytes_done: int = 0
    bytes_total: int = 0


def _schema() -> str:
    return resources.files("rxscoop.pack").joinpath("schema.sql").read_text(encoding="utf-8")


def _richness(record: LabelRecord, sections: int, has_indications: bool) -> int:
    return has_indications * INDICATIONS_RANK + record.complete * 10_000 + min(sections, 999) * 10


def _stamp(effective_time: str | None, version: str | None) -> tuple[str, int]:
    """Orders versions of one set id: by effective time, then by version number."""
    return (effective_time or "", int(version) if version and version.isdigit() else 0)


class _Writer:
    def __init__(self, db: sqlite3.Connection, index: bool = False) -> None:
        self.db = db
        # Index each label's sections for search as it is written (`index`: a new pack), so the index is made
        # while workers parse, not after them on one core; a label replaced here leaves stale index rows, so
        # `reindex` then says the whole index is made again at the end.
        self.index, self.reindex = index, not index
        self.failures = Failures()
        # set_id → (row id, ordering stamp); filled from the pack being updated, if any
        self.current: dict[str, tuple[int, tuple[str, int]]] = {
            set_id: (row, _stamp(eff, ver))
            for row, set_id, eff, ver in db.execute("SELECT id, set_id, effective_time, version FROM labels")
        }
        # set_id → stamp of the version that will be current once every record classified so far is written
        self.stamps: dict[str, tuple[str, int]] = {set_id: stamp for set_id, (_, stamp) in self.current.items()}

    def _keep_version(self, set_id: str, version: str | None, effective_time: str | None, title: str,
                      indications: str | None, sections: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO label_versions (set_id, version, effective_time, title, indications, "
                        "sections) VALUES (?, ?, ?, ?, ?, ?)",
                        (set_id, version, effective_time, title, indications, sections))

    def classify(self, record: LabelRecord) -> str:
        """What adding this record will do: 'new', 'replaced' (a newer version), 'unchanged' or 'older'.
        Decided in input order before the record is parsed, so an unchanged record is never parsed and an
        older one only for its history."""
        stamp = _stamp(record.effective_time, record.version)
        seen = self.stamps.get(record.set_id)
        if seen is None:
            self.stamps[record.set_id] = stamp
            return "new"
        if stamp == seen:
            return "unchanged"
        if stamp < seen:
            return "older"
        self.stamps[record.set_id] = stamp
        return "replaced"

    def add(self, parsed: Parsed, outcome: str) -> None:
        """Write a parsed record as `classify` said; records are written in the order they were classified."""
        record = parsed.record
        for kind, examples in parsed.failures.items():
            self.failures.by_kind.setdefault(kind, []).extend(examples)
        if outcome == "older":  # history only
            self._keep_version(record.set_id, record.version, record.effective_time, record.title,
                               parsed.indications, parsed.section_hashes or "{}")
            return
        if outcome == "replaced":
            row = self.current[record.set_id][0]
            version, eff, title, old_ind = self.db.execute(
                "SELECT version, effective_time, title, indications FROM labels WHERE id = ?", (row,)).fetchone()
            hashes = {name: hashlib.sha1(unpack_text(body).encode()).hexdigest()[:16] for name, body in
                      self.db.execute("SELECT name, body FROM sections WHERE label = ?", (row,))}
            self._keep_version(record.set_id, version, eff, title, old_ind, json.dumps(dict(sorted(hashes.items()))))
            self.db.execute("DELETE FROM sections WHERE label = ?", (row,))
            self.db.execute("DELETE FROM names WHERE label = ?", (row,))
            self.db.execute("DELETE FROM label_quotes WHERE label = ?", (row,))
            self.db.execute("DELETE FROM labels WHERE id = ?", (row,))
            self.reindex = True
        stamp = _stamp(record.effective_time, record.version)
        indications, details = parsed.indications, parsed.details
        cur = self.db.execute(
            """INSERT INTO labels (set_id, spl_id, version, effective_time, title, brand_name, generic_name,
               manufacturer, product_type, routes, pharm_class_epc, pharm_class_moa, rxcuis, source, location,
               retrieved_at, complete, richness, indications, details)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                record.set_id, record.id, record.version, record.effective_time, record.title,
                record.brand_names[0] if record.brand_names else None,
                record.generic_names[0] if record.generic_names else None,
                record.manufacturer, record.product_type,
                json.dumps(record.routes), json.dumps(record.pharm_class_epc),
                json.dumps(record.pharm_class_moa), json.dumps(record.rxcuis),
                record.source, record.location, record.retrieved_at, int(record.complete),
                _richness(record, len(parsed.stored), indications is not None), indications,
                details,
            ),
        )
        label_id = cur.lastrowid
        assert label_id is not None
        self.current[record.set_id] = (label_id, stamp)
        self.db.executemany(
            "INSERT INTO sections (label, name, body) VALUES (?, ?, ?)",
            [(label_id, name, body) for name, body in parsed.stored.items()],
        )
        if self.index and not self.reindex:  # the plain text the worker sent: what rxscoop_text(body) unpacks
            ids = self.db.execute("SELECT id, name FROM sections WHERE label = ? ORDER BY id", (label_id,)).fetchall()
            self.db.executemany("INSERT INTO sections_fts (rowid, body) VALUES (?, ?)",
                                [(row, parsed.texts[name]) for row, name in ids])
        if parsed.passages is not None:
            self.db.execute("INSERT INTO label_quotes VALUES (?, ?)", (label_id, parsed.passages))
        rows: set[tuple[str, int, str, str]] = set()
        for kind, values in (("brand", record.brand_names), ("generic", record.generic_names),
                             ("substance", record.substance_names)):
            for value in values:
                whole = normalize_name(value)
                for alias in aliases(value):
                    rows.add((alias, label_id, kind if alias == whole else "alias", value))
                for variant in variants(value):
                    rows.add((variant, label_id, "variant", value))
        rows.update((rxcui, label_id, "rxcui", rxcui) for rxcui in record.rxcuis)
        self.db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?, ?)", sorted(rows))


def _remove_stale_builds(pack_path: Path) -> None:
    """Temporary files of builds that were killed (their process is gone) are removed."""
    for stale in pack_path.parent.glob(f".{pack_path.name}.*.building"):
        pid = stale.name.split(".")[-2]
        try:
            os.kill(int(pid), 0)
        except (ValueError, ProcessLookupError):
            stale.unlink(missing_ok=True)
        except PermissionError:
            continue  # another user's build, still running


def _check_updatable(pack_path: Path) -> None:
    try:
        version = sqlite3.connect(f"{pack_path.resolve().as_uri()}?mode=ro", uri=True).execute(
            "PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BuildFailed(f"{pack_path} is not a readable pack ({exc}); build a new one") from exc
    if version != SCHEMA_VERSION:
        raise BuildFailed(f"{pack_path} has pack schema {version}, this rxscoop writes {SCHEMA_VERSION}; "
                          "build a new one instead of updating")


@locked_build  # one build at a time per target (pack/publish.py)
def build_pack(
    sources: list[Path],
    pack_path: Path,
    progress: Callable[[Progress], None] | None = None,
    update: bool = False,
    jobs: int | None = None,
) -> BuildReport:
    """Build a pack at `pack_path` from label files or folders. With update=True, start from the pack
    already there: records it has in the same version are skipped, newer versions replace theirs (the old
    one kept as history), new ones are added. Raises BuildFailed (old pack untouched) when a source cannot
    be read or no usable record was found. Records are parsed in `jobs` worker processes (default: one
    per core; 1 parses in this process), and the pack is the same whatever the number."""
    started = time.perf_counter()
    report = BuildReport(pack=pack_path)
    try:
        files, review_files = source_files(sources)
    except SourceError as exc:
        raise BuildFailed(str(exc)) from exc
    pack_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(pack_path)
    tmp = pack_path.with_name(f".{pack_path.name}.{os.getpid()}.building")
    tmp.unlink(missing_ok=True)
    if update:
        if not pack_path.is_file():
            raise BuildFailed(f"no pack at {pack_path} to update; build one first")
        _check_updatable(pack_path)
        shutil.copyfile(pack_path, tmp)
    db = sqlite3.connect(tmp)
    register_texts(db)  # the FTS index reads section text through it (pack/texts.py)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON;")
        if not update:
            db.executescript(_schema())
        writer = _Writer(db, index=not update)
        outcomes: deque[str] = deque()  # of records classified and sent to be parsed, not yet written

        sizes = [path.stat().st_size for path in files]

        def at(path: Path, index: int, in_file: int) -> Progress:
            done = sum(sizes[: index - 1])
            per_record = done / (report.records_read - in_file) if report.records_read > in_file else 0
            return Progress(path.name, index, len(files), report.records_read,
                            done + min(int(in_file * per_record), sizes[index - 1]), sum(sizes))

        def to_parse() -> Iterator[tuple[LabelRecord, bool]]:
            """Records in input order, classified; unchanged ones are counted and not parsed."""
            for index, path in enumerate(files, start=1):
                report.files.append(str(path))
                in_file = 0
                try:
                    for item in read_records(path):
                        if isinstance(item, RecordProblem):
                            report.skipped += 1
                            if len(report.problems) < MAX_PROBLEMS_KEPT:
                                report.problems.append(str(item))
                            continue
                        report.records_read += 1
                        in_file += 1
                        outcome = writer.classify(item)
                        report.superseded += outcome in ("replaced", "older")
                        report.unchanged += outcome == "unchanged"
                        report.new += outcome == "new"
                        if progress and report.records_read % 100 == 0:
                            progress(at(path, index, in_file))
                        if outcome != "unchanged":
                            outcomes.append(outcome)
                            yield item, outcome == "older"
                except SourceError as exc:
                    raise BuildFailed(f"{exc}. The build stopped; any existing pack is unchanged.") from exc
                if progress:
                    progress(Progress(path.name, index, len(files), report.records_read, sum(sizes[:index]),
                                      sum(sizes)))

        for parsed in parse_records(to_parse(), jobs):
            writer.add(parsed, outcomes.popleft())
        report.labels = len(writer.current)
        if not report.labels:
            raise BuildFailed("no usable label records in " + ", ".join(report.files))
        db.execute("DELETE FROM ingredients")
        link_ingredients(db)
        if writer.reindex:
            db.execute("INSERT INTO sections_fts(sections_fts) VALUES ('rebuild')")
        found_eu = ema_files(sources)
        if found_eu:
            report.eu = load_eu(db, found_eu, writer.failures)
        try:
            if review_files and update:
                db.execute("DELETE FROM reviews")
            report.reviews = load_reviews(db, review_files)
            if update:
                remap_reviews(db)  # replaced labels have new row ids
        except SourceError as exc:
            raise BuildFailed(f"{exc}. The build stopped; any existing pack is unchanged.") from exc
        report.review_files = [str(p) for p in review_files]
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "rxscoop_version": __version__,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "sources": json.dumps([str(Path(str(f)).resolve()) for f in [*report.files, *review_files]]),
            "records_read": str(report.records_read),
            "labels": str(report.labels),
            "skipped": str(report.skipped),
            "superseded": str(report.superseded),
            "reviews": str(report.reviews.read),
            "reviews_mapped": str(report.reviews.mapped),
            "reviews_unmapped": json.dumps(dict(report.reviews.unmapped)),
            "claim_check_dropped": json.dumps({kind: {"count": len(examples), "examples": examples[:5]}
                                               for kind, examples in sorted(writer.failures.by_kind.items())}),
        }
        if report.eu:
            meta.update(eu_meta(report.eu))
        if update:
            meta["updated_from"] = json.dumps(report.files)
            meta["records_read"] = str(report.records_read)
            meta["labels"] = str(len(writer.current))
            if not review_files:
                meta.pop("reviews"), meta.pop("reviews_mapped"), meta.pop("reviews_unmapped")
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.commit()
        db.execute("ANALYZE")
        db.close()
        publish(tmp, pack_path)  # with its checksum, as one step for readers (pack/publish.py)
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    report.seconds = time.perf_counter() - started
    report.size_bytes = pack_path.stat().st_size
    return report
