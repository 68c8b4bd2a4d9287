"""Finding the drug a question names, the way people type it."""

from __future__ import annotations

import pytest

from rxscoop import Pack
from rxscoop.question.resolve import resolve_drug


@pytest.mark.parametrize(
    "question",
    ["what is dupixent used for", "DUPIXENT", "Dupixent®", "dupixant for kids?", "dupilumab injection",
     "what's dupixent for", "dupixent 300 mg pen", "Dupixent™ used for eczema?", "dupixen"],
)
def test_dupixent_is_found_however_typed(pack: Pack, question: str) -> None:
    found = resolve_drug(question, pack)
    assert found.status == "found"
    assert pack.label(found.label).title == "Dupixent"


@pytest.mark.parametrize(
    ("question", "title"),
    [("what is metformin for", "metformin"), ("metformin hydrochloride tablets", "metformin"),
     ("what does lisinoprel treat", "lisinopril"), ("infliximab", "Remicade"),
     ("tell me about skyrizzi", "Skyrizi"), ("furosemide", "furosemide"), ("enbrel", "Enbrel")],
)
def test_brand_generic_and_misspelled_names(pack: Pack, question: str, title: str) -> None:
    found = resolve_drug(question, pack)
    assert found.status == "found", found
    assert pack.label(found.label).title.lower() == title.lower()  # the chosen label's own casing


def test_a_name_several_products_share_asks_which(pack: Pack) -> None:
    found = resolve_drug("what is adalimumab used for", pack)
    assert found.status == "ambiguous"
    assert found.suggestions == ["Hulio", "Idacio", "Yusimry", "Simlandi", "Abrilada"]


@pytest.mark.parametrize("question", ["what is xyzzyqux used for", "what is it used for", "hello", "???"])
def test_unknown_names_are_never_answered_as_another_drug(pack: Pack, question: str) -> None:
    assert resolve_drug(question, pack).status == "not_found"


def test_unknown_name_suggests_the_nearest(pack: Pack) -> None:
    found = resolve_drug("what is dupiflex used for", pack)
    assert found.status == "not_found"
    assert "Dupixent" in found.suggestions


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("symbalta side effects", "CYMBALTA"),  # c/k/s can start the same sound
        ("what is selexa for", "CELEXA"),
        ("zanax", "XANAX"),  # initial x sounds like z
        ("xanex", "XANAX"),  # one slip in a short name
        ("humera for psoriasis", "HUMIRA"),
        ("vyagra", "VIAGRA"),
        ("dupixnet", "Dupixent"),  # two letters swapped
    ],
)
def test_misspellings_people_make(pack: Pack, question: str, title: str) -> None:
    found = resolve_drug(question, pack)
    assert found.status == "found" and not found.exact, found
    assert pack.label(found.label).title.lower() == title.lower()  # the chosen label's own casing


def test_release_suffixes_are_variants_never_taken_for_the_named_product(pack: Pack) -> None:
    # Only an extended-release label is called "Adderall": the name without "XR" finds it.
    adderall = resolve_drug("what is adderall used for", pack)
    assert adderall.status == "found" and pack.label(adderall.label).title == "Adderall XR"
    # Coreg and Coreg CR are both in the pack, with different doses: "coreg" is Coreg, even though only
    # Coreg CR's label has an indications section, and the name given is the chosen label's.
    coreg = resolve_drug("lowest dose of coreg", pack)
    assert coreg.status == "found" and pack.label(coreg.label).title == "Coreg" and coreg.name == "COREG"


def test_the_fullest_label_of_a_medicine_answers_under_its_salt_free_name(pack: Pack) -> None:
    """"sertraline" names an excerpt label and, without its salt, the whole Sertraline Hydrochloride label: the
    whole one answers."""
    found = resolve_drug("what is sertraline used for", pack)
    assert found.status == "found" and pack.label(found.label).complete


def test_a_brand_without_an_ingredient_is_linked_through_the_ema_list(pack: Pack) -> None:
    """The Eliquis label in the pack holds its adverse reactions only and names no ingredient; the EMA list has
    Eliquis with its active substance, apixaban, so the apixaban label answers, and says so."""
    from rxscoop import ask
    answer = ask("what is eliquis used for", pack)
    assert answer.status == "answered" and answer.message and "same medicine (apixaban)" in answer.message
    assert answer.uses
