"""Curated knowledge files: checked on load, general (never about one drug), sourced."""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pytest

from helpers import LABELS, snapshot_records
from rxscoop.label.names import normalize_name
from rxscoop.plain.lexicon import Lexicon, LexiconError, lexicon, parse_lexicon
from rxscoop.question.focus import substances


def _data(name: str) -> str:
    return resources.files("rxscoop.data").joinpath(name).read_text(encoding="utf-8")


def test_lexicon_loads_and_round_trips() -> None:
    text = _data("lexicon.csv")
    entries = parse_lexicon(text)
    assert len(entries) == len(list(csv.DictReader(text.splitlines())))
    assert Lexicon(entries).entry("Atopic Dermatitis").plain == "eczema"
    assert lexicon().plain_condition("moderately to severely active Crohn's disease").term == "crohn's disease"


@pytest.mark.parametrize(
    ("text", "error"),
    [("term,plain,kind\nx,y,condition\n", "columns"),
     ("term,plain,kind,source\nx,y,drug,src\n", "unknown kind"),
     ("term,plain,kind,source\nx,y,condition,\n", "every column"),
     ("term,plain,kind,source\nx,y,condition,s\nX,z,phrase,s\n", "appears twice")],
)
def test_lexicon_rejects_bad_rows(text: str, error: str) -> None:
    with pytest.raises(LexiconError, match=error):
        parse_lexicon(text)


def test_curated_data_names_no_drug() -> None:
    """General knowledge only: no lexicon term, plain word or rule is the name of a drug in the data."""
    drug_names: set[str] = set()
    for path in LABELS.glob("*.jsonl"):
        for record in snapshot_records(path.name):
            for key in ("brand_name", "generic_name"):
                if record.get(key):
                    drug_names.add(normalize_name(record[key]))
    drug_names -= {""}
    general = {"methotrexate"}  # named in the lexicon only as a co-treatment term labels use
    for name in ("lexicon.csv", "rephrase.csv", "name_parts.csv"):
        for row in csv.DictReader(_data(name).splitlines()):
            for value in list(row.values())[:2]:
                words = normalize_name(value)
                hits = {d for d in drug_names - general if f" {d} " in f" {words} "}
                assert not hits, (name, value, hits)
    words = set(_data("question_words.txt").split())
    assert not words & (drug_names - general)


def test_every_curated_row_names_its_source_and_its_patterns_compile() -> None:
    """Curated general knowledge is data with a source; a pattern that does not compile fails here, not at ask."""
    for path in sorted(Path(resources.files("rxscoop.data")).glob("*.csv")):  # type: ignore[arg-type]
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
        assert rows, path.name
        if "source" in rows[0]:
            assert all(r["source"].strip() for r in rows), path.name
        for row in rows:
            for column in ("pattern", "words", "question_words", "label_words"):
                if column in row:
                    re.compile(row[column])
    for substance in substances():
        for word in substance.words:  # each alternative on its own, for naming what was asked
            re.compile(word)
