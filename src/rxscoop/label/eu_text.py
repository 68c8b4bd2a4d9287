"""Un-flatten the EMA list's indication text (section 4.1 of the EU product information) into the shape the
US indications reader reads: one numbered block per condition heading, list items marked, no empty list
debris, no cross-references, each part once.

The EMA list flattens section 4.1: headings run straight into the next sentence ("Atopic dermatitisAdults
and adolescentsDupixent is indicated for…"), sentences into the next heading ("…treatment.Asthma"), list
items lose their breaks or keep a tab or "- ", empty list items leave ", , " behind, and parts may repeat.
The block numbers are the reader's scaffolding only; the EU reader drops them from the uses it returns.
The text a use quotes is this un-flattened text: the EPAR's words, with headings set apart, a population
subheading or lead-in put before the sentence it governs ("Adults: …"), and two EU idioms written as the
reader reads them ("age ≥ 75 years" among risk factors, "HIV-1 infected adults"); the citation links the EPAR."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rxscoop.label.facts import population_of
from rxscoop.label.text import normalize, sentences

# "(see section 4.2)", "(see sections 4.4 and 5.1)": cross-references say nothing about the use itself.
_CROSS_REF = re.compile(r"\s*\((?:see|refer to)\s+sections?\s+\d+(?:\.\d+)*(?:\s*(?:,|and|or)\s*\d+(?:\.\d+)*)*\)",
                        re.I)
_SEE_SENTENCE = re.compile(r"(?:^|(?<=[.:]))\s*See sections?\s+\d+(?:\.\d+)*(?:\s*(?:,|and|or)\s*\d+(?:\.\d+)*)*"
                           r"[^.]{0,80}\.", re.I)
_EMPTY_ITEMS = re.compile(r"\s*,(?:\s*,)+\s*")
_DASH_ITEM = re.compile(r"(?:(?<=[:;,.])|(?<=^))\s*[-–]\s+(?=[A-Za-z(])")
_SENTENCE_GLUE = re.compile(r"(?<=[A-Za-z0-9)%\]])([.:;])(?=[A-Z][a-z])")
# A word glued to the capitalised word that starts the next part: "dermatitisAdults", "(CRSwNP)Dupixent".
_WORD_GLUE = re.compile(r"(?<![A-Za-z])([A-Z]?[a-z]{2,}|[A-Za-z0-9'’ -]*\))([A-Z][a-z]{2,}[A-Za-z]*)")
_COLON_GLUE = re.compile(r"(?<=[a-z]):(?=[a-z])")
_PAREN_GLUE = re.compile(r"(?<=[a-z])\((?=[A-Z])")
# "aged ≥ 6 months to < 18 years": the range as the reader knows it ("6 months to 18 years").
_BOUNDED_RANGE = re.compile(r"≥\s*(\d+(?:\.\d+)?)\s*(months?|years?)?\s*to\s*<\s*(\d+)\s*(months?|years?)")
# "with one or more risk factors, such as …; age ≥ 75 years; hypertension": an age among risk factors says who
# is at risk, not who the use is for; written out so it is not read as the use's minimum age.
_RISK_AGE = re.compile(r"\bage\s*≥\s*(\d+)\s*(years?)?")
# "HIV-1 infected adults", "(HIV-1) infected adults": the EU idiom names the infection through the people who
# have it; the reader reads "HIV-1 infection in adults".
_INFECTED = re.compile(r"(\)|\b[A-Z][A-Za-z]*(?:-\d)?)[- ]infected\s+(?=(?:adult|adolescent|child|paediatric|pediatric|"
                       r"patient|infant|people|wom[ae]n|m[ae]n)s?\b|children\b)")
_INDICATED = re.compile(r"\bindicated\b", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|be|been|has|have|should|may|must|can|will|indicated)\b", re.I)
BREAK = "\n"


@cache
def population_words() -> frozenset[str]:
    """Words of population subheadings (data/eu_population_headings.txt)."""
    text = resources.files("rxscoop.data").joinpath("eu_population_headings.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _unglue(text: str, protected: frozenset[str]) -> str:
    """Break glued parts apart, keeping names that are written with an inner capital ("MabThera")."""

    def split(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        whole = match.group(0)
        if left.endswith(")"):
            return f"{left}{BREAK}{right}"
        if whole.lower() in protected or any(p.startswith(whole.lower()) for p in protected if len(p) > len(whole)):
            return whole
        # A capitalised word glued to another is a heading only when both look like words, not name parts
        # ("PegIntron", "ReFacto"): at least five letters before and four after.
        if left[0].isupper() and (len(left) < 5 or len(right) < 4):
            return whole
        return f"{left}{BREAK}{right}"

    return _WORD_GLUE.sub(split, text)


def clean_text(text: str, protected: frozenset[str] = frozenset()) -> str:
    """The indication text with its flattening undone as far as it can be; parts separated by BREAK."""
    text = text.replace("\t", f" {BREAK}• ")
    text = _EMPTY_ITEMS.sub(" ", text)
    text = _CROSS_REF.sub("", text)
    text = _SEE_SENTENCE.sub(BREAK, text)
    text = _COLON_GLUE.sub(": ", text)
    text = _PAREN_GLUE.sub(" (", text)
    text = _BOUNDED_RANGE.sub(lambda m: f"{m.group(1)} {m.group(2) or m.group(4)} to {m.group(3)} {m.group(4)}", text)
    text = _INFECTED.sub(lambda m: f"{m.group(1)} infection in ", text)
    text = _SENTENCE_GLUE.sub(lambda m: f"{m.group(1)}{BREAK}", text)
    text = _unglue(text, protected)
    text = _DASH_ITEM.sub(f" {BREAK}• ", text)
    lines = [normalize(line).strip(" ,") for line in text.split(BREAK)]
    return BREAK.join(line for line in lines if line)


@cache
def not_use_phrases() -> tuple[str, ...]:
    """Phrases of sentences that are never a use (data/eu_not_uses.txt)."""
    text = resources.files("rxscoop.data").joinpath("eu_not_uses.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def use_starters() -> re.Pattern[str]:
    """A sentence that opens with a use word (data/eu_use_starters.txt)."""
    text = resources.files("rxscoop.data").joinpath("eu_use_starters.txt").read_text(encoding="utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return re.compile(rf"^(?:{'|'.join(map(re.escape, words))})\b")


def _drop_not_uses(part: str) -> str:
    kept = [s for s in sentences(part) if not any(p in s.lower() for p in not_use_phrases())]
    kept = [_RISK_AGE.sub(lambda m: f"age of {m.group(1)} years or more", s) if "risk factor" in s.lower() else s
            for s in kept]
    return " ".join(kept)


@dataclass
class Block:
    """The sentences under one condition heading (None: before any heading)."""

    heading: str | None
    parts: list[str] = field(default_factory=list)


def _is_heading(part: str) -> bool:
    words = part.split()
    return (0 < len(words) <= 12 and not _FINITE.search(part) and not part.endswith((".", ":", ";"))
            and part[:1].isupper() and not part.startswith("•"))


def is_population_heading(part: str) -> bool:
    words = re.findall(r"[a-z]+", part.lower())
    return bool(words) and all(w in population_words() for w in words)


def blocks(text: str, protected: frozenset[str] = frozenset()) -> list[Block]:
    """Blocks of sentences by condition heading; a population subheading is kept with its sentence
    ("Children 6 to 11 years of age: Dupixent is indicated …") so who it is for is not lost."""
    out: list[Block] = [Block(None)]
    population: str | None = None
    for part in clean_text(text, protected).split(BREAK):
        if _is_heading(part) and not part.startswith("•"):
            if is_population_heading(part):
                population = part
            else:
                out.append(Block(part))
                population = None
            continue
        part = _drop_not_uses(part)
        if not part:
            continue
        if population and not part.startswith("•") and not population_of(part).stated:
            part = f"{population}: {part}"  # the sentence does not say who: its subheading does
        population = None if not part.startswith("•") else population
        out[-1].parts.append(part)
    return [b for b in out if b.parts]


def _key(part: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", part.lower()).strip()


def deduplicated(found: list[Block]) -> list[Block]:
    """Each part once: a repeated heading's block is merged into its first, and a sentence that also stands
    under a heading is dropped where it has none."""
    under_heading = {_key(p) for b in found if b.heading for p in b.parts}
    merged: dict[str, Block] = {}
    out: list[Block] = []
    for block in found:
        if block.heading is None:
            block.parts = [p for p in block.parts if _key(p) not in under_heading]
            if block.parts:
                out.append(block)
            continue
        key = _key(block.heading)
        if key in merged:
            target = merged[key]
            target.parts.extend(p for p in block.parts if _key(p) not in {_key(q) for q in target.parts})
            continue
        merged[key] = block
        out.append(block)
    for block in out:
        block.parts = list(dict.fromkeys(block.parts))
    return out


def _uses_of(block: Block) -> list[list[str]]:
    """A block's parts cut where each "… is indicated …" sentence starts: one use statement each, with the
    sentences after it that add to it (a lead-in ending in ":" keeps its list items)."""
    out: list[list[str]] = []
    for part in block.parts:
        for sentence in [part] if part.startswith("•") else sentences(part):
            starts = _INDICATED.search(sentence) or use_starters().match(sentence)
            if (starts and not sentence.startswith("•")) or not out:
                out.append([sentence])
            else:
                out[-1].append(sentence)
    return out


_PEOPLE = re.compile(r"\b(?:adults?|adolescents?|children|child|paediatric|pediatric|infants?|neonates?)\b", re.I)


def _lead_population(lead: str) -> str | None:
    """Who a lead-in names ("X is indicated in adults for the following indications:" → "Adults")."""
    runs = re.findall(r"(?:\b[\w≥<>-]+\b\s*)+", lead)
    for run in runs:
        words = run.split()
        kept: list[str] = []
        for word in words:
            if word.lower() in population_words() or word.isdigit():
                kept.append(word)
            elif kept and _PEOPLE.search(" ".join(kept)):
                break
            else:
                kept = []
        phrase = " ".join(kept).strip()
        while phrase.split() and phrase.split()[0].lower() in {"and", "or", "to", "of", "the", "at", "from"}:
            phrase = " ".join(phrase.split()[1:])
        while phrase.split() and phrase.split()[-1].lower() in {"and", "or", "to", "of", "the", "at", "from"}:
            phrase = " ".join(phrase.split()[:-1])
        if _PEOPLE.search(phrase):
            return phrase[:1].upper() + phrase[1:]
    return None


def numbered(text: str, protected: frozenset[str] = frozenset()) -> tuple[str, dict[str, tuple[str, str]]]:
    """Text for the indications reader: one "1.N Heading statement" block per use statement (the heading when
    its block states one use; several statements under one heading are read each on its own), and who each
    block is for when the words that say it stand apart from its sentence: {"1.N": (who, the words)}. A text
    with one statement and no heading is left as it is.

    Who stands apart (a lead-in "X is indicated in adults for the following indications:", or a population
    subheading under a condition heading) is kept out of the block's text: the reader would take it for part of
    the heading ("Chronic lymphocytic leukaemia (CLL) Adults")."""
    found = deduplicated(blocks(text, protected))
    statements = [(b.heading, s) for b in found for s in _uses_of(b)]
    if len(statements) <= 1 and not any(b.heading for b in found):
        return " ".join(p for b in found for p in b.parts), {}
    counts = {b.heading: len(_uses_of(b)) for b in found}
    # A lead-in that names who ("X is indicated in adults for the following indications:") applies to the
    # statements that name nobody.
    lead = statements[0][1][0] if statements and statements[0][0] is None else ""
    who = _lead_population(lead) if lead.endswith(":") and len(statements[0][1]) == 1 else None
    if who:
        statements = statements[1:]
    out: list[str] = []
    whos: dict[str, tuple[str, str]] = {}
    for i, (heading, parts) in enumerate(statements, 1):
        number, shown = f"1.{i}", heading if heading and counts[heading] == 1 else None
        first, sep, rest = parts[0].partition(": ")
        if shown and sep and is_population_heading(first):  # "Adults: …" after a heading: who stands apart
            whos[number] = (first, first)
            parts = [rest, *parts[1:]]
        elif who and not population_of(" ".join(parts)).stated:
            whos[number] = (who, lead)
        out.append(f"{number} {shown + ' ' if shown else ''}{' '.join(parts)}")
    return " ".join(out), whos


def unflatten(text: str, protected: frozenset[str] = frozenset()) -> str:
    """The text the indications reader reads (see `numbered`)."""
    return numbered(text, protected)[0]
