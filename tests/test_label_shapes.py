"""Label shapes first met on labels drawn for the held-out rounds (eval/labels-holdout-5.json and -6.json),
each read from the raw openFDA record: uses stated without "indicated", lists that lost their bullets,
subsections that are guidance, ages in words or weeks, and the kind of medicine where openFDA's class and
the label's own disagree."""

from __future__ import annotations

import re
from collections.abc import Callable

from rxscoop.answer.how import drug_class
from rxscoop.label.cautions import read_side_effects, read_study_benefits
from rxscoop.label.checks import Failures, check_indications
from rxscoop.label.dosing import schedule_sentences
from rxscoop.label.indications import parse_indications
from rxscoop.label.model import Details, Label, Use
from rxscoop.label.routes import read_routes
from rxscoop.sources.openfda import record_from_openfda

Raw = Callable[[str], dict]


def _uses(raw: dict) -> list[Use]:
    record = record_from_openfda(raw, "test", "test")
    names = [*record.brand_names, *record.generic_names, *record.substance_names]
    parsed = parse_indications(record.sections["indications_and_usage"], names)
    return check_indications(parsed, record.title, Failures()).uses


def _by_condition(raw: dict) -> dict[str, Use]:
    return {u.condition.lower(): u for u in _uses(raw)}


def test_a_second_use_stated_by_its_role_after_the_first() -> None:
    """"… indicated for the treatment of the hyperuricemia associated with gout … As an adjuvant to therapy with
    penicillin or with ampicillin, …, for elevation and prolongation of plasma levels …": two uses."""
    raw = {"set_id": "t", "openfda": {"brand_name": ["Probenecid"]}, "indications_and_usage": [
        "INDICATIONS AND USAGE Probenecid tablets are indicated for the treatment of the hyperuricemia associated "
        "with gout and gouty arthritis. As an adjuvant to therapy with penicillin or with ampicillin, methicillin, "
        "oxacillin, cloxacillin, or nafcillin, for elevation and prolongation of plasma levels by whatever route "
        "the antibiotic is given."]}
    conditions = list(_by_condition(raw))
    assert len(conditions) == 2 and "gout" in conditions[0] and "penicillin" in conditions[1]
    assert conditions[1].startswith("adjuvant to"), "the role stays with the aim: it is no penicillin treatment"


def test_two_aims_in_one_sentence_and_a_use_without_indicated(raw_label: Raw) -> None:
    """Cerebyx: "… treatment of generalized tonic-clonic status epilepticus and prevention and treatment of
    seizures occurring during neurosurgery. CEREBYX can also be substituted, short-term, for oral phenytoin.\""""
    conditions = list(_by_condition(raw_label("d4c36fad-0ba2-4cd4-9c5e-dcf843f38a5a")))
    assert conditions == ["generalized tonic-clonic status epilepticus", "seizures occurring during neurosurgery",
                          "substituted, short-term, for oral phenytoin"]


def test_a_purpose_for_use_on_skin_is_read_without_its_examples(raw_label: Raw) -> None:
    """Synera: "indicated for use on intact skin to provide local dermal analgesia for superficial venous access
    and superficial dermatological procedures such as excision, …"."""
    [condition] = _by_condition(raw_label("5f86a348-2274-4945-8694-4c1f0050bf02"))
    assert condition.startswith("local dermal analgesia") and "excision" not in condition


def test_aims_listed_after_a_population_with_a_decimal(raw_label: Raw) -> None:
    """Zokinvy: "… indicated in patients 12 months of age and older with a body surface area (BSA) of 0.39 m 2 and
    above: To reduce the risk of mortality in Hutchinson-Gilford Progeria Syndrome (HGPS) For the treatment of
    processing-deficient Progeroid Laminopathies with either: …" — two uses, each from 12 months."""
    uses = _uses(raw_label("956a142f-35d6-4fe3-8aef-7e4878d275ed"))
    assert len(uses) == 2
    assert "hutchinson-gilford" in uses[0].condition.lower()
    assert uses[1].condition.lower() == "processing-deficient progeroid laminopathies"
    assert all(u.population.min_age_years == 1.0 for u in uses)


