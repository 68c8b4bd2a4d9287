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
    assert pack.label(found.label).title == title


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
