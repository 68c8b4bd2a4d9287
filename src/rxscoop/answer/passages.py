"""Label passages: the sentences of some sections that match a pattern, or best match a question's words
(full-text search), each quoted and cited."""

from __future__ import annotations

import re

from rxscoop.answer.citations import cite
from rxscoop.answer.model import Statement
from rxscoop.label.dosing import window
from rxscoop.label.model import Label
from rxscoop.label.sections import section_title
from rxscoop.label.text import clean, sentences
from rxscoop.pack.query import Pack
from rxscoop.question.resolve import question_words

MAX_QUOTES = 4


def passages(label: Label, pack: Pack, sections: tuple[str, ...], pattern: str | None,
             limit: int = MAX_QUOTES, prefer: str | None = None) -> list[Statement]:
    """Sentences from these sections (those matching `pattern`, if given), each quoted and cited. With
    `prefer`, sentences that also match it come first (e.g. the other drug's name in an interaction)."""
    found: list[tuple[int, Statement]] = []
    regex = re.compile(pattern, re.I) if pattern else None
    first = re.compile(prefer, re.I) if prefer else None
    for name in sections:
        text = pack.section(label.id, name)
        if not text:
            continue
        body = clean(text, re.escape(section_title(name)) + r"|[\w ]{0,40}")
        for sentence in sentences(body):
            hit = regex.search(sentence) if regex else None
            if len(sentence) < 25 or (regex and not hit) or _table_row(sentence):
                continue
            quote = window(sentence, hit) if hit else sentence[:400]
            if quote != sentence:
                quote = quote.rsplit(" ", 1)[0] + " …"
            rank = 0 if first and first.search(sentence) else 1
            found.append((rank, Statement(text=f"The label says: “{quote}”",
                                          citations=[cite(label, name, quote)])))
    found.sort(key=lambda x: x[0])
    unique: list[Statement] = []
    for _, statement in found:
        if all(statement.text != s.text for s in unique):
            unique.append(statement)
    return unique[:limit]


def _table_row(sentence: str) -> bool:
    """Flattened table cells ("133 (14.2) 115 (12.3) Headache 73 (7.8) …") read as noise, not a sentence."""
    return len(re.findall(r"\d+(?:\.\d+)?", sentence)) > max(6, len(sentence.split()) // 3)


def search_words(text: str, drug_words: str | None) -> list[str]:
    skip = question_words()
    words = re.findall(r"[a-z0-9]+", text.lower())
    drug = set(re.findall(r"[a-z0-9]+", (drug_words or "").lower()))
    return [w for w in words if w not in skip and w not in drug and len(w) > 2]


def best_passages(label: Label, pack: Pack, question: str, drug_words: str | None) -> list[Statement]:
    """The label passages that best match the question's words (full-text search)."""
    out = []
    for _, section, snippet in pack.search(label.id, search_words(question, drug_words)):
        out.append(Statement(text=f"From the label's {section_title(section)} section: “{snippet.strip()}”",
                             citations=[cite(label, section, snippet.strip())]))
    return out