def test_a_guidance_subsection_is_no_use(raw_label: Raw) -> None:
    """Voriconazole "1.5 Usage Specimens for fungal culture … should be obtained prior to therapy" is guidance."""
    conditions = list(_by_condition(raw_label("b8de04a0-238d-4e0b-b0d9-7f7878b149d4")))
    assert len(conditions) == 4 and not any("usage" in c or "specimens" in c for c in conditions)


def test_an_age_in_words_and_maintenance_named_apart(raw_label: Raw) -> None:
    """Protonix: "adults and pediatric patients five years of age and older" is from 5, and "Maintenance of
    Healing of Erosive Esophagitis" is not the healing of it."""
    uses = _uses(raw_label("08098cb2-c048-4640-f387-6beec4a38936"))
    assert uses[0].population.min_age_years == 5.0
    assert uses[1].condition.lower().startswith("maintenance of healing")


def test_items_of_a_lead_in_given_one_sentence_each(raw_label: Raw) -> None:
    """Zocor: "As an adjunct to diet for the treatment of adults with: Primary dysbetalipoproteinemia.
    Hypertriglyceridemia." — two adult uses."""
    uses = _by_condition(raw_label("8f55d5de-5a4f-4a39-8c84-c53976dd6af9"))
    assert uses["primary dysbetalipoproteinemia"].population.min_age_years == 18.0
    assert uses["hypertriglyceridemia"].population.min_age_years == 18.0


def test_previously_untreated_heads_a_condition_and_weeks_back_an_age(raw_label: Raw) -> None:
    conditions = list(_by_condition(raw_label("3904f8dd-1aef-3490-e48f-bd55f32ed67f")))  # Adcetris
    assert any(c.startswith("previously untreated stage iii or iv classical hodgkin") for c in conditions)
    [hiv] = _uses(raw_label("442d9e67-1c2c-73f8-e054-00144ff8d46c"))  # Isentress: "4 weeks of age and older"
    assert hiv.population.min_age_years is not None and hiv.population.min_age_years < 0.1


def _label(raw: dict) -> Label:
    record = record_from_openfda(raw, "test", "test")
    names = [*record.brand_names, *record.generic_names, *record.substance_names]
    return Label(id=0, set_id=record.set_id, title=record.title, brand_name=None, generic_name=None,
                 effective_time=None, version=None, manufacturer=None, product_type=None, routes=record.routes,
                 pharm_class_epc=record.pharm_class_epc, pharm_class_moa=[], source="test", location="test",
                 retrieved_at=None, complete=True, details=Details(),
                 indications=parse_indications(record.sections["indications_and_usage"], names))


def test_the_labels_own_class_wins_when_openfda_names_another_target(raw_label: Raw) -> None:
    """Tecentriq's label: "a programmed death-ligand 1 (PD-L1) blocking antibody"; openFDA's class says
    "Programmed Death Receptor-1 Blocking Antibody". The label's words are the source."""
    cls, cite = drug_class(_label(raw_label("6fa682c9-a312-4932-9831-f286908660ee")), Details())
    assert cls and "ligand" in cls.lower() and cite and cite[0] == "indications_and_usage"
    # A label class that only adds words ("tyrosine kinase inhibitor", Iressa) leaves openFDA's in place.
    cls, cite = drug_class(_label(raw_label("827d60e8-7e07-41b7-c28b-49ef1c4a5a41")), Details())
    assert cls == "Kinase Inhibitor" and cite and cite[0] == "openfda.pharm_class_epc"


def test_a_class_read_from_sentences_run_together(raw_label: Raw) -> None:
    """"Celecoxib capsules are indicated Celecoxib is a nonsteroidal anti-inflammatory drug indicated for …"."""
    assert _label(raw_label("12c2b345-bf1c-4661-85a8-257c4af2bda5")).indications.drug_class == (  # type: ignore[union-attr]
        "nonsteroidal anti-inflammatory drug")


def test_a_patch_that_works_on_the_skin_is_topical(raw_label: Raw) -> None:
    record = record_from_openfda(raw_label("5f86a348-2274-4945-8694-4c1f0050bf02"), "test", "test")  # Synera
    routes = {f.text for f in read_routes(record.sections, record.routes, record.brand_names)}
    assert routes == {"topical"}


