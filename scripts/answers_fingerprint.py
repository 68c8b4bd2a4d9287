"""Every label's answers, rendered, to show a speed change leaves answers unchanged.

    scripts/answers_fingerprint.py --pack PATH                    # one hash of every answer
    scripts/answers_fingerprint.py --pack PATH --per-answer > a.tsv   # one line an answer, to diff two runs
    scripts/answers_fingerprint.py --pack PATH --dump DIR         # every answer's Markdown and JSON, to diff
    scripts/answers_fingerprint.py --pack PATH --fresh            # without kept answers or build-time quotes

Per label with uses, six questions: "what is X used for", the same for its first use ("X for <condition>")
and for children, and its side effects, dosage and how it works; each asked twice (the second answer, from
warm caches, must equal the first) and rendered as Markdown and JSON. Labels without uses get the
side-effects question (answered from their own sections or another label of the same medicine).

--fresh composes every answer from scratch and finds every quote in the section text at ask time (no kept
answers, answer/frames.py; no passages found at build, pack/quotes.py): the same hash shows those
shortcuts change no answer.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

from rxscoop.api import Format, Pack, ask, render


def questions(pack: Pack) -> Iterator[str]:
    with_uses = set(pack.label_ids_with_uses())
    for label_id in range(1, pack.label_count() + 1):
        try:
            label = pack.label(label_id)
        except KeyError:
            continue
        name = label.title
        if label_id in with_uses and label.indications and label.indications.uses:
            first = label.indications.uses[0].condition
            yield from (f"what is {name} used for", f"{name} for {first}", f"can children take {name}",
                        f"{name} side effects", f"how much {name} should i take", f"how does {name} work")
        elif label_id % 7 == 0:  # a sample of the labels without uses
            yield f"{name} side effects"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, required=True)
    parser.add_argument("--per-answer", action="store_true", help="print one hash an answer (question, hash)")
    parser.add_argument("--dump", type=Path, help="write every answer's Markdown and JSON into this folder")
    parser.add_argument("--fresh", action="store_true", help="no kept answers, no build-time quote passages")
    args = parser.parse_args()
    if args.fresh:
        from rxscoop.answer import dispatch

        def compose_afresh(query, label_id, pack, region, compose, review_conditions):  # type: ignore[no-untyped-def]
            return compose(pack.label(label_id))

        dispatch.cached_uses = compose_afresh  # type: ignore[assignment]
        Pack.quote_passages = lambda self, label_id: {}  # type: ignore[method-assign]
    digest = hashlib.sha256()
    count = 0
    with Pack(args.pack) as pack:
        for n, question in enumerate(questions(pack)):
            first = ask(question, pack)
            again = ask(question, pack)
            text = render(first, Format.markdown) + "\n" + render(first, Format.json)
            if render(again, Format.json) != render(first, Format.json):
                print(f"warm answer differs from the first: {question!r}", file=sys.stderr)
                return 1
            digest.update(f"{question}\n{text}\n".encode())
            count += 1
            if args.per_answer:
                print(question, hashlib.sha256(text.encode()).hexdigest()[:16], sep="\t")
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                (args.dump / f"{n:05d}.txt").write_text(f"{question}\n{text}\n")
    if not args.per_answer:
        print(f"{digest.hexdigest()}  ({count:,} answers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
