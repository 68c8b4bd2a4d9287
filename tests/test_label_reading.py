"""Reading the raw openFDA labels right: kind of medicine, routes, how often, cautions, which label answers,
the claim checks and `rxscoop audit`, and the label gold scored by `rxscoop eval` (eval/labels-dev.json)."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rxscoop import Pack, ask
from rxscoop.cli import app
from rxscoop.evaluation.audit import audit
from rxscoop.label.checks import Failures, check_details, check_indications, frequency_supported
from rxscoop.label.dosing import FREQUENCY, NOT_SCHEDULE, frequency_key, schedule_sentences
from rxscoop.label.facts import population_of
from rxscoop.label.indications import parse_indications
from rxscoop.label.layout import outline
from rxscoop.label.model import Details, Schedule, Use
from rxscoop.label.shape import condition_problem
from rxscoop.label.starts import _PLAIN, quick_start, start_class
from rxscoop.label.text import clean
from rxscoop.plain.classes import class_key, is_class
from rxscoop.plain.mechanisms import mechanisms
from rxscoop.sources.openfda import iter_raw, record_from_openfda
from rxscoop.sources.snapshot import is_snapshot_record, record_from_snapshot

ROOT = Path(__file__).resolve().parents[1]
LABELS = Path(os.environ.get("RXSCOOP_SHARED", ROOT.parent / "shared")) / "data" / "labels"
runner = CliRunner()


@pytest.mark.parametrize(("phrase", "ok"), [
    ("kinase inhibitor", True), ("Janus kinase (JAK) inhibitor", True), ("beta 2 -adrenergic agonist", True),
    ("ineffective and not", False), ("specifically", False), ("combination of tezacaftor and ivacaftor", False),
])
def test_a_class_phrase_counts_only_when_it_is_a_class(phrase: str, ok: bool) -> None:
    assert is_class(phrase) is ok


def test_kind_of_medicine_is_never_chosen_by_resemblance(pack: Pack) -> None:
    """Every plain class name in an answer comes from an exact class name the label or openFDA gives."""
    by_name = {m.name: m for m in mechanisms()}
    for label_id in pack.label_ids_with_uses():
        label = pack.label(label_id)
        answer = ask(f"what is {label.title} used for", pack)
        profile = answer.profile
        if answer.status != "answered" or not profile or not profile.drug_class_plain:
            continue
        assert profile.drug_class and class_key(profile.drug_class) in by_name[profile.drug_class_plain].classes, (
            label.title, profile.drug_class, profile.drug_class_plain)
    # desmopressin is "ineffective and not indicated" for one condition: that is no class, and an
    # antidiuretic is no water pill.
    desmo = ask("what is desmopressin used for", pack)
    assert desmo.profile and desmo.profile.drug_class_plain != "water pill"
    assert all("water pill" not in s.text for s in desmo.scoop)


def test_how_often_comes_from_the_regular_dose_never_a_step_a_limit_or_a_total() -> None:
    text = ("2.1 Recommended Dosage The recommended starting dose is 50 mg once daily. Patients not responding "
            "may have the dose increased by 50 mg every week up to a maximum of 200 mg daily. "
            "2.2 Arthritis Suggested Dosage: 1200 mg to 3200 mg daily (300 mg qid). "
            "Induction: 45 mg once daily for 8 weeks. Maintenance: 15 mg once daily.")
    said = [[m.group(0) for m in matches] for _, matches in schedule_sentences(text)]
    assert said == [["once daily"], ["once daily"]]  # the starting dose and the maintenance dose, nothing else
    assert frequency_key("once per day") == frequency_key("daily") == "once a day"
    assert frequency_key("every other week") == "every 2 weeks"
    # Cycles: the interval between doses, when it is regular.
    assert frequency_key("on Day 1 of each 21-day cycle") == "every 3 weeks"
    assert frequency_key("Days 1, 8 and 15 of each 28-day cycle") == "every week"
    assert frequency_key("Days 1, 4 and 7 of each 28-day cycle") == ""


def test_the_claim_check_drops_a_schedule_its_quote_does_not_back() -> None:
    bad = Schedule(frequencies=["once a day"], said=["daily"], quote="Do not exceed a total daily dose of 3200 mg.")
    good = Schedule(frequencies=["every 2 weeks"], said=["every other week"],
                    quote="The recommended dosage is 300 mg given every other week.")
    assert not frequency_supported(bad) and frequency_supported(good)
    failures = Failures()
    kept = check_details(Details(schedules=[bad, good]), "X", failures)
    assert kept.schedules == [good] and failures.counts() == {"how often not supported": 1}


def test_outline_keeps_tables_out_of_prose() -> None:
    text = ("14.1 Atopic Dermatitis In Trial 1, 38% of patients treated with the drug achieved clear skin compared "
            "with 10% on placebo. Table 5: Efficacy Results Endpoint Drug Placebo IGA 0 or 1 38% 10% EASI-75 51% "
            "15% The safety profile was similar in both trials.")
    shape = outline(text)
    assert [b.kind for b in shape.blocks] == ["heading", "prose", "table", "prose"]
    assert all("Table" not in s and "EASI-75" not in s for s in shape.sentences())


@pytest.mark.parametrize(("condition", "problem"), [
    ("Efficacy", "heading"), ("adults with: Primary dysbetalipoproteinemia", "list marker"),
    ("CARBOCAINE is indicated for production of local anesthesia", "sentence"),
    ("have previously received a PD-1 inhibitor", "fragment"), ("Rheumatoid Arthritis", None),
    ("Hemophilia A", None), ("Table 13 Efficacy Results in Beta Thalassemia", "table text"),
])
def test_shape_checks_tell_a_condition_from_what_is_not_one(condition: str, problem: str | None) -> None:
    assert condition_problem(condition) == problem


def test_every_route_of_the_products_is_said(pack: Pack) -> None:
    cosentyx = ask("what is cosentyx used for", pack)
    assert cosentyx.profile and "subcutaneous" in cosentyx.profile.routes
    how = next(s for s in cosentyx.form if s.text.startswith("How you use it"))
    assert "shot under the skin" in how.text and len(how.citations) == len(cosentyx.profile.routes)


def test_warnings_are_the_labels_own_headings_in_order(pack: Pack) -> None:
    sertraline = ask("what is sertraline used for", pack)
    talk = next(s.text for s in sertraline.cautions if s.text.startswith("Talk to your doctor about"))
    assert "suicid" in talk  # the full label's own heading: "Clinical Worsening and Suicide Risk"
    rexulti = [s.text for s in ask("what is rexulti used for", pack).cautions]
    assert rexulti[1].startswith("The label has a boxed warning")
    assert rexulti[2].startswith("Talk to your doctor about: increased death in elderly patients")


def test_a_partial_label_answers_from_the_full_label_of_the_same_medicine(pack: Pack) -> None:
    pristiq = ask("what is pristiq used for", pack)
    assert pristiq.status == "answered" and pristiq.uses
    zoloft = ask("what is zoloft used for", pack)
    assert zoloft.status == "answered" and zoloft.uses and zoloft.drug
    assert zoloft.message and "same medicine (sertraline)" in zoloft.message
    assert zoloft.drug.set_id in zoloft.message  # the answer names the label it answers from


def test_audit_finds_nothing_wrong_in_the_shared_data(pack: Pack, pack_path: Path) -> None:
    report = audit(pack)
    assert report.labels and report.uses and report.statements
    assert report.found == {}
    result = runner.invoke(app, ["audit", "--pack", str(pack_path), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["problems"] == {}


def test_label_gold_is_scored_by_eval(pack_path: Path) -> None:
    """The development gold read by hand from 48 raw openFDA labels (figures tuned on it: a regression guard,
    not the measure of labels never seen)."""
    result = runner.invoke(app, ["eval", "--gold", str(ROOT / "eval" / "labels-dev.json"), "--json",
                                 "--pack", str(pack_path)])
    assert result.exit_code == 0, result.output
    total = json.loads(result.output)["total"]
    assert total["recall"] >= 97 and total["precision"] >= 98 and total["age_accuracy"] >= 95
    assert total["kind_right"] >= 98 and total["routes_right"] >= 95 and total["how_often_right"] >= 98


def _uses(raw: dict) -> list[Use]:
    """The uses the build keeps for a raw label: read, then checked against their own quotes."""
    record = record_from_snapshot(raw, "test") if is_snapshot_record(raw) else record_from_openfda(raw, "test", "test")
    names = [*record.brand_names, *record.generic_names, *record.substance_names]
    parsed = parse_indications(record.sections["indications_and_usage"], names)
    return check_indications(parsed, record.title, Failures()).uses


def _conditions(raw: dict) -> list[str]:
    return [u.condition.lower() for u in _uses(raw)]


def test_a_cross_reference_is_cut_whole(raw_label: Callable[[str], dict]) -> None:
    """"[see Dosage and Administration (2.2 and 2.3) and Clinical Studies (14) ]" ends at its "]": the tail left
    in had cut "chronic hepatitis C virus" to "chronic hepatitis"."""
    assert any("hepatitis c" in c for c in _conditions(raw_label("46f4a73b-0cd6-4902-9092-3ac79e882c1a")))


def test_highlights_refs_that_cite_studies_and_not_indicated_items(raw_label: Callable[[str], dict]) -> None:
    # "( 1.1 , 14.1 )" is a ref to use 1.1: each highlights bullet joins its subsection, no use is read twice.
    bavencio = _conditions(raw_label("5cd725a1-2fa4-408a-a651-57a7b84b2118"))
    assert len(bavencio) == 3 and sum("urothelial" in c or c.endswith(" uc") for c in bavencio) == 1
    # "X is not indicated to treat asthma. (1.2)" is a limitation, never a use.
    assert _conditions(raw_label("f9633c92-99e5-4b5e-ab51-fa77453e5761")) == ["copd"]


def test_a_heading_ends_where_its_first_sentence_opens(raw_label: Callable[[str], dict]) -> None:
    """"1.3 Ductal Carcinoma in Situ In adult women with DCIS, following …, SOLTAMOX is indicated …"."""
    conditions = _conditions(raw_label("1e6ff055-590c-41e6-9530-1fdf04cdbd02"))
    assert "ductal carcinoma in situ" in conditions and len(conditions) == 4


def test_a_sentences_first_word_is_no_heading(raw_label: Callable[[str], dict]) -> None:
    """"Select patients for therapy based on an FDA-approved companion diagnostic …" is no use "Select"."""
    conditions = _conditions(raw_label("23f3c1f4-0fc8-4804-a9e3-04cf25dd302e"))
    assert len(conditions) == 2 and "select" not in conditions


def test_abbreviations_join_one_use_and_a_listed_item_names_its_own_condition(
        raw_label: Callable[[str], dict]) -> None:
    """"anorexia associated with weight loss in patients with Acquired Immune Deficiency Syndrome (AIDS)" and the
    highlights' "… in patients with AIDS" are one use, and it is anorexia."""
    conditions = _conditions(raw_label("a7801c70-995d-46a2-91ee-141ef427c6b5"))
    assert len(conditions) == 2 and conditions[0].startswith("anorexia")