def test_an_alias_and_where_the_disease_stands_name_no_other_use(raw_label: Raw) -> None:
    """Brineura: "… with late infantile neuronal ceroid lipofuscinosis type 2 (CLN2), also known as tripeptidyl
    peptidase 1 (TPP1) deficiency" is CLN2, not "also known as …"; Pemazyre's highlights "relapsed or refractory
    myeloid/lymphoid neoplasms (MLNs) with FGFR1 rearrangement" is its subsection 1.2, not a third use."""
    [cln2] = _by_condition(raw_label("485ab3c5-0359-4878-872f-2fe1e7df4047"))
    assert cln2.startswith("late infantile neuronal ceroid lipofuscinosis")
    pemazyre = list(_by_condition(raw_label("9e1f2222-1d89-4e63-989c-ccebe2ab1eb4")))
    assert len(pemazyre) == 2 and any("cholangiocarcinoma" in c for c in pemazyre)


def test_a_sentence_opening_with_when_is_prose_not_a_use() -> None:
    """Delestrogen's numbered list: "When prescribing solely for the treatment of symptoms of vulvar and vaginal
    atrophy, topical vaginal products should be considered." is advice inside the list."""
    raw = {"set_id": "t", "openfda": {"brand_name": ["DELESTROGEN"]}, "indications_and_usage": [
        "INDICATIONS AND USAGE DELESTROGEN (estradiol valerate injection, USP) is indicated in the: 1. Treatment of "
        "moderate to severe vasomotor symptoms associated with the menopause. 2. Treatment of moderate to severe "
        "symptoms of vulvar and vaginal atrophy associated with the menopause. When prescribing solely for the "
        "treatment of symptoms of vulvar and vaginal atrophy, topical vaginal products should be considered. 3. "
        "Treatment of hypoestrogenism due to hypogonadism, castration or primary ovarian failure."]}
    assert len(_uses(raw)) == 3


def test_a_duration_in_weeks_is_no_age_and_less_than_closes_a_range() -> None:
    """"… for 4 to 12 weeks of symptomatic, documented gastroesophageal reflux in adults" is how long, for adults;
    "in patients 6 to less than 17 years of age" is from 6."""
    raw = {"set_id": "t", "openfda": {"brand_name": ["Reglan"]}, "indications_and_usage": [
        "INDICATIONS AND USAGE Reglan tablets are indicated for the treatment for 4 to 12 weeks of symptomatic, "
        "documented gastroesophageal reflux in adults who fail to respond to conventional therapy."]}
    [reflux] = _uses(raw)
    assert reflux.population.min_age_years == 18.0
    raw = {"set_id": "t", "openfda": {"brand_name": ["RUZURGI"]}, "indications_and_usage": [
        "INDICATIONS AND USAGE RUZURGI is indicated for the treatment of Lambert-Eaton myasthenic syndrome (LEMS) in "
        "patients 6 to less than 17 years of age."]}
    [lems] = _uses(raw)
    assert lems.population.min_age_years == 6.0 and lems.population.children and not lems.population.adults


def test_a_local_anaesthetics_blocks_name_its_routes(raw_label: Raw) -> None:
    """Nesacaine's dosing: "Caudal and Lumbar Epidural Block: …" beside openFDA's INFILTRATION; articaine's "For
    most routine dental procedures, …" beside SUBMUCOSAL."""
    for set_id, expected in (("823a2335-05d0-4391-b612-316bfee9b1ea", {"infiltration", "epidural"}),
                             ("0536a4de-578d-497e-a01b-0b1887344cc8", {"infiltration", "dental"})):
        record = record_from_openfda(raw_label(set_id), "test", "test")
        assert {f.text for f in read_routes(record.sections, record.routes, record.brand_names)} == expected


