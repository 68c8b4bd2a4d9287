"""What is treated in patients who have another condition, named with both ("dementia in idiopathic Parkinson's
disease" from "… treatment of … dementia in patients with idiopathic Parkinson's disease"), and a condition found
again in the label's own words (the reader's readings drop severity words and bracketed abbreviations)."""

from __future__ import annotations

import re
from functools import lru_cache

from rxscoop.label.eu_match import us_spelling
from rxscoop.label.literal import folds_apart
from rxscoop.label.shape import MAX_CONDITION_WORDS, condition_heads, condition_problem
from rxscoop.label.vocab import is_vocabulary_name, vocabulary_name_in
from rxscoop.plain.lexicon import lexicon


def in_label_words(condition: str, text: str) -> str:
    """The condition as the label writes it: read from text without its severity words and bracketed
    abbreviations, it is found again in the label's own words, which are what is kept."""
    if condition.lower() in text.lower():
        return condition
    tokens = condition.split()
    if not tokens:
        return condition
    if condition.isascii() and "\x00" not in condition and not folds_apart(text):
        # The words given ahead of the text, matched back by reference: one compiled pattern per number of words
        # serves every condition (a pattern per condition cost ~1.5 ms to compile, 2 % of a build). A reference
        # ignores case as the literal does for ASCII words in a text without the letters that fold apart.
        said = _words_pattern(len(tokens)).match(" ".join(tokens) + "\x00" + text)
        return said.group("said") if said else condition
    pattern = _label_words_pattern(condition)
    found = pattern.search(text) if pattern else None
    return found.group(0) if found else condition


# Between two of the condition's words in the label's: a bracketed aside, commas, severity words ("moderate to
# severe"); after the last, a bracketed aside ("(CKD)").
_GAP = r"(?:\s*\([^()]{1,40}\))?[\s,]+(?:(?:mild|moderate|severe|moderately|severely|active|to|or|-)[\s,]+)*"
_ASIDE = r"(?:\s*\([^()]{1,40}\))?"


@lru_cache(maxsize=2048)  # labels of one medicine repeat their conditions; each pattern costs ~3 ms to compile
def _label_words_pattern(condition: str) -> re.Pattern[str] | None:
    tokens = [re.escape(t) for t in condition.split()]
    if not tokens:
        return None
    return re.compile(_GAP.join(tokens) + _ASIDE, re.I)


@lru_cache(maxsize=64)
def _words_pattern(count: int) -> re.Pattern[str]:
    """_label_words_pattern of any `count` words, matched against "word word …\\x00text": the words are read from
    ahead of the text and the earliest place in the text is searched for with a lazy run (as search does)."""
    words = " ".join(rf"(?P<w{i}>[^\s\x00]+)" for i in range(count))
    said = _GAP.join(f"(?P=w{i})" for i in range(count))
    return re.compile(rf"{words}\x00.*?(?P<said>{said}{_ASIDE})", re.I | re.S)


# What ties a condition to the patients' other condition: "complex perianal fistulas in adult patients with …
# Crohn's disease", "chronic kidney disease associated with type 2 diabetes".
_IN_PATIENTS_WITH = re.compile(r"(?:\s+without(?:\s+[\w-]+){1,3}?(?=\s+in\s))?"
                               r"\s*(?:,\s*)?in\s+(?:adult\s+|pediatric\s+|paediatric\s+)?"
                               r"(?:patients|adults|children|adolescents|infants)\b"
                               r"(?:(?!\b(?:who|whose|that|which|not|combination|together|alone|either)\b)[^.;:()]){0,80}?"
                               r"\bwith\s+", re.I)
# Where the name of the patients' condition ends: "… with idiopathic Parkinson's disease." (not "with tumour cell …").
_NAME_ENDS = re.compile(r"\s*(?:[,.;:()]|$|(?:and|or|who|whose|that|which|in|after|following|receiving|on)\b)")


def in_patients_with(phrase: re.Match[str], flat: str) -> str | None:
    """The condition of the patients the "treatment of …" phrase names ("treatment of complex perianal fistulas in
    adult patients with … Crohn's disease", "… dementia in patients with idiopathic Parkinson's disease"), when the
    text says so: the lexicon's name, else the words up to a condition noun."""
    link = _IN_PATIENTS_WITH.match(flat, phrase.end(1))
    if not link:
        return None
    rest = flat[link.end():]
    found = lexicon().find_conditions(rest)
    if found:
        return found[0].group(0)
    head = condition_heads().search(rest[:120])
    named = rest[: head.end()].strip() if head and _NAME_ENDS.match(rest, head.end()) else ""
    if not named:  # a name the condition vocabulary knows: "… with hemophilia A"
        known = vocabulary_name_in(us_spelling(rest[:80]))  # (the vocabulary is in US spelling)
        named = " ".join(rest.split()[: len(known.split())]) if known and us_spelling(rest).lower().startswith(
            known.lower()) else ""
    if not named:  # a one-word name the vocabulary knows: "… with phenylketonuria (PKU) who …"
        end = _NAME_ENDS.search(rest)
        run = rest[: end.start()].strip() if end else ""
        named = run if 0 < len(run.split()) <= 3 and is_vocabulary_name(us_spelling(run)) else ""
    named = re.split(r"[:;,.()]", named)[0].strip()  # ("haemophilia A:with …": a list's lead-in glued on)
    if _CRITERIA.match(named):
        return None  # "… with radiographic evidence of bone disease": which patients, not their condition
    return named if named and len(named.split()) <= 6 and not condition_problem(named) else None


_CRITERIA = re.compile(r"(?:[\w-]+\s+)?(?:evidence|signs?|history|documented|confirmed)\b", re.I)


def in_other(treated: str, other: str, text: str) -> str | None:
    """"X in Y" for a condition X treated in patients with condition Y, unless Y only repeats X's words
    ("HIV-1 infection in HIV-1 infection", "bladder pain syndrome … in pain", "dyslipidaemia in combined mixed
    dyslipidaemia") or the whole is too long."""
    words, others = (re.findall(r"[a-z0-9]+", x.lower()) for x in (treated, other))
    if not words or words[-1] in others or set(others) <= set(words):
        return None
    both = f"{treated} in {in_label_words(other, text)}"  # each part in the label's own words
    return both if len(both.split()) <= MAX_CONDITION_WORDS else None
