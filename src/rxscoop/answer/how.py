"""How it works: the class the label (or openFDA) names, what that class does, and a picture.

The class comes from data about this drug (openFDA's pharmacologic class, else the class the label's own
indications name); the explanation and the picture come from data/mechanisms.csv, keyed by the exact class
name, never by drug and never by resemblance."""

from __future__ import annotations

import re

from rxscoop.answer.citations import cite
from rxscoop.answer.model import Statement
from rxscoop.label.model import Details, Label
from rxscoop.plain.classes import class_key
from rxscoop.plain.mechanisms import mechanism_for


def drug_class(label: Label, details: Details) -> tuple[str | None, tuple[str, str] | None]:
    """(class in the source's words, (section, quote) to cite) from the best source available. When the
    class comes from the name's stem, the quote is the name."""
    # The Established Pharmacologic Class names a kind of medicine; a mechanism class ("Epoxide Hydrolase
    # Inhibitors [MoA]") names what it does to one enzyme, which is no answer to "what kind of medicine".
    own = label.indications.drug_class if label.indications and label.indications.drug_class_quote else None
    if label.pharm_class_epc:
        # Of several classes, the one the label's own sentence names ("Zortress is an mTOR inhibitor
        # immunosuppressant" beside "Kinase Inhibitor"), else the first whose plain words rxscoop has.
        named = [v for v in label.pharm_class_epc if own and class_key(v) == class_key(own)]
        value = next(iter(named), None) or next((v for v in label.pharm_class_epc if mechanism_for(v)),
                                                label.pharm_class_epc[0])
        if not (own and _same_kind_other_target(own, value)):
            return re.sub(r"\s*\[(?:EPC|MoA)\]\s*$", "", value), ("openfda.pharm_class_epc", value)
    if own and label.indications and label.indications.drug_class_quote:
        return own, ("indications_and_usage", label.indications.drug_class_quote)
    return None, None


def _same_kind_other_target(own: str, epc: str) -> bool:
    """The label's own class and openFDA's name the same kind of class ("… blocking antibody") but neither
    holds the other's words: "programmed death-ligand 1 (PD-L1) blocking antibody" against "Programmed Death
    Receptor-1 Blocking Antibody" names another target. The label's text is the source and openFDA's class
    is metadata derived from it, so the label's words win. A label phrase that only adds words ("tyrosine
    kinase inhibitor" beside "Kinase Inhibitor") or is of another kind ("an inhalation agent" beside "General
    Anesthetic") leaves openFDA's class, whose plain words rxscoop has, in place."""
    words = [re.split(r"[\s–-]+", re.sub(r"\bnon-", "non", class_key(x))) for x in (own, epc)]
    if "".join(words[0]) == "".join(words[1]):  # "P2Y 12 platelet inhibitor" is "P2Y12 Platelet Inhibitor"
        return False
    a, b = set(words[0]), set(words[1])
    return words[0][-1] == words[1][-1] and not a <= b and not b <= a


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
