"""EU indication text → uses, by the US reader (label/indications.py) after the EU un-flattening step."""

from __future__ import annotations

from rxscoop.label.checks import Failures, check_indications
from rxscoop.label.eu_areas import with_area_conditions
from rxscoop.label.eu_text import unflatten
from rxscoop.label.indications import parse_indications
from rxscoop.label.model import Indications
from rxscoop.label.names import normalize_name


def read_eu_indications(text: str, names: list[str], protected: frozenset[str] = frozenset(),
                        failures: Failures | None = None, therapeutic_area: str | None = None) -> Indications:
    """The uses an EU section 4.1 states. `names` are the medicine's names (brand, substance); `protected`
    are names written with an inner capital that are never split ("MabThera"). Block numbers are the
    un-flattening step's scaffolding, not the EU text's, so no use keeps one; a "heading" that is only the
    medicine's name is no heading; the row's therapeutic areas name a use's condition when the reader took
    other words for it (eu/areas.py)."""
    parsed = parse_indications(unflatten(text, protected), names)
    own = {normalize_name(n) for n in names}
    for use in parsed.uses:
        use.number = None
        if use.heading and normalize_name(use.heading) in own:
            use.heading = None
    with_area_conditions(parsed.uses, therapeutic_area)
    return check_indications(parsed, names[0] if names else "EU medicine", failures or Failures())