def test_a_heading_gives_way_only_to_a_narrower_condition(raw_label: Callable[[str], dict]) -> None:
    imfinzi = _conditions(raw_label("8baba4ea-2855-42fa-9bd9-5a7548d4cec3"))
    assert "extensive-stage small cell lung cancer" in " | ".join(imfinzi)
    assert not any(c.startswith(("treatment of", "adult patients")) for c in imfinzi)


def test_two_purposes_in_one_sentence_are_two_uses(raw_label: Callable[[str], dict]) -> None:
    """"… indicated for the production of local or regional anesthesia for surgery and for acute pain management"."""
    conditions = _conditions(raw_label("096c2693-8488-48c2-88ee-bf3df95c3f4c"))
    assert len(conditions) == 2 and any("acute pain" in c for c in conditions)


def test_a_list_run_together_after_due_to_is_one_use_per_item(raw_label: Callable[[str], dict]) -> None:
    """"… obesity due to: Pro-opiomelanocortin (POMC), … (LEPR) deficiency as determined by … (VUS) Bardet-Biedl
    syndrome (BBS)": the bullets were lost; each item is a use, named in the label's words."""
    uses = _uses(raw_label("70c3ccf7-4df0-4c75-ba07-fede9970c8d9"))
    names = [u.condition.lower() for u in uses]
    assert len(names) == 2 and any("pro-opiomelanocortin" in n for n in names)
    assert any("bardet-biedl" in n for n in names)
    assert all(u.population.min_age_years == 6 for u in uses)


