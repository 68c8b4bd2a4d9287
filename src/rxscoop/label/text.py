"""Clean and split label section text (openFDA flattens sections to one line of words)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from rapidfuzz import fuzz

from rxscoop.caches import bytes_lru
from rxscoop.label.literal import word_at

# Longest section text that is parsed or searched for facts (real sections stay far below; a hostile or
# broken record cannot make a build or an answer slow), and the longest stored.
MAX_PARSE_CHARS = 200_000
MAX_STORED_CHARS = 2_000_000
# Trademark marks dropped and curly single quotes made straight: str.replace, only for the characters a
# text holds, is many times faster than a regex (or str.translate) over a whole section.
_MARKS_AND_QUOTES = (("\u00ae", ""), ("\u2122", ""), ("\u2120", ""), ("\u2019", "'"), ("\u2018", "'"))
# A lone capital letter split off its word, as some openFDA text has it: "J uvenile Idiopathic". Written to start
# with the capital, not \b: re then skips to each capital instead of trying every position of a section (2.3×
# faster); the lookbehind after it is the \b before it (nothing of a word before the capital).
_SPLIT_WORD = re.compile(r"([A-Z])(?<!\w[A-Z]) ([a-z]{3,})\b")


# Markup is never label wording: entities are decoded once, then HTML tags, style and script blocks and CSS
# url(…) are dropped, so "&lt;style&gt;…url(x)…" in a field cannot become a use or a fact.
_TAGS = ("a|b|i|u|p|br|hr|div|span|img|iframe|style|script|table|tr|td|th|tbody|thead|sup|sub|ul|ol|li|em|strong|"
         "font|h[1-6]|link|meta|object|embed|svg|math|form|input|button|textarea|select|option|body|html|head|"
         "title|base|frame|frameset|col|colgroup|caption|center|blockquote|pre|code|section|article|video|audio|"
         "source|canvas|noscript|template|marquee|xml|content|paragraph|list|item|linkhtml|renderMultiMedia")
_MARKUP = re.compile(rf"<(style|script)\b[^>]{{0,2000}}>.{{0,100000}}?</\1\s*>|</?(?:{_TAGS})\b[^<>]{{0,2000}}>"
                     r"|\burl\([^)]{0,2000}\)", re.IGNORECASE | re.DOTALL)
# The same without its url( branch, for a text that holds no "url(": every branch then starts with "<", and re
# skips to each "<" instead of trying three branches at every position (10× faster on the sections with a "<").
_TAGS_ONLY = re.compile(_MARKUP.pattern.rsplit("|", 1)[0], re.IGNORECASE | re.DOTALL)
# "url(" in any case: the test `"url(" in text.lower()` without lowering a whole section (no other character
# lower-cases to these letters, or matches them ignoring case).
_URL = re.compile(r"[uU][rR][lL]\(")


def strip_markup(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    if ("l(" in text or "L(" in text) and _URL.search(text):  # str's search for its end first: 4× faster
        return _MARKUP.sub(" ", text)
    return _TAGS_ONLY.sub(" ", text) if "<" in text else text


def normalize(text: str) -> str:
    """Unicode-normalize, drop markup and trademark marks, collapse white space."""
    text = unicodedata.normalize("NFKC", strip_markup(text))
    for old, new in _MARKS_AND_QUOTES:
        if old in text:
            text = text.replace(old, new)
    # str.split() and the regex \s agree on what white space is (both use str.isspace), so this is the same
    # as collapsing runs of \s to one space and stripping, at a fraction of the cost.
    return " ".join(text.split())


def mend_split_words(text: str) -> str:
    """Join "J uvenile" to "Juvenile" only where the joined word occurs elsewhere in the same text,
    so a real one-letter word ("A patient") is never glued to the next."""
    lowered = ""  # the text in lower case, made at the first split word (two sections in three have none)

    def join(match: re.Match[str]) -> str:
        nonlocal lowered
        word = match.group(1) + match.group(2)
        lowered = lowered or text.lower()
        if word.lower() not in lowered:  # not even a substring: the quick common answer
            return match.group(0)
        # A word of letters is one of the text's \w+ runs exactly when "\bword\b" is in it (found with str.find:
        # not all the text's words gathered).
        return word if word_at(word.lower(), lowered) is not None else match.group(0)

    return _SPLIT_WORD.sub(join, text)


def strip_heading(text: str, words: str) -> str:
    """Remove a leading section heading such as "1 INDICATIONS AND USAGE" or "INDICATIONS & USAGE"."""
    pattern = re.compile(rf"^\s*(?:\d+\.?\s+)?(?:{words})\s*:?\s*", re.IGNORECASE)  # grouped: only at the start
    return pattern.sub("", text, count=1)


@lru_cache(maxsize=64)  # a section is cleaned by several readers (dosing, routes, cautions): once is enough
def clean(text: str, heading: str | None = None) -> str:
    text = mend_split_words(normalize(text))
    if heading:
        text = strip_heading(text, heading)
    return text


# Sentence ends: a period (or ?!) then space and a capital, a bullet, or a digit; not after common
# abbreviations or single initials.
_SENTENCE_END = re.compile(r"[.?!](?=\s+[\"'(\[]?[A-Z0-9•])")
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|approx|Dr|No|U\.S|spp|sp|Fig|mL|min)|\b[A-Z])\.$")


def sentences(text: str) -> list[str]:
    """Split text into sentences, conservatively (label text is full of abbreviations)."""
    return list(_sentences(text))  # a copy: the caller's to change


# Readers of one label split the same text again (dosing's for its devices, setting and course; an outline's blocks
# for each use's schedule): a third of the splits. (About 4 bytes a character of text and its sentences.)
@bytes_lru(4 * 1024 * 1024, lambda text, said: 4 * len(text) + 64 * len(said) + 200)
def _sentences(text: str) -> tuple[str, ...]:
    return tuple(sentence for _, sentence in sentence_spans(text))


def sentence_spans(text: str) -> Iterator[tuple[int, str]]:
    """The sentences of `sentences`, one at a time, each with where the stretch of text it was stripped from starts
    (the end of the sentence before)."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        # An abbreviation ends at the period and is at most 8 characters long, so only the last few
        # characters need looking at (searching the whole sentence so far made long texts quadratic). \b at
        # the window's start sees the real character before it, as it would in the whole slice.
        if _ABBREV.search(text, max(start, end - 12), end):
            continue
        piece = text[start:end].strip()
        if piece:
            yield start, piece
        start = end
    tail = text[start:].strip()
    if tail:
        yield start, tail


def add_unique(items: list[str], *new: str) -> list[str]:
    """Append each new text unless one already there says the same (highlights repeat the full text in
    fewer words: "Not for the relief of acute bronchospasm" beside "X is not indicated for the relief …")."""
    for text in new:
        if text and not any(fuzz.token_set_ratio(text, old) >= 90 for old in items):
            items.append(text)
    return items


def split_outside_brackets(text: str, separator: str) -> list[str]:
    r"""The text cut at each match of `separator` (a pattern: ",", r"\s+and\s+") that stands outside brackets,
    parts stripped, empty ones left out: "A (x, y), B" at "," → ["A (x, y)", "B"]."""
    parts, depth, start = [], 0, 0
    for found in re.finditer(rf"[()]|{separator}", text):
        if found.group(0) in ("(", ")"):
            depth += 1 if found.group(0) == "(" else -1
        elif depth == 0:
            parts.append(text[start:found.start()].strip())
            start = found.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]
