"""Draw the labels for the development gold: a seeded random sample of openFDA records.

    python eval/sample.py ../shared/data/labels/openfda-pharmgkb-2024.json.zip

prints one line per drawn record: set id, brand, generic. The first 48 are the development gold
(eval/labels-dev.json); the next 16 were held out (eval/labels-holdout.json) and measured twice before
they were read for development. `--round N` (N ≥ 2) draws 24 more, from the records not drawn in an earlier round and
not looked at during development (eval/looked-at.txt), with a seed of their own (eval/labels-holdout-N.json).
A round is held out until it has been scored; after that it may be read for development, and the next round
is the one held out.
"""

from __future__ import annotations

import json
import random
import sys
import zipfile
from pathlib import Path

SEED = 20261130
DEV, HOLDOUT = 48, 16
SEED_2, HOLDOUT_2 = 20261201, 24
SURVEYED_FROM, SURVEYED_SIZE = 8, 48


def _records(path: str) -> list[dict]:
    with zipfile.ZipFile(path) as z:
        records = json.load(z.open(z.namelist()[0]))["results"]
    records = [r for r in records if r.get("indications_and_usage")]
    return sorted(records, key=lambda r: r["set_id"])  # independent of the file's order


def draw(path: str) -> list[dict]:
    return random.Random(SEED).sample(_records(path), DEV + HOLDOUT)


def draw_round(path: str, number: int) -> list[dict]:
    """Round 2, 3 …: 24 records not drawn in an earlier round and not looked at during development.

    From round 8 on no record is left that was never looked at, so rounds draw 48 from the records whose
    answers were read in development surveys but that no gold scored yet ("surveyed" rounds: a weaker
    measure than an unseen one, and named so wherever it is reported)."""
    looked_at = set(Path(__file__).with_name("looked-at.txt").read_text(encoding="utf-8").split())
    taken = {r["set_id"] for r in draw(path)}
    if number < SURVEYED_FROM:
        taken |= looked_at
    for earlier in range(2, number):
        taken |= {r["set_id"] for r in draw_round(path, earlier)}
    rest = [r for r in _records(path) if r["set_id"] not in taken]
    size = HOLDOUT_2 if number < SURVEYED_FROM else SURVEYED_SIZE
    return random.Random(SEED_2 + number - 2).sample(rest, min(size, len(rest)))


def draw_round_2(path: str) -> list[dict]:
    return draw_round(path, 2)


if __name__ == "__main__":
    number = int(sys.argv[sys.argv.index("--round") + 1]) if "--round" in sys.argv else 1
    drawn = draw_round(sys.argv[1], number) if number > 1 else draw(sys.argv[1])
    for i, record in enumerate(drawn):
        fda = record.get("openfda", {})
        part = f"holdout-{number}" if number > 1 else "dev" if i < DEV else "holdout"
        print(part, record["set_id"], (fda.get("brand_name") or ["?"])[0], (fda.get("generic_name") or ["?"])[0],
              sep="\t")
