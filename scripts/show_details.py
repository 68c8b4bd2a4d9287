"""Print the details read from snapshot labels: an eye check while developing the readers."""

import json
import sys

from rxscoop.label.details import read_details
from rxscoop.label.indications import parse_indications

path = sys.argv[1]
only = sys.argv[2:] or None
with open(path, encoding="utf-8") as fh:
    records = [json.loads(line) for line in fh]
for r in records:
    name = r["brand_name"] or r["generic_name"]
    if only and name not in only:
        continue
    names = [n for n in (r["brand_name"], r["generic_name"]) if n]
    text = r["sections"].get("indications_and_usage")
    uses = parse_indications(text, names).uses if text else []
    d = read_details(r["sections"], None, [], uses)
    print(f"===== {name}")
    for key, value in d.model_dump(exclude_defaults=True).items():
        if isinstance(value, list):
            for v in value:
                v = {k: x for k, x in v.items() if k != "quote"} if isinstance(v, dict) else v
                print(f"  {key}: {v}")
        else:
            print(f"  {key}: {value if not isinstance(value, dict) else value.get('text')}")
