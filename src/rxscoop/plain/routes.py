"""How a route of administration reads in everyday words (data/routes.csv)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Route:
    pattern: re.Pattern[str]
    phrase: str  # "given as a shot under the skin"
    form: str  # "shot"
    source: str


@cache
def routes() -> list[Route]:
    text = resources.files("rxscoop.data").joinpath("routes.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != ("pattern", "phrase", "form", "source"):
        raise ValueError("routes.csv must have the columns pattern, phrase, form, source")
    return [Route(re.compile(r["pattern"], re.I), r["phrase"], r["form"], r["source"]) for r in reader]


def route_for(text: str) -> Route | None:
    return next((r for r in routes() if r.pattern.search(text)), None)
