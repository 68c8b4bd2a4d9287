"""Cautions: prescription status, boxed warning, who should not use it, common side effects, what to
raise with a doctor, and limits of use - each from the label section that says it."""

from __future__ import annotations

import re
from collections import Counter

from rxscoop.answer.citations import cite
from rxscoop.answer.model import Statement
from rxscoop.answer.plainwords import one_in
from rxscoop.answer.uses import limit_text
from rxscoop.label.model import Details, Label
from rxscoop.label.text import clean, sentences
from rxscoop.pack.query import Pack
from rxscoop.plain.lexicon import lexicon


def boxed_warning_topic(text: str) -> str | None:
    """ "WARNING: SERIOUS INFECTIONS and MALIGNANCY SERIOUS INFECTIONS Patients …" → "SERIOUS INFECTIONS and
    MALIGNANCY": the capitalised heading, up to where the first sub-heading repeats it."""
    match = re.match(r"^(?:boxed\s+)?WARNING\s*:?\s*", text, re.I)
    if not match:
        return None
    small = ("and", "or", "of", "with", "in")
    words: list[str] = []
    tokens = text[match.end():].split()
    for i, word in enumerate(tokens):
        bare = word.strip(",;:()")
        if bare.lower() in small or (bare.isupper() and bare.upper() != "WARNING"):
            if words and bare == words[0].strip(",;:()"):
                break  # the heading's first sub-heading begins: "… MALIGNANCY SERIOUS INFECTIONS"
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            if words and re.fullmatch(r"[a-z]{3,}[,.;:]?", following) and following.strip(",.;:") not in small:
                break  # "… (PML) JC virus infection …": a capitalised word that opens the first sentence
            words.append(word)
        else:
            break
    if not words:
        # An older label's heading in title case: "BOXED WARNING Suicidality and Antidepressant Drugs Antidepressants
        # increased …" — the run of capitalised words, less the last one, which opens the first sentence.
        for word in tokens:
            if not (word[:1].isupper() or word in small):
                break
            words.append(word)
        words = words[:-1] if len(words) < len(tokens) else words
        if len(words) > 8:
            return None
    while words and words[-1].strip(",;:").lower() in small:
        words.pop()
    topic = " ".join(words).strip(" ,;:")
    return topic if len(topic) >= 4 else None


def _boxed(label: Label, pack: Pack) -> Statement | None:
    text = pack.section(label.id, "boxed_warning")
    if not text:
        return None
    text = clean(text)
    topic = boxed_warning_topic(text)
    said = sentences(text)
    quote = (said[0] if said else text)[:400]
    if topic and topic.lower() not in quote.lower():
        quote = text[:len(topic) + 40]
    if topic:
        # Lower case but for the abbreviations in brackets: "progressive multifocal leukoencephalopathy (PML)".
        topic_text = re.sub(r"\([^)]*\)|[^(]+", lambda m: m.group(0) if m.group(0).startswith("(")
                            else m.group(0).lower(), topic)
        return Statement(text=f"The label has a boxed warning, the FDA's strongest kind, about "
                              f"{lexicon().simplify(topic_text)}.",
                         citations=[cite(label, "boxed_warning", quote)], terms=[topic])
    return Statement(text="The label has a boxed warning, the FDA's strongest kind. Read it with your doctor.",
                     citations=[cite(label, "boxed_warning", quote)])


def _contraindications(label: Label, details: Details) -> Statement | None:
    items = [f for f in details.contraindications if len(f.text) <= 160][:3]
    if not items:
        return None
    said = [lexicon().simplify(re.sub(r"^(?:have |has |with |patients with |in patients with )", "", f.text,
                                      flags=re.I)) for f in items]
    # Items inside one sentence: "Severe kidney problems" → "severe kidney problems" (not "MAOIs", "eGFR").
    said = [s[0].lower() + s[1:] if re.match(r"[A-Z][a-z]", s) else s for s in said]
    return Statement(text="Do not use it if any of these apply: " + "; ".join(said) + ".",
                     citations=[cite(label, "contraindications", f.quote) for f in items[:2]],
                     terms=[" ".join(items[0].text.split()[-2:])])


def _side_effects(label: Label, details: Details) -> Statement | None:
    found = details.side_effects
    if not found:
        return None
    if len(found) == 1:
        one = found[0]
        how_many = f" (in at least {one_in(one.threshold)} people in studies)" if one.threshold else ""
        names = [lexicon().simplify(r) for r in one.reactions[:8]]
        return Statement(text=f"Most common side effects{how_many}: {'; '.join(names)}.",
                         citations=[cite(label, "adverse_reactions", one.quote)], terms=one.reactions[:8])
    counts = Counter(r.lower() for s in found for r in s.reactions)
    top = [r for r, _ in counts.most_common(5)]
    names = [f"{lexicon().simplify(r)} ({counts[r]} of {len(found)} uses)" for r in top]
    sources = [s for s in found if any(r in (x.lower() for x in s.reactions) for r in top)]
    return Statement(text=f"Side effects seen most often in studies: {'; '.join(names)}. Each use above lists its own.",
                     citations=[cite(label, "adverse_reactions", s.quote) for s in sources[:3]],
                     terms=[next(x for x in found[0].reactions if x.lower() in top)] if top else [])


def _warnings(label: Label, details: Details) -> Statement | None:
    topics = details.warnings[:8]
    if not topics:
        return None
    said = [lexicon().simplify(t.text.lower()) for t in topics]
    unique = list(dict.fromkeys(said))
    return Statement(text="Talk to your doctor about: " + "; ".join(unique) + ".",
                     citations=[cite(label, topics[0].section, " … ".join(t.quote for t in topics)[:600])],
                     terms=[topics[0].text])


def _pregnancy(label: Label, pack: Pack) -> Statement | None:
    for section in ("pregnancy", "use_in_specific_populations", "pregnancy_or_breast_feeding"):
        text = pack.section(label.id, section)
        if text and re.search(r"pregnan", text, re.I):
            said = next((s for s in sentences(clean(text)) if re.search(r"pregnan", s, re.I)), clean(text))
            at = max(0, said.lower().find("pregnan") - 150)
            quote = said[at:at + 400]
            return Statement(text="If you are pregnant, planning a pregnancy or breastfeeding, ask your doctor first: "
                                  "the label has advice on this.",
                             citations=[cite(label, section, quote)], terms=["pregnan"])
    return None


def cautions(label: Label, details: Details, pack: Pack) -> list[Statement]:
    out: list[Statement] = []
    if details.prescription:
        fact = details.prescription
        text = ("You need a prescription for it." if fact.text == "prescription"
                else "You can buy it without a prescription.")
        out.append(Statement(text=text, citations=[cite(label, fact.section, fact.quote)]))
    # The boxed warning first, then the label's warning topics, then who must not use it, then the common
    # side effects: the order of seriousness the label itself uses.
    for statement in (_boxed(label, pack), _warnings(label, details), _contraindications(label, details),
                      _side_effects(label, details), _pregnancy(label, pack)):
        if statement:
            out.append(statement)
    if label.indications:
        for limit in label.indications.limitations:
            out.append(Statement(text=limit_text(limit), citations=[cite(label, "indications_and_usage", limit)]))
    return out
