"""Curated knowledge files: checked on load, general (never about one drug), sourced."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
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


# Lists whose lines hold several words each (the rest hold one entry a line).
_WORDS_ON_A_LINE = {"question_words.txt", "profanity.txt"}
# Tables whose first column names a group with several rows (the rest are keyed by it).
_GROUPED = {"intents.csv"}


def _data_files() -> list[Path]:
    return sorted(p for p in Path(resources.files("rxscoop.data")).iterdir()  # type: ignore[arg-type]
                  if p.is_file() and p.suffix in (".txt", ".csv", ".tsv", ".json"))


def test_every_data_file_names_its_source_and_holds_no_entry_twice() -> None:
    """Each file says where its knowledge comes from (a "# … source: …" header, a source column, or the
    model's sources), and no entry is listed twice: a list is curated, not grown by pasting."""
    files = _data_files()
    assert {"study_outcome_words.txt", "lexicon.csv", "intent_model.json"} <= {p.name for p in files}
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        header = [line for line in lines if line.startswith("#")]
        body = [line for line in lines if line.strip() and not line.startswith("#")]
        if path.suffix == ".json":
            meta = json.loads(text).get("meta", {})
            assert meta.get("sources") or meta.get("source"), path.name
            continue
        if path.suffix == ".txt":
            assert lines[0].startswith("#") and any("source" in h.lower() for h in header), path.name
            found = [w for line in body for w in (line.split() if path.name in _WORDS_ON_A_LINE else [line.strip()])]
            twice = [e for e, n in Counter(e.lower() for e in found).items() if n > 1]
            assert not twice, (path.name, twice)
            continue
        table = list(csv.DictReader(body, delimiter="\t" if path.suffix == ".tsv" else ","))
        assert table, path.name
        if "source" in table[0]:
            assert all(r["source"] and r["source"].strip() for r in table), path.name
        else:
            assert any("source" in h.lower() for h in header), path.name
        entries = [tuple(v for k, v in r.items() if k != "source") for r in table]
        assert len(set(entries)) == len(entries), path.name
        if path.name not in _GROUPED:
            keys = Counter(e[0].lower() for e in entries)
            assert not [k for k, n in keys.items() if n > 1], path.name


def test_every_product_form_names_a_known_route() -> None:
    """A dosage form whose route goes without saying (data/product_forms.csv) names a route of routes.csv, so the
    route it gives has an everyday phrase; the oral forms are there (read apart for inhalers filed as oral)."""
    known = {r["key"] for r in csv.DictReader(_data("routes.csv").splitlines())}
    forms = list(csv.DictReader(_data("product_forms.csv").splitlines()))
    assert {f["route"] for f in forms} <= known
    assert any(f["route"] == "oral" for f in forms)
