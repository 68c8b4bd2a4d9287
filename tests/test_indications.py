"""Indications parsing on real snapshot labels of different styles."""

from __future__ import annotations

import json

import pytest

from helpers import SHARED, snapshot_label
from rxscoop import Pack, ask
from rxscoop.label.indications import parse_indications
from rxscoop.label.model import Indications


def parse(name: str) -> Indications:
    record = snapshot_label(name)
    names = [n for n in (record["brand_name"], record["generic_name"]) if n]
    return parse_indications(record["sections"]["indications_and_usage"], names)


def test_dupixent_has_exactly_its_eight_uses_with_minimum_ages() -> None:
    uses = parse("Dupixent").uses
    assert [(u.number, u.condition, u.population.min_age_years) for u in uses] == [
        ("1.1", "Atopic Dermatitis", 0.5),
        ("1.2", "Asthma", 6.0),
        ("1.3", "Chronic Rhinosinusitis with Nasal Polyps", 12.0),
        ("1.4", "Eosinophilic Esophagitis", 1.0),
        ("1.5", "Prurigo Nodularis", 18.0),
        ("1.6", "Chronic Obstructive Pulmonary Disease", 18.0),
        ("1.7", "Chronic Spontaneous Urticaria", 12.0),
        ("1.8", "Bullous Pemphigoid", 18.0),
    ]


def test_dupixent_use_details_are_read_from_the_label_words() -> None:
    ind = parse("Dupixent")
    assert ind.drug_class == "interleukin-4 receptor alpha antagonist"
    eczema, asthma, _, eoe, _, copd, csu, _ = ind.uses
    assert eczema.severity == "moderate-to-severe"
    assert eczema.prerequisites == [
        "whose disease is not adequately controlled with topical prescription therapies "
        "or when those therapies are not advisable"
    ]
    assert eczema.population.adults and eczema.population.children
    assert asthma.role == "add-on maintenance treatment"
    assert asthma.limitations == [
        "DUPIXENT is not indicated for the relief of acute bronchospasm or status asthmaticus."]
    assert eoe.population.min_weight_kg == 15
    assert copd.limitations == ["DUPIXENT is not indicated for the relief of acute bronchospasm."]
    assert csu.prerequisites == ["who remain symptomatic despite H1 antihistamine treatment"]
    # Every use keeps the label text it came from, and that text names its condition.
    for use in ind.uses:
        assert use.condition.lower() in use.sentence.lower()


def test_highlight_groups_supply_the_population_subsections_leave_out() -> None:
    """Enbrel's subsections say only "patients with RA"; its highlights group RA under "Adult patients"."""
    ages = {u.condition: u.population.min_age_years for u in parse("Enbrel").uses}
    assert ages == {
        "Rheumatoid Arthritis": 18, "Polyarticular Juvenile Idiopathic Arthritis": 2,
        "Psoriatic Arthritis": 18, "Ankylosing Spondylitis": 18, "Plaque Psoriasis": 4,
        "Juvenile Psoriatic Arthritis": 2,
    }


def test_heading_ref_highlights_and_split_words() -> None:
    """Hulio: "J uvenile Idiopathic Arthritis (JIA) ( 1.2 ) : reducing …" and a limitation mid-list. The JIA
    subsection's one statement ("… polyarticular juvenile idiopathic arthritis …") narrows its heading."""
    uses = parse("Hulio").uses
    assert [u.condition for u in uses] == [
        "Rheumatoid Arthritis", "polyarticular juvenile idiopathic arthritis", "Psoriatic Arthritis",
        "Ankylosing Spondylitis", "Crohn's Disease", "Ulcerative Colitis", "Plaque Psoriasis",
        "Hidradenitis Suppurativa", "Uveitis",
    ]
    assert uses[4].population.min_age_years == 6
    assert any("lost response" in x for x in uses[5].limitations)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # one sentence, stated twice (highlights and full text) - one use
        ("Adbry", [("atopic dermatitis", 12)]),
        # "indicated for the treatment of: <lowercase item>. <lowercase item>." twice over
        ("Omvoh", [("ulcerative colitis", 18), ("Crohn's disease", 18)]),
        # an excerpt: one sentence
        ("metformin", [("type 2 diabetes mellitus", 10)]),
        # bullets after "indicated for the treatment of the following:"
        ("sertraline", [("Major depressive disorder", None), ("Obsessive-compulsive disorder", None),
                        ("Panic disorder", None), ("Posttraumatic stress disorder", None),
                        ("Social anxiety disorder", None), ("Premenstrual dysphoric disorder", None)]),
        # items run together: "… in adults Adjunctive therapy in the treatment of …"
        ("gabapentin", [("postherpetic neuralgia", 18), ("partial onset seizures", 3)]),
        # highlights without refs, then numbered subsections the excerpt cut short
        ("lisinopril", [("Hypertension", 6), ("heart failure", None), ("Acute Myocardial Infarction", None)]),
        ("albuterol", [("Bronchospasm", 4), ("Exercise-Induced Bronchospasm", 4)]),
        # "1. 6 Ankylosing Spondylitis" (a broken subsection number) and limitations on each use
        ("Rinvoq", [("Rheumatoid Arthritis", 18), ("Psoriatic Arthritis", 2), ("Atopic Dermatitis", 12),
                    ("Ulcerative Colitis", 18), ("Crohn's Disease", 18), ("Ankylosing Spondylitis", 18),
                    ("Non-radiographic Axial Spondyloarthritis", 18),
                    ("Polyarticular Juvenile Idiopathic Arthritis", 2), ("Giant Cell Arteritis", 18)]),
    ],
)
def test_label_styles(name: str, expected: list[tuple[str, float | None]]) -> None:
    assert [(u.condition, u.population.min_age_years) for u in parse(name).uses] == expected


