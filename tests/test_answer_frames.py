"""A "what is it used for" answer kept for one wording (answer/frames.py) is the answer another wording of the same
question gets when composed afresh, on every label with uses in the pack built from the shared data."""

from __future__ import annotations

import threading
import time

from rxscoop import Pack
from rxscoop.answer import frames
from rxscoop.answer.compose import review_conditions
from rxscoop.answer.dispatch import _compose_label, compose, kept_json
from rxscoop.question.parse import understand
from rxscoop.render import Format, render

WORDINGS = (("what is {} used for", "{}: what is it for?"),
            ("what is {} used for in children", "can kids take {}"),
            ("{} for {}", "is {} approved for {}"))


def test_a_kept_answer_is_the_fresh_answer_of_another_wording(pack: Pack) -> None:
    checked = shared = texts = 0
    for label_id in pack.label_ids_with_uses():
        label = pack.label(label_id)
        assert label.indications is not None
        condition = label.indications.uses[0].condition if label.indications.uses else "asthma"
        for first, second in WORDINGS:
            a, b = (understand(w.format(label.title, condition), pack) for w in (first, second))
            frames.clear(pack)
            fresh = compose(b, pack)
            frames.clear(pack)
            compose(a, pack)
            kept = len(frames.kept(pack))
            rendered = kept_json(b, pack)  # what the web serves without composing or rendering
            served = compose(b, pack)
            assert served.model_dump() == fresh.model_dump(), (a.text, b.text)
            checked += 1
            shared += kept == 1 and len(frames.kept(pack)) == 1  # b was served a's answer
            if rendered is not None:
                assert rendered == (fresh.status, render(fresh, Format.json).encode()), (a.text, b.text)
                texts += 1
    frames.clear(pack)
    assert checked >= 3 * 50 and shared >= checked // 2 and texts >= checked // 2, (checked, shared, texts)


def test_wordings_asked_while_their_answer_is_composed_wait_for_it(pack: Pack) -> None:
    """Threads asking the same question in other words while it is being composed compose it once, and each
    gets the answer its own wording gets composed afresh."""
    label_id = pack.label_ids_with_uses()[0]
    title = pack.label(label_id).title
    queries = [understand(w.format(title), pack) for w in ("what is {} used for", "{}: what is it for?",
                                                           "what's {} for", "what does {} treat")]
    frames.clear(pack)
    fresh = [compose(q, pack).model_dump() for q in queries]
    frames.clear(pack)
    composed: list[int] = []
    started = threading.Event()

    def slow_compose(query):  # type: ignore[no-untyped-def]
        def run(label):  # type: ignore[no-untyped-def]
            composed.append(label.id)
            started.set()
            time.sleep(0.2)  # long enough for every other wording to arrive while this one composes
            return _compose_label(query, label, pack, "both", [])
        return run

    answers: dict[int, dict[str, object]] = {}

    def ask(n: int) -> None:
        query = queries[n]
        answers[n] = frames.cached_uses(query, label_id, pack, "both", slow_compose(query),
                                        review_conditions).model_dump()

    first = threading.Thread(target=ask, args=(0,))
    first.start()
    started.wait(10)
    others = [threading.Thread(target=ask, args=(n,)) for n in range(1, len(queries))]
    for t in others:
        t.start()
    for t in [first, *others]:
        t.join(30)
    frames.clear(pack)
    assert composed == [label_id]
    assert [answers[n] for n in range(len(queries))] == fresh
