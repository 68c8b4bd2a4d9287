"""All label facts beyond the indications, gathered once at build time."""

from __future__ import annotations

from rxscoop.label.cautions import (
    read_contraindications,
    read_mechanism,
    read_prescription,
    read_side_effects,
    read_study_benefits,
    read_warnings,
)
from rxscoop.label.dosing import read_dosing
from rxscoop.label.kind import read_biologic
from rxscoop.label.model import Details, Use


def read_details(sections: dict[str, str], product_type: str | None, routes: list[str], uses: list[Use],
                 names: list[str] | None = None) -> Details:
    return Details(
        **read_dosing(sections, routes, uses, names),
        biologic=read_biologic(sections),
        prescription=read_prescription(product_type, sections),
        side_effects=read_side_effects(sections.get("adverse_reactions", ""), uses),
        contraindications=read_contraindications(sections.get("contraindications", "")),
        warnings=read_warnings(sections),
        mechanism=read_mechanism(sections["mechanism_of_action"]) if "mechanism_of_action" in sections else None,
        benefits=read_study_benefits(sections.get("clinical_studies", ""), uses),
    )
