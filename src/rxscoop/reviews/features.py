"""What each review talks about - themes, side-effect words, the shape of the post - matched once when the
review is loaded into the pack, so a summary only counts, however many reviews a drug has."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

THEMES, EFFECTS, SHAPE = "theme", "effect", "shape"

_SHAPE = [
    ("their age or who they are (\"I'm 34\", \"my son\")",
     r"\b\d{2}\s*(?:years? old|yrs? old|yo|y/o)\b|\bi(?:'m| am) (?:a )?\d{2}\b|\bmy (?:son|daughter|"
     r"husband|wife|mom|mother|dad|father|child|kid)\b"),
    ("how long they have taken it",
     r"\b(?:for|been on (?:it |this )?(?:for )?|after|since)\s*(?:about |almost |over )?"
     r"(?:\d+|one|two|three|four|five|six|a few|a couple of)\s+(?:days?|weeks?|months?|years?)\b"),
    ("their dose", r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|ml|units?)\b"),
    ("before and after", r"\b(?:before|used to|prior to)\b.{0,200}\b(?:now|after|since)\b"),
]


def _csv(name: str) -> list[dict[str, str]]:
    text = resources.files("rxscoop.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


class Matcher:
    """A pattern made fast for lower-cased text. A leading word boundary and re.I stop the regex engine
    from skipping ahead to likely first characters, so the boundary is checked on each candidate instead
    (about 3× faster on review text); the result is the same as re.search(pattern, text, re.I)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.lead = pattern.startswith(r"\b(?:")
        self.regex = re.compile(pattern[2:].lower()) if self.lead else re.compile(pattern, re.I)

    def search(self, low: str) -> bool:
        if not self.lead:
            return self.regex.search(low) is not None
        return any(m.start() == 0 or not low[m.start() - 1].isalnum() for m in self.regex.finditer(low))


@cache
def families() -> dict[str, list[tuple[str, Matcher]]]:
    """theme / effect / shape → [(name, matcher)], from data/review_themes.csv and side_effect_words.csv."""
    return {
        THEMES: [(r["theme"], Matcher(r["pattern"])) for r in _csv("review_themes.csv")],
        EFFECTS: [(r["term"], Matcher(r"\b(?:" + r["words"] + r")\b")) for r in _csv("side_effect_words.csv")],
        SHAPE: [(name, Matcher(p)) for name, p in _SHAPE],
    }


@cache
def _effect_words() -> dict[str, list[str]]:
    return {r["term"]: [r["term"], *r["words"].split("|")] for r in _csv("side_effect_words.csv")}


def effect_pattern(term: str) -> str:
    """The regex a side-effect term is matched by (data/side_effect_words.csv)."""
    return next((m.pattern for name, m in families()[EFFECTS] if name == term), r"\b" + re.escape(term) + r"\b")


def effect_words(term: str) -> list[str]:
    """The lay words a side-effect term is matched by (for checking the label names it)."""
    return _effect_words().get(term, [term])


def is_condition(name: str, matcher: Matcher, condition: str) -> bool:
    """Is this side effect the review's own condition? ("depression" for "major depressive disorder")"""
    return bool(condition) and (matcher.search(condition) or name[:6] in condition)


def review_features(text: str, condition: str | None) -> list[str]:
    """["theme:it works", "effect:nausea", "shape:their dose", …] for one review. A side effect that is
    the review's own condition is left out."""
    low = text.lower()
    cond = (condition or "").lower()
    found = []
    for kind, family in families().items():
        for name, matcher in family:
            if matcher.search(low) and not (kind == EFFECTS and is_condition(name, matcher, cond)):
                found.append(f"{kind}:{name}")
    return found


@cache
def profanity() -> re.Pattern[str]:
    text = resources.files("rxscoop.data").joinpath("profanity.txt").read_text(encoding="utf-8")
    words = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.I)
