"""Section names: openFDA field → the title a person reads on the label."""

from __future__ import annotations

TITLES = {
    "indications_and_usage": "Indications and Usage",
    "dosage_and_administration": "Dosage and Administration",
    "dosage_forms_and_strengths": "Dosage Forms and Strengths",
    "contraindications": "Contraindications",
    "boxed_warning": "Boxed Warning",
    "warnings_and_cautions": "Warnings and Precautions",
    "warnings": "Warnings",
    "precautions": "Precautions",
    "adverse_reactions": "Adverse Reactions",
    "drug_interactions": "Drug Interactions",
    "use_in_specific_populations": "Use in Specific Populations",
    "pregnancy": "Pregnancy",
    "mechanism_of_action": "Mechanism of Action",
    "clinical_pharmacology": "Clinical Pharmacology",
    "clinical_studies": "Clinical Studies",
    "how_supplied": "How Supplied",
    "storage_and_handling": "Storage and Handling",
    "spl_medguide": "Medication Guide",
    "information_for_patients": "Patient Counseling Information",
    "description": "Description",
    "overdosage": "Overdosage",
    # EU product information (EMA list of EPARs), not an openFDA field
    "condition_indication": "Therapeutic indication (EU product information, section 4.1)",
}


def section_title(name: str) -> str:
    if name.startswith("openfda."):  # a field of openFDA's metadata block, not label text
        return f"openFDA metadata ({name.removeprefix('openfda.').replace('_', ' ')})"
    if name.startswith("ema."):  # a field of the EMA medicines list's row, not indication text
        return f"EMA medicines list ({name.removeprefix('ema.').replace('_', ' ')})"
    return TITLES.get(name, name.replace("_", " ").capitalize())
