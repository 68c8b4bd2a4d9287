"""Development helper: what the parsers read from snapshot labels - the uses, and with --details the
form, schedule and cautions facts - for an eye check.

    PYTHONPATH=src .venv/bin/python scripts/show_label.py FILE.jsonl [--details] [NAME ...]
"""

import json
import sys

from rxscoop.label.details import read_details
from rxscoop.label.indications import parse_indications

args = sys.argv[1:]
details = "--details" in args
args = [a for a in args if a != "--details"]
path, only = args[0], args[1:] or None
with open(path, encoding="utf-8") as fh:
    records = [json.loads(line) for line in fh]
for r in records:
    name = r["brand_name"] or r["generic_name"]
    text = r["sections"].get("indications_and_usage")
    if (only and name not in only) or not text:
        continue
    ind = parse_indications(text, [n for n in (r["brand_name"], r["generic_name"]) if n])
    print(f"===== {name}  class={ind.drug_class!r}  general_limits={len(ind.limitations)}")
    for u in ind.uses:
        p = u.population
        print(f"  [{u.number}] {u.condition!r} sev={u.severity!r} age={p.min_age_years} adults={p.adults} "
              f"kids={p.children} wt={p.min_weight_kg} role={u.role!r}")
        for label, value in (("prereq", u.prerequisites), ("benefit", u.benefit), ("limits", u.limitations)):
            if value:
                print(f"      {label}={value!r}")
    if details:
        for key, value in read_details(r["sections"], None, [], ind.uses).model_dump(exclude_defaults=True).items():
            for v in value if isinstance(value, list) else [value]:
                print(f"  {key}: {({k: x for k, x in v.items() if k != 'quote'}) if isinstance(v, dict) else v}")
