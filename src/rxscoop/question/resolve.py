"""Find the drug a question names: exact names first, then close spellings (RapidFuzz)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal
from weakref import WeakKeyDictionary

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from rxscoop.label.names import bare_name, normalize_name
from rxscoop.pack import INDICATIONS_RANK
from rxscoop.pack.query import Alias, Pack

MAX_SPAN = 5  # words in the longest drug name we look for


@cache
def question_words() -> frozenset[str]:
    text = resources.files("rxscoop.data").joinpath("question_words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@cache
def sound_alikes() -> dict[str, str]:
    """First letter → the first letters a misspelling may start with instead (data/sound_alike_letters.csv)."""
    text = resources.files("rxscoop.data").joinpath("sound_alike_letters.csv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for row in csv.DictReader(text.splitlines()):
        letters = row["letters"].split()
        for letter in letters:
            out[letter] = "".join(letters)
    return out


@dataclass
class Resolution:
    status: Literal["found", "ambiguous", "not_found"]
    label: int | None = None
    matched: str | None = None  # the words of the question that named it
    name: str | None = None  # the pack's name it matched
    exact: bool = True
    suggestions: list[str] = field(default_factory=list)


def _spans(tokens: list[str]) -> list[tuple[int, int]]:
    """All word spans, longest first, that are not made only of question words."""
    skip = question_words()
    spans = [
        (i, j)
        for size in range(min(MAX_SPAN, len(tokens)), 0, -1)
        for i in range(len(tokens) - size + 1)
        for j in (i + size,)
        if not all(t in skip for t in tokens[i:j])
    ]
    return spans


def _pick(matches: list[Alias], pack: Pack) -> tuple[int | None, list[str]]:
    """Choose among labels sharing a name. Direct names (brand/generic) beat derived aliases; labels
    that are really different products (different names behind the alias) need the user to choose."""
    # Labels with something to say (an indications section) come before ones that only name the drug.
    # A variant ("Coreg CR" for "coreg") is another product of the medicine, with its own doses: only
    # when no product has the name itself, however much more the variant's label has to say.
    matches = [m for m in matches if m.kind != "variant"] or matches
    best = max(m.richness for m in matches) // INDICATIONS_RANK
    top = [m for m in matches if m.richness // INDICATIONS_RANK == best]
    direct = [m for m in top if m.kind not in ("alias", "variant")]
    pool = direct or top
    distinct = {normalize_name(bare_name(m.display)) for m in pool}
    if len(distinct) == 1 or direct:
        # An alias is the same medicine under its salt or form ("sertraline" for "Sertraline Hydrochloride"): when
        # its label is the fuller one (whole sections, not excerpts), it answers.
        same = [m for m in top if m.kind == "alias" and m.richness > pool[0].richness]
        return (same[0] if direct and same else pool[0]).label, []
    titles: list[str] = []
    for m in pool:
        title = pack.label(m.label).title
        if title not in titles:
            titles.append(title)
    return None, titles


def _display(matches: list[Alias], label: int) -> str:
    """The pack's name for the label chosen (not for the richest label sharing the name)."""
    return next(m.display for m in matches if m.label == label)


CLOSE_KEPT = 16_384  # spans whose close names are kept per index (cleared when full)


