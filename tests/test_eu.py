"""EU approvals on real rows of the EMA list: reading, un-flattening, status, substance matching, and the
Dupixent answer with US and EU side by side."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from helpers import web_app
from rxscoop import Pack, ask
from rxscoop.errors import BadQuestion
from rxscoop.label.eu_match import substance_key
from rxscoop.label.eu_read import read_eu_indications
from rxscoop.label.eu_text import clean_text, unflatten
from rxscoop.label.model import Use
from rxscoop.label.vocab import glued_names
from rxscoop.sources.ema import EmaMedicine, ema_files, read_ema

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("RXSCOOP_SHARED", ROOT.parent / "shared")) / "data"
EMA = DATA / "eu" / "ema-medicines-2023-03.csv"


@pytest.fixture(scope="module")
def rows() -> dict[str, EmaMedicine]:
    return {m.name: m for m in read_ema(EMA) if isinstance(m, EmaMedicine)}


def test_reader_keeps_human_medicines_typed(rows: dict[str, EmaMedicine]) -> None:
    assert EMA in ema_files([DATA])
    dupixent = rows["Dupixent"]
    assert dupixent.status == "authorised" and dupixent.authorisation_date == "2017-09-26"
    assert dupixent.revision_date == "2023-02-28" and dupixent.url and dupixent.url.endswith("/EPAR/dupixent")
    assert {m.status for m in rows.values()} <= {"authorised", "withdrawn", "refused", "suspended", "unknown"}
    assert "withdrawn" in {m.status for m in rows.values()}


def test_glued_headings_and_repeats_are_undone(rows: dict[str, EmaMedicine]) -> None:
    text = rows["Dupixent"].indication
    assert "dermatitisAdults" in text  # the flattening this step exists for
    flat = unflatten(text)
    assert "dermatitisAdults" not in flat and "(CRSwNP)Dupixent" not in flat
    uses = read_eu_indications(text, ["Dupixent", "dupilumab"]).uses
    by_name = {u.condition.lower(): u for u in uses}
    assert len(uses) == 5  # atopic dermatitis and asthma are written twice, and a headless copy leads
    assert by_name["atopic dermatitis"].population.min_age_years == 6
    nasal = next(u for u in uses if "rhinosinusitis" in u.condition.lower())
    assert nasal.population.min_age_years == 18 and not nasal.population.children
    esophagitis = next(u for u in uses if "esophagitis" in u.condition.lower())
    assert esophagitis.population.min_age_years == 12 and esophagitis.population.min_weight_kg == 40
    assert all(u.number is None for u in uses)  # block numbers are scaffolding, not the EU text's


def _read_row(med: EmaMedicine) -> list[Use]:
    return read_eu_indications(med.indication, [med.name, med.substance], therapeutic_area=med.therapeutic_area).uses


def test_a_lead_in_that_ends_open_takes_the_parts_after_it_as_items(rows: dict[str, EmaMedicine]) -> None:
    # "… is indicated for the treatment ofAdult and paediatric patients with … (CML) ….Adult patients with …"
    imatinib = rows["Imatinib Teva"]
    assert "treatment ofAdult" in imatinib.indication
    uses = _read_row(imatinib)
    cml = next(u for u in uses if "chronic myeloid" in u.condition.lower())
    assert cml.population.min_age_years == 0 and cml.population.adults
    hes = next(u for u in uses if "hypereosinophilic" in u.condition.lower())
    assert hes.population.min_age_years == 18
    assert any("lymphoblastic" in u.condition.lower() for u in uses)
    assert any("gastrointestinal stromal" in u.condition.lower() and u.population.min_age_years == 18 for u in uses)
    # "Lucentis is indicated in adults for:The treatment of … (AMD)The treatment of …": one use an item
    lucentis = {u.condition.lower() for u in _read_row(rows["Lucentis"])}
    assert any("macular degeneration" in c for c in lucentis) and any("retinal vein" in c for c in lucentis)


def test_population_lead_in_with_items_split_by_semicolons(rows: dict[str, EmaMedicine]) -> None:
    bemfola = rows["Bemfola"]
    assert bemfola.indication.startswith("In adult women:")
    uses = _read_row(bemfola)
    assert any(u.condition.lower().startswith("anovulation") for u in uses)
    assert any("spermatogenesis" in u.condition for u in uses)
    assert all(u.population.min_age_years == 18 for u in uses)


def test_subheading_under_a_childhood_heading_is_for_children(rows: dict[str, EmaMedicine]) -> None:
    # "Juvenile idiopathic arthritisPolyarticular …Enthesitis-related arthritisHukyndra is indicated … in patients,
    # 6 years of age and older"; "Axial spondyloarthritisAnkylosing spondylitis (AS)Hukyndra …"
    uses = {u.condition.lower(): u for u in _read_row(rows["Hukyndra"])}
    era = uses["enthesitis-related arthritis"]
    assert era.population.min_age_years == 6 and era.population.children and not era.population.adults
    assert uses["ankylosing spondylitis"].population.min_age_years == 18
    assert uses["rheumatoid arthritis"].population.adults


def test_condition_ends_before_and_who(rows: dict[str, EmaMedicine]) -> None:
    (use,) = _read_row(rows["Lumykras"])
    assert use.condition.endswith("KRAS G12C mutation") and use.population.min_age_years == 18


def test_inner_capital_names_are_not_split(rows: dict[str, EmaMedicine]) -> None:
    text = next(m.indication for m in rows.values() if "MabThera" in m.indication)
    assert "Mab\nThera" not in clean_text(text, frozenset({"mabthera"}))


def test_cross_references_and_list_debris_go(rows: dict[str, EmaMedicine]) -> None:
    blincyto = rows["Blincyto"].indication
    assert ", , " in blincyto and "(see section 4.2)" in blincyto
    flat = unflatten(blincyto)
    assert ", , " not in flat and "see section" not in flat


def test_substances_match_across_salts_case_and_order(pack: Pack) -> None:
    assert substance_key("cobicistat, atazanavir") == substance_key("ATAZANAVIR AND COBICISTAT")
    assert substance_key("asenapine (as maleate)") == substance_key("ASENAPINE MALEATE") == "asenapine"
    assert substance_key("dupilumab") == substance_key("DUPILUMAB")
    rituximab = pack.eu_by_substance("rituximab")
    assert len(rituximab) > 2 and any(m.biosimilar for m in rituximab)
    assert rituximab[0].approved  # an authorised product answers before a withdrawn one


def test_withdrawn_medicine_is_never_presented_as_approved(pack: Pack, rows: dict[str, EmaMedicine]) -> None:
    withdrawn = rows["Ritemvia"]
    assert withdrawn.status == "withdrawn"
    answer = ask("what is ritemvia used for", pack)
    assert answer.status != "answered" and not answer.uses
    assert answer.message and "withdrawn" in answer.message and (withdrawn.decision_date or "") in answer.message


def test_eu_only_medicine_is_answered_from_the_eu_list(pack: Pack) -> None:
    answer = ask("what is sycrest used for", pack)
    assert answer.status == "answered" and answer.uses
    assert all(u.regions == ["EU"] for u in answer.uses)
    assert any("bipolar" in u.condition.lower() for u in answer.uses)
    assert all(c.region == "EU" and c.url for u in answer.uses for c in u.statement.citations)


def test_dupixent_shows_us_and_eu_use_by_use(pack: Pack) -> None:
    answer = ask("what is dupixent used for", pack)
    regions = {u.condition.lower(): u for u in answer.uses}
    copd = next(u for name, u in regions.items() if "obstructive" in name)
    assert copd.regions == ["US"]  # not in the EU text of 2023
    nasal = next(u for name, u in regions.items() if "rhinosinusitis" in name)
    assert nasal.regions == ["US", "EU"] and nasal.region_who and nasal.region_who.endswith("EU: adults")
    eu_cites = [c for c in nasal.statement.citations if c.region == "EU"]
    assert eu_cites and eu_cites[0].url and eu_cites[0].effective_time == "2023-02-28"
    assert any(s.region == "EU" and s.status == "authorised" for s in answer.sources)
    assert any("2023-02-28" in s.text for s in answer.regions)  # the EU source's date is visible
    eu = ask("what is dupixent used for", pack, region="eu")
    assert eu.uses and all("EU" in u.regions for u in eu.uses) and len(eu.uses) < len(answer.uses)
    us = ask("what is dupixent used for", pack, region="us")
    assert not us.regions and all(not any(c.region == "EU" for c in u.statement.citations) for u in us.uses)
    with pytest.raises(BadQuestion):
        ask("what is dupixent used for", pack, region="mars")


def test_region_over_http_and_cli(pack_path: Path) -> None:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from rxscoop.cli import app

    with TestClient(web_app(pack_path)) as client:
        both = client.get("/v1/answer", params={"q": "what is dupixent used for"}).json()
        eu = client.get("/v1/answer", params={"q": "what is dupixent used for", "region": "eu"}).json()
        assert both["region"] == "both" and eu["region"] == "eu" and len(eu["uses"]) < len(both["uses"])
        assert client.get("/v1/answer", params={"q": "what is dupixent used for", "region": "mars"}).status_code == 422
        html = client.get("/v1/answer", params={"q": "what is dupixent used for", "format": "html"}).text
        assert "US only" in html and "US and EU" in html
    result = CliRunner().invoke(app, ["ask", "what is dupixent used for", "--region", "both", "-f", "markdown",
                                      "--pack", str(pack_path)])
    assert result.exit_code == 0 and "## US and EU" in result.stdout and "· EU: adults" in result.stdout
    bad = CliRunner().invoke(app, ["ask", "what is dupixent used for", "--region", "mars", "--pack", str(pack_path)])
    assert bad.exit_code == 2


def _uses(rows: dict[str, EmaMedicine], name: str) -> list[Use]:
    med = rows[name]
    protected = frozenset(m.name.lower() for m in rows.values())
    return read_eu_indications(med.indication, [med.name, med.substance], protected,
                               therapeutic_area=med.therapeutic_area).uses


def test_paediatric_statements_join_their_condition(rows: dict[str, EmaMedicine]) -> None:
    # "paediatric patients aged 1 year or older with … B precursor ALL which is refractory …": read, not dropped
    blincyto = _uses(rows, "Blincyto")
    assert min(u.population.min_age_years or 99 for u in blincyto if "ALL" in u.condition) == 1
    assert all("paediatric" not in u.condition.lower() and "pediatric" not in u.sentence for u in blincyto)


def test_lead_in_population_and_listed_conditions(rows: dict[str, EmaMedicine]) -> None:
    uses = {u.condition: u for u in _uses(rows, "Riximyo")}
    # "Riximyo is indicated in adults for the following indications:" gives CLL its age, not its heading
    cll = uses["Chronic lymphocytic leukaemia"]
    assert cll.population.min_age_years == 18
    assert not any(c.endswith("Adults") for c in uses)
    # "… (aged ≥ 6 months to < 18 years old) with … lymphoma (DLBCL), Burkitt lymphoma (BL)/… or Burkitt-like
    # lymphoma (BLL)": the listed Burkitt lymphomas are a use of their own, for children from 6 months
    burkitt = next(u for c, u in uses.items() if "Burkitt" in c)
    assert burkitt.population.min_age_years == 0.5 and not burkitt.population.adults
    dlbcl = [u for c, u in uses.items() if "diffuse large" in c]
    assert min(u.population.min_age_years or 99 for u in dlbcl) == 0.5


def test_secondary_to_does_not_cut_a_condition(rows: dict[str, EmaMedicine]) -> None:
    conditions = [u.condition for u in _uses(rows, "Ximluci")]
    assert "visual impairment due to macular oedema secondary to retinal vein occlusion" in conditions
    assert "visual impairment due to diabetic macular oedema" in conditions  # British spelling kept


def test_eu_age_idioms(rows: dict[str, EmaMedicine]) -> None:
    assert [u.population.min_age_years for u in _uses(rows, "NovoEight")] == [0]  # "all age groups"
    assert _uses(rows, "Vimpat")[0].population.min_age_years == 4  # "children from 4 years of age"
    prevenar = _uses(rows, "Prevenar 13")  # "infants, children and adolescents from 6 weeks to 17 years of age"
    assert prevenar[0].population.min_age_years is not None and prevenar[0].population.min_age_years < 0.2
    # "See sections 4.4 and 5.1 for information …" goes whole, not up to "5." only
    assert not any(u.sentence.startswith("1 for") or " 1 for information" in u.sentence for u in prevenar)
    # "from 7 days until less than 6 months" is time since a stroke, not an age
    assert all(u.population.min_age_years == 18 for u in _uses(rows, "Plavix"))


def test_audit_checks_the_eu_list(pack: Pack) -> None:
    from rxscoop.evaluation.audit import audit
    from rxscoop.evaluation.eu_audit import eu_problems

    medicines, uses, found = eu_problems(pack)
    assert medicines > 0 and uses >= medicines - len(found.get("EU: no use read from the indication text", []))
    assert all(kind.startswith("EU: ") for kind in found)
    # the fixed cases stay fixed: Ximluci's "… oedema secondary to retinal vein occlusion" is not cut
    assert not any(e.startswith("Ximluci:") for e in found.get("EU: condition cut mid-phrase", []))
    all_ages = found.get("EU: 'all age groups' or 'from birth' not read as from birth", [])
    assert "NovoEight" not in all_ages
    report = audit(pack)
    assert report.eu_medicines == medicines and report.as_dict()["eu_uses"] == uses
    assert report.eu_found == found and not any(k.startswith("EU: ") for k in report.found)


def test_early_and_metastatic_stay_two_eu_uses(pack: Pack) -> None:
    answer = ask("what is phesgo used for", pack, region="eu")
    conditions = {u.condition.lower() for u in answer.uses}
    assert {"early breast cancer", "metastatic breast cancer"} <= conditions


def test_glued_list_marks_and_an_age_in_days() -> None:
    """EMA text flattened: "…: - Smallpox- Monkeypox- Cowpox" (items glued to the one before), "(DMARD);active
    psoriatic arthritis" (a ";" item with no space) and "children aged from 14 days and older"."""
    from rxscoop.label.eu_read import read_eu_indications
    arava = read_eu_indications(
        "Leflunomide is indicated for the treatment of adult patients with:active rheumatoid arthritis as a "
        "'disease-modifying antirheumatic drug' (DMARD);active psoriatic arthritis.", ["Arava", "leflunomide"])
    assert [u.condition for u in arava.uses] == ["rheumatoid arthritis", "psoriatic arthritis"]
    kaletra = read_eu_indications(
        "Kaletra is indicated in combination with other antiretroviral medicinal products for the treatment of human "
        "immunodeficiency virus (HIV-1) infected adults, adolescents and children aged from 14 days and older.",
        ["Kaletra", "lopinavir, ritonavir"])
    assert kaletra.uses[0].population.min_age_years is not None and kaletra.uses[0].population.min_age_years < 0.1


