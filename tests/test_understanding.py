"""Questions worded in ways rxscoop has not seen (issue 14): the intent model, what is certain, several drugs
and classes, topics found by meaning, questions outside labels, conversation, and close-only suggestions;
through the CLI and /v1/chat as a user meets them."""

from __future__ import annotations

import asyncio
import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from helpers import DATA, SHARED, web_app
from rxscoop import Conversation, Pack, ask
from rxscoop.answer.dispatch import compose
from rxscoop.cli import app
from rxscoop.question.classifier import features, shipped_model
from rxscoop.question.parse import understand
from rxscoop.question.resolve import close_enough, resolve_drug, sound_key
from rxscoop.question.train import written_examples

MEDICATIONQA = DATA / "medicationqa" / "medicationqa-dev.csv"


def _ask_cli(pack_path: Path, question: str) -> dict:
    result = CliRunner().invoke(app, ["ask", question, "--pack", str(pack_path), "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


async def _chat(pack_path: Path, messages: list[str]) -> list[dict]:
    """One /v1/chat session through the ASGI app in-process (httpx ASGITransport), its lifespan included."""
    application = web_app(pack_path, 0)
    answers: list[dict] = []
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            context = None
            for message in messages:
                reply = await client.post("/v1/chat", json={"message": message, "context": context})
                assert reply.status_code == 200, reply.text
                context = reply.json()["context"]
                answers.append(reply.json()["answer"])
    return answers


def _texts(answer: dict) -> list[str]:
    return [s["text"] for s in (answer.get("topic") or {}).get("statements", [])]


# --- the intent model: plain data, applied without machine-learning libraries -------------------------------

def test_the_model_is_data_with_its_sources_and_answers_without_sklearn_or_numpy(pack_path: Path) -> None:
    model = shipped_model()
    assert {"uses", "side_effects", "interactions", "outside"} <= set(model.classes)
    assert model.meta["built_by"] == "scripts/train_intents.py" and model.meta["sources"]
    assert model.meta["training_questions"]["written"] == len(written_examples())
    code = ("import sys; from rxscoop import ask; a = ask('does metformin make you sleepy', sys.argv[1]); "
            "assert a.intent == 'side_effects', a.intent; "
            "assert 'sklearn' not in sys.modules and 'numpy' not in sys.modules, 'imported'")
    subprocess.run([sys.executable, "-c", code, str(pack_path)], check=True, timeout=120)


def test_written_questions_are_sourced_generic_and_not_copied_from_medicationqa() -> None:
    from importlib import resources

    text = resources.files("rxscoop.data").joinpath("intent_questions.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert all(r["source"].startswith("written for rxscoop") for r in rows)
    assert all("{drug}" in r["question"] or "{" not in r["question"] for r in rows)
    with MEDICATIONQA.open(encoding="utf-8", newline="") as fh:
        dev = {re.sub(r"\W+", " ", r["Question"].lower()).strip() for r in csv.DictReader(fh)}
    for r in rows:
        assert re.sub(r"\W+", " ", r["question"].lower()).strip() not in dev, r["question"]


def test_features_see_phrasing_not_the_drug_name() -> None:
    assert features("does Zoloft make you sleepy", "zoloft") == features("does {drug} make you sleepy")
    assert features("does metformin make you sleepy", "metformin") == features("does zoloft make you sleepy",
                                                                                "zoloft")


def test_cross_validated_intent_accuracy_through_the_cli(pack_path: Path, tmp_path: Path) -> None:
    """k-fold figures, printed beside the shipped model's (a subset of the file and 2 folds keep the test short)."""
    pytest.importorskip("sklearn")
    with MEDICATIONQA.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    subset = tmp_path / "mqa.csv"
    with subset.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[::6])
    result = CliRunner().invoke(app, ["eval", "--questions", str(subset), "--folds", "2", "--pack", str(pack_path),
                                      "--gold", str(SHARED / "eval" / "indications-dev.json")])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    shipped = float(re.search(r"intent accuracy ([\d.]+)%", out).group(1))
    crossed = float(re.search(r"cross-validated intent accuracy: ([\d.]+)%", out).group(1))
    assert "2 folds, fixed seed" in out and "drug resolution" in out
    assert 0 < crossed <= 100 and 0 < shipped <= 100


# --- everyday wording -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("does zoloft make you sleepy", "side_effects"),
        ("dupixent and blurry eyes", "side_effects"),
        ("can metformin make you tired", "side_effects"),
        ("is metformin safe", "warnings"),
        ("is it safe to take lisinopril every day", "warnings"),
        ("how long before sertraline starts working", "how_it_works"),
        ("i forgot to take my metformin, what should i do", "dosage"),
        ("can i just stop taking sertraline", "dosage"),
        ("what should i not eat or drink with metformin", "interactions"),
        ("which painkillers can i take with lisinopril", "interactions"),
        ("how much does dupixent cost", "outside"),
        ("is dupixent covered by insurance", "outside"),
        ("where can i buy metformin", "outside"),
        ("is dupixent better than adbry", "comparison"),
    ],
)
def test_everyday_wording_reaches_the_right_section(pack: Pack, question: str, intent: str) -> None:
    assert understand(question, pack).intent == intent


