"""A "what is it used for" answer kept for one wording (answer/frames.py) is the answer another wording of the same
question gets when composed afresh, on every label with uses in the pack built from the shared data."""

from __future__ import annotations

from rxscoop import Pack
from rxscoop.answer import frames
from rxscoop.answer.dispatch import compose, kept_json
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