def test_a_list_of_infections_names_one_use_each(rows: dict[str, EmaMedicine]) -> None:
    # "… the following viral infections in adults and children with body weight at least 13 kg:- Smallpox- Monkeypox…"
    uses = _read_row(rows["Tecovirimat SIGA"])
    names = [u.condition.lower() for u in uses]
    assert names[:3] == ["smallpox", "monkeypox", "cowpox"] and "vaccinia" in names[3]
    assert all(u.population.min_age_years == 0 and u.population.adults for u in uses)
    assert not any("weight" in n for n in names)  # a body weight is who, never what


def test_one_line_texts_and_bracketed_numbers_give_a_use(rows: dict[str, EmaMedicine]) -> None:
    # "Treatment of symptomatic chronic heart failure" has no verb, and is no heading over nothing.
    assert [u.condition for u in _read_row(rows["Verquvo"])] == ["heart failure"]
    # "(HIV 1) infection" is no "1)" list marker.
    hiv = _read_row(rows["Biktarvy"])
    assert len(hiv) == 1 and "HIV 1" in hiv[0].condition and hiv[0].population.min_age_years == 2


def test_who_stated_alone_is_who_every_use_is_for(rows: dict[str, EmaMedicine]) -> None:
    # "… indicated in adults for:Treatment of major depressive disorder…Duloxetine Lilly is indicated in adults."
    uses = _read_row(rows["Duloxetine Lilly"])
    assert len(uses) == 3 and all(u.population.min_age_years == 18 and not u.population.children for u in uses)