def test_a_limitations_block_runs_on_until_the_next_use() -> None:
    """Ozempic's "Limitations of Use: • Has not been studied in … pancreatitis. Consider another antidiabetic
    therapy ( 1 , 5.2 ). • Not for treatment of type 1 diabetes mellitus": no use in it."""
    raw = next(obj for obj, _ in iter_raw(LABELS / "common-drugs-openfda.jsonl") if obj.get("brand_name") == "Ozempic")
    conditions = _conditions(raw)
    assert conditions and not any("pancreatitis" in c or "type 1" in c or "consider" in c for c in conditions)


def test_ages_said_of_the_section_and_times_since_an_event(raw_label: Callable[[str], dict]) -> None:
    # "Safety and efficacy have not been demonstrated in patients under the age of six years."
    bethkis = _uses(raw_label("1cd3d47b-025f-4705-9daf-cf07725ec223"))
    assert [u.population.min_age_years for u in bethkis] == [6]
    # "pediatric patients 5 years of age and older who are at least 6 months post kidney transplant"
    myfortic = _uses(raw_label("eed26501-890d-4ff6-88e7-6dbea4726e53"))
    assert [u.population.min_age_years for u in myfortic] == [5]


def test_a_highlights_bullet_names_a_condition_its_subsection_left_unnamed(raw_label: Callable[[str], dict]) -> None:
    """1.2's bullet says "patients with elevated serum TG levels"; its highlights bullet names hypertriglyceridemia."""
    uses = {u.condition.lower(): u for u in _uses(raw_label("897ad8b7-921d-eb02-a61c-3419e662a2da"))}
    assert "hypertriglyceridemia" in uses
    # … and the pediatric bullet's age stays with the pediatric use.
    assert uses["primary hypercholesterolemia and mixed dyslipidemia"].population.min_age_years is None


