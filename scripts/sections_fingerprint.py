"""A stable hash of every label's stored section text and of what full-text search finds in it, to show a change
to how sections are stored (pack/texts.py) leaves what readers and search get unchanged.

    scripts/sections_fingerprint.py --pack PATH          # a pack of any schema since 8 (plain or compressed text)
    scripts/sections_fingerprint.py --pack PATH --words 2000

Sections are hashed by set id and name, as text; search is asked, over the whole pack, for each of a fixed sample
of words from the text (every 50th section's words, sorted), and its hits (set id, section, snippet, in rank
order, at most 3) are hashed too. Row ids are left out, so two builds of the same data give the same hash.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import zlib
from pathlib import Path

SEARCH = ("SELECT s.label, s.name, snippet(sections_fts, 0, '', '', ' … ', 48) FROM sections_fts "
          "JOIN sections s ON s.id = sections_fts.rowid WHERE sections_fts MATCH ? ORDER BY rank LIMIT 3")


def text(body: str | bytes) -> str:
    return body if isinstance(body, str) else zlib.decompress(body).decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, required=True)
    parser.add_argument("--words", type=int, default=600, help="words searched")
    args = parser.parse_args()
    db = sqlite3.connect(f"{args.pack.resolve().as_uri()}?mode=ro", uri=True)
    db.create_function("rxscoop_text", 1, text, deterministic=True)  # what pack/texts.py registers
    set_ids = dict(db.execute("SELECT id, set_id FROM labels"))
    digest = hashlib.sha256()
    rows = sorted((set_ids[label], name, text(body)) for label, name, body in
                  db.execute("SELECT label, name, body FROM sections"))
    for set_id, name, body in rows:
        digest.update(f"{set_id}\t{name}\t{body}\n".encode())
    sample = {w for (body,) in db.execute("SELECT body FROM sections WHERE id % 50 = 0")
              for w in text(body).lower().split() if w.isalpha()}
    words = sorted(sample)[: args.words]
    for word in words:
        for label, name, snippet in db.execute(SEARCH, (f'"{word}"',)):
            digest.update(f"{word}\t{set_ids[label]}\t{name}\t{snippet}\n".encode())
    print(f"{digest.hexdigest()}  ({len(rows):,} sections, {len(words):,} words searched)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