def test_everyday_side_effects_through_the_cli(pack_path: Path) -> None:
    blurry = _ask_cli(pack_path, "dupixent and blurry eyes")
    assert blurry["intent"] == "side_effects"
    assert _texts(blurry)[0].startswith("You asked about blurry eyes")
    safe = _ask_cli(pack_path, "is metformin safe")
    assert safe["intent"] == "warnings" and safe["topic"]["title"].startswith("Who should be careful")


def test_an_unsure_reading_says_what_was_understood(pack: Pack) -> None:
    query = understand("metformin morning", pack)
    if not query.unsure:  # the wording stays ambiguous whatever the model; force it if this model is sure
        query = query.model_copy(update={"unsure": True, "runner_up": "dosage"})
    answer = compose(query, pack)
    first = answer.topic.statements[0] if answer.topic else None
    assert first and first.text.startswith("I read this as a question about ")
    assert first.reference and "intent model" in first.reference
    sure = ask("what are the side effects of metformin", pack)
    assert not any(s.text.startswith("I read this as") for s in sure.topic.statements)


# --- several drugs and classes ----------------------------------------------------------------------------

def test_every_drug_named_is_resolved(pack: Pack) -> None:
    query = understand("can i take metformin with lisinopril and ibuprofen", pack)
    titles = {pack.label(i).title.lower() for i in [query.label, *query.other_labels]}
    assert {"metformin", "lisinopril", "ibuprofen"} <= titles
    assert query.intent == "interactions"


def test_interactions_look_for_each_drug_and_class_in_each_label(pack_path: Path) -> None:
    answer = _ask_cli(pack_path, "can i take metformin with lisinopril and ibuprofen")
    texts = _texts(answer)
    for name in ("lisinopril", "ibuprofen"):
        assert any(t.lower().startswith("metformin's label") and name in t.lower() for t in texts), texts
        assert any(t.lower().startswith(f"{name}'s label") and "metformin" in t.lower() for t in texts), texts
    painkillers = _ask_cli(pack_path, "which painkillers can i take with lisinopril")
    assert "pain relievers" in painkillers["topic"]["title"]
    assert any("NSAID" in t for t in _texts(painkillers))  # the class's members, in the label's own words


def test_a_named_medicine_never_quotes_unrelated_text(pack: Pack) -> None:
    answer = ask("dupixent with ibuprofen", pack)
    words = re.compile(r"ibuprofen|nsaid|non-?steroidal|naproxen|aspirin|salicylate|diclofenac|celecoxib|meloxicam|"
                       r"ketorolac|indomethacin|cox-2|dupixent|dupilumab", re.I)
    for statement in answer.topic.statements:
        if statement.text.startswith("The label says"):
            assert words.search(statement.text), statement.text
    assert not any("asthma" in s.text.lower() and s.text.startswith("The label says") for s in answer.topic.statements)


# --- topics in the label's own words ---------------------------------------------------------------------

def test_food_and_drink_finds_each_in_the_label(pack: Pack) -> None:
    topic = ask("what should i not eat or drink with metformin", pack).topic
    text = " ".join(s.text for s in topic.statements)
    assert "Alcohol is known to potentiate the effect of metformin" in text
    assert "meals" in text  # food: the label's own word


def test_time_to_effect_is_quoted_or_said_missing_with_the_sections_read(pack: Pack) -> None:
    for drug in ("sertraline", "dupixent", "metformin", "lisinopril"):
        topic = ask(f"how long before {drug} starts working", pack).topic
        first = topic.statements[0].text
        assert topic.title.endswith("how soon it starts to work")
        assert first.startswith("You asked how soon it starts to work") or (
            "does not say how soon it starts to work" in first and "rxscoop read these sections" in first), first
    # "how does it work" is not a timing question
    assert understand("how does sertraline work", pack).aspect is None


def test_stopping_and_missed_doses_are_found_by_meaning(pack: Pack) -> None:
    for question in ("can i just stop taking sertraline", "i forgot a dose of metformin"):
        answer = ask(question, pack)
        assert answer.intent == "dosage" and answer.topic
        first = answer.topic.statements[0].text
        assert first.startswith("You asked what to do") or "does not say what to do" in first, first


