"""Build src/rxscoop/data/intent_model.json, the intent model rxscoop answers with.

Trained on the questions written for rxscoop (src/rxscoop/data/intent_questions.csv) and the MedicationQA
development questions (Ben Abacha et al., MedInfo 2019; ../shared/data/medicationqa/medicationqa-dev.csv),
whose drug names are found in a pack exactly as when answering. Needs scikit-learn (`pip install -e
'.[train]'`); the same inputs give the same file (fixed seed).

    .venv/bin/python scripts/train_intents.py --pack /tmp/rxscoop.sqlite [--medicationqa FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rxscoop import open_pack
from rxscoop.question.train import fit, medicationqa_examples, written_examples

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, default=None, help="a pack built from ../shared/data")
    parser.add_argument("--medicationqa", type=Path,
                        default=ROOT.parent / "shared" / "data" / "medicationqa" / "medicationqa-dev.csv")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "rxscoop" / "data" / "intent_model.json")
    args = parser.parse_args()
    examples = written_examples()
    if args.medicationqa.is_file():
        with open_pack(args.pack) as pack:
            examples += medicationqa_examples(args.medicationqa, pack)
    model = fit(examples)
    model.meta["sources"] = {
        "written": "src/rxscoop/data/intent_questions.csv: written for rxscoop in plain consumer wording",
        "medicationqa": f"{args.medicationqa.name}: MedicationQA (Ben Abacha et al., MedInfo 2019), types mapped "
                        "by src/rxscoop/data/medicationqa_types.csv",
    }
    model.meta["built_by"] = "scripts/train_intents.py"
    args.out.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"{args.out}: {len(model.classes)} intents, {len(model.weights)} features, "
          f"trained on {model.meta['training_questions']}")


if __name__ == "__main__":
    main()
