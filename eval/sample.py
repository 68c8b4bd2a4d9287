"""Draw the labels for the development gold: a seeded random sample of openFDA records.

    python eval/sample.py ../shared/data/labels/openfda-pharmgkb-2024.json.zip

prints one line per drawn record: set id, brand, generic. The first 48 are the development gold
(eval/labels-dev.json); the next 16 are held out (eval/labels-holdout.json): they are scored only to
report how the reader does on labels it was not fixed against.
"""

from __future__ import annotations

import json
import random
import sys
import zipfile

SEED = 20261130
DEV, HOLDOUT = 48, 16


def draw(path: str) -> list[dict]:
    with zipfile.ZipFile(path) as z:
        records = json.load(z.open(z.namelist()[0]))["results"]
    records = [r for r in records if r.get("indications_and_usage")]
    records.sort(key=lambda r: r["set_id"])  # independent of the file's order
    return random.Random(SEED).sample(records, DEV + HOLDOUT)


if __name__ == "__main__":
    for i, record in enumerate(draw(sys.argv[1])):
        fda = record.get("openfda", {})
        part = "dev" if i < DEV else "holdout"
        print(part, record["set_id"], (fda.get("brand_name") or ["?"])[0], (fda.get("generic_name") or ["?"])[0],
              sep="\t")