def _schedules(raw: dict, names: tuple[str, ...]) -> list[str]:
    text = clean(raw["dosage_and_administration"][0])
    return [frequency_key(m.group(0)) for _, found in schedule_sentences(text, names) for m in found]


def test_table_rows_that_read_as_sentences_stay_in_the_table(raw_label: Callable[[str], dict]) -> None:
    """A missed-dose table's row "3 or more Maintenance (weekly) doses … 200 mg … once daily for 2 days …" opens
    with a number: a row, never the recommended schedule (Arakoda is taken once a week)."""
    assert "once a day" not in _schedules(raw_label("299e49d8-470f-4779-a010-4a1ee0e0c6cd"), ("ARAKODA",))


def test_a_number_word_before_a_tablet_amount_is_a_dosing_word(raw_label: Callable[[str], dict]) -> None:
    """"20 mg (five 4 mg tablets) taken orally once daily": the dose is the drug's own."""
    assert "once a day" in _schedules(raw_label("0b1332a1-0581-4707-9bf6-1eccfa39bef4"), ("LYTGOBI",))


def test_staging_bullets_keep_the_second_condition_they_name(raw_label: Callable[[str], dict]) -> None:
    """"Accelerated phase (AP) or blast phase (BP) CML or Philadelphia chromosome positive acute lymphoblastic
    leukemia (Ph+ ALL) for whom no other kinase inhibitors are indicated." is a listed item (its "indicated" is
    in a clause about whom), and it names Ph+ ALL besides a phase of CML."""
    uses = _uses(raw_label("16d804b6-4957-43ee-b18c-3b36ec37c5ac"))
    ph_all = [u for u in uses if "acute lymphoblastic leukemia" in u.condition.lower()]
    assert len(ph_all) == 1 and ph_all[0].population.min_age_years == 18
    assert not any(condition_problem(u.condition) for u in uses)


