"""Question understanding on real consumer questions (MedicationQA): drug resolution and intent accuracy,
on the shipped model (which has seen the file's questions if it is the development file) and by k-fold
cross-validation (a model trained without each fold scores that fold), the figure that generalizes."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from rxscoop.pack.query import Pack
from rxscoop.question.classifier import IntentModel, using_model
from rxscoop.question.parse import understand
from rxscoop.question.resolve import resolve_drug
from rxscoop.question.train import load_type_map


@dataclass
class QuestionScore:
    questions: int = 0
    intent_scored: int = 0
    intent_right: int = 0
    drug_in_pack: int = 0  # questions whose focus drug the pack knows
    drug_right: int = 0  # found that label, or another label of the same active ingredient
    wrong_drug: int = 0  # answered about a different drug (the worst outcome)
    intent_wrong_unsure: int = 0  # wrong intents whose answer said what it understood (a low-margin reading)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)
    folds: int = 0  # 0: the shipped model; k: k-fold cross-validated intent figures
    training: dict[str, int] = field(default_factory=dict)  # training questions per source (per fold, average)

    @property
    def intent_accuracy(self) -> float:
        return round(100 * self.intent_right / self.intent_scored, 1) if self.intent_scored else 0.0

    @property
    def drug_accuracy(self) -> float:
        return round(100 * self.drug_right / self.drug_in_pack, 1) if self.drug_in_pack else 0.0


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def evaluate_questions(path: Path, pack: Pack) -> QuestionScore:
    """Drug and intent accuracy with the shipped model."""
    score = QuestionScore()
    for row in _rows(path):
        _score_row(row, pack, score, intent=True, drug=True)
    return score


def cross_validate(path: Path, pack: Pack, k: int = 5) -> QuestionScore:
    """k-fold cross-validated intent accuracy: for each fold, a model trained on the other folds plus the
    questions written for rxscoop answers the held-out fold. Needs scikit-learn (the `train` extra)."""
    from rxscoop.question.train import fit, folds, medicationqa_examples, written_examples

    rows = _rows(path)
    types = load_type_map()
    mapped = [r for r in rows if types.get(r["Question Type"])]
    examples = medicationqa_examples(path, pack)  # the same rows, in the same order
    written = written_examples()
    score = QuestionScore(folds=k)
    score.questions = len(rows)
    for held in folds(examples, k):
        out = set(held)
        model: IntentModel = fit([e for i, e in enumerate(examples) if i not in out] + written)
        with using_model(model):
            for i in held:
                _score_row(mapped[i], pack, score, intent=True, drug=False)
    score.training = {"medicationqa": round(len(examples) * (k - 1) / k), "written": len(written)}
    for row in rows:
        _score_row(row, pack, score, intent=False, drug=True)
    return score


def _score_row(row: dict[str, str], pack: Pack, score: QuestionScore, intent: bool, drug: bool) -> None:
    if intent and drug:
        score.questions += 1
    query = understand(row["Question"], pack)
    want = load_type_map().get(row["Question Type"])
    if intent and want:
        score.intent_scored += 1
        if query.intent in want:
            score.intent_right += 1
        else:
            score.intent_wrong_unsure += query.unsure
            score.misses.append(("intent", "|".join(sorted(want)), query.intent, row["Question"]))
    if not drug:
        return
    focus = resolve_drug(row["Focus (Drug)"], pack)
    if focus.status == "found":
        score.drug_in_pack += 1
        if query.label == focus.label or _same_medicine(query.label, focus.label, pack):
            score.drug_right += 1
        else:
            if query.label is not None:
                score.wrong_drug += 1
            got = pack.label(query.label).title if query.label is not None else query.resolution_status
            wanted = pack.label(focus.label).title if focus.label is not None else "?"
            score.misses.append(("drug", wanted, got, row["Question"]))


def _same_medicine(a: int | None, b: int | None, pack: Pack) -> bool:
    """Two labels of one active ingredient ("cipro" finds CIPRO, the file's focus "ciprofloxacin" a generic
    label): the question was understood, whichever label of the medicine answers it."""
    if a is None or b is None:
        return False
    medicine = pack.ingredient_of(pack.label(a))
    return bool(medicine) and medicine == pack.ingredient_of(pack.label(b))