def test_highlights_bullets_read_alone() -> None:
    """A highlights summary read without its full section (some records hold only it): "… 2 years of age and
    older with: • Invasive aspergillosis ( 1.1 ) • Candidemia … ( 1.2 )" — the bullet is no part of a use."""
    raw = {"set_id": "t", "openfda": {"brand_name": ["Voriconazole"]}, "indications_and_usage": [
        "1 INDICATIONS AND USAGE Voriconazole is an azole antifungal indicated for the treatment of adults and "
        "pediatric patients 2 years of age and older with: • Invasive aspergillosis ( 1.1 ) • Candidemia in "
        "non-neutropenics and other deep tissue Candida infections ( 1.2 ) • Esophageal candidiasis ( 1.3 )"]}
    uses = _uses(raw)
    assert [u.condition.lower()[:12] for u in uses] == ["invasive asp", "candidemia i", "esophageal c"]
    assert all(u.population.min_age_years == 2.0 for u in uses)


def test_a_heading_is_stripped_only_where_it_stands() -> None:
    """"indications?" was an alternative of its own in the heading pattern, so the first "indication" anywhere in
    a section without its heading was cut out ("This indication is approved …" → "This is approved …")."""
    from rxscoop.label.fragments import HEADING
    from rxscoop.label.text import strip_heading
    assert strip_heading("X is indicated. This indication is approved.", HEADING) == (
        "X is indicated. This indication is approved.")
    assert strip_heading("1 INDICATIONS AND USAGE X is indicated.", HEADING) == "X is indicated."


def test_highlights_alone_names_run_together_and_approval_notes() -> None:
    """"… for the treatment of: Major Depressive Disorder (MDD) Generalized Anxiety Disorder (GAD) …" is one use
    each; "This indication is approved under accelerated approval …" between two items is neither."""
    venlafaxine = {"set_id": "t", "openfda": {"brand_name": ["Venlafaxine"]}, "indications_and_usage": [
        "Venlafaxine hydrochloride extended-release is a serotonin and norepinephrine reuptake inhibitor (SNRI) "
        "indicated for the treatment of: Major Depressive Disorder (MDD) Generalized Anxiety Disorder (GAD) Social "
        "Anxiety Disorder (SAD) Panic Disorder (PD)"]}
    assert [u.condition for u in _uses(venlafaxine)] == [
        "Major Depressive Disorder", "Generalized Anxiety Disorder", "Social Anxiety Disorder", "Panic Disorder"]
    brukinsa = {"set_id": "t", "openfda": {"brand_name": ["BRUKINSA"]}, "indications_and_usage": [
        "BRUKINSA is a kinase inhibitor indicated for the treatment of adult patients with: Mantle cell lymphoma "
        "(MCL) who have received at least one prior therapy. ( 1.1 ) This indication is approved under accelerated "
        "approval based on overall response rate. Continued approval for this indication may be contingent upon "
        "verification and description of clinical benefit in a confirmatory trial. Waldenström's macroglobulinemia "
        "(WM). ( 1.2 )"]}
    assert [u.condition for u in _uses(brukinsa)] == ["Mantle cell lymphoma", "Waldenström's macroglobulinemia"]


def test_an_important_limitations_subsection_is_no_use() -> None:
    """Depakene "1.2 Important Limitations Because of the risk to the fetus … valproate should not be used to treat
    women with epilepsy or bipolar disorder who are pregnant …" limits the use; it offers bipolar disorder to none."""
    raw = {"set_id": "t", "openfda": {"brand_name": ["Depakene"], "generic_name": ["valproic acid"]},
           "indications_and_usage": [
               "1 INDICATIONS AND USAGE 1.1 Epilepsy Depakene (valproic acid) is indicated as monotherapy and "
               "adjunctive therapy in the treatment of patients with complex partial seizures. 1.2 Important "
               "Limitations Because of the risk to the fetus of decreased IQ, valproate should not be used to treat "
               "women with epilepsy or bipolar disorder who are pregnant or who plan to become pregnant."]}
    uses = _uses(raw)
    assert len(uses) == 1 and "bipolar" not in uses[0].condition.lower()


