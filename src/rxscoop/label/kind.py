"""What kind of substance a medicine is, when its own label says so: "… is a human monoclonal antibody" in
the first sentences of the Description section. Only the label's words count; a name that merely ends in
"-mab" proves nothing the label does not say."""

from __future__ import annotations

import re

from rxscoop.label.model import Fact
from rxscoop.label.starts import quick_start
from rxscoop.label.text import clean, sentences
from rxscoop.plain.classes import is_class

_BIOLOGIC = re.compile(
    r"\b(?:(?:humanized|human|chimeric|recombinant|fully human|bispecific)\s+)*(?:IgG\s?\d\w*\s+)?"
    r"(?:monoclonal antibody|antibody-drug conjugate|fusion protein|bispecific (?:T-cell )?engager)\b",
    re.I,
)


def read_biologic(sections: dict[str, str]) -> Fact | None:
    """The description's own words when it calls the medicine an antibody or fusion protein."""
    text = clean(sections.get("description", ""), r"(?:\d+\s+)?description")[:5000]
    for sentence in sentences(text)[:3]:
        match = _BIOLOGIC.search(sentence)
        if match:
            return Fact(text=match.group(0), section="description", quote=sentence[:400])
    return None


_CLASS = re.compile(
    r"\b(?:is|are)\s+(?:(?:an?\s+)(?P<cls>[^.:;]{3,120}?)(?:\s+indicated|\s*\.$)|(?P<bare>[^.:;]{3,80}?)\s+indicated)",
    re.I,
)
# "… is a vasopressin analog used for:", "Sodium Nitrite Injection, an antidote, is indicated …"
_CLASS_ALSO = re.compile(
    r"\b(?:is|are)\s+an?\s+(?P<cls>[^.:;]{3,80}?)\s+(?:used|approved)\s+(?:for|to|in|as)\b"
    r"|,\s+an?\s+(?P<bare>[^,.;]{3,60}?),\s+(?:is|are)\s+(?:an?\s+[^.;]{0,60}?\s+)?indicated\b",
    re.I,
)

def class_in_indications(text: str) -> tuple[str | None, str | None]:
    """The class the label names in its first sentences: "… is an interleukin-4 receptor alpha
    antagonist indicated …". Taken only when the phrase is a class of medicine (plain/classes.py), so
    "is ineffective and not indicated" names none."""
    for sentence in sentences(text):
        # "… capsules are indicated Celecoxib is a nonsteroidal …": two sentences run together; each "is"/"are"
        # starts a reading of its own.
        starts = [m.start() for m in re.finditer(r"\b(?:is|are)\b", sentence)]
        matches = [*_CLASS.finditer(sentence), *_CLASS_ALSO.finditer(sentence),
                   *(m for at in starts[1:] for m in (_CLASS.match(sentence, at),) if m)]
        for match in matches:
            cls = (match.group("cls") or match.group("bare") or "").strip(" ,")
            cls = re.split(r"\s+(?:that|which|and is|used)\b|,", cls)[0].strip()
            # A subscript the flattening set apart: "serotonin-3 (5-HT 3 ) receptor antagonist" is "(5-HT3)".
            cls = re.sub(r"(?<=[A-Za-z])\s+(\d)\s*\)", r"\1)", cls)
            if re.search(r"\b(?:indicated|is|are)\b", cls, re.I):
                continue
            if cls and is_class(cls):
                return cls, sentence if len(sentence) <= 1000 else sentence[:1000]
    return None, None


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_BIOLOGIC = quick_start(_BIOLOGIC)