# --- questions outside labels ----------------------------------------------------------------------------

def test_cost_and_where_to_buy_get_an_honest_answer(pack_path: Path) -> None:
    for question in ("how much does dupixent cost", "where can i buy metformin", "is lisinopril covered by medicare"):
        answer = _ask_cli(pack_path, question)
        texts = _texts(answer)
        assert answer["intent"] == "outside" and texts[0].startswith("FDA labels do not cover price")
        assert "What rxscoop can tell you" in texts[1]
    better = _ask_cli(pack_path, "is dupixent better than adbry")
    assert _texts(better)[0].startswith("Labels don't say which medicine is better for you")


# --- conversation -----------------------------------------------------------------------------------------

def test_conversation_keeps_the_drug_and_never_repeats_a_whole_answer(pack: Pack) -> None:
    chat = Conversation(pack)
    assert chat.ask("what is dupixent used for").drug.title == "Dupixent"
    again = chat.ask("what is it used for")
    assert again.status == "answered" and again.drug.title == "Dupixent" and again.uses
    kids = chat.ask("and for kids?")
    assert kids.drug.title == "Dupixent" and kids.topic and kids.topic.title == "Dupixent for children"
    lost = chat.ask("xyzzy")
    assert lost.status == "no_data" and lost.drug.title == "Dupixent" and not lost.uses and not lost.topic
    assert lost.message.startswith("I didn't understand “xyzzy”. We were talking about Dupixent")
    cost = chat.ask("how much does it cost")
    assert cost.intent == "outside" and cost.drug.title == "Dupixent"
    assert cost.topic.statements[0].text.startswith("FDA labels do not cover price")
    switched = chat.ask("metformin side effects")
    assert switched.drug.title == "Metformin" and switched.intent == "side_effects"
    assert chat.ask("is it safe").drug.title == "Metformin"


def test_chat_over_http(pack_path: Path) -> None:
    first, lost, follow, cost, switched, kids, interaction = asyncio.run(_chat(pack_path, [
        "metformin side effects", "xyzzy", "what is it used for", "how much does it cost", "what is dupixent used for",
        "and for kids?", "can i take it with ibuprofen"]))
    name = first["drug"]["title"]
    assert lost["status"] == "no_data" and lost["drug"]["title"] == name
    assert lost["message"].startswith("I didn't understand") and not lost["patients"] and not lost["topic"]
    assert follow["drug"]["title"] == name and follow["intent"] == "uses"
    assert cost["intent"] == "outside" and _texts(cost)[0].startswith("FDA labels do not cover price")
    assert switched["drug"]["title"] == "Dupixent"
    assert kids["drug"]["title"] == "Dupixent" and kids["topic"]["title"] == "Dupixent for children"
    assert interaction["intent"] == "interactions" and interaction["drug"]["title"] == "Dupixent"


def test_chat_command_says_when_it_did_not_understand(pack_path: Path) -> None:
    result = CliRunner().invoke(app, ["chat", "--pack", str(pack_path)],
                                input="what is dupixent used for\nxyzzy\nhow much does it cost\n\n")
    assert result.exit_code == 0
    assert "I didn't understand “xyzzy”. We were talking about Dupixent" in result.output
    assert "FDA labels do not cover price" in result.output


# --- suggestions only for close names ----------------------------------------------------------------------

@pytest.mark.parametrize("word", ["centrum", "biotin", "niacin", "vitamin d3", "keflex", "amoxil", "fish oil"])
def test_no_suggestion_across_a_large_distance(pack: Pack, pack_path: Path, word: str) -> None:
    found = resolve_drug(f"what is {word} used for", pack)
    assert found.status != "found" or pack.label(found.label).title.lower().startswith(word.split()[0])
    if found.status == "not_found":
        assert found.suggestions == [] or all(close_enough(word.split()[0], s.lower()) for s in found.suggestions)
    answer = _ask_cli(pack_path, f"what is {word} used for")
    if answer["status"] == "not_found" and not answer["suggestions"]:
        assert "won't guess" in answer["message"]
        if " " not in word:
            assert answer["message"].startswith(f"No close match for “{word}”")


def test_close_names_are_still_suggested(pack: Pack) -> None:
    assert "Dupixent" in resolve_drug("what is dupiflex used for", pack).suggestions
    assert close_enough("cefalexin", "cephalexin")  # spelled apart, sounds the same
    assert sound_key("cefalexin") == sound_key("cephalexin")
    assert not close_enough("centrum", "sintrom")  # sounds alike, but spelled too far apart to suggest
    assert not close_enough("biotin", "bosulif")
    assert not close_enough("augmentin", "alimta")
