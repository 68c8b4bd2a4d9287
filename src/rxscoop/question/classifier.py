"""What a question asks, read by a linear model over its words and letter groups.

The model is plain data (data/intent_model.json, built by scripts/train_intents.py from labelled questions),
applied here in pure Python: no machine-learning library is needed to answer. The features are computed by
this module both when training and when answering, so the two can never disagree."""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

DRUG_TOKEN = "drugname"  # stands for whatever named the drug: the model learns phrasings, never names
_PLACEHOLDER = re.compile(r"\{(?:drug|other)\}")
_WORD = re.compile(r"[a-z0-9]+")
CHAR_SIZES = (3, 4, 5)
CHAR_WEIGHT = 0.7  # letter groups catch misspellings ("efects"); words stay the stronger signal
SEEN = 4096  # predictions kept per model, by normalized question


@lru_cache(maxsize=4096)  # one pattern per drug: re's own cache (512) is churned by every new name
def _whole_words(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(words)}\b")


def normalize(question: str, drug_words: str | None = None) -> str:
    """Lower-cased words, with the drug's own words and {drug}/{other} placeholders as DRUG_TOKEN, and every
    number as 0 (a dose of 20 or 40 mg asks the same thing)."""
    text = question.lower().replace("’", "'").replace("'", "")
    text = _PLACEHOLDER.sub(f" {DRUG_TOKEN} ", text)
    if drug_words:
        words = " ".join(_WORD.findall(drug_words.lower().replace("'", "")))
        if words:
            text = _whole_words(words).sub(f" {DRUG_TOKEN} ", " ".join(_WORD.findall(text)))
    tokens = ["0" if t.isdigit() else t for t in _WORD.findall(text)]
    return " ".join(tokens)


def features(question: str, drug_words: str | None = None) -> dict[str, float]:
    """Word unigrams and bigrams (with start and end marks) and letter 3-5-grams inside each word; each group
    scaled to unit length so a long question does not outweigh a short one."""
    return _features_of(normalize(question, drug_words))


def _features_of(normalized: str) -> dict[str, float]:
    tokens = normalized.split()
    words: dict[str, float] = {}
    marked = ["<s>", *tokens, "</s>"]
    for t in tokens:
        words["w:" + t] = 1.0
    for a, b in itertools.pairwise(marked):
        words[f"b:{a} {b}"] = 1.0
    chars: dict[str, float] = {}
    for t in tokens:
        if t == DRUG_TOKEN or t == "0":
            continue
        padded = f" {t} "
        for n in CHAR_SIZES:
            for i in range(max(1, len(padded) - n + 1)):
                chars["c:" + padded[i:i + n]] = 1.0
    out: dict[str, float] = {}
    for group, weight in ((words, 1.0), (chars, CHAR_WEIGHT)):
        if group:
            scale = weight / math.sqrt(len(group))
            out.update((k, scale) for k in group)
    return out


@dataclass(frozen=True)
class Prediction:
    intent: str
    probability: float
    margin: float  # probability of the best intent minus that of the runner-up
    runner_up: str

    def unsure(self, floor: float) -> bool:
        return self.margin < floor


@dataclass
class IntentModel:
    """A multinomial logistic regression: per intent an intercept and a weight per feature."""

    classes: list[str]
    intercepts: list[float]
    weights: dict[str, list[float]]
    meta: dict[str, object]
    # Predictions by normalized question: the features, so the prediction, depend on nothing else, and many
    # questions normalize alike ("what is drugname used for"). Bounded; a lost race only computes twice.
    _seen: OrderedDict[str, Prediction] = field(default_factory=OrderedDict, init=False, repr=False, compare=False)

    def predict(self, question: str, drug_words: str | None = None) -> Prediction:
        normalized = normalize(question, drug_words)
        found = self._seen.get(normalized)
        if found is None:
            found = self._seen[normalized] = self._predict(normalized)
            if len(self._seen) > SEEN:
                self._seen.popitem(last=False)
        return found

    def _predict(self, normalized: str) -> Prediction:
        scores = list(self.intercepts)
        for name, value in _features_of(normalized).items():
            row = self.weights.get(name)
            if row:
                for i, w in enumerate(row):
                    scores[i] += w * value
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        probs = sorted(((e / total, c) for e, c in zip(exp, self.classes, strict=True)), reverse=True)
        (p1, c1), (p2, c2) = probs[0], probs[1]
        return Prediction(c1, round(p1, 4), round(p1 - p2, 4), c2)

    def to_json(self) -> str:
        return json.dumps({"meta": self.meta, "classes": self.classes, "intercepts": self.intercepts,
                           "weights": self.weights}, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> IntentModel:
        data = json.loads(text)
        return cls(data["classes"], data["intercepts"], data["weights"], data.get("meta", {}))


@cache
def shipped_model() -> IntentModel:
    text = resources.files("rxscoop.data").joinpath("intent_model.json").read_text(encoding="utf-8")
    return IntentModel.from_json(text)


_override: list[IntentModel] = []


@contextmanager
def using_model(model: IntentModel) -> Iterator[None]:
    """Answer with another model for a while: cross-validation scores models trained without the held-out fold."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def model() -> IntentModel:
    return _override[-1] if _override else shipped_model()


def predict(question: str, drug_words: str | None = None) -> Prediction:
    return model().predict(question, drug_words)


def knows_words(question: str) -> bool:
    """Does the question hold any word the model learned from (not only letter groups of unknown words)?"""
    weights = model().weights
    return any(f"w:{w}" in weights for w in normalize(question).split() if w != DRUG_TOKEN)
