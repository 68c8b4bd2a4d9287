"""Draw the EU gold medicines: a seeded random draw of authorised human medicines with indication text from the
EMA list. Round 1 (development, eval/eu-dev.json): 15 drawn plus Dupixent (the issue's example). Round 2 (held
out, eval/eu-holdout.json): 16 more with a seed of their own, never a medicine of round 1; round 3
(eval/eu-holdout-3.json) the same way, never a medicine of rounds 1 and 2. Prints each row's
name, product number and indication text, for writing gold by reading them.

    python eval/eu_sample.py ../shared/data/eu/ema-medicines-2023-03.csv [--round 2]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from functools import cache

csv.field_size_limit(sys.maxsize)

SEED, N = 20261219, 15
SEED_2, N_2 = 20261220, 16


@cache  # every round draws from the same rows, after every earlier round's draw
def _rows(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["category"] == "human"
                and r["authorisation_status"] == "authorised" and r["condition_indication"] not in ("", "NA")]
    return sorted(rows, key=lambda r: r["product_number"])


def draw(path: str, seed: int = SEED, n: int = N) -> list[dict[str, str]]:
    rows = _rows(path)
    picked = random.Random(seed).sample(rows, n)
    dupixent = [r for r in rows if r["medicine_name"] == "Dupixent"]
    return picked + [r for r in dupixent if r not in picked]


@cache
def draw_round(path: str, number: int) -> list[dict[str, str]]:
    """Round 2, 3 …: medicines no earlier round drew, with a seed of their own."""
    taken = {r["product_number"] for r in draw(path)}
    for earlier in range(2, number):
        taken |= {r["product_number"] for r in draw_round(path, earlier)}
    rest = [r for r in _rows(path) if r["product_number"] not in taken]
    return random.Random(SEED_2 + number - 2).sample(rest, min(N_2, len(rest)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--round", type=int, default=1, dest="number")
    args = parser.parse_args()
    rows = draw_round(args.csv, args.number) if args.number > 1 else draw(args.csv)
    for row in rows:
        print(f"== {row['medicine_name']} | {row['active_substance']} | {row['product_number']}")
        print(row["condition_indication"])
        print()


if __name__ == "__main__":
    main()