def test_kinds_of_one_disease_listed_by_semicolons_stay_apart(rows: dict[str, EmaMedicine]) -> None:
    # "… for the treatment of:patients with a single demyelinating event …;patients with relapsing-remitting …"
    names = [u.condition.lower() for u in _read_row(rows["Extavia"])]
    assert len(names) == 3 and names[0].startswith("single demyelinating event")
    assert names[1].startswith("relapsing-remitting") and names[2].startswith("secondary progressive")


def test_items_that_name_no_condition_take_their_lead_ins(rows: dict[str, EmaMedicine]) -> None:
    # "… adult patients aged 18 years and older with type-2 diabetes mellitus:, , , \tas an adjunct to diet …"
    uses = _read_row(rows["Incresync"])
    assert [u.condition for u in uses] == ["type-2 diabetes mellitus"] and uses[0].population.min_age_years == 18
    # "… for the following groups of adult patients …: Patients with highly active disease …": who, not a use.
    assert [u.condition for u in _read_row(rows["Gilenya"])] == ["relapsing remitting multiple sclerosis"]


def test_partner_medicines_are_no_uses_and_who_is_said_apart(rows: dict[str, EmaMedicine]) -> None:
    """Januvia: "… indicated to improve glycaemic control: as dual oral therapy in combination with: metformin …; a
    PPARγ agonist … ; … add-on to insulin" treats type 2 diabetes, not a PPARγ agonist; CoAprovel: "Treatment of
    essential hypertension. This fixed dose combination is indicated in adult patients whose blood pressure is not
    adequately controlled …" is for adults; Iclusig: "adult patients withchronic phase … leukaemia" is read."""
    januvia = _uses(rows, "Januvia")
    assert [u.condition.lower().replace("-", " ") for u in januvia] == ["type 2 diabetes mellitus"]
    [hypertension] = _uses(rows, "CoAprovel")
    assert hypertension.population.min_age_years == 18.0
    assert any("chronic myeloid leukaemia" in u.condition for u in _uses(rows, "Iclusig"))


def test_list_items_glued_lower_to_upper_and_with_to_the_item(rows: dict[str, EmaMedicine]) -> None:
    # "… adult patients withchronic phase … (CML) who …; or who have the T315I mutationPhiladelphia chromosome positive
    # acute lymphoblastic leukaemia (Ph+ ALL) who …": the "with" lead-in's list, two items, two uses.
    names = [u.condition for u in _uses(rows, "Iclusig")]
    assert len(names) == 2 and "chronic myeloid leukaemia" in names[0]
    assert names[1] == "Philadelphia chromosome positive acute lymphoblastic leukaemia"


