"""Draw the EU development medicines: a seeded random draw of authorised human medicines with indication
text from the EMA list, plus Dupixent (the issue's example). Prints each row's name, product number and
indication text, for writing gold by reading them.

    python eval/eu_sample.py ../shared/data/eu/ema-medicines-2023-03.csv [--seed 20261219] [--n 15]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys

csv.field_size_limit(sys.maxsize)


def draw(path: str, seed: int, n: int) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["category"] == "human"
                and r["authorisation_status"] == "authorised" and r["condition_indication"] not in ("", "NA")]
    rows.sort(key=lambda r: r["product_number"])
    picked = random.Random(seed).sample(rows, n)
    dupixent = [r for r in rows if r["medicine_name"] == "Dupixent"]
    return picked + [r for r in dupixent if r not in picked]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--seed", type=int, default=20261219)
    parser.add_argument("--n", type=int, default=15)
    args = parser.parse_args()
    for row in draw(args.csv, args.seed, args.n):
        print(f"== {row['medicine_name']} | {row['active_substance']} | {row['product_number']}")
        print(row["condition_indication"])
        print()


if __name__ == "__main__":
    main()
