"""Layout before facts: a section's flattened text → an Outline of blocks.

openFDA flattens each section's structured text into one string: the Highlights summary may run before
the full section, numbered subsections ("2.1 Recommended Dosage") follow each other without a break, list
items keep their markers ("•", "o", "∘", "●", "–", "1)") or lose them, tables run into the prose ("Table 1:
Recommended Dosage Indication Dose Frequency Atopic Dermatitis 300 mg …"), and "Limitations of Use" blocks
sit between uses. Readers of facts take sentences from the outline's prose and list items; table text is
kept apart, so it is never quoted as prose."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from rxscoop.caches import bytes_lru
from rxscoop.label.starts import quick_start
from rxscoop.label.text import sentence_spans, sentences

BlockKind = Literal["heading", "item", "prose", "table", "limitation"]

# "2.1 Recommended Dosage": a subsection number (not after a digit, ".", "(" or a word), then a capital. Written to
# start with a digit, so that re skips to each digit instead of trying every position of a section (3× faster):
# the lookbehind after the first digit is the one before it.
_SUBSECTION = re.compile(r"(\d(?<![\w.(]\d)\d?\.\d{1,2})\s+(?=[A-Z])")
_TABLE_START = re.compile(r"t(?<!\wt)able\s+\d+[A-Za-z]?\s*[:.]?", re.I)  # "Table 2:", \b as in _SUBSECTION
_MARKER = re.compile(r"\s(?:[•●▪◦∘]|o(?=\s+[A-Za-z])|–(?=\s)|\d\)(?=\s)|[a-z]\)(?=\s))\s+")
_LIMITATION = re.compile(r"\bLimitations?\s?s?\s+of\s+Use\b", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|should|may|must|can|will|take|give|administer|apply|"
                     r"inject|use|do|does|occurred|reduce|increase)\b", re.I)
_PROSE_START = re.compile(r"(?<=\s)[A-Z][a-z]+(?: [a-z][a-z-]*){4,}[^.]*\.")
_NUMBERISH = re.compile(r"^(?:\d+(?:\.\d+)?%?|[<>≤≥±×]|N=\d+|n=\d+|\(?\d+(?:\.\d+)?%?\)?|[-–,;/])$")


@dataclass
class Block:
    kind: BlockKind
    text: str
    number: str | None = None  # the subsection a block belongs to ("2.1"), when the text numbers them


@dataclass
class Outline:
    blocks: list[Block] = field(default_factory=list)

    def readable(self) -> list[Block]:
        """Prose and list items: what facts may be read and quoted from."""
        return [b for b in self.blocks if b.kind in ("prose", "item")]

    def sentences(self) -> list[str]:
        return [s for b in self.readable() for s in sentences(b.text)]

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]


def _is_prose_sentence(text: str) -> bool:
    """A sentence a person wrote, not a row of cells: a finite verb, mostly words, ends like a sentence."""
    tokens = text.split()
    if len(tokens) < 5 or not _FINITE.search(text):
        return False
    numeric = sum(1 for t in tokens if _NUMBERISH.match(t))
    return numeric / len(tokens) < 0.3 and text.rstrip().endswith((".", ":", ")"))


def _split_tables(text: str, number: str | None) -> list[Block]:
    """Prose with tables run into it: a table runs from "Table N" to the next sentence that reads as prose."""
    out: list[Block] = []
    pos = 0
    single_spaced: bool | None = None  # found out at the first table
    for match in _TABLE_START.finditer(text):
        if match.start() < pos:
            continue
        before = text[pos:match.start()].strip()
        if before:
            out.append(Block("prose", before, number))
        consumed = text[match.start():]
        # The sentences from the table on, taken one at a time up to the first that reads as prose: splitting all the
        # rest of the section at each table made a section with many tables quadratic.
        spans = sentence_spans(consumed)
        table = [next(spans)[1]]
        prose, prose_at = "", len(consumed)
        for at, sentence in spans:
            # A row may read as a sentence; one that opens with a number is still a row ("2 Loading doses 2 doses of
            # 200 mg … have been taken." in a table of missed doses).
            if _is_prose_sentence(sentence) and not sentence[:1].isdigit():
                prose, prose_at = sentence, at
                break
            table.append(sentence)
        if single_spaced is None:  # all white space single " " (any other is not printable)
            single_spaced = "  " not in text and text.isprintable()
        # The sentences after the table, joined by spaces: where all white space is single spaces, the text after it
        # (a sentence ends at its stop, and one space stands before the next).
        after = (consumed[prose_at:].strip() if single_spaced else " ".join([prose, *(s for _, s in spans)])) \
            if prose else ""
        # The last cells may run straight into a sentence ("… 51% 15% The safety profile was similar …").
        resumed = [m for m in _PROSE_START.finditer(table[-1]) if m.start() > 0 and _is_prose_sentence(m.group(0))]
        if resumed:
            cut = table[-1][resumed[0].start():]
            after = f"{cut} {after}" if after else cut
            table[-1] = table[-1][: resumed[0].start()].strip()
        out.append(Block("table", " ".join(table), number))
        pos = len(text) - len(consumed) + (consumed.find(after) if after and consumed.find(after) >= 0
                                             else len(consumed))
    rest_text = text[pos:].strip()
    if rest_text:
        out.append(Block("prose", rest_text, number))
    return out


def _split_items(block: Block) -> list[Block]:
    parts = _MARKER.split(f" {block.text}")
    if len(parts) == 1:
        return [block]
    out = [Block("prose", parts[0].strip(), block.number)] if parts[0].strip() else []
    out.extend(Block("item", p.strip(), block.number) for p in parts[1:] if p.strip())
    return out


_SPACED_NUMBER = re.compile(r"(\d(?<![\w.]\d)\d?)\. (\d)(?: (\d))? (?=[A-Z])")  # starts with a digit: as _SUBSECTION


# Small words a heading may hold ("Never Share an OZEMPIC Pen Between Patients", "Use in Patients on Dialysis").
_SMALL = r"of|and|or|the|in|with|for|to|a|an|on|at|by|from|between|without|during|after|before|into|vs"


_HEADING_WORDS = re.compile(rf"\s+((?:[A-Z][\w'/-]*|(?:{_SMALL})\b|\([^)]*\))"
                            rf"(?:\s+(?:[A-Z][\w'/-]*|(?:{_SMALL})\b|\([^)]*\)))*)")


def _heading_words(piece: str, number: str) -> re.Match[str] | None:
    # The number is literal text at the start: matched apart, so one pattern serves every number (a pattern
    # compiled per subsection number was 3 % of a build).
    return _HEADING_WORDS.match(piece, len(number)) if piece.startswith(number) else None


_CONNECTORS = set(_SMALL.split("|"))


def _heading_end(piece: str, heading: re.Match[str]) -> tuple[list[str], int]:
    """The heading's words and where its body starts. Title-case words run on into the first sentence
    ("Tumor Lysis Syndrome Patients with rapidly …", "Falls Antipsychotics, including …"): when lower-case
    words or a comma follow, the last capitalised word (and any connector after it) starts the sentence;
    a heading repeated at the start of its body ("NMS … NMS, a potentially fatal …") ends at the repeat."""
    words = heading.group(1).split()
    starts = [m.start() for m in re.finditer(r"\S+", heading.group(1))]
    keep = len(words)
    if keep > 1 and re.match(r"\s*(?:[a-z]|,)", piece[heading.end():]):
        # Connectors in lower case trail the heading; a capitalised one ("… Renal Impairment The frequency …")
        # is the word that opens the sentence.
        while keep > 1 and words[keep - 1] in _CONNECTORS:
            keep -= 1
        if keep > 1:
            keep -= 1
    for at in range(2, keep - 1):  # a repeated opening: "Neuroleptic Malignant Syndrome (NMS) Neuroleptic …"
        if words[at:at + 2] == words[:2]:
            keep = at
            break
    while keep > 1 and words[keep - 1].lower() in _CONNECTORS:
        keep -= 1
    if keep > 2 and words[keep - 1] == words[keep - 2]:
        keep -= 1  # "… Young Adult Patients Patients with MDD, …": the second opens the sentence
    end = heading.start(1) + (starts[keep] if keep < len(words) else len(heading.group(1)))
    return words[:keep], end


@bytes_lru(16 * 1024 * 1024, lambda text, _: 12 * len(text))  # one section is outlined for its schedules,
# its routes and per use: once is enough (an outline holds about 12 bytes per character of its text)
def outline(text: str) -> Outline:
    """The outline of one section's cleaned text (shared: callers read it, never change it)."""
    # "2. 4 Recommended Dosage", "2. 1 1 Dosage Modifications": subsection numbers split by flattening.
    text = _SPACED_NUMBER.sub(lambda m: f"{m.group(1)}.{m.group(2)}{m.group(3) or ''} ", text)
    found: list[re.Match[str]] = []
    last = (0, 0)
    for match in _SUBSECTION.finditer(text):
        key = tuple(int(x) for x in match.group(1).split("."))
        if key > last:  # numbered subsections come in order; "2.5 mg" is not one
            found.append(match)
            last = key  # type: ignore[assignment]
    pieces: list[tuple[str | None, str]] = [(None, text[: found[0].start()] if found else text)]
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        pieces.append((match.group(1), text[match.start():end]))
    blocks: list[Block] = []
    for number, piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if number:
            heading = _heading_words(piece, number)
            if heading:
                words, end = _heading_end(piece, heading)
                blocks.append(Block("heading", " ".join(words), number))
                piece = piece[end:].strip()
        for block in _split_tables(piece, number):
            if block.kind == "table":
                blocks.append(block)
                continue
            for item in _split_items(block):
                if _LIMITATION.match(item.text):
                    item.kind = "limitation"
                blocks.append(item)
    return Outline(blocks)


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_LIMITATION = quick_start(_LIMITATION)
_FINITE = quick_start(_FINITE)
