"""Indications written as numbered categories of run-together conditions, the style of older
corticosteroid labels:

    "… indicated in the following conditions: 1. Endocrine Disorders Primary or secondary adrenocortical
    insufficiency (…) Congenital adrenal hyperplasia … 2. Rheumatic Disorders As adjunctive therapy for
    short-term administration (…) in: Psoriatic arthritis Rheumatoid arthritis …"

Each condition becomes one use; its category is the use's heading, and a lead-in such as "As adjunctive
therapy … in:" is kept as context (cited with the use, read for its role)."""

from __future__ import annotations

import re

from rxscoop.data import alternation
from rxscoop.label.facts import population_of, prerequisites_of, role_of, severity_of, without_severity
from rxscoop.label.model import Use

# "2. Endocrine Disorders": a number (not after a digit, "." or a word), ". ", a capital. Written to start with the
# digit, the lookbehind after it the one before it: re then skips to each digit instead of trying every position.
_NUMBER = re.compile(r"(\d(?<![\w.]\d)\d?)\.\s+(?=[A-Z])")
# The nouns category headings end with ("Endocrine Disorders", "Allergic States", "Nervous System"):
# data/category_heading_nouns.txt.
_HEADING = re.compile(rf"^((?:[A-Z][a-z]+\s+){{0,3}}?(?:{alternation('category_heading_nouns.txt')}))\b\s*")
# Where a condition's own words end and its qualifier begins ("… tuberculosis when used concurrently …").
_QUALIFIER = re.compile(
    r"\s+(?:when|who|to tide|not manageable|unresponsive|intractable|as an adjunct)\b|,\s*including\b")


def category_uses(text: str) -> list[Use]:
    """The uses of a numbered-category indications section, or [] when the text is not in that style."""
    blocks = _blocks(text)
    if len(blocks) < 2:
        return []
    uses: list[Use] = []
    for heading, body in blocks:
        intro, items = _intro_and_items(body)
        for item in items:
            uses.append(_use(heading, intro, item))
    return uses


def _blocks(text: str) -> list[tuple[str, str]]:
    """[(category heading, its text)] for categories numbered 1, 2, 3… in order."""
    marks = []
    expected = 1
    for match in _NUMBER.finditer(text):
        if int(match.group(1)) == expected:
            marks.append(match)
            expected += 1
    blocks = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        chunk = re.sub(r"\s+\d{1,2}\.?$", "", text[mark.end():end].strip())  # "… dermatitis 5." (cut off)
        heading = _HEADING.match(chunk)
        if not heading:
            if chunk:
                return []  # a numbered list of something else: not this style
            continue  # a truncated excerpt ends in a bare number
        blocks.append((heading.group(1).strip(), chunk[heading.end():].strip()))
    return blocks


def _intro_and_items(body: str) -> tuple[str | None, list[str]]:
    """ "As adjunctive therapy … in: Psoriatic arthritis Rheumatoid arthritis …" → (lead-in, items)."""
    intro = None
    colon = _top_level(body).find(":")
    if 0 <= colon < 300:
        intro, body = body[:colon].strip(), body[colon + 1:].strip()
    return intro, [item for item in split_items(body) if len(item) > 3]


def _top_level(text: str) -> str:
    """The text with parenthesised parts blanked out, same length, so positions still line up."""
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            out.append(")" if depth == 0 else " ")  # the closing parenthesis stays: an item may end there
            continue
        out.append(ch if depth == 0 else " ")
    return "".join(out)


def split_items(text: str) -> list[str]:
    """Run-together conditions: a new one starts with a capitalised word after a lower-case word or a
    closing parenthesis, outside parentheses ("… hyperplasia Hypercalcemia associated with cancer …")."""
    flat = _top_level(text)
    starts = [0] + [m.start() + 1 for m in re.finditer(r"(?<=[a-z)])\s(?=[A-Z][a-z])", flat)]
    return [text[a:b].strip(" ,;.") for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _use(heading: str, intro: str | None, item: str) -> Use:
    condition = re.sub(r"\s*\([^)]*\)", "", item).strip()
    condition = _QUALIFIER.split(condition)[0].strip(" ,;")
    condition = without_severity(condition) or condition  # "Severe psoriasis": the severity is kept apart
    whole = f"{intro} {item}" if intro else item
    return Use(
        condition=condition,
        severity=severity_of(item),
        population=population_of(item),
        prerequisites=prerequisites_of(item),
        role=role_of(whole),
        heading=heading,
        sentence=item,
        also=[intro] if intro else [],
    )
