"""A stable hash of every label's parsed facts, to show a speed change leaves parsing unchanged.

    scripts/facts_fingerprint.py --pack PATH            # from a built pack
    scripts/facts_fingerprint.py ../shared/data         # build a temporary pack from sources, then hash it
    scripts/facts_fingerprint.py --pack PATH --per-label > a.tsv   # one line a label, to diff two runs

Parsed facts are, per set id: the indications and details JSON, the ranking (richness), and the pack's
claim-check record of what was dropped. Row ids, timestamps and source paths are left out, so two builds of
the same data give the same hash whatever the order they were written in.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
import tempfile
from pathlib import Path


def label_facts(pack: Path) -> list[tuple[str, str]]:
    """(set id, canonical JSON of its parsed facts), sorted by set id."""
    db = sqlite3.connect(f"{pack.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT set_id, title, richness, indications, details FROM labels ORDER BY set_id")
        return [(set_id, json.dumps({"title": title, "richness": richness,
                                     "indications": json.loads(ind) if ind else None,
                                     "details": json.loads(det)}, sort_keys=True))
                for set_id, title, richness, ind, det in rows]
    finally:
        db.close()


def dropped(pack: Path) -> str:
    db = sqlite3.connect(f"{pack.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'claim_check_dropped'").fetchone()
        return json.dumps(json.loads(row[0]), sort_keys=True) if row else ""
    finally:
        db.close()


def fingerprint(pack: Path) -> str:
    digest = hashlib.sha256()
    for set_id, facts in label_facts(pack):
        digest.update(f"{set_id}\t{facts}\n".encode())
    digest.update(dropped(pack).encode())
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path, help="label files or folders to build from")
    parser.add_argument("--pack", type=Path, help="hash this pack instead of building one")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for the build")
    parser.add_argument("--per-label", action="store_true", help="print one hash a label (set id, hash)")
    args = parser.parse_args()
    if bool(args.pack) == bool(args.sources):
        parser.error("give either --pack or sources")
    with tempfile.TemporaryDirectory() as tmp:
        pack = args.pack
        if pack is None:
            from rxscoop.pack.build import build_pack

            pack = Path(tmp) / "fingerprint.sqlite"
            build_pack(args.sources, pack, jobs=args.jobs)
        if args.per_label:
            for set_id, facts in label_facts(pack):
                print(set_id, hashlib.sha256(facts.encode()).hexdigest()[:16], sep="\t")
        else:
            print(fingerprint(pack))
    return 0


if __name__ == "__main__":
    sys.exit(main())