def test_a_warning_heading_ends_where_its_first_sentence_opens() -> None:
    """"5.6 Increased Toxicity in the Presence of Severe Renal Impairment The frequency …": "The" opens the
    sentence, so "Impairment" stays in the heading; a boxed warning's heading ends before "JC virus …"."""
    from rxscoop.answer.cautions import boxed_warning_topic
    from rxscoop.label.layout import outline
    blocks = outline("5.6 Increased Toxicity in the Presence of Severe Renal Impairment The frequency of adverse "
                     "reactions was greater.").blocks
    assert blocks[0].text == "Increased Toxicity in the Presence of Severe Renal Impairment"
    blocks = outline("5.1 Suicidal Thoughts and Behaviors in Pediatric and Young Adult Patients Patients with MDD, "
                     "both adult and pediatric, may experience worsening of their depression.").blocks
    assert blocks[0].text == "Suicidal Thoughts and Behaviors in Pediatric and Young Adult Patients"
    assert boxed_warning_topic("WARNING: PROGRESSIVE MULTIFOCAL LEUKOENCEPHALOPATHY (PML) JC virus infection "
                               "resulting in PML and death can occur") == (
        "PROGRESSIVE MULTIFOCAL LEUKOENCEPHALOPATHY (PML)")


def test_an_older_labels_cautions_are_read_from_its_own_layout() -> None:
    """Labels without numbered sections: WARNINGS with unnumbered headings, CONTRAINDICATIONS whose sentences put
    what is ruled out before "is contraindicated because …", a boxed warning headed in title case, and a table
    the adverse reactions section only points to."""
    from rxscoop.answer.cautions import boxed_warning_topic
    from rxscoop.label.cautions import read_contraindications, read_side_effects, read_warnings
    warnings = read_warnings({"warnings": (
        "WARNINGS Clinical Worsening and Suicide Risk Patients with major depressive disorder (MDD) may experience "
        "worsening. The World Health Organization has said so. Serotonin Syndrome The development of a potentially "
        "life-threatening serotonin syndrome has been reported.")})
    assert [f.text for f in warnings] == ["Clinical Worsening and Suicide Risk", "Serotonin Syndrome"]
    contra = read_contraindications(
        "CONTRAINDICATIONS The use of MAOIs with Sertraline hydrochloride is contraindicated because of an increased "
        "risk of serotonin syndrome. Concomitant use in patients taking pimozide is contraindicated (see "
        "PRECAUTIONS ).")
    assert [f.text for f in contra] == ["MAOIs with Sertraline hydrochloride", "taking pimozide"]
    assert boxed_warning_topic("BOXED WARNING Suicidality and Antidepressant Drugs Antidepressants increased the "
                               "risk") == "Suicidality and Antidepressant Drugs"
    assert read_side_effects(
        "ADVERSE REACTIONS Table 2 enumerates the most common treatment-emergent adverse events associated with the "
        "use of sertraline for the treatment of adult patients with OCD, panic disorder, PTSD and PMDD in "
        "placebo-controlled clinical trials.", []) == []


def test_a_heading_keeps_its_small_words_and_a_numbered_section_title_goes() -> None:
    """"5.4 Never Share an OZEMPIC Pen Between Patients OZEMPIC pens must never be shared …" is one heading (it had
    been cut to "Never"); "4. CONTRAINDICATIONS • Hypersensitivity …" loses its title, not its first item."""
    from rxscoop.label.layout import outline
    from rxscoop.label.text import strip_heading
    blocks = outline("5.4 Never Share an OZEMPIC Pen Between Patients OZEMPIC pens must never be shared between "
                     "patients.").blocks
    assert blocks[0].text == "Never Share an OZEMPIC Pen Between Patients"
    assert strip_heading("4. CONTRAINDICATIONS • Hypersensitivity to any component", "contraindications") == (
        "• Hypersensitivity to any component")


def test_an_older_antibiotic_label_lists_its_infections_by_place(raw_label: Raw) -> None:
    """Gentamicin: "… indicated in the treatment of serious infections caused by susceptible strains of the
    following microorganisms: Pseudomonas aeruginosa, …" lists germs, not uses; "Clinical studies have shown
    gentamicin sulfate to be effective in bacterial neonatal sepsis; bacterial septicemia; and serious bacterial
    infections of the central nervous system (meningitis), urinary tract, …" lists the uses, one per place; "a
    penicillin-type drug is also usually indicated" is another drug's."""
    conditions = list(_by_condition(raw_label("449c9a41-d61e-49fd-b5e3-d76f74b92acf")))
    assert conditions[:2] == ["bacterial neonatal sepsis", "bacterial septicemia"]
    assert "serious bacterial infections of the urinary tract" in conditions
    assert not any("pseudomonas" in c or "pneumonia" in c for c in conditions)