def test_general_limitations_stay_apart_from_uses() -> None:
    ind = parse("Opzelura")
    assert [u.condition for u in ind.uses] == ["Atopic Dermatitis", "Nonsegmental Vitiligo"]
    assert len(ind.limitations) == 1 and "potent immunosuppressants" in ind.limitations[0]
    assert all(not u.limitations for u in ind.uses)


def test_every_gold_use_is_found_and_nothing_else() -> None:
    """The development gold (read by hand from these labels): recall and precision over all its drugs."""
    gold = json.loads((SHARED / "eval" / "indications-dev.json").read_text())
    missed, extra = [], []
    for drug, uses in gold.items():
        if drug.startswith("_"):
            continue
        parsed = parse(drug).uses
        for want in uses:
            hits = [u for u in parsed if any(w in u.condition.lower() for w in want["any"])]
            if not hits or (want["min_age"] is not None and hits[0].population.min_age_years != want["min_age"]):
                missed.append((drug, want["condition"]))
        for use in parsed:
            if not any(any(w in use.condition.lower() for w in want["any"]) for want in uses):
                extra.append((drug, use.condition))
    assert missed == [] and extra == []


def test_empty_and_odd_text_give_no_invented_uses() -> None:
    assert parse_indications("", ["x"]).uses == []
    assert parse_indications("1 INDICATIONS AND USAGE", ["x"]).uses == []
    one = parse_indications("Uses for the temporary relief of minor aches and pains", ["aspirin"])
    assert [u.condition for u in one.uses] == ["minor aches and pains"]


def test_numbered_categories_of_run_together_conditions(pack: Pack) -> None:
    # prednisone: "1. Endocrine Disorders Primary or secondary adrenocortical insufficiency (…) Congenital
    # adrenal hyperplasia … 2. Rheumatic Disorders As adjunctive therapy … in: Psoriatic arthritis …"
    answer = ask("what is prednisone used for", pack)
    conditions = [u.condition for u in answer.uses]
    assert len(conditions) == 23
    assert conditions[:4] == ["Primary or secondary adrenocortical insufficiency", "Congenital adrenal hyperplasia",
                              "Hypercalcemia associated with cancer", "Nonsuppurative thyroiditis"]
    assert "Ankylosing spondylitis" in conditions and "Mycosis fungoides" in conditions
    assert [u.group for u in answer.uses].count("Rheumatic Disorders") == 9
    assert all(u.role == "adjunctive therapy" for u in answer.uses if u.group == "Rheumatic Disorders")
    assert answer.summary and "23 approved uses in 4 groups: endocrine disorders (4), rheumatic disorders (9)" in (
        answer.summary.text)
    assert not any(c.endswith(("5", ".")) for c in conditions)  # the excerpt's cut-off "5." is not a use


def test_excerpt_lists_that_lost_their_bullets(pack: Pack) -> None:
    # atorvastatin's excerpt: "… in: Adults with primary hyperlipidemia. Adults and pediatric patients aged 10
    # years and older with heterozygous familial hypercholesterolemia (HeFH). … for the treatment of adults
    # with: Primary dysbetalipoproteinemia Hypertriglyceridemia Atorvastatin calcium tablets are …"
    answer = ask("what is atorvastatin used for", pack)
    assert [u.condition for u in answer.uses] == [
        "Myocardial infarction", "primary hyperlipidemia", "heterozygous familial hypercholesterolemia",
        "homozygous familial hypercholesterolemia", "Primary dysbetalipoproteinemia", "Hypertriglyceridemia"]
    assert answer.uses[2].population.min_age_years == 10
    assert answer.uses[4].role == "adjunct to diet"


def test_pediatric_uses_are_for_children_only_and_conditions_drop_who_they_are_for(pack: Pack) -> None:
    remicade = {u.condition: u.population for u in ask("what is remicade used for", pack).uses}
    assert remicade["Pediatric Crohn's Disease"].children and not remicade["Pediatric Crohn's Disease"].adults
    azithromycin = {u.condition: u.population for u in ask("what is azithromycin used for", pack).uses}
    # "• Acute otitis media in pediatric patients (6 months of age and older)"
    assert azithromycin["Acute otitis media"].min_age_years == 0.5 and not azithromycin["Acute otitis media"].adults
    assert "Genital ulcer disease" in azithromycin and "Pharyngitis/tonsillitis" in azithromycin
