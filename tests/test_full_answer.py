"""The full answer (issue: how it works, form and setting, benefits, cautions) on real labels."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markupsafe import escape

from helpers import SHARED, pack_rows, snapshot_label
from rxscoop import Pack, ask, build_pack
from rxscoop.answer.compose import compose_uses
from rxscoop.evaluation.drugs import covered, evaluate, totals
from rxscoop.label.text import normalize
from rxscoop.question.parse import Query
from rxscoop.render.html import render_html
from rxscoop.render.markdown import render_markdown


def test_dupixent_sections_come_in_reading_order(pack: Pack) -> None:
    md = render_markdown(ask("what is dupixent used for", pack))
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings == ["The quick scoop", "Approved uses (8)", "US and EU", "How it works", "Form and setting",
                        "What patients say", "Cautions", "Sources"]
    assert md.index("**Go deeper:**") < md.index("## Sources")


def test_dupixent_scoop_how_form_and_cautions(pack: Pack) -> None:
    a = ask("what is dupixent used for", pack)
    assert [s.text for s in a.scoop] == [
        # The snapshot label has no Description section, so nothing on it says "monoclonal antibody": said less.
        "Dupixent is a prescription medicine, given as a shot under the skin.",
        "It belongs to a group of medicines called IL-4 receptor blockers (interleukin-4 receptor alpha antagonist).",
        "It is often used after other treatments have not worked well enough and sometimes alongside other treatments.",
    ]
    assert a.how_it_works[0].text.startswith("It blocks the shared receptor for IL-4 and IL-13")
    assert a.how_it_works[1].text.startswith("Picture ")
    assert all(s.reference for s in a.how_it_works)  # the class explanation is sourced general knowledge
    assert [s.text for s in a.form] == [
        "How you use it: given as a shot under the skin.",
        "It comes as a pre-filled pen or a pre-filled syringe.",
        "How often: every 2 weeks for every use; the dose can differ by use, age and weight (see each use).",
        "Where: at home. After training, patients or caregivers can give it themselves.",
        "It is meant to be used with a doctor's guidance.",
    ]
    cautions = [s.text for s in a.cautions]
    # In the label's order of seriousness: warnings (5.x), who must not use it, then common side effects.
    assert cautions[0] == "You need a prescription for it."
    assert cautions[1].startswith("Talk to your doctor about: allergic reactions; pink eye and an inflamed cornea")
    assert cautions[2].startswith("Do not use it if any of these apply: known allergic reactions to dupilumab")
    assert "pink eye (4 of 8 uses)" in cautions[3]
    asthma = a.uses[1]
    assert asthma.schedule and asthma.schedule.text == "How often: every 2 weeks."
    assert asthma.side_effects and asthma.side_effects.text == (
        "Most common side effects (in at least 1 in 100 people in studies): redness, swelling or pain where the "
        "shot was given; sore throat; a high count of eosinophils (a kind of white blood cell).")


def test_warning_headings_keep_their_whole_name(pack: Pack) -> None:
    # "5.1 Lactic Acidosis There have been postmarketing cases …": the heading is not cut at "Lactic".
    cautions = [s.text for s in ask("what is metformin used for", pack).cautions]
    assert "Talk to your doctor about: a build-up of lactic acid in the blood." in cautions


@pytest.mark.parametrize(
    ("drug", "expected"),
    [
        ("remicade", "Where: in a clinic or infusion center, given by a health professional."),
        ("sotyktu", "How you use it: taken by mouth."),
        ("opzelura", "How you use it: put on the skin."),
        ("albuterol", "How you use it: breathed in through the mouth."),
    ],
)
def test_form_and_setting_across_labels(pack: Pack, drug: str, expected: str) -> None:
    assert expected in [s.text for s in ask(f"what is {drug} used for", pack).form]


def test_benefit_in_plain_words_where_the_label_states_one(pack: Pack) -> None:
    hulio = ask("what is hulio used for", pack)
    assert hulio.uses[0].helps and hulio.uses[0].helps.text == (
        "It helps by easing symptoms, bringing about a strong response to treatment, slowing damage to the "
        "joints, and making daily activities easier.")
    metformin = ask("metformin", pack)
    assert metformin.uses[0].helps and "blood sugar control" in metformin.uses[0].helps.text


def test_boxed_warning_and_mechanism_from_the_stem(pack: Pack) -> None:
    rinvoq = ask("rinvoq", pack)
    assert rinvoq.cautions[1].text.startswith("The label has a boxed warning, the FDA's strongest kind, about "
                                              "serious infections, death, cancer")
    lisinopril = ask("lisinopril", pack)
    assert lisinopril.how_it_works[0].text.startswith("It blocks an enzyme that makes a hormone")


def test_missing_sections_are_left_out_not_guessed(tmp_path: Path) -> None:
    record = snapshot_label("Adbry")
    only = dict(record, sections={"indications_and_usage": record["sections"]["indications_and_usage"]})
    with Pack(_pack_of(tmp_path, only)) as pack:
        a = ask("what is adbry used for", pack)
    assert a.status == "answered" and len(a.uses) == 1
    assert a.form == []  # no dosage section: nothing about form or schedule
    assert a.uses[0].schedule is None and a.uses[0].side_effects is None
    assert [s.text for s in a.cautions] == ["You need a prescription for it."] or a.cautions == []
    assert all("side effect" not in s.text for s in a.statements())


def test_every_statement_of_every_label_is_covered_by_its_citations(pack: Pack) -> None:
    """No statement without a citation whose quoted text holds the label words it relies on."""
    rows = pack_rows(pack.path, "SELECT id, title FROM labels WHERE indications IS NOT NULL")
    assert rows
    bad = []
    for label_id, title in rows:
        answer = compose_uses(Query(text=title, resolution_status="found", label=label_id), pack.label(label_id), pack)
        bad += [(title, s.text) for s in answer.statements() if not covered(s)]
        for use in answer.uses:  # no invented uses: each one's condition is in that label's indications text
            section = normalize(pack.section(label_id, "indications_and_usage") or "").lower()
            condition = use.condition.split(" …")[0].split("(")[0].strip().lower()
            # coordinated conditions the label lists apart ("epilepsy and bipolar disorder") count part by part, as do
            # places a kind of infection is listed in ("… infections of the central nervous system, urinary tract")
            # and a condition read with the patients' own ("anemia in beta thalassemia" from "… anemia in adult
            # patients with beta thalassemia")
            assert all(part in section for part in re.split(r",? and |, | of the | in ", condition) if part), (
                title, condition)
    assert bad == []


def test_eval_meets_its_targets_on_the_development_gold(pack: Pack) -> None:
    scores = evaluate(SHARED / "eval" / "indications-dev.json", pack)
    total = totals(scores)
    assert total["recall"] >= 95 and total["precision"] >= 98 and total["age_accuracy"] >= 95
    assert total["citation_coverage"] == 100
    assert total["readability_grade"] <= 8


def test_html_renders_the_same_model_and_escapes_label_text(pack: Pack) -> None:
    answer = ask("what is dupixent used for", pack)
    html = render_html(answer)
    assert html.count('<li class="use"') == 8
    quote = answer.uses[0].statement.citations[0].quote  # the label's own words (answer/quotes.py)
    assert "Atopic Dermatitis DUPIXENT is indicated for the treatment of adult and pediatric patients" in quote
    assert f"<blockquote>{escape(quote)}</blockquote>" in html
    hostile = answer.model_copy(deep=True)
    hostile.uses[0].statement.text = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    hostile.uses[0].statement.citations[0].quote = "<a href='javascript:alert(1)'>x</a>"
    out = render_html(hostile)
    assert "<script>" not in out and "<img" not in out and "href='javascript" not in out
    assert "&lt;script&gt;" in out


def test_primary_outcome_from_clinical_studies_when_the_label_has_them(tmp_path: Path) -> None:
    """The snapshot has no clinical_studies section; full openFDA labels do. This record adds one (made
    here, shaped like a real section) to check the use gets its primary outcome, quoted and cited."""
    record = snapshot_label("Adbry")
    studies = ("14 CLINICAL STUDIES Atopic Dermatitis Three trials enrolled adults with atopic dermatitis. "
               "The primary endpoint was the proportion of subjects with IGA 0 or 1 at Week 16.")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(dict(record, sections={**record["sections"], "clinical_studies": studies})) + "\n")
    build_pack([path], tmp_path / "p.sqlite")
    with Pack(tmp_path / "p.sqlite") as pack:
        helps = ask("what is adbry used for", pack).uses[0].helps
    assert helps and helps.text == ("In its main studies, the label reports: “The primary endpoint was the "
                                    "proportion of subjects with IGA 0 or 1 at Week 16.”")
    assert helps.citations[0].section == "clinical_studies"


def test_a_label_without_uses_answers_from_a_label_of_the_same_medicine(tmp_path: Path) -> None:
    # Idacio cut down to its adverse reactions, beside Hulio whole: both are adalimumab.
    idacio = snapshot_label("Idacio")
    cut = dict(idacio, sections={"adverse_reactions": idacio["sections"]["adverse_reactions"]})
    with Pack(_pack_of(tmp_path, cut, snapshot_label("Hulio"))) as pack:
        a = ask("what is idacio used for", pack)
    assert a.status == "answered" and a.uses and a.drug and a.drug.title == "Hulio"
    assert a.message and a.message.startswith("The label for Idacio in the pack holds only: Adverse Reactions.")
    assert f"set id {a.drug.set_id}), a label of the same medicine (adalimumab)." in a.message
    assert a.message in render_markdown(a)


def test_a_label_without_uses_and_no_other_of_its_medicine_says_so(tmp_path: Path) -> None:
    idacio = snapshot_label("Idacio")
    cut = dict(idacio, sections={"adverse_reactions": idacio["sections"]["adverse_reactions"]})
    with Pack(_pack_of(tmp_path, cut)) as pack:
        a = ask("what is idacio used for", pack)
    assert a.status == "no_data" and a.uses == [] and a.suggestions == []
    assert a.message and "not its Indications and Usage section" in a.message


def _pack_of(tmp_path: Path, *records: dict) -> Path:
    """A pack built from these snapshot records alone."""
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    build_pack([path], tmp_path / "p.sqlite")
    return tmp_path / "p.sqlite"
