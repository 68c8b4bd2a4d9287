"""How a route of administration reads in everyday words (data/routes.csv), keyed by one name per route
("oral", "subcutaneous"…) that openFDA's route field and label text are both mapped to."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Route:
    key: str  # "subcutaneous"
    pattern: re.Pattern[str]
    phrase: str  # "given as a shot under the skin"
    form: str  # "shot"
    source: str


@cache
def routes() -> list[Route]:
    text = resources.files("rxscoop.data").joinpath("routes.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != ("key", "pattern", "phrase", "form", "source"):
        raise ValueError("routes.csv must have the columns key, pattern, phrase, form, source")
    return [Route(r["key"], re.compile(rf"(?:{r['pattern']})", re.I), r["phrase"], r["form"], r["source"])
            for r in reader]


def route_for(text: str) -> Route | None:
    """The route a text names ("INTRAVENOUS", "for subcutaneous use", "oral"), or the route with that key."""
    by_key = next((r for r in routes() if r.key == text), None)
    return by_key or next((r for r in routes() if r.pattern.search(text)), None)