def _as_built(med: EmaMedicine) -> list[Use]:
    """A row read with the names the build gives it: a substance of many words ("sars-cov-2 recombinant spike
    protein") is no name the text uses for the medicine (pack/eu.py)."""
    names = [med.name, *([med.substance] if 0 < len(med.substance.split()) <= 2 else [])]
    return read_eu_indications(med.indication, names, therapeutic_area=med.therapeutic_area).uses


def test_a_vaccine_is_for_the_disease_it_protects_against(rows: dict[str, EmaMedicine]) -> None:
    """"active immunisation … against X", "… to prevent X …", "… for protection against X": X is the use."""
    assert [u.condition for u in _as_built(rows["MenQuadfi"])] == ["invasive meningococcal disease"]
    [covid] = _as_built(rows["Nuvaxovid"])
    assert covid.condition == "COVID-19 caused by SARS-CoV-2" and covid.population.min_age_years == 18
    assert [u.condition for u in _as_built(rows["Imvanex"])] == [
        "smallpox, monkeypox and disease caused by vaccinia virus"]
    assert [u.condition for u in _as_built(rows["Ambirix"])] == ["hepatitis-A and hepatitis-B infection"]
    # "narcolepsy with or without cataplexy": "with or" is no part of the name.
    assert [u.condition for u in _as_built(rows["Wakix"])] == ["narcolepsy"]


def test_items_that_say_who_join_the_lead_ins_use(rows: dict[str, EmaMedicine]) -> None:
    # "… treatment of metachromatic leukodystrophy (MLD) characterized by …:, , , \tin children with late infantile or
    # early juvenile forms, …, \tin children with the early juvenile form, …": one use, for children only.
    [mld] = _as_built(rows["Libmeldy"])
    assert mld.condition.startswith("metachromatic leukodystrophy")
    assert mld.population.children and not mld.population.adults and mld.population.min_age_years == 0
    # "… type 2 diabetes mellitus … to improve glycaemic control:, in patients not adequately controlled on …":
    # who, never a use of "diabetes" or of "the combination of ertugliflozin and metformin as separate tablets".
    assert [u.condition for u in _as_built(rows["Segluromet"])] == ["type 2 diabetes mellitus"]


def test_osteoporosis_after_menopause_and_from_glucocorticoids_are_two_uses(rows: dict[str, EmaMedicine],
                                                                           pack: Pack) -> None:
    # "Treatment of osteoporosis in postmenopausal women and in men at increased risk of fracture …Treatment of
    # osteoporosis associated with sustained systemic glucocorticoid therapy in women and men …"
    assert [u.condition for u in _as_built(rows["Kauliv"])] == [
        "osteoporosis in postmenopausal women and in men",
        "osteoporosis associated with sustained systemic glucocorticoid therapy"]
    answer = ask("what is kauliv used for", pack, region="eu")
    assert len(answer.uses) == 2
    # "in women" alone is who, not a kind: Vaniqa treats facial hirsutism.
    assert [u.condition for u in _as_built(rows["Vaniqa"])] == ["facial hirsutism"]


def test_who_is_taken_out_of_the_condition(rows: dict[str, EmaMedicine]) -> None:
    # Headings per age group ("Adult Crohn's disease", "Paediatric Crohn's disease"): one use, for both groups.
    crohns = [u for u in _as_built(rows["Remicade"]) if "crohn" in u.condition.lower()]
    assert [u.condition for u in crohns] == ["Crohn's disease"]
    assert crohns[0].population.adults and crohns[0].population.children and crohns[0].population.min_age_years == 6
    # "For adult patients with type-2 diabetes mellitus:Xelevia is indicated …"
    assert [u.condition for u in _as_built(rows["Xelevia"])] == ["type-2 diabetes mellitus"]
    # "HIV‑1 infected adolescents" (a U+2011 hyphen), "adults infected with HIV 1", "…-type-1-infected adults"
    hiv = [u for u in _as_built(rows["Tenofovir disoproxil Zentiva"]) if "HIV" in u.condition]
    assert len(hiv) == 1 and hiv[0].population.min_age_years == 12 and hiv[0].population.adults
    assert _as_built(rows["Delstrigo"])[0].condition == "HIV 1 infection"
    assert [u.condition for u in _as_built(rows["Telzir"])] == ["human-immunodeficiency-virus-type-1 infection"]


def test_lists_glued_to_their_lead_in_and_who_the_lead_in_names(rows: dict[str, EmaMedicine]) -> None:
    # "… adults and adolescents (aged 12 years and older with body weight at least 35 kg) infected with human
    # immunodeficiency virus type 1 (HIV-1) …": the infection, for who the brackets say.
    [hiv] = _as_built(rows["Descovy"])
    assert hiv.condition == "human immunodeficiency virus type 1 (HIV-1) infection"
    assert hiv.population.min_age_years == 12 and hiv.population.adults
    # "… adult patients with:• Ph+ acute lymphoblastic leukaemia (ALL) with …": a list of one item, glued to its ":".
    assert any("lymphoblastic leukaemia" in u.condition and u.population.min_age_years == 18
               for u in _as_built(rows["Dasatinib Accord"]))
    # "… in paediatric patients (3 months to 17 years of age) and in adults for the treatment of the following
    # infections …:- Intra-abdominal infections- …": who the lead-in names is who each listed infection is for.
    infections = _as_built(rows["Ertapenem SUN"])
    abdominal = next(u for u in infections if u.condition == "Intra-abdominal infections")
    assert abdominal.population.adults and abdominal.population.min_age_years == 0.25
    # "partial-onset seizures with or without secondary generalisation"
    assert [u.condition for u in _as_built(rows["Zebinix"])] == ["partial-onset seizures"]


def test_an_age_range_that_lost_its_dash(rows: dict[str, EmaMedicine]) -> None:
    # "… in children and adolescents 6 17 years old for whom stimulants are not suitable …": 6 to 17, children only.
    [adhd] = _as_built(rows["Intuniv"])
    assert adhd.population.min_age_years == 6 and not adhd.population.adults


