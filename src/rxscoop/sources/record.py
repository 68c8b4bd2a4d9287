"""One label record, the same shape whatever file it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class LabelRecord:
    """A drug label as the rest of rxscoop sees it.

    `sections` maps openFDA field names (``indications_and_usage``…) to their text. `source` names the
    data set, `location` the file and line or index the record came from, so problems can be traced.
    """

    set_id: str
    sections: dict[str, str]
    source: str
    location: str
    id: str | None = None
    version: str | None = None
    effective_time: str | None = None  # YYYYMMDD, as openFDA writes it
    brand_names: list[str] = field(default_factory=list)
    generic_names: list[str] = field(default_factory=list)
    substance_names: list[str] = field(default_factory=list)
    manufacturer: str | None = None
    product_type: str | None = None
    routes: list[str] = field(default_factory=list)
    rxcuis: list[str] = field(default_factory=list)
    pharm_class_epc: list[str] = field(default_factory=list)
    pharm_class_moa: list[str] = field(default_factory=list)
    retrieved_at: str | None = None
    complete: bool = True

    @property
    def title(self) -> str:
        """The name a person would call it: the brand if there is one, else the generic name, cased for
        reading (openFDA writes many brands in capitals: "ZOLOFT" is shown as "Zoloft")."""
        for name in (*self.brand_names, *self.generic_names, *self.substance_names):
            if name.strip():
                return display_name(name.strip())
        return self.set_id


_SMALL_WORDS = {"FOR", "AND", "THE", "WITH", "OF", "IN", "TO", "OR"}


def _word_case(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in _SMALL_WORDS and match.start() > 0:
        return word.lower()
    return word.capitalize() if len(word) >= 4 else word


def display_name(name: str) -> str:
    """A name as a reader expects it: an all-capitals name in title case, keeping short words that are
    abbreviations ("ADDERALL XR" → "Adderall XR", "ADVIL PM" → "Advil PM"); an all-lower-case name with a
    capital first letter; a name already in mixed case as it is."""
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return re.sub(r"[A-Z][A-Z']*", _word_case, name)
    if letters and all(c.islower() for c in letters):
        return name[:1].upper() + name[1:]
    return name


class RecordProblem(Exception):
    """A single record that cannot be used; the build skips it and counts it."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason
