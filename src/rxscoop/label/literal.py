"""A literal found in a text as a pattern built around it would find it, with str.find: a build asks this of
hundreds of different names and conditions, and each pattern built for one was a compile of its own (the re module
keeps 512 compiled patterns; these flushed the ones written in the code out of it too)."""

from __future__ import annotations

import re

_WORDISH = re.compile(r"[\w-]", re.I)
# Characters that ignoring case matches to an ASCII letter though their lower() is not that letter, and "İ", whose
# lower() is two characters: where a text holds none, text.lower() finds what ignoring case finds, at the same place.
_FOLDS_APART = re.compile("[\u0130\u0131\u017f\u212a]")


def folds_apart(text: str) -> bool:
    """The text holds a character that ignoring case matches to an ASCII letter in another way than lower()."""
    return _FOLDS_APART.search(text) is not None


def whole_words(name: str, text: str) -> tuple[int, str] | None:
    """Where `re.search(rf"(?<![\\w-]){re.escape(name)}(?![\\w-])", text, re.I)` matches, and what, found with
    str.find in the lowered text."""
    if not name or not name.isascii() or _FOLDS_APART.search(text):
        found = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I)
        return (found.start(), found.group(0)) if found else None
    lowered, key = text.lower(), name.lower()
    at = lowered.find(key)
    while at >= 0:
        end = at + len(key)
        if not (at and _WORDISH.match(text, at - 1)) and not _WORDISH.match(text, end):
            return at, text[at:end]
        at = lowered.find(key, at + 1)
    return None


_WORD_CHAR = re.compile(r"\w")


def word_at(key: str, text: str) -> int | None:
    """Where `re.search(rf"\\b{re.escape(key)}\\b", text)` matches, found with str.find (no pattern compiled
    for each key): \\b holds at a place where one side is a word character and the other is not."""
    if not key:
        found = re.search(rf"\b{re.escape(key)}\b", text)
        return found.start() if found else None

    def word(at: int) -> bool:
        return 0 <= at < len(text) and _WORD_CHAR.match(text, at) is not None

    at = text.find(key)
    while at >= 0:
        end = at + len(key)
        if word(at - 1) != word(at) and word(end - 1) != word(end):
            return at
        at = text.find(key, at + 1)
    return None