def test_a_severity_word_the_abbreviation_spells_is_part_of_the_name(rows: dict[str, EmaMedicine]) -> None:
    # "… adjunctive therapy of refractory generalized tonic-clonic seizures in patients with severe myoclonic
    # epilepsy in infancy (SMEI, Dravet's syndrome) …": what is treated, in whom, with the severity word of the name.
    [smei] = _as_built(rows["Diacomit"])
    assert smei.condition == "refractory generalized tonic-clonic seizures in severe myoclonic epilepsy in infancy"
    assert smei.severity is None


def test_a_subheading_run_into_its_sentence_names_the_kind(pack: Pack) -> None:
    # "Axial spondyloarthritis …comprising: Ankylosing spondylitis (AS) Adults with …. Axial spondyloarthritis without
    # radiographic evidence of AS Adults with severe active axial spondyloarthritis without …": two kinds, two uses.
    [cimzia] = [m for m in read_ema(EMA) if isinstance(m, EmaMedicine) and m.product_number == "001037"]
    names = [u.condition for u in _as_built(cimzia)]
    assert "Ankylosing spondylitis" in names
    assert "Axial spondyloarthritis without radiographic evidence of AS" in names
    answer = ask("what is cimzia used for", pack, region="eu")
    assert sum("spondyl" in u.condition.lower() for u in answer.uses) == 2


def test_who_between_indicated_and_what_for(rows: dict[str, EmaMedicine]) -> None:
    # "Remimazolam is indicated in adults for procedural sedation." / "… indicated in adults and in children 2 years of
    # age and older for reduction in the duration of neutropenia …"
    [sedation] = _as_built(rows["Byfavo"])
    assert sedation.condition == "procedural sedation" and sedation.population.min_age_years == 18
    [neutropenia] = _as_built(rows["Lonquex"])
    assert "neutropenia" in neutropenia.condition and neutropenia.population.min_age_years == 2


def test_a_use_that_names_only_people(rows: dict[str, EmaMedicine]) -> None:
    # "… treatment of patients aged 4 to 17 years with a confirmed diagnosis of peanut allergy": what they have.
    assert [u.condition for u in _as_built(rows["Palforzia"])] == ["peanut allergy"]
    # "Adults, adolescents (12 years and over) and children (6-11 years)" beside the one use that says no who.
    [rhinitis] = _as_built(rows["Avamys"])
    assert "allergic rhinitis" in rhinitis.condition and rhinitis.population.min_age_years == 6
    # "… adults, and adolescents aged 12 years and older weighing at least 35 kg infected with HIV 1 …"
    [hiv] = _as_built(rows["Delstrigo"])
    assert hiv.condition == "HIV 1 infection" and hiv.population.min_age_years == 12 and hiv.population.adults
    # No use is named by who alone ("those patients", "adult patients aged 65 years or older").
    assert not any(u.condition in ("those patients", "adult patients aged 65 years or older")
                   for name in ("Herzuma", "Vidaza") for u in _as_built(rows[name]))


def test_a_use_named_otherwise_in_the_eu_is_still_approved_in_both(pack: Pack) -> None:
    """Palonosetron: the US "Chemotherapy-Induced Nausea and Vomiting" is the EU's "acute nausea and vomiting
    associated with highly emetogenic cancer chemotherapy"; "Postoperative Nausea and Vomiting" stays US only."""
    uses = {u.condition.lower(): u for u in ask("what is palonosetron used for", pack).uses}
    assert uses["chemotherapy-induced nausea and vomiting"].regions == ["US", "EU"]
    assert uses["postoperative nausea and vomiting"].regions == ["US"]
    assert not any(u.regions[0] == "EU" and "nausea" in name for name, u in uses.items())


def test_condition_words_run_together_are_two_items(rows: dict[str, EmaMedicine]) -> None:
    """"… relief of symptoms associated with:allergic rhinitisurticaria": two uses, found by the condition
    vocabulary's words; a combining form ("gastro|intestinal", "intra|hepatic") is never split."""
    assert [u.condition for u in _uses(rows, "Desloratadine ratiopharm")] == ["allergic rhinitis", "urticaria"]
    assert glued_names("gastrointestinal") is None and glued_names("intrahepatic") is None


def test_a_role_run_into_its_neighbours_is_no_part_of_a_name(rows: dict[str, EmaMedicine]) -> None:
    """Pioglitazone Accord: "… treatment of type-2 diabetes mellitus:as monotherapyin adult patients …" is type 2
    diabetes, not "as monotherapyin adult patients"."""
    assert [u.condition for u in _uses(rows, "Pioglitazone Accord")] == ["type-2 diabetes mellitus"]


def test_the_condition_treated_is_not_the_one_the_patients_also_have(rows: dict[str, EmaMedicine]) -> None:
    """What "treatment of …" names comes first when the lexicon's condition is only tied to it: "chronic kidney
    disease (stage 3 and 4 with albuminuria) associated with type 2 diabetes" is no type 2 diabetes use; "complex
    perianal fistulas in adult patients with … Crohn's disease" no Crohn's disease use."""
    assert [u.condition for u in _as_built(rows["Kerendia"])] == [
        "chronic kidney disease associated with type 2 diabetes"]
    assert [u.condition for u in _as_built(rows["Alofisel"])] == ["complex perianal fistulas in Crohn's disease"]


def test_a_lexicon_word_that_ends_a_longer_name_is_read_whole(rows: dict[str, EmaMedicine]) -> None:
    # "… in adult patients with open-angle glaucoma or ocular hypertension …": ocular hypertension, never hypertension.
    assert [u.condition for u in _as_built(rows["DuoTrav"])] == ["ocular hypertension"]


def test_a_condition_named_in_what_another_use_is_tied_to_is_its_own_use(pack: Pack) -> None:
    # "… complications due to replication of vaccinia virus following vaccination against smallpox" beside smallpox.
    answer = ask("what is tecovirimat siga used for", pack)
    assert len(answer.uses) == 4 and any("vaccinia" in u.condition for u in answer.uses)


def test_items_after_in_patients_with_say_which_patients(rows: dict[str, EmaMedicine]) -> None:
    # "… treatment of chronic hepatitis B virus (HBV) infection in adults with:compensated liver disease …;decompensated
    # liver disease": one use; "… to delay imminent pre-term birth in pregnant adult women with:regular uterine
    # contractions …;a cervical dilation of 1 to 3 cm …": the purpose, never a criterion.
    assert [u.condition for u in _as_built(rows["Baraclude"])] == ["chronic hepatitis B virus (HBV) infection"]
    assert [u.condition for u in _as_built(rows["Atosiban SUN"])] == ["delay imminent pre-term birth"]