def test_a_bulleted_list_without_a_colon_keeps_for_whom(raw_label: Raw) -> None:
    """Sprycel: "… indicated for the treatment of adult patients with • newly diagnosed Ph+ CML … • Ph+ ALL …
    SPRYCEL is indicated for the treatment of pediatric patients 1 year of age and older with • Ph+ CML …"."""
    uses = _uses(raw_label("4764f37b-c9e6-4ede-bcc2-8a03b7c521df"))
    ages = {u.condition.lower(): u.population.min_age_years for u in uses}
    assert any("acute lymphoblastic" in c for c in ages) and 1.0 in ages.values() and 18.0 in ages.values()


def test_a_limited_population_statement_and_a_form_of_a_disease_are_no_uses(raw_label: Raw) -> None:
    """Arikayce: "LIMITED POPULATION: ARIKAYCE is indicated in adults … for the treatment of Mycobacterium avium
    complex (MAC) lung disease … This drug is indicated for use in a limited and specific population of
    patients." — one use. Buphenyl: "It is indicated in all patients with neonatal-onset deficiency …" is a form
    of the urea cycle disorder named before."""
    [mac] = _uses(raw_label("499ab990-2b21-474f-aaba-d86388965f40"))
    assert "mycobacterium avium complex" in mac.condition.lower() and mac.population.min_age_years == 18.0
    [ucd] = _uses(raw_label("463a36fa-3eb2-4326-8bd0-c8c7a11bca3a"))
    assert "urea cycle" in ucd.condition.lower()


def test_an_older_antibiotic_label_lists_its_infections_by_germ(raw_label: Raw) -> None:
    """Streptomycin: "… infections caused by susceptibile strains of microorganisms in the specific conditions
    listed below: … Yersinia pestis (plague), Francisella tularensis (tularemia), Brucella , … E.coli, Proteus,
    A. aerogenes, K. pneumoniae, and Enterococcus faecalis in urinary tract infections, …": one use per infection,
    germs before "in <infection>" share it, and the lead-in is no use."""
    conditions = list(_by_condition(raw_label("abd1f64e-4283-4370-aae8-3666316aa36e")))
    for infection in ("tuberculosis", "plague", "tularemia", "chancroid", "urinary tract infections",
                      "endocardial infections", "gram-negative bacillary bacteremia"):
        assert infection in conditions, infection
    assert any("brucella" in c for c in conditions) and any("influenzae" in c for c in conditions)
    assert not any("susceptib" in c or c in ("e.coli", "proteus") for c in conditions)


def test_how_a_disease_goes_is_not_its_name(raw_label: Raw) -> None:
    """Gamifant: "… patients with primary hemophagocytic lymphohistiocytosis (HLH) with refractory, recurrent or
    progressive disease …" treats HLH, not "recurrent or progressive disease"."""
    [hlh] = _uses(raw_label("a865e0ef-8685-4f69-8838-648c4f3bab47"))
    assert "hemophagocytic lymphohistiocytosis" in hlh.condition.lower()


def test_an_inhaler_openfda_files_under_oral_is_inhaled(raw_label: Raw) -> None:
    """Incruse Ellipta: openFDA's route is ORAL; the label says "once daily by oral inhalation"."""
    raw = raw_label("dbb64747-1505-49d7-9a33-99dd402e96d3")
    record = record_from_openfda(raw, "test", "test")
    routes = [f.text for f in read_routes(record.sections, record.routes, [*record.brand_names])]
    assert routes == ["inhalation"]


def test_of_several_openfda_classes_the_one_the_label_names(raw_label: Raw) -> None:
    """Zortress: openFDA lists "Kinase Inhibitor" and "mTOR Inhibitor Immunosuppressant"; the label says it "is an
    mTOR inhibitor immunosuppressant"."""
    cls, cite = drug_class(_label(raw_label("e082a024-7850-400b-a5c2-2a140612562a")), Details())
    assert cls and "mtor" in cls.lower() and cite and cite[0] == "openfda.pharm_class_epc"


