"""Patterns that re tries at fewer places. A case-insensitive pattern that opens with \\b and an alternation of
words ("\\b(?:once|twice|every …)") gets no start-up help from re: at each position of a text it tries every
branch. Led by a lookahead for the characters a match can start with, re skips to the next of those
characters (a class at the front is the one speed-up re applies under IGNORECASE), and each of the build's
section-wide patterns below runs in half the time. The matches are the same: a match must start with one of
those characters anyway, and a class ignores case exactly as a literal does for ASCII letters and digits (checked
against every code point in tests/test_label_reading.py)."""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# Characters a start class may hold: cased only as ASCII letters are (re.IGNORECASE folds a few other
# letters onto them, alike in a class and a literal), or not cased at all.
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -")
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT))


def _first_of_items(items: Any) -> tuple[set[str], bool] | None:
    """(the characters a match of this sequence can start with, whether it can match empty), or None when
    that is not simply known."""
    out: set[str] = set()
    for op, av in items:
        found = _first_of_item(op, av)
        if found is None:
            return None
        chars, empty = found
        out |= chars
        if not empty:
            return out, False
    return out, True


def _first_of_item(op: Any, av: Any) -> tuple[set[str], bool] | None:
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < 64:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None
        return chars, False
    if op is c.SUBPATTERN:
        _, add_flags, del_flags, items = av
        return None if add_flags or del_flags else _first_of_items(items)
    if op is c.BRANCH:
        chars = set()
        empty = False
        for items in av[1]:
            found = _first_of_items(items)
            if found is None:
                return None
            chars |= found[0]
            empty = empty or found[1]
        return chars, empty
    if op in _REPEATS:
        low, _, items = av
        found = _first_of_items(items)
        return None if found is None else (found[0], found[1] or low == 0)
    if op in _ZERO_WIDTH:
        return set(), True
    return None


def start_class(pattern: re.Pattern[str]) -> str | None:
    """The characters a match of the pattern must start with, as a class ("[aefo]"); None when they are not
    simply known, the pattern can match empty, or a character is one IGNORECASE might fold otherwise."""
    found = _first_of_items(_parser.parse(pattern.pattern, pattern.flags))
    if found is None or found[1] or not found[0] or not found[0] <= _PLAIN:
        return None
    return "[" + "".join(re.escape(ch) for ch in sorted(found[0])) + "]"


def quick_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern, led by a lookahead for the characters its matches start with (see the module)."""
    chars = None if pattern.pattern.startswith("(?=") else start_class(pattern)  # led by a lookahead already
    return pattern if chars is None else re.compile(f"(?={chars})(?:{pattern.pattern})", pattern.flags)
