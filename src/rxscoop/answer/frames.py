"""Finished "what is it used for" answers kept per open pack, keyed by what they depend on, not by wording.

Such an answer depends on the question only through the label it names, the condition and population it
asks about, the condition patients' reviews are read for, and the region; its question text and the name as
typed (Answer.question, Answer.drug) are set again on every ask. So "what is dupixent used for" and
"dupixent: what's it for?" compose once. Anything else a question may carry (a second drug, an emergency,
an unsure reading) is composed every time. The pack never changes while it is open, so nothing goes stale;
each pack's store is bounded in bytes (least recently used dropped first).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from weakref import WeakKeyDictionary

from rxscoop.answer.citations import drug_ref
from rxscoop.answer.model import Answer
from rxscoop.label.model import Label
from rxscoop.label.names import normalize_name
from rxscoop.pack.query import Pack
from rxscoop.question.focus import condition_focus
from rxscoop.question.intent import Intent
from rxscoop.question.parse import Query

MAX_BYTES = 32 * 1024 * 1024  # per open pack: a whole answer is 5-60 kB of JSON
MAX_LABELS = 1024  # labels kept read for the keys, per open pack (about 22 kB each: ~22 MB)

Key = tuple[int, str, str | None, str | None, str | None]


def asked_review_condition(text: str, conditions: set[str]) -> str | None:
    """A condition the question names among those a drug's reviews are about ("zoloft for anxiety")."""
    asked = f" {normalize_name(text)} "
    named = [c for c in conditions if f" {normalize_name(c)} " in asked]
    return max(named, key=len) if named else None


class _Store:
    def __init__(self) -> None:
        self.answers: OrderedDict[Key, str] = OrderedDict()
        self.size = 0
        self.review_conditions: dict[int, set[str]] = {}
        # Labels as read for keys and names only: an answer is composed from a label read afresh.
        self.labels: OrderedDict[int, Label] = OrderedDict()
        self.lock = threading.Lock()

    def label(self, pack: Pack, label_id: int) -> Label:
        with self.lock:
            found = self.labels.get(label_id)
            if found is not None:
                self.labels.move_to_end(label_id)
                return found
        found = pack.label(label_id)
        with self.lock:
            self.labels[label_id] = found
            while len(self.labels) > MAX_LABELS:
                old, _ = self.labels.popitem(last=False)
                self.review_conditions.pop(old, None)
        return found

    def get(self, key: Key) -> str | None:
        with self.lock:
            found = self.answers.get(key)
            if found is not None:
                self.answers.move_to_end(key)
            return found

    def put(self, key: Key, value: str) -> None:
        weight = 2 * len(value)
        if weight > MAX_BYTES // 8:
            return
        with self.lock:
            if key in self.answers:
                return
            self.answers[key] = value
            self.size += weight
            while self.size > MAX_BYTES:
                _, old = self.answers.popitem(last=False)
                self.size -= 2 * len(old)


_stores: WeakKeyDictionary[Pack, _Store] = WeakKeyDictionary()
_stores_lock = threading.Lock()


def _store(pack: Pack) -> _Store:
    with _stores_lock:
        found = _stores.get(pack)
        if found is None:
            found = _stores[pack] = _Store()
        return found


def _key(query: Query, label: Label, region: str, review_conditions: Callable[[], set[str]]) -> Key | None:
    """What a "what is it used for" answer of this question depends on, or None when it is composed every
    time (see the module docstring)."""
    if (query.intent != Intent.uses or query.label is None or query.unsure or query.emergencies
            or query.other_label is not None or not label.indications or not label.indications.uses):
        return None
    condition = condition_focus(query.text, label.indications.uses, query.matched)
    reviewed = None if condition else asked_review_condition(query.text, review_conditions())
    return (label.id, region, condition, reviewed, query.population)


def cached_uses(query: Query, label_id: int, pack: Pack, region: str, compose: Callable[[Label], Answer],
                review_conditions: Callable[[Label, Pack], set[str]]) -> Answer:
    """compose(the label), or the answer composed for an earlier question that asked the same (see the module
    docstring), with this question's text and name."""
    store = _store(pack)
    label = store.label(pack, label_id)

    def conditions() -> set[str]:
        if label.id not in store.review_conditions:
            store.review_conditions[label.id] = review_conditions(label, pack)
        return store.review_conditions[label.id]

    key = _key(query, label, region, conditions)
    if key is None:
        return compose(pack.label(label_id))
    found = store.get(key)
    if found is None:
        answer = compose(pack.label(label_id))
        store.put(key, answer.model_dump_json())
        return answer
    answer = Answer.model_validate_json(found)
    answer.question = query.text
    answer.drug = drug_ref(label, query)
    return answer


def clear(pack: Pack) -> None:
    """Forget the answers kept for a pack (tests and benchmarks that time composing)."""
    with _stores_lock:
        _stores.pop(pack, None)


def kept(pack: Pack) -> list[Key]:
    """The keys of the answers kept for a pack, least recently used first."""
    with _stores_lock:
        found = _stores.get(pack)
    return list(found.answers) if found else []
