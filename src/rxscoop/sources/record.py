"""One label record, the same shape whatever file it came from."""

from __future__ import annotations

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
        """The name a person would call it: the brand if there is one, else the generic name."""
        for name in (*self.brand_names, *self.generic_names, *self.substance_names):
            if name.strip():
                return name.strip()
        return self.set_id


class RecordProblem(Exception):
    """A single record that cannot be used; the build skips it and counts it."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason
