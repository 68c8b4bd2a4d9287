"""Patient reviews: ingest time for every review file in ../shared/data/reviews, and warm summary latency
per drug for the drugs with the most reviews.

    .venv/bin/python bench/reviews.py
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from rxscoop import Pack, build_pack
from rxscoop.answer.patients import patient_voices
from rxscoop.pack.reviews import load_reviews

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def main() -> None:
    pack_path = Path(tempfile.mkdtemp()) / "bench.sqlite"
    build_pack([DATA], pack_path)
    files = sorted((DATA / "reviews").glob("*.[ct]sv"))
    # Ingest again into a copy, timing only the reviews stage.
    copy = pack_path.with_name("copy.sqlite")
    copy.write_bytes(pack_path.read_bytes())
    db = sqlite3.connect(copy)
    db.execute("DELETE FROM reviews")
    start = time.perf_counter()
    report = load_reviews(db, files)
    db.commit()
    seconds = time.perf_counter() - start
    print(f"ingest: {report.read:,} reviews from {len(files)} files in {seconds:.2f} s "
          f"({report.read / seconds:,.0f} reviews/s); {report.mapped:,} mapped to a label")
    with Pack(pack_path) as pack:
        top = db.execute("SELECT label, count(*) FROM reviews WHERE label IS NOT NULL GROUP BY label "
                         "ORDER BY 2 DESC LIMIT 5").fetchall()
        for label_id, n in top:
            label = pack.label(label_id)
            patient_voices(pack, label)  # warm the pattern caches
            times = []
            for _ in range(30):
                t = time.perf_counter()
                patient_voices(pack, label)
                times.append((time.perf_counter() - t) * 1000)
            print(f"summary {label.title:<22} {n:>4} reviews: p50 {statistics.median(times):.1f} ms, "
                  f"max {max(times):.1f} ms")


if __name__ == "__main__":
    main()