def test_subsections_by_line_of_therapy_are_one_use(raw_label: Raw) -> None:
    """Arimidex: "1.1 Adjuvant Treatment … early breast cancer. 1.2 First-Line Treatment … metastatic breast cancer.
    1.3 Second-Line Treatment … advanced breast cancer": the headings name lines of therapy, not conditions."""
    [use] = _uses(raw_label("acbfaaa9-503c-4691-9828-76a7146ed6de"))
    assert use.condition.lower() == "breast cancer" and use.population.min_age_years == 18.0


def test_who_else_qualifies_and_a_liver_score_are_no_ages(raw_label: Raw) -> None:
    """Venclexta: "… AML in adults 75 years or older, or who have comorbidities …" is for adults (the age is one
    way in); Vosevi: "(Child-Pugh A)" names no child; "chronic hepatitis C virus (HCV) infection without cirrhosis"
    is hepatitis C, not "chronic hepatitis"."""
    venclexta = _uses(raw_label("b118a40d-6b56-cee3-10f6-ded821a97018"))
    ages = {u.condition.lower(): u.population.min_age_years for u in venclexta}
    assert ages["acute myeloid leukemia"] == 18.0
    [hcv] = _uses(raw_label("17ffc094-8ca7-45d2-80d8-fd043bc9a221"))
    assert "hepatitis c" in hcv.condition.lower() and hcv.population.min_age_years == 18.0
    assert not hcv.population.children


def test_symptoms_and_use_with_a_partner_are_no_conditions(raw_label: Raw) -> None:
    """Reglan: "Relief of symptoms in adults with acute and recurrent diabetic gastroparesis"; Zepatier: "indicated
    for use with ribavirin in certain patient populations" is how, not what for."""
    reglan = _by_condition(raw_label("de55c133-eb08-4a35-91a2-5dc093027397"))
    assert "acute and recurrent diabetic gastroparesis" in reglan and "symptoms" not in reglan
    assert [u.condition for u in _uses(raw_label("164dc02a-9180-426a-b8b5-04ab39d2bbd4"))] == [
        "chronic hepatitis C virus (HCV) genotype 1 or 4 infection"]


def test_a_partner_drugs_recommended_dose_is_not_the_drugs_own(raw_label: Raw) -> None:
    """Faslodex: "When FASLODEX is used in combination with abemaciclib, the recommended dose of abemaciclib is 150 mg
    orally, twice daily": neither "oral" nor "twice a day" is Faslodex's."""
    raw = raw_label("83d7a440-e904-4e36-afb5-cb02b1c919f7")
    record = record_from_openfda(raw, "test", "test")
    names = [*record.brand_names, *record.generic_names]
    assert [f.text for f in read_routes(record.sections, record.routes, names)] == ["intramuscular"]
    said = [m.group(0) for _, ms in schedule_sentences(record.sections["dosage_and_administration"], tuple(names))
            for m in ms]
    assert "twice daily" not in said


def test_a_study_finding_is_a_result_never_who_took_part_or_a_table(raw_label: Raw) -> None:
    """"Patient median age was 60 years …, and 37% of patients were older than 65" (Faslodex), "60% were male, …
    82% were White" (Unituxin), "61% of all patients were male" (Clozaril) say who was studied; "Efficacy Results
    Abbreviations: …" (Tykerb) and "Treatment Group (daily) Week 4 % Healed …" (dexlansoprazole) are a table."""
    for set_id in ("83d7a440-e904-4e36-afb5-cb02b1c919f7", "d66bdf0d-9d65-45de-ae5b-a58617c27492",
                   "90876802-0e3a-44c9-9ff7-1754dfbe736a", "eee37f88-ec6a-4c30-b8aa-e2c71f93088c",
                   "7c7698da-3cda-4301-ae93-02fb64b9c90d"):
        raw = raw_label(set_id)
        record = record_from_openfda(raw, "test", "test")
        for fact in read_study_benefits(record.sections.get("clinical_studies", ""), _uses(raw)):
            assert not re.search(r"median age|were male|were White|Abbreviations|Treatment Group", fact.quote), fact