def test_conditions_each_with_its_noun_and_a_cause_that_makes_a_name_too_long(rows: dict[str, EmaMedicine]) -> None:
    # "… first relapse of platinum-sensitive epithelial ovarian cancer, primary peritoneal cancer and fallopian tube
    # cancer": the three, one use. "… inborn errors of primary bile acid synthesis due to sterol 27 hydroxylase
    # deficiency": the condition without its cause. "… adjuvant treatment of patients following surgery of stage III
    # (Dukes' stage C) colon cancer": the condition after the who.
    [listed] = _as_built(rows["Apealea"])
    assert all(w in listed.condition for w in ("ovarian cancer", "primary peritoneal cancer", "fallopian tube cancer"))
    cdca = rows["Chenodeoxycholic acid Leadiant (previously known as Chenodeoxycholic acid sigma-tau)"]
    assert [u.condition for u in _as_built(cdca)] == ["inborn errors of primary bile acid synthesis"]
    assert "stage III (Dukes' stage C) colon cancer" in [u.condition for u in _as_built(rows["Xeloda"])]


def test_a_vaccine_against_a_list_of_diseases_is_a_use_for_each(rows: dict[str, EmaMedicine]) -> None:
    # "… vaccination of infants and toddlers from six weeks of age against diphtheria, tetanus, pertussis, hepatitis B,
    # poliomyelitis and invasive diseases caused by Haemophilus influenzae type b (Hib)."
    uses = _as_built(rows["Hexacima"])
    assert [u.condition for u in uses] == ["diphtheria", "tetanus", "pertussis", "hepatitis B", "poliomyelitis",
                                           "invasive diseases caused by Haemophilus influenzae type b"]
    assert all(u.population.min_age_years == pytest.approx(6 / 52, abs=0.01) and not u.population.adults for u in uses)
    # A list of strains is no list of diseases: "… caused by Neisseria meningitidis serogroups A, C, W and Y".
    assert [u.condition for u in _as_built(rows["MenQuadfi"])] == ["invasive meningococcal disease"]
    # "complications … following vaccination against smallpox" is no vaccine's use.
    assert any("vaccinia" in u.condition for u in _as_built(rows["Tecovirimat SIGA"]))


def test_items_after_a_lead_in_split_by_semicolons_are_uses(rows: dict[str, EmaMedicine]) -> None:
    # "Matever is indicated as adjunctive therapy:in the treatment of partial-onset seizures … with epilepsy;in the
    # treatment of myoclonic seizures in adults and adolescents from 12 years of age with juvenile myoclonic epilepsy;…"
    uses = {u.condition: u for u in _as_built(rows["Matever"])}
    assert list(uses) == ["partial-onset seizures in newly diagnosed epilepsy",
                          "myoclonic seizures in juvenile myoclonic epilepsy",
                          "primary generalised tonic-clonic seizures in idiopathic generalised epilepsy"]
    myoclonic = uses["myoclonic seizures in juvenile myoclonic epilepsy"].population
    assert myoclonic.min_age_years == 12 and myoclonic.adults  # "adults and adolescents": a juvenile name, adults too
    # "… indicated in adults for:the prevention of …;the prevention of …": who the lead-in names, for each item.
    adults = [u for u in _as_built(rows["Palonosetron Hospira"]) if u.population.min_age_years == 18]
    assert len(adults) == 2
    # "Reduction of cardiovascular morbidity in patients with: A or; B": which patients, not two uses.
    assert len(_as_built(rows["Telmisartan Actavis"])) == 2


def test_what_is_treated_in_patients_with_another_condition_names_both(rows: dict[str, EmaMedicine]) -> None:
    # "Symptomatic treatment of mild to moderately severe dementia in patients with idiopathic Parkinson's disease."
    assert "dementia in idiopathic Parkinson's disease" in [u.condition for u in _as_built(rows["Exelon"])]
    # never the patients' condition repeating what is treated, or a medicine given alongside
    assert all(" in " not in u.condition for u in _as_built(rows["Qutenza"]))
    assert [u.condition for u in _as_built(rows["Trevaclyn"])] == ["combined mixed dyslipidaemia"]


def test_empty_list_debris_ends_a_paragraph(rows: dict[str, EmaMedicine]) -> None:
    # "Rheumatoid arthritis, , Remsima, in combination with methotrexate, is indicated … in:, , , \tadult patients
    # with active disease …": the heading over its items, not "active disease".
    names = [u.condition.lower() for u in _as_built(rows["Remsima"])]
    assert names[0] == "rheumatoid arthritis" and "active disease" not in names
    benepali = {u.condition: u.population for u in _as_built(rows["Benepali"])}
    assert benepali["rheumatoid arthritis"].min_age_years == 18
    polyarthritis = "polyarthritis (rheumatoid factor positive or negative) and extended oligoarthritis"
    assert benepali[polyarthritis].min_age_years == 2
    # the items of a list after it keep their conditions: "• Hospital-acquired pneumonia (HAP) …, , , Treatment of
    # patients with bacteraemia …"
    assert {"pneumonia", "bacteraemia"} <= {u.condition for u in _as_built(rows["Zavicefta"])}


def test_ages_as_the_flattening_and_rounding_leave_them(rows: dict[str, EmaMedicine]) -> None:
    # "paediatric patients from 28 days of age" is 0.08 years, which is 29.2 days again: still the quote's age.
    [tb] = _as_built(rows["Granupas (previously Para-aminosalicylic acid Lucane)"])
    assert tb.condition == "multi-drug resistant tuberculosis" and tb.population.min_age_years == 0.08
    # "paediatric patients2 to < 18 years of age": an age glued to the word before it.
    hepatitis = next(u for u in _as_built(rows["Viread"]) if "hepatitis B" in u.condition)
    assert hepatitis.population.min_age_years == 2
    # "after at least 5 days of initial parenteral anticoagulation treatment" is how long, not how old.
    xarelto = [u.population.min_age_years for u in _as_built(rows["Xarelto"])]
    assert 0.01 not in xarelto


