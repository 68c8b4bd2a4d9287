"""Curated general knowledge: word lists and tables, read from this package's files once each.

A list file (.txt) holds one entry a line; lines that start with "#" are its header, which says what the list
is, why it exists and its source. Lists that readers match inside text are regular expressions, one entry a
line (most are plain words; "\\w*" stands for any ending of a word); code builds the whole pattern (word
boundaries, flags, the grammar around the words) from them."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


def read(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of a one-entry-a-line file, in file order (header and blank lines left out)."""
    return tuple(line.strip() for line in read(name).splitlines() if line.strip() and not line.startswith("#"))


@cache
def word_set(name: str) -> frozenset[str]:
    """The entries of a word list, for membership tests."""
    return frozenset(entries(name))


@cache
def alternation(name: str) -> str:
    """The entries of a pattern list as one alternation, in file order: "a|b|c" (no group, no boundaries:
    the code that uses it adds them)."""
    return "|".join(entries(name))


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a CSV table, each a dict by column name."""
    return tuple(csv.DictReader(read(name).splitlines()))