@dataclass
class NameIndex:
    """Every name the pack knows, built once per open pack for resolving questions."""

    labels: dict[str, list[Alias]]  # normalized name → labels known by it, richest first
    names_of: dict[int, set[str]]  # label → its names
    # Names by (first character, length): a misspelling rarely changes the first letter and is about as
    # long as the name, so fuzzy matching compares a few thousand names, not every name in the pack.
    buckets: dict[tuple[str, int], list[str]]
    # Close names found per (span, alike): a pure function of the index, and question words recur ("what is",
    # "used for" are looked up in nearly every question). Bounded; a lost race only computes twice.
    close: dict[tuple[str, bool], list[tuple[str, float]]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, pack: Pack) -> NameIndex:
        index = _INDEXES.get(pack)
        if index is None:
            labels: dict[str, list[Alias]] = {}
            for alias in pack.aliases:
                if alias.kind != "rxcui":
                    labels.setdefault(alias.name, []).append(alias)
            names_of: dict[int, set[str]] = {}
            buckets: dict[tuple[str, int], list[str]] = {}
            for name, group in labels.items():
                group.sort(key=lambda a: -a.richness)
                for alias in group:
                    names_of.setdefault(alias.label, set()).add(name)
                buckets.setdefault((name[0], len(name)), []).append(name)
            index = _INDEXES[pack] = cls(labels, names_of, buckets)
        return index

    def candidates(self, span: str, alike: bool = False) -> list[str]:
        """Names about as long as the span that start with its first letter, or (alike) with another letter
        that can begin the same sound."""
        firsts = sound_alikes().get(span[0], span[0]).replace(span[0], "") if alike else span[0]
        return [n for first in firsts for size in range(len(span) - 3, len(span) + 4)
                for n in self.buckets.get((first, size), ())]


_INDEXES: WeakKeyDictionary[Pack, NameIndex] = WeakKeyDictionary()


def _richer_namesake(label: int, span: str, texts: list[str], names: NameIndex, pack: Pack) -> Resolution | None:
    index = names.labels
    for other in texts:
        if other != span and other in names.names_of.get(label, set()) and other in span:
            best, _ = _pick(index[other], pack)
            if best is not None and index[other][0].richness >= INDICATIONS_RANK:
                return Resolution("found", label=best, matched=other, name=_display(index[other], best))
    return None


def resolve_drug(text: str, pack: Pack) -> Resolution:
    tokens = normalize_name(text).split()
    if not tokens:
        return Resolution("not_found")
    names = NameIndex.of(pack)
    index = names.labels
    spans = _spans(tokens)
    texts = [" ".join(tokens[i:j]) for i, j in spans]
    for span in texts:
        if span in index:
            label, titles = _pick(index[span], pack)
            if label is None:
                return Resolution("ambiguous", matched=span, name=span, suggestions=titles[:8])
            if index[span][0].richness < INDICATIONS_RANK:
                # "metformin hydrochloride" may name only a label with nothing to say; the same label is
                # also "metformin", which a richer label of the same drug may answer.
                richer = _richer_namesake(label, span, texts, names, pack)
                if richer:
                    return richer
            return Resolution("found", label=label, matched=span, name=_display(index[span], label))

    # Same first letter first; a sound-alike first letter ("symbalta") only when that finds nothing.
    best = _close_names(tokens, spans, names, alike=False) or _close_names(tokens, spans, names, alike=True)
    if not best:
        return Resolution("not_found", suggestions=_nearest(tokens, names, pack))
    best.sort(key=lambda x: (-x[1], -len(x[2])))
    top_name, top_score, top_span = best[0]
    rivals = [n for n, s, _ in best if s >= top_score - 2 and n != top_name]
    rival_labels = {index[n][0].label for n in rivals} - {index[top_name][0].label}
    label, titles = _pick(index[top_name], pack)
    if rival_labels or label is None:
        seen: list[str] = []
        for name in [top_name, *rivals]:
            title = pack.label(index[name][0].label).title
            if title not in seen:
                seen.append(title)
        return Resolution("ambiguous", matched=top_span, suggestions=(titles or seen)[:8], exact=False)
    return Resolution("found", label=label, matched=top_span, name=_display(index[top_name], label), exact=False)


def _close_names(tokens: list[str], spans: list[tuple[int, int]], names: NameIndex,
                 alike: bool) -> list[tuple[str, float, str]]:
    """(pack name, score, span) for every span close enough to a name."""
    best: list[tuple[str, float, str]] = []
    for i, j in spans:
        span = " ".join(tokens[i:j])
        if len(span) < 4:
            continue
        found = names.close.get((span, alike))
        if found is None:
            found = _close_to(span, names, alike)
            if len(names.close) >= CLOSE_KEPT:
                names.close.clear()
            names.close[(span, alike)] = found
        best.extend((name, score, span) for name, score in found)
    return best