def test_weight_loss_is_a_use_not_who_by_body_size(rows: dict[str, EmaMedicine]) -> None:
    # "Alli is indicated for weight loss in adults who are overweight … in conjunction with a mildly hypocaloric … diet"
    [alli] = _as_built(rows["Alli (previously Orlistat GSK)"])
    assert alli.condition == "weight loss" and alli.population.min_age_years == 18


def test_the_eu_statement_that_names_more_leads_its_use(pack: Pack) -> None:
    # "Treatment of seizures associated with Dravet syndrome …" then "… Dravet syndrome and Lennox-Gastaut syndrome …"
    answer = ask("what is fintepla used for", pack, region="eu")
    assert [u.condition.lower() for u in answer.uses] == [
        "seizures associated with dravet syndrome and lennox-gastaut syndrome"]


def test_items_named_by_their_disease_not_by_the_patients_course(rows: dict[str, EmaMedicine]) -> None:
    # "• Fusariosis in patients with disease that is refractory to amphotericin B …": fusariosis, a use of its own.
    names = [u.condition for u in _as_built(rows["Noxafil"])]
    assert {"Invasive aspergillosis", "Fusariosis", "Coccidioidomycosis"} <= set(names)
    assert "disease" not in names


def test_a_population_subheading_is_who_its_items_are_for(rows: dict[str, EmaMedicine]) -> None:
    # "Mycamine is indicated for: Adults, adolescents ≥ 16 years of age and elderly • treatment of invasive
    # candidiasis; • treatment of oesophageal candidiasis …; Children (including neonates) and adolescents < 16 years
    # of age • treatment of invasive candidiasis. …": each list under who it is for, no item lost as a repeat.
    ages = {u.condition: u.population.min_age_years for u in _as_built(rows["Mycamine"])}
    assert ages == {"invasive candidiasis": 0, "oesophageal candidiasis": 16, "Candida infection": 0}
    # "… the following fungal infections in paediatric patients from 2 years of age … and adults: • Fusariosis …"
    assert all(u.population.min_age_years == 2 for u in _as_built(rows["Noxafil"]) if u.condition == "Fusariosis")


def test_items_that_say_which_patients_after_a_use_are_no_uses(rows: dict[str, EmaMedicine]) -> None:
    # "… indicated for the treatment of chronic hepatitis B in adults with: • compensated liver disease … •
    # decompensated liver disease": which patients, one use.
    names = [u.condition for u in _as_built(rows["Entecavir Mylan"])]
    assert not any("liver disease" in n for n in names) and any("hepatitis B" in n for n in names)


def test_who_a_first_subheading_or_an_age_range_names(rows: dict[str, EmaMedicine]) -> None:
    # "AdultsOlanzapine is indicated for … schizophrenia. … moderate to severe manic episode. … bipolar disorder.":
    # the one subheading over the whole text is who every use is for.
    assert all(u.population.min_age_years == 18 and u.population.adults for u in _as_built(rows["Olanzapine Teva"]))
    # "… in individuals 18 to 50 years of age" are adults; "patients over 2 years of age" are 2 and older; a
    # vaccine's first word is the disease, not its name ("COVID-19 Vaccine (inactivated, adjuvanted) Valneva").
    [covid] = _as_built(rows["COVID-19 Vaccine (inactivated, adjuvanted) Valneva"])
    assert covid.condition == "COVID-19 caused by SARS-CoV-2" and covid.population.adults
    assert [u.population.min_age_years for u in _as_built(rows["Xromi"])] == [2]


def test_immunisation_statements_without_indicated_are_uses(rows: dict[str, EmaMedicine]) -> None:
    # "Active immunisation for the prevention of invasive disease, pneumonia and acute otitis media caused by
    # Streptococcus pneumoniae in infants, children and adolescents from 6 weeks to 17 years of age. Active
    # immunisation for the prevention of invasive disease caused by Streptococcus pneumoniae in adults …"
    uses = {u.condition: u.population for u in _as_built(rows["Prevenar 13"])}
    assert {"invasive disease", "pneumonia", "acute otitis media caused by Streptococcus pneumoniae"} <= set(uses)
    assert uses["invasive disease caused by Streptococcus pneumoniae"].min_age_years == 18


def test_lead_ins_that_end_a_sentence_and_uses_named_by_their_disease(rows: dict[str, EmaMedicine]) -> None:
    # "Cubicin is indicated for the treatment of the following infections.Adult and paediatric (1 to 17 years of age)
    # patients with complicated skin and soft-tissue infections (cSSTI).Adult patients with right-sided …"
    ages = {u.condition: u.population.min_age_years for u in _as_built(rows["Cubicin"])}
    assert ages == {"complicated skin and soft-tissue infections": 1,
                    "right-sided infective endocarditis (RIE) due to Staphylococcus aureus": 18,
                    "Staphylococcus aureus bacteraemia": 1}
    # "Treatment and prophylaxis of bleeding in patients 12 years and above with haemophilia A …"
    assert [u.condition for u in _as_built(rows["Esperoct"])] == ["bleeding in haemophilia A"]
    # "… indicated to slow the progression of cyst development and renal insufficiency of autosomal dominant
    # polycystic kidney disease (ADPKD) in adults …"
    assert [u.condition for u in _as_built(rows["Jinarc"])] == ["autosomal dominant polycystic kidney disease"]
    # "Long-term treatment of growth failure associated with Turner syndrome." opens a use of its own.
    assert "growth failure associated with Turner syndrome" in [u.condition for u in _as_built(rows["NutropinAq"])]
    # never the patients' criteria: "… in children … with radiographic evidence of bone disease"
    assert all("evidence" not in u.condition for u in _as_built(rows["Crysvita"]))


def test_a_sentence_case_heading_names_its_statement(rows: dict[str, EmaMedicine]) -> None:
    # "Established atherosclerotic cardiovascular diseaseRepatha is indicated in adults with established
    # atherosclerotic cardiovascular disease (myocardial infarction, stroke or peripheral arterial disease) …":
    # the heading's disease, not the examples in brackets; "established" here is no verb.
    names = [u.condition for u in _as_built(rows["Repatha"])]
    assert "Established atherosclerotic cardiovascular disease" in names
    assert not any("myocardial" in n for n in names)


