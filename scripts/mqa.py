"""Development helper: intent and drug-resolution accuracy on MedicationQA, with the misses listed."""

import csv
import sys
from collections import Counter

from rxscoop import open_pack
from rxscoop.evaluate_questions import load_type_map
from rxscoop.question.parse import understand
from rxscoop.question.resolve import resolve_drug

pack = open_pack(sys.argv[1])
types = load_type_map()
with open("../shared/data/medicationqa/medicationqa-dev.csv", encoding="utf-8") as fh:
    rows = list(csv.DictReader(fh))
ok = n = dok = dn = 0
conf: Counter = Counter()
misses = []
for r in rows:
    q = understand(r["Question"], pack)
    want = types.get(r["Question Type"])
    if want:
        n += 1
        ok += q.intent in want
        if q.intent not in want:
            conf[("|".join(sorted(want)), q.intent)] += 1
            misses.append(("INTENT", "|".join(sorted(want)), q.intent, r["Question"][:90]))
    f = resolve_drug(r["Focus (Drug)"], pack)
    if f.status == "found":
        dn += 1
        dok += q.label == f.label
        if q.label != f.label:
            got = pack.label(q.label).title if q.label else q.resolution_status
            misses.append(("DRUG", pack.label(f.label).title, got, r["Question"][:90]))
print(f"intent {ok}/{n} = {ok / n:.1%}; drug {dok}/{dn} = {dok / dn:.1%}")
print(conf.most_common(12))
for m in misses:
    print(m)