@pytest.mark.parametrize(("text", "age"), [
    ("pediatric patients 5 years of age and older who are at least 6 months post kidney transplant", 5),
    ("adults with symptoms for at least 3 months", 18), ("patients at least 12 years of age", 12),
])
def test_a_time_since_an_event_or_a_duration_is_no_age(text: str, age: float) -> None:
    assert population_of(text).min_age_years == age


def test_a_start_class_ignores_case_as_the_literals_it_stands_for() -> None:
    """label/starts.py leads patterns with a class of their first characters: under IGNORECASE the class must
    match exactly the characters the literal does, for every code point (re folds "ſ" onto "s", "K" onto "k")."""
    for char in sorted(_PLAIN):
        literal, in_class = re.compile(re.escape(char), re.I), re.compile(f"[{re.escape(char)}]", re.I)
        assert all(bool(literal.fullmatch(chr(c))) == bool(in_class.fullmatch(chr(c)))
                   for c in range(sys.maxunicode + 1)), char


def test_quick_start_patterns_find_the_same_matches() -> None:
    assert start_class(re.compile(r"\b(?:once|twice|[1-4] times)\b", re.I)) == "[1234ot]"
    assert start_class(re.compile(r"\b(?:a|b)?c", re.I)) == "[abc]"
    assert start_class(re.compile(r"\d+ mg", re.I)) is None  # a category: not simply known
    assert start_class(re.compile(r"(?:x)?", re.I)) is None  # matches empty: anywhere
    assert start_class(re.compile(r"\b(?:µg|mg)", re.I)) is None  # "µ" folds otherwise
    text = ("Take 1 tablet twice daily. Increase to 2 times a day; Every 2 weeks, ONCE WEEKLY, ſingle daily dose, "
            "Day 1 of each 21-day cycle. Titrate to a maximum of 4 times daily.")
    for pattern in (FREQUENCY, NOT_SCHEDULE):
        plain = re.compile(pattern.pattern.split(")(?:", 1)[1][:-1], pattern.flags)
        assert quick_start(plain).pattern == pattern.pattern
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in pattern.finditer(text)] != []


def test_literal_finds_are_those_of_the_patterns_they_replace() -> None:
    """label/literal.py finds a name with str.find where conditions.py compiled a pattern for each name."""
    import random

    from rxscoop.label.literal import whole_words, word_at

    pick = random.Random(16).choice
    pieces = ["a", "A", "b", "-", "_", " ", "é", "É", "ı", "İ", "ſ", "K", "k", "s", "i", "1", "(", ")", "'", "."]
    for _ in range(20_000):
        text = "".join(pick(pieces) for _ in range(pick(range(13))))
        name = "".join(pick(pieces) for _ in range(pick(range(5))))
        found = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I)
        assert whole_words(name, text) == ((found.start(), found.group(0)) if found else None)
        found = re.search(rf"\b{re.escape(name.lower())}\b", text.lower())
        assert word_at(name.lower(), text.lower()) == (found.start() if found else None)


