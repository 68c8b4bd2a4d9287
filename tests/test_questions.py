"""Question understanding, answers per intent, condition tailoring, safety first, and conversation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import DATA
from rxscoop import Conversation, Pack, ask
from rxscoop.cli import app
from rxscoop.evaluation.questions import evaluate_questions
from rxscoop.question.parse import understand
from rxscoop.render.markdown import render_markdown


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("what is dupixent used for", "uses"),
        ("dupixent", "uses"),
        ("why codeine", "uses"),
        ("what is metopol tar use", "uses"),
        ("does cyclosporine ophthalmic helps for iritis?", "uses"),
        ("how does dupixent work", "how_it_works"),
        ("breo inhaler how it works", "how_it_works|form"),  # MedicationQA files it under Usage
        ("how long morphine remains in body", "how_it_works"),
        ("is cyclobenzaprine a benzodiazepine?", "how_it_works"),
        ("dupixent side effects", "side_effects"),
        ("does lexapro cause weight gain", "side_effects"),
        ("what happens when you take lansoprazole long term", "side_effects"),
        ("is pramipexole addictive?", "side_effects"),
        ("what is the maximum dose of pregabalin", "dosage"),
        ("nitroglycerin how often", "dosage"),
        ("how do you take clindamycin", "dosage|form"),
        ("wean off tegretol?", "dosage"),
        ("how to self inject enoxaparin sodium", "form"),
        ("how to give diazepam rectal gel", "form"),
        ("who should not take enbrel", "warnings"),
        ("is rinvoq dangerous", "warnings"),
        ("can i take metamucil with ciprofloxacin?", "interactions"),
        ("what medication not to take with lithium", "interactions"),
        ("how soon can tylenol be taken after a cocktail?", "interactions"),
        ("can i take sertraline while pregnant", "pregnancy"),
        ("is metformin safe when breastfeeding", "pregnancy"),
        ("how should i store dupixent", "storage"),
        ("does insulin need to be refrigerated", "storage"),
        ("what is the color of the fluvaastatin pill", "appearance"),
        ("what are the ingredients in omeprazole", "appearance"),
        ("dupixent vs adbry", "comparison"),
        ("what is the difference between enbrel and humira", "comparison"),
        ("what happens if i take too much metformin", "overdose"),
        ("what is the half life of dupixent", "other"),
        ("who manufactures lipitor", "other"),
        # Phrasings written for the rules added to reach the intent target, not taken from MedicationQA.
        ("what can i take instead of ibuprofen", "other"),
        ("what is a good substitute for metformin", "other"),
        ("has zantac been recalled", "other"),
        ("can i take advil instead of tylenol", "comparison"),
        ("can you crush amlodipine", "form"),
        ("can i cut metformin tablets in half", "form"),
        ("do i mix the solution with saline for my nebulizer", "form"),
        ("how is dupixent given", "form"),
        ("how should it be injected", "form"),
        ("how is dupixent used for eoe", "uses"),
        ("should metformin be taken with or without food", "dosage"),
        ("how many milligrams of sertraline", "dosage"),
        ("what is the infusion rate for vancomycin", "dosage"),
        ("when is the second dose of the shingles vaccine", "dosage"),
        ("how should metformin be taken", "dosage"),
        ("how to get off prednisone", "dosage"),
        ("metformin and milk", "interactions"),
        ("can i eat cheese on linezolid", "interactions"),
        ("can i mix dupixent with other medicines", "interactions"),
        ("can i have a baby on lexapro", "pregnancy"),
        ("how does prednisone affect blood sugar", "side_effects"),
        ("symptoms after taking too little sleep on zolpidem", "side_effects"),
        ("how does humira help psoriasis", "how_it_works"),
        ("how well does dupixent work", "how_it_works"),
        ("what is the response rate for dupixent", "how_it_works"),
    ],
)
def test_real_phrasings_get_their_intent(pack: Pack, question: str, intent: str) -> None:
    assert understand(question, pack).intent in intent.split("|")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("dupixent headache", "side_effects"),  # a side effect named, not a use
        ("metformin weight loss", "side_effects"),
        ("sertraline depression", "uses"),  # depression is one of sertraline's uses
        ("dupixent asthma", "uses"),
        ("dupixent", "uses"),
    ],
)
def test_a_bare_symptom_is_a_side_effect_question_unless_it_is_a_use(pack: Pack, question: str, intent: str) -> None:
    assert understand(question, pack).intent in intent.split("|")


@pytest.mark.parametrize(
    ("question", "intent", "sections"),
    [
        ("dupixent side effects", "side_effects", {"adverse_reactions"}),
        ("how much dupixent for asthma", "dosage", {"dosage_and_administration"}),
        ("who should not take enbrel", "warnings", {"boxed_warning"}),
        ("who should not take dupixent", "warnings", {"contraindications"}),
        ("can i take metformin with other drugs together", "interactions", {"drug_interactions"}),
        ("how should i store dupixent", "storage", {"dosage_and_administration"}),
        ("how does lisinopril work", "how_it_works", {"indications_and_usage"}),
        ("how do i inject dupixent", "form", {"dosage_and_administration"}),
    ],
)
def test_each_intent_answers_from_the_right_sections(
    pack: Pack, question: str, intent: str, sections: set[str]
) -> None:
    answer = ask(question, pack)
    assert answer.status == "answered" and answer.intent == intent
    assert answer.topic and answer.topic.statements
    cited = {c.section for s in answer.topic.statements for c in s.citations}
    assert sections <= cited, cited
    assert all(s.citations for s in answer.topic.statements)


def test_a_missing_section_is_said_not_guessed(pack: Pack) -> None:
    answer = ask("is enbrel safe during pregnancy", pack)
    assert answer.topic and answer.topic.intent == "pregnancy"
    assert answer.topic.statements[0].text.startswith("The label rxscoop has for Enbrel does not include advice on "
                                                      "pregnancy")


def test_condition_tailored_answers(pack: Pack) -> None:
    asthma = ask("dupixent for asthma", pack)
    assert asthma.condition == "Asthma" and asthma.topic and asthma.topic.title == "Dupixent for asthma"
    texts = [s.text for s in asthma.topic.statements]
    assert texts[0].startswith("Asthma: for adults and children 6 years and older")
    assert "How often: every 2 weeks." in texts
    assert any(t.startswith("Not for: the relief of sudden tightening") for t in texts)
    kids = ask("can kids use dupixent for eczema", pack)
    assert kids.topic and "Eczema: approved for children 6 months and older." in [s.text for s in kids.topic.statements]
    eoe = ask("how is dupixent used for eoe", pack)
    assert eoe.condition == "Eosinophilic Esophagitis"
    not_use = ask("dupixent for psoriasis", pack)
    assert not_use.topic and not_use.topic.statements[0].text.startswith(
        "Psoriasis is not among Dupixent's approved uses in its FDA label.")
    children = ask("dupixant for kids?", pack)
    lines = [s.text for s in children.topic.statements] if children.topic else []
    assert "COPD: adults only; not approved for children." in lines
    assert "Asthma: approved for children 6 years and older." in lines


def test_comparison_puts_two_labels_side_by_side(pack: Pack) -> None:
    answer = ask("dupixent vs adbry", pack)
    assert answer.other_drug and answer.other_drug.title == "Adbry"
    assert answer.topic and answer.topic.statements[-1].text.startswith("Both are approved for: eczema.")
    assert {c.drug for s in answer.topic.statements for c in s.citations} == {"Dupixent", "Adbry"}


@pytest.mark.parametrize(
    ("question", "first_words"),
    [("I took too many metformin pills", "If someone may have taken too much medicine, call Poison Control"),
     ("i want to kill myself with my pills", "If you are thinking about suicide"),
     ("my throat is swelling after dupixent", "Trouble breathing or swelling"),
     ("chest pain after taking lisinopril", "Chest pain, pressure or tightness")],
)
def test_emergencies_come_first(pack: Pack, question: str, first_words: str) -> None:
    answer = ask(question, pack)
    assert answer.emergency and answer.emergency[0].text.startswith(first_words)
    assert answer.emergency[0].reference  # general guidance, with its source
    assert render_markdown(answer).startswith("> **Get help now.** " + first_words)


def test_emergency_without_a_drug_still_gets_guidance(pack: Pack) -> None:
    answer = ask("i want to end my life", pack)
    assert answer.status == "emergency" and answer.emergency and answer.drug is None


def test_fts_syntax_in_a_question_is_harmless(pack: Pack) -> None:
    for question in ['dupixent "NEAR( * OR AND', "dupixent half-life*", 'what is "dupixent" -used']:
        assert ask(question, pack).status in ("answered", "no_data")


def test_second_drug_and_population_are_understood(pack: Pack) -> None:
    q = understand("can i take metformin with lisinopril", pack)
    assert q.intent == "interactions" and q.other_label is not None
    assert understand("is dupixent ok for my 8 year old", pack).population == "children"
    assert understand("sertraline when pregnant", pack).population == "pregnancy"


def test_conversation_follow_ups_use_the_drug_already_discussed(pack: Pack) -> None:
    chat = Conversation(pack)
    assert chat.ask("what is dupixent used for").drug.title == "Dupixent"
    asthma = chat.ask("what about asthma?")
    assert asthma.drug and asthma.drug.title == "Dupixent" and asthma.condition == "Asthma"
    effects = chat.ask("side effects?")
    assert effects.intent == "side_effects" and effects.drug and effects.drug.title == "Dupixent"
    switched = chat.ask("what is adbry used for")
    assert switched.drug and switched.drug.title == "Adbry"
    assert chat.ask("how often?").drug.title == "Adbry"
    unknown = chat.ask("what is zorblaxin used for")
    assert unknown.status == "not_found"  # a new, unknown name is never answered as the last drug
    # The context a client carries is all a conversation needs: another process resumes it.
    resumed = Conversation.resume(pack, chat.context)
    assert resumed.ask("and side effects?").drug.title == "Adbry"


def test_chat_command(pack_path: Path) -> None:
    result = CliRunner().invoke(app, ["chat", "--pack", str(pack_path)],
                                input="what is dupixent used for\nwhat about asthma?\n\n")
    assert result.exit_code == 0
    assert result.output.count("# Dupixent (dupilumab)") == 2 and "## Dupixent for asthma" in result.output


def test_medicationqa_figures(pack: Pack) -> None:
    path = DATA / "medicationqa" / "medicationqa-dev.csv"
    score = evaluate_questions(path, pack)
    with path.open(encoding="utf-8", newline="") as fh:
        assert score.questions == len(list(csv.DictReader(fh))) and score.drug_in_pack > 0
    # Floors, not the measured figures (which move with the labels the data folder holds): `rxscoop eval
    # --questions … --folds 5` prints those. The shipped model has seen these questions.
    assert score.drug_accuracy >= 90 and score.wrong_drug <= score.drug_in_pack // 20
    assert score.intent_accuracy >= 85


def test_a_named_side_effect_is_looked_up_in_the_label(pack: Pack) -> None:
    pink = ask("does dupixent cause pink eye", pack).topic
    assert pink and pink.statements[0].text == (
        "You asked about pink eye: the label does not use that word, but mentions conjunctivitis, which is related.")
    headaches = ask("metformin headaches", pack).topic  # the word asked, plural or not, before its family
    assert headaches and headaches.statements[0].text == "You asked about headaches: the label mentions it."
    assert "Conjunctivitis" in pink.statements[1].text and pink.statements[1].citations
    # Not in the sections rxscoop has: said plainly, without claiming it cannot happen.
    weight = ask("does sertraline make you gain weight", pack).topic
    assert weight and weight.statements[0].text.startswith(
        "You asked about weight gain: the parts of the label rxscoop has on side effects (")
    assert "That does not prove it cannot happen" in weight.statements[0].text


def test_a_named_food_or_drink_is_looked_up_in_the_label(pack: Pack) -> None:
    alcohol = ask("metformin with alcohol", pack).topic
    assert alcohol and alcohol.title == "Metformin and alcohol"
    assert alcohol.statements[0].text == "You asked about alcohol: the label mentions it."
    assert "Alcohol is known to potentiate the effect of metformin" in alcohol.statements[1].text
    cabbage = ask("can i take warfarin with cabbage", pack).topic
    assert cabbage and cabbage.statements[0].text == (
        "You asked about cabbage (vitamin K foods): the label mentions vitamin K.")
    assert "vitamin K" in cabbage.statements[1].text
    wine = ask("can i drink wine on dupixent", pack).topic
    assert wine and wine.statements[0].text.startswith("You asked about wine (alcohol): the parts of the label")
    assert "That does not prove the combination is safe" in wine.statements[0].text
    # Sertraline's full label (not the excerpt that shares its name) answers, and it does speak of alcohol.
    wine = ask("can i drink wine on sertraline", pack).topic
    assert wine and wine.statements[0].text == "You asked about wine (alcohol): the label mentions alcohol."
    weed = understand("can i smoke weed on adderall", pack)  # no rule matches; the substance does
    assert weed.intent == "interactions"


def test_a_medicine_not_in_the_pack_gets_a_helpful_refusal(pack: Pack) -> None:
    answer = ask("what is xyzzyqux used for", pack)
    assert answer.status == "not_found" and answer.drug is None and answer.uses == []
    assert answer.message and "brand name or the generic one" in answer.message and "won't guess" in answer.message


def test_follow_ups_that_name_a_side_effect_or_a_drink(pack: Pack) -> None:
    chat = Conversation(pack)
    chat.ask("what is metformin for")
    headaches = chat.ask("headaches?")
    assert headaches.intent == "side_effects" and headaches.drug and headaches.drug.title == "Metformin"
    assert headaches.topic and headaches.topic.statements[0].text == "You asked about headaches: the label mentions it."
    alcohol = chat.ask("and alcohol?")
    assert alcohol.intent == "interactions" and alcohol.topic and alcohol.topic.title == "Metformin and alcohol"
