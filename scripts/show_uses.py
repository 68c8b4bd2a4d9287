"""Print the uses parsed from every snapshot label: a quick eye check while developing the parser."""

import json
import sys

from rxscoop.label.indications import parse_indications

path = sys.argv[1]
only = sys.argv[2:] if len(sys.argv) > 2 else None
with open(path, encoding="utf-8") as fh:
    records = [json.loads(line) for line in fh]
for r in records:
    name = r["brand_name"] or r["generic_name"]
    if only and name not in only:
        continue
    text = r["sections"].get("indications_and_usage")
    if not text:
        continue
    ind = parse_indications(text, [n for n in (r["brand_name"], r["generic_name"]) if n])
    print(f"===== {name}  class={ind.drug_class!r}  general_limits={len(ind.limitations)}")
    for u in ind.uses:
        p = u.population
        print(f"  [{u.number}] {u.condition!r} sev={u.severity!r} age={p.min_age_years} adults={p.adults} "
              f"kids={p.children} wt={p.min_weight_kg} role={u.role!r}")
        if u.prerequisites:
            print(f"      prereq={u.prerequisites}")
        if u.benefit:
            print(f"      benefit={u.benefit!r}")
        if u.limitations:
            print(f"      limits={u.limitations}")