def _close_to(span: str, names: NameIndex, alike: bool) -> list[tuple[str, float]]:
    cutoff = 88 if len(span) <= 6 else 82
    # A short name is held to a high ratio, but one slip in it ("xanex", "humera") is still a typo.
    floor = 75 if len(span) >= 5 else cutoff
    return [(name, max(score, cutoff))
            for name, score, _ in process.extract(span, names.candidates(span, alike), scorer=fuzz.ratio, limit=5,
                                                  score_cutoff=floor)
            if score >= cutoff or OSA.distance(span, name) <= 1]


# Suggestions for a name the pack does not have are offered only when really close, by spelling or by sound:
# a wrong "closest" name (a chemotherapy drug for an antibiotic's brand) frightens more than no suggestion.
SUGGEST_RATIO = 75  # fuzz.ratio (0-100) of the word and the name: at most about one letter in four differs
SUGGEST_PREFIX = 4  # or the same first 4 letters ("dupi…"), a ratio of at least SUGGEST_PREFIX_RATIO, and
SUGGEST_PREFIX_RATIO = 60  # lengths within SUGGEST_LENGTH_GAP letters: the start of a name people remember
SUGGEST_LENGTH_GAP = 2
SOUND_RATIO = 85  # or their sound keys (sound_key, at least SOUND_KEY letters) this close, with a spelling
SOUND_KEY = 4  # ratio of at least SOUND_SPELLING: "cefalexin" sounds like "cephalexin"; a short key
SOUND_SPELLING = 65  # ("btn") matches too many unrelated names to suggest on sound alone


def sound_key(word: str) -> str:
    """A rough English sound key: letters that spell the same sound made one (ph/f, c/k/s, x/ks, z/s), vowels
    after the first letter dropped, doubled letters made single (after Russell's Soundex and Philips's
    Metaphone; Carney, A Survey of English Spelling, 1994)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if w.startswith("x"):
        w = "z" + w[1:]
    for a, b in (("ph", "f"), ("ck", "k"), ("qu", "kw"), ("th", "t"), ("gh", "g"), ("x", "ks"), ("y", "i")):
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k").replace("z", "s")
    if not w:
        return ""
    rest = re.sub(r"[aeiou]", "", w[1:])
    return re.sub(r"(.)\1+", r"\1", w[0] + rest)


def close_enough(word: str, name: str) -> bool:
    """Is a pack name close enough to an unknown word to suggest it (the floors above)?"""
    ratio = fuzz.ratio(word, name)
    if ratio >= SUGGEST_RATIO:
        return True
    prefix = len(word) >= SUGGEST_PREFIX and name.startswith(word[:SUGGEST_PREFIX])
    if prefix and ratio >= SUGGEST_PREFIX_RATIO and abs(len(word) - len(name)) <= SUGGEST_LENGTH_GAP:
        return True
    a, b = sound_key(word), sound_key(name)
    return len(a) >= SOUND_KEY and ratio >= SOUND_SPELLING and fuzz.ratio(a, b) >= SOUND_RATIO


def _nearest(tokens: list[str], names: NameIndex, pack: Pack) -> list[str]:
    """The closest names the pack has, to suggest when nothing matched well enough: only those within the
    floors of close_enough, so an unknown name gets no suggestion rather than a far one."""
    skip = question_words()
    words = [t for t in tokens if t not in skip and len(t) >= 4]
    scored: dict[str, float] = {}
    for word in words[:6]:
        pool = names.candidates(word) + names.candidates(word, alike=True)
        for name, score, _ in process.extract(word, pool, scorer=fuzz.ratio, limit=8,
                                              score_cutoff=SUGGEST_PREFIX_RATIO - 10):
            if close_enough(word, name):
                title = pack.label(names.labels[name][0].label).title
                scored[title] = max(scored.get(title, 0), score)
    return [t for t, _ in sorted(scored.items(), key=lambda x: -x[1])][:5]