def test_partner_medicines_listed_after_in_combination_with_are_no_uses(rows: dict[str, EmaMedicine]) -> None:
    # "Byetta is indicated for treatment of type-2 diabetes mellitus in combination with: • metformin; •
    # sulphonylureas; …": the medicines it is given with, never a use each ("these agents" neither).
    assert [u.condition for u in _as_built(rows["Byetta"])] == ["type-2 diabetes mellitus"]
    # "Type 2 diabetes mellitusFor the treatment of …", "Type 1 diabetes mellitusEdistride is indicated …": headings
    # in sentence case before a statement, even one that names another brand.
    assert [u.condition for u in _as_built(rows["Ebymect"])] == ["Type 2 diabetes mellitus", "Type 1 diabetes mellitus"]


def test_product_headings_are_no_uses_and_items_without_a_lead_in_are_statements(rows: dict[str, EmaMedicine]) -> None:
    # "Pradaxa 75 mg, , , \tPrimary prevention of venous thromboembolic events …, , , Pradaxa 110 mg, , , \t…":
    # strength headings name products, and each item with no lead-in over it is a statement of its own.
    assert sorted(u.condition for u in _as_built(rows["Pradaxa"])) == [
        "deep vein thrombosis (DVT) and pulmonary embolism (PE)",
        "stroke and systemic embolism in non-valvular atrial fibrillation", "venous thromboembolic events"]
    # "1.5-mg/0.3-ml and 2.5-mg/0.5-ml solution for injection", "Film-coated Tablets": never a condition
    for name in ("Arixtra", "Iasibon"):
        assert not any(re.search(r"\bmg\b|tablets|injection", u.condition, re.I) for u in _as_built(rows[name]))
    # a bracket cut open at a comma inside it: "Prevention of skeletal events (pathological fractures, bone …)"
    assert "skeletal events" in [u.condition for u in _as_built(rows["Iasibon"])]


def test_a_condition_keeps_its_cause_after_its_noun(rows: dict[str, EmaMedicine]) -> None:
    # "Ucedane is indicated in treatment of:hyperammonaemia due to N-acetylglutamate synthase primary deficiency;
    # Hyperammonaemia due to isovaleric acidaemia;…": four causes, four uses.
    names = [u.condition.lower() for u in _as_built(rows["Ucedane"])]
    assert "hyperammonaemia due to isovaleric acidaemia" in names and len(names) == 4


def test_a_use_stated_by_its_aim_alone_and_a_lead_in_that_names_the_condition(rows: dict[str, EmaMedicine]) -> None:
    # "Prevention of nausea and vomiting in patients receiving … chemotherapy … Sancuso may be used in patients …":
    # a statement without "indicated" is a use even when a later sentence says "may be used".
    assert [u.condition for u in _as_built(rows["Sancuso"])] == ["nausea and vomiting"]
    # "Treatment of essential hypertension in adults:Add-on therapyTwynsta is indicated in adults whose blood pressure
    # is not adequately controlled …Replacement therapy…": headings that name no condition are ways of using it.
    twynsta = _as_built(rows["Twynsta"])
    assert [u.condition for u in twynsta] == ["essential hypertension"] and twynsta[0].population.min_age_years == 18
    # "For patients with type 2 diabetes mellitus:Janumet is indicated as an adjunct to diet and exercise …" (and
    # the same lead-in over bullets): the lead-in names the condition of every statement under it, and is quoted.
    for name in ("Janumet", "Velmetia", "Jentadueto"):
        uses = _as_built(rows[name])
        assert [u.condition.lower().replace("-", " ") for u in uses] == ["type 2 diabetes mellitus"], name
        assert any("diabetes" in q for q in [uses[0].sentence, *uses[0].also])


def test_who_items_after_in_and_the_patients_other_condition(rows: dict[str, EmaMedicine]) -> None:
    # "… treatment of coronavirus disease 2019 (COVID 19) in:adults and paediatric patients (at least 4 weeks of age …)
    # with pneumonia …": the items say who; the use is COVID-19, from 4 weeks.
    veklury = _as_built(rows["Veklury"])
    assert [u.condition for u in veklury] == ["coronavirus disease 2019"]
    assert veklury[0].population.min_age_years == 0.08
    # "… hyperphenylalaninaemia (HPA) in adults and paediatric patients of all ages with phenylketonuria (PKU) who …"
    # and "… with tetrahydrobiopterin (BH4) deficiency …": one condition in two others, two uses.
    names = sorted(u.condition for u in _as_built(rows["Sapropterin Dipharma"]))
    assert names == ["hyperphenylalaninaemia in phenylketonuria",
                     "hyperphenylalaninaemia in tetrahydrobiopterin (BH4) deficiency"]
    # "For adult patients treated with a direct factor Xa (FXa) inhibitor … when reversal of anticoagulation is
    # needed …": what the patients are treated with is never the use; what is needed is.
    assert [u.condition for u in _as_built(rows["Ondexxya"])] == ["reversal of anticoagulation"]


def test_not_indicated_and_what_patients_must_have_had_are_no_uses(rows: dict[str, EmaMedicine]) -> None:
    # "ReFacto AF does not contain von-Willebrand factor, and hence is not indicated in von-Willebrand's disease."
    assert [u.condition for u in _as_built(rows["ReFacto AF"])] == ["bleeding in haemophilia A"]
    # "Cialis is not indicated for use by women."
    assert [u.condition for u in _as_built(rows["Cialis"])] == ["erectile dysfunction"]
    # "Metastatic Breast Cancer (MBC)Kadcyla … is indicated … Patients should have either:Received prior therapy for
    # locally advanced or metastatic disease, orDeveloped disease recurrence …": criteria, and "…, or" is no heading.
    assert [u.condition for u in _as_built(rows["Kadcyla"])] == ["HER2-positive early breast cancer",
                                                                   "Metastatic Breast Cancer"]


def test_each_condition_the_patients_suffer_from_and_a_condition_in_another(rows: dict[str, EmaMedicine]) -> None:
    # "Adult patients suffering from myocardial infarction (…), ischaemic stroke (…) or established peripheral arterial
    # disease.": three uses.
    names = [u.condition for u in _as_built(rows["Clopidogrel HCS"])]
    assert {"myocardial infarction", "ischaemic stroke", "established peripheral arterial disease"} <= set(names)
    # "• Kaposi's sarcoma in patients with AIDS who have a very damaged immune system": the sarcoma, not AIDS
    names = [u.condition for u in _as_built(rows["Zolsketil pegylated liposomal"])]
    assert "Kaposi's sarcoma in AIDS" in names and "AIDS" not in names
