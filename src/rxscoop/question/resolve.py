"""Find the drug a question names: exact names first, then close spellings (RapidFuzz)."""

from __future__ import annotations

import csv
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
        return pool[0].label, []
    titles: list[str] = []
    for m in pool:
        title = pack.label(m.label).title
        if title not in titles:
            titles.append(title)
    return None, titles


def _display(matches: list[Alias], label: int) -> str:
    """The pack's name for the label chosen (not for the richest label sharing the name)."""
    return next(m.display for m in matches if m.label == label)


@dataclass
class NameIndex:
    """Every name the pack knows, built once per open pack for resolving questions."""

    labels: dict[str, list[Alias]]  # normalized name → labels known by it, richest first
    names_of: dict[int, set[str]]  # label → its names
    # Names by (first character, length): a misspelling rarely changes the first letter and is about as
    # long as the name, so fuzzy matching compares a few thousand names, not every name in the pack.
    buckets: dict[tuple[str, int], list[str]]

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
        cutoff = 88 if len(span) <= 6 else 82
        # A short name is held to a high ratio, but one slip in it ("xanex", "humera") is still a typo.
        floor = 75 if len(span) >= 5 else cutoff
        for name, score, _ in process.extract(span, names.candidates(span, alike), scorer=fuzz.ratio, limit=5,
                                              score_cutoff=floor):
            if score >= cutoff or OSA.distance(span, name) <= 1:
                best.append((name, max(score, cutoff), span))
    return best


def _nearest(tokens: list[str], names: NameIndex, pack: Pack) -> list[str]:
    """The closest names the pack has, to suggest when nothing matched well enough."""
    skip = question_words()
    words = [t for t in tokens if t not in skip and len(t) >= 3]
    scored: dict[str, float] = {}
    for word in words[:6]:
        for name, score, _ in process.extract(word, names.candidates(word), scorer=fuzz.ratio, limit=3,
                                              score_cutoff=60):
            title = pack.label(names.labels[name][0].label).title
            scored[title] = max(scored.get(title, 0), score)
    return [t for t, _ in sorted(scored.items(), key=lambda x: -x[1])][:5]
