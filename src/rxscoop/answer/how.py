"""How it works: the class the label (or openFDA) names, what that class does, and a picture.

The class comes from data about this drug (openFDA's pharmacologic class, else the class the label's own
indications name); the explanation and the picture come from data/mechanisms.csv, keyed by the exact class
name, never by drug and never by resemblance."""

from __future__ import annotations

import re

from rxscoop.answer.citations import cite
from rxscoop.answer.model import Statement
from rxscoop.label.model import Details, Label
from rxscoop.plain.mechanisms import mechanism_for


def drug_class(label: Label, details: Details) -> tuple[str | None, tuple[str, str] | None]:
    """(class in the source's words, (section, quote) to cite) from the best source available. When the
    class comes from the name's stem, the quote is the name."""
    # The Established Pharmacologic Class names a kind of medicine; a mechanism class ("Epoxide Hydrolase
    # Inhibitors [MoA]") names what it does to one enzyme, which is no answer to "what kind of medicine".
    if label.pharm_class_epc:
        # Of several classes, the first whose plain words rxscoop has, so the two never disagree.
        value = next((v for v in label.pharm_class_epc if mechanism_for(v)), label.pharm_class_epc[0])
        return re.sub(r"\s*\[(?:EPC|MoA)\]\s*$", "", value), ("openfda.pharm_class_epc", value)
    if label.indications and label.indications.drug_class and label.indications.drug_class_quote:
        return label.indications.drug_class, ("indications_and_usage", label.indications.drug_class_quote)
    return None, None


def class_term(class_text: str, class_cite: tuple[str, str]) -> str:
    """What the class claim rests on: the class words, or the drug's name when its stem gave the class."""
    return class_cite[1] if class_cite[0] == "openfda.generic_name" else class_text


def how_it_works(label: Label, details: Details) -> list[Statement]:
    class_text, class_cite = drug_class(label, details)
    mechanism = mechanism_for(class_text)
    out: list[Statement] = []
    citations = [cite(label, *class_cite)] if class_cite else []
    if details.mechanism:
        citations.append(cite(label, "mechanism_of_action", details.mechanism.quote))
    if mechanism and citations:
        out.append(Statement(text=mechanism.action, citations=citations,
                             terms=[class_term(class_text, class_cite)] if class_text and class_cite else [],
                             reference=mechanism.source))
        out.append(Statement(text=mechanism.picture, citations=citations[:1],
                             reference=mechanism.source))
    if details.mechanism:
        out.append(Statement(text=f"The label puts it this way: “{details.mechanism.text}”",
                             citations=[cite(label, "mechanism_of_action", details.mechanism.quote)]))
    return out
