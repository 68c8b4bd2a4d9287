"""Training the intent model (scikit-learn, only here): from the questions written for rxscoop
(data/intent_questions.csv) and, optionally, MedicationQA questions with their drug found in a pack.

Answering never imports this module; `scripts/train_intents.py` writes the model it fits to
data/intent_model.json, and `rxscoop eval --questions … --folds K` uses it to cross-validate."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rxscoop.question.classifier import IntentModel, features

SEED = 14  # fixed: the same folds and the same model every time
C = 10.0  # inverse regularization strength: chosen once by 5-fold cross-validation, not per run
MIN_WEIGHT = 0.002  # smaller weights change no prediction; dropping them keeps the shipped file small


def load_type_map() -> dict[str, set[str]]:
    """MedicationQA question type → the rxscoop intents that answer it (data/medicationqa_types.csv; a
    blank intent leaves the type out, "a|b" accepts either)."""
    text = resources.files("rxscoop.data").joinpath("medicationqa_types.csv").read_text(encoding="utf-8")
    return {r["question_type"]: set(r["intent"].split("|")) for r in csv.DictReader(text.splitlines()) if r["intent"]}


@dataclass(frozen=True)
class Example:
    question: str
    intents: frozenset[str]  # the intents that answer it ("what is X" may ask what it is for or what it is)
    drug_words: str | None = None
    source: str = ""


def written_examples() -> list[Example]:
    text = resources.files("rxscoop.data").joinpath("intent_questions.csv").read_text(encoding="utf-8")
    return [Example(r["question"], frozenset([r["intent"]]), None, "written")
            for r in csv.DictReader(text.splitlines())]


def medicationqa_examples(path: Path, pack: object) -> list[Example]:
    """MedicationQA rows whose type maps onto intents, with the words that name the drug as found at run time."""
    from rxscoop.question.resolve import resolve_drug

    types = load_type_map()
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            want = types.get(row["Question Type"])
            if want:
                found = resolve_drug(row["Question"], pack)  # type: ignore[arg-type]
                out.append(Example(row["Question"], frozenset(want), found.matched, "medicationqa"))
    return out


def folds(examples: list[Example], k: int, seed: int = SEED) -> list[list[int]]:
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def fit(examples: list[Example], c: float = C) -> IntentModel:
    """A multinomial logistic regression. A question that more than one intent answers is taught as the one
    a model fitted on the single-intent questions finds most likely, so it never learns a coin toss."""
    single = [e for e in examples if len(e.intents) == 1]
    several = [e for e in examples if len(e.intents) > 1]
    first = _fit([(e, next(iter(e.intents))) for e in single], c)
    labelled = [(e, next(iter(e.intents))) for e in single]
    for e in several:
        scores = {i: _score(first, e, i) for i in e.intents}
        labelled.append((e, max(sorted(scores), key=lambda i: scores[i])))
    return _fit(labelled, c)


def _score(model: IntentModel, example: Example, intent: str) -> float:
    if intent not in model.classes:
        return float("-inf")
    i = model.classes.index(intent)
    return model.intercepts[i] + sum(model.weights.get(f, [0.0] * len(model.classes))[i] * v
                                     for f, v in features(example.question, example.drug_words).items())


def _fit(labelled: list[tuple[Example, str]], c: float) -> IntentModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([features(e.question, e.drug_words) for e, _ in labelled])
    y = [intent for _, intent in labelled]
    clf = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit(x, y)
    classes = [str(c) for c in clf.classes_]
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(vectorizer.get_feature_names_out()):
        row = [round(float(w), 4) for w in clf.coef_[:, j]]
        if max(abs(w) for w in row) >= MIN_WEIGHT:
            weights[str(name)] = row
    sources: dict[str, int] = {}
    for e, _ in labelled:
        sources[e.source] = sources.get(e.source, 0) + 1
    meta = {"model": "multinomial logistic regression (scikit-learn LogisticRegression)", "C": c,
            "features": "word 1-2 grams and letter 3-5 grams, see rxscoop.question.classifier.features",
            "training_questions": sources}
    return IntentModel(classes, [round(float(b), 4) for b in clf.intercept_], weights, meta)
