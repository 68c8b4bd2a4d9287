"""How each of a label's products is given: every route, not the first one a sentence mentions.

openFDA's `route` field lists the routes of the label's products; section 3 (Dosage Forms and Strengths)
names each product with its route ("Injection: … for intravenous use", "Tablets: …"). Without either,
the dosage section's own instructions ("administer subcutaneously", "take … by mouth") are read, never a
sentence that says what not to do."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rxscoop.data import rows
from rxscoop.label.layout import outline
from rxscoop.label.model import Fact
from rxscoop.label.starts import quick_start
from rxscoop.label.subject import PARTNER, about_other_drug, dose_of_other_drug
from rxscoop.label.text import clean, sentences
from rxscoop.plain.routes import route_for

# "for subcutaneous use", "for intravenous infusion", "by intramuscular injection", "administered orally"
_SAID = re.compile(
    r"\b(?:for|by|via)\s+(?:(?:slow|direct|continuous|rapid|deep)\s+)?(?P<a>[a-z-]+(?:ly)?(?:\s+or\s+[a-z-]+)?)\s+"
    r"(?:use|injection|infusion|administration|application|inhalation)\b"
    r"|\b(?:administer(?:ed)?|given|inject(?:ed)?|infuse[d]?|take[n]?|applied|instill(?:ed)?)\s+(?P<b>[a-z-]+ly)\b"
    r"|\b(?P<c>orally inhaled|by mouth|orally(?!\s+inhal)|under the tongue|into the eyes?|to the skin|on the skin)\b",
    re.I,
)
# Product forms whose route goes without saying: "Tablets: 25 mg", "Cream, 0.1%", "Inhalation aerosol"
# (data/product_forms.csv: a pattern and the key of its route in routes.csv, in order).
FORMS = tuple((quick_start(re.compile(r["pattern"], re.I)), r["route"]) for r in rows("product_forms.csv"))
_ORAL_FORM = next(pattern for pattern, key in FORMS if key == "oral")
# Capsules of an inhalation powder: "DO NOT SWALLOW … CAPSULES", "capsules must not be swallowed".
_NOT_SWALLOWED = re.compile(r"\b(?:do not|must not|should not|never)\s+(?:be\s+)?swallow", re.I)
_NEGATED = re.compile(r"\b(?:not|never|avoid|instead of|rather than|switch\w* from)\b", re.I)


def _key(words: str) -> str | None:
    route = route_for(words)
    return route.key if route else None


_COLON = re.compile(r":\s+")  # a clause ends at a colon (split thousands of times a build)


def read_routes(sections: dict[str, str], openfda_routes: list[str], names: list[str] | None = None) -> list[Fact]:
    """One Fact per route (its text is the route's key, e.g. "oral"), each with where it was read. From the
    dosage section only clauses about this drug count (label/subject.py), so a premedication's or a partner
    drug's route ("diphenhydramine 50 mg orally") is never taken for the drug's own."""
    found: dict[str, Fact] = {}
    for value in openfda_routes:
        key = _key(value)
        if key and key not in found:
            found[key] = Fact(text=key, section="openfda.route", quote=f"route: {value}")
    forms = clean(sections.get("dosage_forms_and_strengths", ""))
    for sentence in sentences(forms):
        _read_sentence(sentence, "dosage_forms_and_strengths", found, with_forms=True)
    # The drug's own dosing sentences: a clause whose subject is the drug ("BRIVIACT injection should be
    # administered intravenously …", "The recommended dosage is … administered by intravenous infusion"), so a
    # route the metadata leaves out is said too, and a premedication's route never is.
    own = _own_clause(tuple(re.escape(n.split()[0]) for n in names or [] if n.split() and len(n.split()[0]) >= 4))
    dosing = clean(sections.get("dosage_and_administration", ""))
    for sentence in outline(dosing).sentences()[:120]:  # headings apart, tables left out
        procedure = _PROCEDURE.match(sentence)
        if procedure and not _NEGATED.search(procedure.group(0)):
            # A local anaesthetic's dosing names the blocks it is given for: "Caudal and Lumbar Epidural Block:",
            # "For dental procedures by intraoral submucosal infiltration …".
            key = _key(procedure.group("how"))
            if key and key not in found:
                found[key] = Fact(text=key, section="dosage_and_administration", quote=sentence[:400])
        for clause in _COLON.split(sentence):
            if own(clause.strip()) and not about_other_drug(clause, tuple(names or ())):
                _read_sentence(clause.strip(), "dosage_and_administration", found, with_forms=False,
                               names=tuple(names or ()))
    oral = found.get("oral")
    if oral and oral.section == "openfda.route" and "inhalation" in found and re.search(
            r"\boral(?:ly)?\s+inhal", f"{forms} {dosing}", re.I) and (
            not _ORAL_FORM.search(f"{forms} {dosing}") or _NOT_SWALLOWED.search(f"{forms} {dosing}")):
        del found["oral"]  # openFDA files an inhaler "for oral inhalation" under ORAL: it is breathed in, not swallowed
    return list(found.values())


_PROCEDURE = re.compile(r"^(?:For\s+)?(?:[A-Z][\w-]*\s+(?:and\s+)?){0,3}?"
                        r"(?P<how>epidural|caudal epidural|dental|intrathecal)\s+"
                        r"(?:block|anesthesia|analgesia|procedures?)\b", re.I)
# A clause about the drug itself starts with "for … use", an amount, or (after at most six capitalised words
# and "the") the recommended dose or one of the drug's own names.
_OWN_START = re.compile(
    r"^(?:for\s+[a-z-]+(?:\s+or\s+[a-z-]+)?\s+(?:use|inhalation|injection|infusion)\b|"
    r"\d+(?:\.\d+)?\s*(?:mg|mcg|mL|units?|inhalations?|puffs?|sprays?|drops?|tablets?|capsules?)\b|"
    r"(?:[A-Z0-9][\w.]*\s+){0,6}?(?:the\s+)?recommended\s+(?:\w+\s+){0,2}(?:dose|dosage)\b)", re.I)
# The name branch is matched apart, so that no pattern is compiled per label (compiling the whole clause
# pattern for each label's names was a sixth of a build): the words before a name are found step by step.
_LEAD_WORD = re.compile(r"[A-Z0-9][\w.]*\s+", re.I)
_THE = re.compile(r"the\s+", re.I)


@lru_cache(maxsize=256)
def _names_at(words: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"{w}\\b" for w in words), re.I) if words else None


def _own_clause(words: tuple[str, ...]) -> Callable[[str], bool]:
    r"""Whether a clause is about the drug itself (see _OWN_START), for a drug whose names start with `words`
    (escaped). The same as one pattern `^(?:…|(?:[A-Z0-9][\w.]*\s+){0,6}?(?:the\s+)?(?:w1\b|w2\b))`: a lead word
    runs to the white space after it (its characters exclude white space), so the places a name may start are
    found one lead word at a time."""
    names = _names_at(words)

    def own(clause: str) -> bool:
        if _OWN_START.match(clause):
            return True
        if names is None:
            return False
        at = 0
        for step in range(7):
            if step:
                lead = _LEAD_WORD.match(clause, at)
                if not lead:
                    return False
                at = lead.end()
            the = _THE.match(clause, at)
            if names.match(clause, at) or (the and names.match(clause, the.end())):
                return True
        return False

    return own


def _read_sentence(sentence: str, section: str, found: dict[str, Fact], with_forms: bool,
                   names: tuple[str, ...] = ()) -> None:
    if _NEGATED.search(sentence) or PARTNER.search(sentence):  # a premedication's route is not the drug's
        return
    quote = sentence[:400]
    for match in _SAID.finditer(sentence):
        if names and dose_of_other_drug(sentence, match.start(), names):
            continue  # "… in combination with axitinib 5 mg orally": the partner drug's route
        words = match.group("a") or match.group("b") or match.group("c") or ""
        # The whole phrase: "for oral inhalation" is inhalation, not oral; "by subcutaneous or intravenous
        # injection" is both.
        phrases = [match.group(0)] if " or " not in words else [
            match.group(0).replace(words, part) for part in words.split(" or ")]
        for phrase in phrases:
            key = _key(phrase)
            if key and key not in found and words.split(" or ")[0].lower() in quote.lower():
                found[key] = Fact(text=key, section=section, quote=quote)
    if with_forms:
        for pattern, key in FORMS:
            form = pattern.search(sentence)
            if key == "transdermal" and "topical" in found and not re.search(r"transdermal", sentence, re.I):
                continue  # a patch that works where it is put on ("topical patch") is no transdermal system
            if form and key not in found and form.start() < 400:
                found[key] = Fact(text=key, section=section, quote=quote)


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_SAID = quick_start(_SAID)
_NOT_SWALLOWED = quick_start(_NOT_SWALLOWED)
_NEGATED = quick_start(_NEGATED)