def test_a_condition_is_found_in_the_label_words_as_its_own_pattern_finds_it() -> None:
    """label/in_patients.py finds a condition's words through one pattern per number of words (its words matched
    back by reference) where it compiled a pattern for each condition: the same words are found, whatever the case,
    the asides and the letters that fold apart ("ſ", "ı")."""
    import random

    from rxscoop.label.in_patients import _label_words_pattern, in_label_words

    pick = random.Random(16).choice
    words = ["to", "or", "-", "mild", "Moderate", "SEVERE", "active", "disease", "Crohn's", "(CKD)", "(a, b)", ",",
             "kidney", "ChrOnic", "a", "x-y", "(", ")", "ſ", "ı", "İ", "K", "k", "s", "i", "é", "\x00", "\n", "to,"]
    found = 0
    for _ in range(20_000):
        said = [pick(words) for _ in range(pick(range(1, 12)))]
        text = " ".join(pick((w, w.upper(), w.lower())) + pick(("", " ", ",", " (z)")) for w in said)
        start = pick(range(len(said)))
        condition = " ".join(w for w in said[start:start + pick(range(1, 5))] if pick(range(7))) or said[0]
        condition = condition.upper() if not pick(range(3)) else condition
        pattern = _label_words_pattern(condition)
        match = pattern.search(text) if pattern and condition.lower() not in text.lower() else None
        expected = match.group(0) if match else condition
        assert in_label_words(condition, text) == expected, (condition, text)
        found += match is not None
    assert found > 1000


def test_tables_are_split_from_prose_as_by_splitting_all_the_rest_at_each_table() -> None:
    """label/layout.py reads a table's rows one sentence at a time where it split the whole rest of the section at
    each table (and joined the sentences after it): the same blocks, single-spaced text or not."""
    import random

    from rxscoop.label.layout import _PROSE_START, _TABLE_START, Block, _is_prose_sentence, _split_tables
    from rxscoop.label.text import sentences

    def whole_rest(text: str) -> list[Block]:
        out: list[Block] = []
        pos = 0
        for match in _TABLE_START.finditer(text):
            if match.start() < pos:
                continue
            if text[pos:match.start()].strip():
                out.append(Block("prose", text[pos:match.start()].strip()))
            rest = sentences(text[match.start():])
            table, after = [rest[0]], rest[1:]
            while after and (not _is_prose_sentence(after[0]) or after[0][:1].isdigit()):
                table.append(after.pop(0))
            resumed = [m for m in _PROSE_START.finditer(table[-1]) if m.start() > 0 and _is_prose_sentence(m.group(0))]
            if resumed:
                after.insert(0, table[-1][resumed[0].start():])
                table[-1] = table[-1][: resumed[0].start()].strip()
            out.append(Block("table", " ".join(table)))
            consumed, tail = text[match.start():], " ".join(after)
            pos = match.start() + (consumed.find(tail) if tail and consumed.find(tail) >= 0 else len(consumed))
        if text[pos:].strip():
            out.append(Block("prose", text[pos:].strip()))
        return out

    pick = random.Random(16).choice
    parts = ["Table 1:", "table 2.", "TABLE 3A", "It is given once.", "1 2 3 4%", "N=12", "e.g.", "Dr.", "A.", "x",
             "5 mg", "The safety profile was similar in all the groups studied.", "  ", "\n", "\u00a0", "?", "(", "Z",
             "2 Loading doses 2 doses of 200 mg have been taken.",
             "51% 15% The safety profile was similar in these groups."]
    for _ in range(5_000):
        text = " ".join(pick(parts) for _ in range(pick(range(1, 14))))
        text = (" ".join(text.split()) if pick((True, False)) else text).strip()
        assert _split_tables(text, None) == whole_rest(text), text
