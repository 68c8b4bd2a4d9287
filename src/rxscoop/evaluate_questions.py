"""Question understanding on real consumer questions (MedicationQA): drug resolution and intent accuracy."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rxscoop.pack.query import Pack
from rxscoop.question.parse import understand
from rxscoop.question.resolve import resolve_drug


def load_type_map() -> dict[str, set[str]]:
    """MedicationQA question type → the rxscoop intents that answer it (data/medicationqa_types.csv; a
    blank intent leaves the type out, "a|b" accepts either)."""
    text = resources.files("rxscoop.data").joinpath("medicationqa_types.csv").read_text(encoding="utf-8")
    return {r["question_type"]: set(r["intent"].split("|")) for r in csv.DictReader(text.splitlines()) if r["intent"]}


@dataclass
class QuestionScore:
    questions: int = 0
    intent_scored: int = 0
    intent_right: int = 0
    drug_in_pack: int = 0  # questions whose focus drug the pack knows
    drug_right: int = 0
    wrong_drug: int = 0  # answered about a different drug (the worst outcome)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def intent_accuracy(self) -> float:
        return round(100 * self.intent_right / self.intent_scored, 1) if self.intent_scored else 0.0

    @property
    def drug_accuracy(self) -> float:
        return round(100 * self.drug_right / self.drug_in_pack, 1) if self.drug_in_pack else 0.0


def evaluate_questions(path: Path, pack: Pack) -> QuestionScore:
    types = load_type_map()
    score = QuestionScore()
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        score.questions += 1
        query = understand(row["Question"], pack)
        want = types.get(row["Question Type"])
        if want:
            score.intent_scored += 1
            if query.intent in want:
                score.intent_right += 1
            else:
                score.misses.append(("intent", "|".join(sorted(want)), query.intent, row["Question"]))
        focus = resolve_drug(row["Focus (Drug)"], pack)
        if focus.status == "found":
            score.drug_in_pack += 1
            if query.label == focus.label:
                score.drug_right += 1
            else:
                if query.label is not None:
                    score.wrong_drug += 1
                got = pack.label(query.label).title if query.label is not None else query.resolution_status
                score.misses.append(("drug", pack.label(focus.label).title, got, row["Question"]))
    return score
