"""Development helper: MedicationQA drug and intent accuracy, with every miss listed (`rxscoop eval
--questions` prints only the figures).

    PYTHONPATH=src .venv/bin/python scripts/mqa.py PACK
"""

import sys
from collections import Counter
from pathlib import Path

from rxscoop import open_pack
from rxscoop.evaluation.questions import evaluate_questions

score = evaluate_questions(Path("../shared/data/medicationqa/medicationqa-dev.csv"), open_pack(sys.argv[1]))
print(f"intent {score.intent_right}/{score.intent_scored} = {score.intent_accuracy}%; "
      f"drug {score.drug_right}/{score.drug_in_pack} = {score.drug_accuracy}%")
print(Counter((want, got) for kind, want, got, _ in score.misses if kind == "intent").most_common(12))
for miss in score.misses:
    print(miss)
