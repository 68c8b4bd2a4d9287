"""Patient reviews: reading, mapping to labels, summaries (counted independently here), quotes."""

from __future__ import annotations

import csv
import html
import json
import re
import statistics
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import DATA, pack_rows
from rxscoop import Pack, ask
from rxscoop.answer.patients import excerpt, mask, patient_voices, reviews_for
from rxscoop.cli import app
from rxscoop.label.names import normalize_name
from rxscoop.question.resolve import resolve_drug
from rxscoop.sources.reviews import read_reviews

REVIEWS = DATA / "reviews"


def raw_rows() -> list[dict[str, str]]:
    """Every review row straight from the files, with the csv module (the test's own reading)."""
    rows = []
    with (REVIEWS / "drugsComTrain_raw-sample.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            rows.append({"name": r["drugName"], "condition": r["condition"], "rating": r["rating"],
                         "text": html.unescape(r["review"])})
    for name in ("drugLibTrain_raw.tsv", "drugLibTest_raw.tsv"):
        with (REVIEWS / name).open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                rows.append({"name": r.get("DrugName") or r["urlDrugName"], "condition": r["condition"],
                             "rating": r["rating"], "text": " ".join(
                                 r[k] for k in ("benefitsReview", "sideEffectsReview", "commentsReview"))})
    return rows


def test_review_files_read_completely_and_unescaped() -> None:
    counts = {p.name: sum(1 for _ in read_reviews(p)) for p in sorted(REVIEWS.glob("*.[ct]sv"))}
    assert counts == {"drugLibTest_raw.tsv": 1036, "drugLibTrain_raw.tsv": 3107,
                      "drugsComTrain_raw-sample.csv": 3000}
    texts = [r.text for r in read_reviews(REVIEWS / "drugsComTrain_raw-sample.csv")]
    assert not any("&#039;" in t or "&amp;" in t for t in texts)
    assert any("it's" in t for t in texts)


def test_every_review_is_loaded_and_mapping_is_reported(pack: Pack) -> None:
    meta = pack.meta()
    total = len(raw_rows())
    assert int(meta["reviews"]) == total == 7143
    unmapped = json.loads(meta["reviews_unmapped"])
    assert int(meta["reviews_mapped"]) + sum(unmapped.values()) == total
    assert set(unmapped) <= {"name not in the pack", "combination product not in the pack", "no drug name"}
    stored = pack_rows(pack.path, "SELECT count(*), count(label) FROM reviews")
    assert stored == [(total, int(meta["reviews_mapped"]))]


def _rows_for(pack: Pack, drug: str) -> list[dict[str, str]]:
    label = resolve_drug(drug, pack).label
    names = {n for (n,) in pack_rows(pack.path, "SELECT name FROM names WHERE label = ?", label)}
    mapped = {n for (n,) in pack_rows(pack.path, "SELECT DISTINCT name FROM reviews WHERE label = ?", label)}
    return [r for r in raw_rows() if normalize_name(r["name"]) in names | mapped]


@pytest.mark.parametrize("drug", ["gabapentin", "zoloft", "nexplanon"])
def test_summary_counts_match_an_independent_count(pack: Pack, drug: str) -> None:
    rows = _rows_for(pack, drug)
    voices = patient_voices(pack, pack.label(resolve_drug(drug, pack).label))
    ratings = [int(float(r["rating"])) for r in rows]
    assert voices.reviews == len(rows) > 20
    assert voices.median_rating == statistics.median(ratings)
    assert voices.ratings == {k: ratings.count(k) for k in sorted(set(ratings))}
    assert voices.positive == round(sum(x >= 7 for x in ratings) / len(ratings), 3)
    with (Path(__file__).parents[1] / "src/rxscoop/data/review_themes.csv").open(encoding="utf-8") as fh:
        themes = {t["theme"]: t["pattern"] for t in csv.DictReader(fh)}
    for theme in voices.themes:
        expected = sum(1 for r in rows if re.search(themes[theme.name], " ".join(r["text"].split()), re.I))
        assert theme.count == expected, theme.name
    assert voices.quotes and {q.kind for q in voices.quotes} <= {"positive", "mixed", "negative"}
    texts = {r.id: r.text for r in reviews_for(pack, pack.label(resolve_drug(drug, pack).label))}
    for quote in voices.quotes:
        plain = quote.text.removesuffix(" …")
        assert mask(texts[quote.review_id]).startswith(plain)  # an excerpt of that very review
    statements = voices.statements
    assert statements[0].text.startswith(f"{len(rows)} patient reviews")
    assert all(s.citations and s.citations[0].section == "patient_reviews" for s in statements)


def test_side_effects_exclude_the_reviews_own_condition(pack: Pack) -> None:
    voices = patient_voices(pack, pack.label(resolve_drug("zoloft", pack).label))
    names = [c.name for c in voices.side_effects]
    rows = [r for r in _rows_for(pack, "zoloft") if "depres" not in r["condition"].lower()
            and not re.search(r"\b(?:depressed|depression|suicidal)\b", r["condition"], re.I)]
    expected = sum(1 for r in rows if re.search(r"\b(?:depressed|depression|suicidal)\b", r["text"], re.I))
    counts = {c.name: c.count for c in voices.side_effects}
    assert counts.get("depression", 0) == expected
    assert "anxiety" in names


def test_condition_filter(pack: Pack) -> None:
    label = pack.label(resolve_drug("zoloft", pack).label)
    voices = patient_voices(pack, label, "anxiety")
    rows = [r for r in _rows_for(pack, "zoloft") if "anxiety" in r["condition"].lower()]
    assert voices.reviews == len(rows) > 5 and voices.condition == "anxiety"


def test_no_reviews_says_so(pack: Pack) -> None:
    answer = ask("what is dupixent used for", pack)
    assert answer.patients and answer.patients.reviews == 0
    assert [s.text for s in answer.patients.statements] == [
        "The review data rxscoop has holds no patient reviews of Dupixent."]


def test_answer_has_the_section_and_a_question_about_a_condition_focuses_it(pack: Pack) -> None:
    answer = ask("what is gabapentin used for", pack)
    assert answer.patients and answer.patients.reviews >= 20
    from rxscoop.render.markdown import render_markdown

    md = render_markdown(answer)
    # (this excerpt label states no regular schedule or route for the drug itself, so it has no form section)
    assert md.index("## Approved uses") < md.index("## What patients say") < md.index("## Cautions")
    assert "not medical facts" in md
    focused = ask("zoloft for anxiety reviews", pack)
    assert focused.patients and focused.patients.condition == "anxiety"


def test_masking() -> None:
    assert mask("this shit is damn good") == "this s*** is d*** good"
    assert mask("mail me at a.b@example.com or call 555-123-4567") == "mail me at [removed] or call [removed]"


def test_excerpt_drops_characters_the_source_lost() -> None:
    assert excerpt("Severe fever (40.3\ufffd). Inflamed cornea.") == "Severe fever (40.3). Inflamed cornea."


def test_reviews_command(pack_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["reviews", "nexplanon", "--format", "json", "--pack", str(pack_path)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["reviews"] >= 70 and data["quotes"]
    none = runner.invoke(app, ["reviews", "dupixent", "--pack", str(pack_path)])
    assert none.exit_code == 1 and "no patient reviews of Dupixent" in none.output
    unknown = runner.invoke(app, ["reviews", "zorblaxin", "--pack", str(pack_path)])
    assert unknown.exit_code == 1 and "no drug named" in unknown.output
