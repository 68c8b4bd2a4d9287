"""What kind of substance a medicine is, when its own label says so: "… is a human monoclonal antibody" in
the first sentences of the Description section. Only the label's words count; a name that merely ends in
"-mab" proves nothing the label does not say."""

from __future__ import annotations

import re

from rxscoop.label.model import Fact
from rxscoop.label.text import clean, sentences

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