def test_common_side_effects_are_the_listed_reactions_only(raw_label: Raw) -> None:
    """Clozaril: "… were: CNS reactions (sedation, dizziness/vertigo, headache, and tremor); cardiovascular
    reactions (…); …; and fever" keeps each group whole; Opdivo: "• As a single agent: fatigue, rash, …" and
    Gazyva: "Previously untreated CLL : infusion-related reactions, …" leave their lead-in out."""
    def reactions(set_id: str) -> list[str]:
        raw = raw_label(set_id)
        record = record_from_openfda(raw, "test", "test")
        return [r for s in read_side_effects(record.sections.get("adverse_reactions", ""), _uses(raw))
                for r in s.reactions]
    clozaril = reactions("90876802-0e3a-44c9-9ff7-1754dfbe736a")
    assert "CNS reactions (sedation, dizziness/vertigo, headache, and tremor)" in clozaril and "fever" in clozaril
    for set_id in ("f570b9c4-6846-4de2-abfa-4d0a4ae4e394", "df12ceb2-5b4b-4ab5-a317-2a36bf2a3cda"):
        found = reactions(set_id)
        assert found and not any(":" in r or r.startswith("•") for r in found), found


def test_a_stage_makes_no_second_use(raw_label: Raw) -> None:
    """Gazyva: "… previously untreated stage II bulky, III or IV follicular lymphoma" and "… relapsed … follicular
    lymphoma" are one use, not "Follicular Lymphoma" beside "III or IV follicular lymphoma"."""
    conditions = [u.condition.lower() for u in _uses(raw_label("df12ceb2-5b4b-4ab5-a317-2a36bf2a3cda"))]
    assert sum("follicular lymphoma" in c for c in conditions) == 1, conditions


def test_a_heading_over_listed_conditions_is_no_use_of_its_own(raw_label: Raw) -> None:
    """Depakene: "1.1 Epilepsy … complex partial seizures … simple and complex absence seizures, and adjunctively in
    patients with multiple seizure types which include absence seizures": two uses, neither "Epilepsy" (the group)
    nor "multiple seizure types" (absence seizures with others)."""
    conditions = [u.condition.lower() for u in _uses(raw_label("a0288919-75bf-4752-975f-40579572c0f7"))]
    assert conditions == ["complex partial seizures", "simple and complex absence seizures"]



def test_how_strong_a_chemotherapy_is_is_no_severity_and_a_subscript_joins(raw_label: Raw) -> None:
    """Palonosetron: "… nausea and vomiting associated with … moderately emetogenic cancer chemotherapy" says nothing
    of how severe a disease is; "serotonin-3 (5-HT 3 ) receptor antagonist" is the class "(5-HT3)"."""
    raw = raw_label("37e7ef89-fd77-44e0-9271-ae91f8822603")
    assert all(u.severity is None for u in _uses(raw))
    assert _label(raw).indications.drug_class == "serotonin-3 (5-HT3) receptor antagonist"  # type: ignore[union-attr]


def test_what_a_study_did_is_no_schedule(raw_label: Raw) -> None:
    """Tabloid: "Remission was maintained with daily thioguanine, … and a single dose of vincristine every 28 days"
    reports a study's regimen (and vincristine's interval), not how often thioguanine is taken."""
    raw = raw_label("344df8bc-b16d-4b75-b4c8-40de7d465849")
    record = record_from_openfda(raw, "test", "test")
    said = [m.group(0) for _, ms in schedule_sentences(record.sections["dosage_and_administration"],
                                                       (*record.brand_names, *record.generic_names)) for m in ms]
    assert "every 28 days" not in said


def test_advice_that_opens_like_an_aim_is_no_use(raw_label: Raw) -> None:
    """Inderal XL: "Control of high blood pressure should be part of comprehensive cardiovascular risk management,
    including … smoking cessation …" is advice, not a use stated by its aim ("Prevention of nausea and vomiting …")."""
    names = [u.condition for u in _uses(raw_label("ac196ff5-9215-402b-bc57-69aa87f8bade"))]
    assert names == ["hypertension"]
