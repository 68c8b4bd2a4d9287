"""Finished "what is it used for" answers kept per open pack, keyed by what they depend on, not by wording.

Such an answer depends on the question only through the label it names, the condition and population it
asks about, the condition patients' reviews are read for, and the region; its question text and the name as
typed (Answer.question, Answer.drug) are set again on every ask. So "what is dupixent used for" and
"dupixent: what's it for?" compose once. Anything else a question may carry (a second drug, an emergency,
an unsure reading) is composed every time. The pack never changes while it is open, so nothing goes stale;
each pack's store is bounded in bytes (least recently used dropped first).

An answer is kept as its rendered JSON (`render`'s, indented) with two slots, the question and the name as
typed (the `matched` and `exact` of its drug): another wording fills them in and is served without parsing
or rendering the answer again (`kept_json`), or parses the filled text back into an Answer (`cached_uses`).
"""

from __future__ import annotations

import re
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from pydantic_core import to_json

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
WAIT_SECONDS = 30.0  # the longest another wording waits for an answer being composed, before composing it too

Key = tuple[int, str, str | None, str | None, str | None]

# Stand-ins for what differs between wordings, written where they go and replaced on every ask: random, so no
# label text holds them, and each must be found exactly once in the rendered answer (else it is not kept).
_QUESTION = f"rxscoop-question-{uuid.uuid4().hex}"
_MATCHED = f"rxscoop-matched-{uuid.uuid4().hex}"
_EXACT = re.compile(rf'"{_MATCHED}"(,\s*"exact": )true')


@dataclass(frozen=True)
class Kept:
    """A rendered answer (render's JSON) with its question, and its drug's `matched` and `exact`, left out."""

    status: str
    # In UTF-8, as sent: filling the slots joins bytes, with nothing to encode again.
    before: bytes  # up to the question's value
    middle: bytes  # from after the question to the drug's `matched` value
    between: bytes  # from after `matched` to the value of `exact`
    after: bytes  # the rest

    @classmethod
    def of(cls, answer: Answer, label: Label, query: Query) -> Kept | None:
        stand_in = query.model_copy(update={"matched": _MATCHED, "exact": True})
        text = answer.model_copy(update={"question": _QUESTION, "drug": drug_ref(label, stand_in)}) \
            .model_dump_json(indent=2)  # exactly as render() writes an answer's JSON
        question = to_json(_QUESTION).decode()
        exact = list(_EXACT.finditer(text))
        if text.count(question) != 1 or text.count(_MATCHED) != 1 or len(exact) != 1:
            return None
        before, rest = text.split(question)
        middle, rest = rest[: rest.index(exact[0].group(0))], rest[rest.index(exact[0].group(0)):]
        after = rest[len(exact[0].group(0)):]
        return cls(answer.status, *(part.encode() for part in (before, middle, exact[0].group(1), after)))

    def json(self, question: str, matched: str | None, exact: bool) -> bytes:
        """The rendered answer (UTF-8) of a question with this text, and this name as typed."""
        # to_json writes a str (or None) exactly as the answer's own serialisation does.
        return b"".join((self.before, to_json(question), self.middle, to_json(matched), self.between,
                         b"true" if exact else b"false", self.after))

    def weight(self) -> int:
        return len(self.before) + len(self.middle) + len(self.after)


def asked_review_condition(text: str, conditions: set[str]) -> str | None:
    """A condition the question names among those a drug's reviews are about ("zoloft for anxiety")."""
    asked = f" {normalize_name(text)} "
    named = [c for c in conditions if f" {normalize_name(c)} " in asked]
    return max(named, key=len) if named else None


class _Store:
    def __init__(self) -> None:
        self.answers: OrderedDict[Key, Kept] = OrderedDict()
        self.size = 0
        self.review_conditions: dict[int, set[str]] = {}
        # Labels as read for keys and names only: an answer is composed from a label read afresh.
        self.labels: OrderedDict[int, Label] = OrderedDict()
        self.lock = threading.Lock()
        # Answers being composed now: another wording of the same question waits for it rather than composing too.
        self.composing: dict[Key, threading.Event] = {}

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

    def get(self, key: Key) -> Kept | None:
        with self.lock:
            found = self.answers.get(key)
            if found is not None:
                self.answers.move_to_end(key)
            return found

    def put(self, key: Key, value: Kept) -> None:
        weight = value.weight()
        if weight > MAX_BYTES // 8:
            return
        with self.lock:
            if key in self.answers:
                return
            self.answers[key] = value
            self.size += weight
            while self.size > MAX_BYTES:
                _, old = self.answers.popitem(last=False)
                self.size -= old.weight()


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


def _found(query: Query, label_id: int, pack: Pack, region: str,
           review_conditions: Callable[[Label, Pack], set[str]]) -> tuple[_Store, Label, Key | None]:
    store = _store(pack)
    label = store.label(pack, label_id)

    def conditions() -> set[str]:
        if label.id not in store.review_conditions:
            store.review_conditions[label.id] = review_conditions(label, pack)
        return store.review_conditions[label.id]

    return store, label, _key(query, label, region, conditions)


def cached_uses(query: Query, label_id: int, pack: Pack, region: str, compose: Callable[[Label], Answer],
                review_conditions: Callable[[Label, Pack], set[str]]) -> Answer:
    """compose(the label), or the answer composed for an earlier question that asked the same (see the module
    docstring), with this question's text and name."""
    store, label, key = _found(query, label_id, pack, region, review_conditions)
    if key is None:
        return compose(pack.label(label_id))
    found = store.get(key)
    if found is None:
        with store.lock:
            composing = store.composing.get(key)
            if composing is None:
                store.composing[key] = threading.Event()
        if composing is not None:  # another thread composes this answer now: wait for it, then fill it in
            composing.wait(WAIT_SECONDS)
            found = store.get(key)
            return (Answer.model_validate_json(found.json(query.text, query.matched, query.exact)) if found
                    else compose(pack.label(label_id)))  # it could not be kept (or took too long)
        try:
            answer = compose(pack.label(label_id))
            kept = Kept.of(answer, label, query)
            if kept is not None:
                store.put(key, kept)
            return answer
        finally:
            with store.lock:
                store.composing.pop(key).set()
    return Answer.model_validate_json(found.json(query.text, query.matched, query.exact))


def kept_json(query: Query, label_id: int, pack: Pack, region: str,
              review_conditions: Callable[[Label, Pack], set[str]]) -> tuple[str, bytes] | None:
    """(status, render's JSON in UTF-8) of the answer cached_uses would give, when it is kept; None when it would be
    composed."""
    store, _, key = _found(query, label_id, pack, region, review_conditions)
    found = store.get(key) if key is not None else None
    return None if found is None else (found.status, found.json(query.text, query.matched, query.exact))


def clear(pack: Pack) -> None:
    """Forget the answers kept for a pack (tests and benchmarks that time composing)."""
    with _stores_lock:
        _stores.pop(pack, None)


def kept(pack: Pack) -> list[Key]:
    """The keys of the answers kept for a pack, least recently used first."""
    with _stores_lock:
        found = _stores.get(pack)
    return list(found.answers) if found else []
