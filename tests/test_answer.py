"""The answer model for "what is X used for", composed from the real snapshot pack."""

from __future__ import annotations

import re

import pytest

from rxscoop import Pack, ask
from rxscoop.errors import BadQuestion
from rxscoop.label.sections import section_title

ANSWERABLE = ["Dupixent", "Enbrel", "Hulio", "Omvoh", "Rinvoq", "metformin", "sertraline", "lisinopril"]


def test_dupixent_answer(pack: Pack) -> None:
    answer = ask("what is dupixent used for", pack)
    assert answer.status == "answered"
    assert answer.drug and (answer.drug.title, answer.drug.generic_name) == ("Dupixent", "dupilumab")
    assert [(u.plain_name, u.who) for u in answer.uses] == [
        ("eczema", "adults and children 6 months and older"),
        (None, "adults and children 6 years and older"),
        ("long-lasting sinus swelling with nasal polyps", "adults and children 12 years and older"),
        ("an allergic swelling of the food pipe (esophagus)",
         "adults and children 1 year and older, weighing at least 15 kg"),
        ("very itchy hard bumps on the skin", "adults"),
        ("COPD, a long-term lung disease that makes it hard to breathe", "adults"),
        ("long-lasting hives with no known cause", "adults and children 12 years and older"),
        ("a skin disease that causes large blisters", "adults"),
    ]
    assert answer.uses[0].statement.text == (
        "Eczema (atopic dermatitis): for adults and children 6 months and older; when it is moderate-to-severe; "
        "when prescription creams or ointments have not worked well enough, or are not a good option."
    )
    assert [lim.text for lim in answer.uses[1].limitations] == [
        "Not for: the relief of sudden tightening of the airways or a severe asthma attack that does not let up."]
    assert answer.summary and answer.summary.text.startswith(
        "Dupixent (dupilumab) is an interleukin-4 receptor alpha antagonist. Its FDA label lists 8 approved uses")
    assert answer.follow_up and "dupixent for asthma" in answer.follow_up
    assert answer.sources[0].retrieved_at == "2026-01-08"
    assert "not medical advice" in answer.disclaimer


@pytest.mark.parametrize("drug", ANSWERABLE)
def test_every_statement_is_cited_to_text_that_supports_it(pack: Pack, drug: str) -> None:
    answer = ask(f"what is {drug} used for", pack)
    assert answer.status == "answered"
    for statement in answer.statements():
        assert statement.citations, statement.text
        for c in statement.citations:
            # EU text is cited to the EU product it is from (the same medicine, maybe another brand)
            assert (c.drug == answer.drug.title or c.region == "EU") and c.section_title == section_title(c.section)
            assert c.quote and c.source
    for use in answer.uses:
        quote = use.statement.citations[0].quote.lower()
        key = re.sub(r"\s*\(.*?\)", "", use.condition).lower()
        assert key.split()[-1] in quote, (use.condition, quote[:120])
        if use.population.min_age_years is not None and use.population.min_age_years < 18:
            # an age limit comes from a number in the quoted text, in digits or words ("from the age of two years")
            assert re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", quote)


def test_boxed_warning_is_a_cited_caution(pack: Pack) -> None:
    answer = ask("what is enbrel used for", pack)
    boxed = [c for c in answer.cautions if c.citations[0].section == "boxed_warning"]
    assert len(boxed) == 1
    assert boxed[0].text == ("The label has a boxed warning, the FDA's strongest kind, about "
                             "serious infections and cancers.")
    assert "SERIOUS INFECTIONS" in boxed[0].citations[0].quote


def test_label_without_indications_says_so(pack: Pack) -> None:
    answer = ask("what is fetzima used for", pack)
    assert answer.status == "no_data" and answer.uses == []
    assert answer.message and "Indications and Usage" in answer.message and "Adverse Reactions" in answer.message


def test_unknown_and_ambiguous(pack: Pack) -> None:
    unknown = ask("what is zorblaxin used for", pack)
    assert unknown.status == "not_found" and unknown.uses == [] and unknown.drug is None
    ambiguous = ask("adalimumab", pack)
    assert ambiguous.status == "ambiguous" and "Hulio" in ambiguous.suggestions


@pytest.mark.parametrize("question", ["", "   ", "\x00\x01", "x" * 5000])
def test_bad_questions_raise_bad_question(pack: Pack, question: str) -> None:
    with pytest.raises(BadQuestion):
        ask(question, pack)


def test_json_round_trip(pack: Pack) -> None:
    answer = ask("what is dupixent used for", pack)
    again = type(answer).model_validate_json(answer.model_dump_json())
    assert again == answer


def test_every_intent_but_uses_has_exactly_one_topic_builder() -> None:
    from rxscoop.answer.topics import TOPICS
    from rxscoop.question.intent import Intent

    assert set(TOPICS) == set(Intent) - {Intent.uses}
