"""Form and setting from a label: route, device, how often, where, how long.

Read from `dosage_and_administration`, `dosage_forms_and_strengths`, openFDA's route and the medication
guide. Every fact keeps the sentence it came from.
"""

from __future__ import annotations

import re

from rxscoop.label.model import Fact, Schedule, Use
from rxscoop.label.text import clean, sentences

_ROUTE = re.compile(
    r"\b(?:subcutaneous(?:ly)?(?: injection| use| administration)?|intravenous(?:ly)?(?: infusion| injection| use)?|"
    r"intramuscular(?:ly)?(?: injection)?|(?:taken |given |administered )?orally|by mouth|oral (?:use|administration)|"
    r"topically|topical (?:use|application)|for topical|(?:oral )?inhalation(?: use)?|ophthalmic use|into the eye)\b",
    re.I,
)
_DEVICE = re.compile(
    r"\b(?:(?:single-dose )?pre-?filled (?:pen|syringe)s?(?: with needle shield)?|autoinjectors?|"
    r"single-dose vials?|vials?|inhalers?|(?:film-coated |extended-release |delayed-release )?tablets?|"
    r"capsules?|cream|ointment|gel|oral solution|oral suspension|eye drops|ophthalmic solution|"
    r"inhalation aerosol)\b",
    re.I,
)
_SETTING = re.compile(
    r"\b(?:provide proper training|(?:after|following) proper training|self-administ\w*|self-inject\w*|"
    r"(?:a )?caregivers? (?:may|can)|patients? (?:may|can) (?:self-)?(?:inject|administer)|"
    r"under the (?:guidance|supervision) of a (?:health ?care provider|physician|healthcare professional)|"
    r"administered by a health ?care (?:provider|professional)|infused over|infusion over|"
    r"intravenous infusion|in a health ?care setting)\b",
    re.I,
)
FREQUENCY = re.compile(
    r"\b(?:(?:once|twice|three times|four times|[1-4] times) (?:a |per |each )?(?:day|daily|week|weekly|month)|"
    r"once daily|twice daily|every (?:other )?(?:\d+(?: to \d+)? )?(?:hours?|days?|weeks?|months?)|"
    r"every (?:day|week|month|morning|evening|night)|(?:once )?(?:daily|weekly|monthly)|as needed)\b",
    re.I,
)
_COURSE = re.compile(
    r"\b(?:for (?:up to )?\d+(?: to \d+)? (?:days|weeks)|short-term|long-term|maintenance (?:dos\w+|therapy|treatment)|"
    r"chronic (?:treatment|therapy|use)|treatment duration|duration of (?:treatment|therapy))\b",
    re.I,
)


def window(sentence: str, match: re.Match[str], size: int = 400) -> str:
    """The sentence, or the part of a long one around the match, so the quote holds the words."""
    if len(sentence) <= size:
        return sentence
    start = max(0, match.start() - size // 3)
    if start:
        start = sentence.find(" ", start) + 1 or start  # begin at a word
    piece = sentence[start:start + size]
    return ("… " if start else "") + piece


def _facts(pattern: re.Pattern[str], text: str, section: str, limit: int = 4) -> list[Fact]:
    found: dict[str, Fact] = {}
    for sentence in sentences(text):
        for match in pattern.finditer(sentence):
            key = match.group(0).lower().replace("-", "")
            key = re.sub(r"s\b", "", key)
            if key not in found:
                found[key] = Fact(text=match.group(0), section=section, quote=window(sentence, match))
            if len(found) >= limit:
                return list(found.values())
    return list(found.values())


def _schedules(text: str, uses: list[Use]) -> list[Schedule]:
    """How often, per use where the section is split by condition ("Asthma … every 2 weeks")."""
    marks: list[tuple[int, str]] = []
    for use in uses:
        at = text.lower().find(use.condition.lower())
        if at >= 0:
            marks.append((at, use.condition))
    marks.sort()
    out: list[Schedule] = []
    if len(marks) >= 2:
        for i, (at, condition) in enumerate(marks):
            end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
            # a segment also ends where the next numbered subsection ("2.1 Important …") starts
            nxt = _SUBSECTION.search(text, at + len(condition), end)
            part = text[at:nxt.start() if nxt else end]
            schedule = _schedule(part, condition)
            if schedule:
                out.append(schedule)
        if out:
            return out
    schedule = _schedule(text, None)
    return [schedule] if schedule else []


def _schedule(text: str, condition: str | None) -> Schedule | None:
    freqs, said = _frequencies(text)
    if not freqs:
        return None
    sentence = next(s for s in sentences(text) if FREQUENCY.search(s))
    match = FREQUENCY.search(sentence)
    assert match is not None
    return Schedule(condition=condition, frequencies=freqs, said=said, quote=window(sentence, match))


_SUBSECTION = re.compile(r"(?<![\d.(])\b2\.\d{1,2}\s+[A-Z]")
# One way to say each frequency, so "every other week" and "every 2 weeks" count once.
_SAME = {"every other week": "every 2 weeks", "weekly": "every week", "once weekly": "every week",
         "once a week": "every week", "once daily": "once a day", "daily": "once a day", "once a daily": "once a day",
         "every day": "once a day", "twice daily": "twice a day", "monthly": "every month",
         "once monthly": "every month"}


def _frequencies(text: str) -> tuple[list[str], list[str]]:
    """(frequencies said one way, the label's own words for each)."""
    seen: list[str] = []
    said: list[str] = []
    for match in FREQUENCY.finditer(text):
        value = _SAME.get(match.group(0).lower(), match.group(0).lower())
        if value not in seen:
            seen.append(value)
            said.append(match.group(0))
    return seen[:4], said[:4]


def read_dosing(sections: dict[str, str], routes: list[str], uses: list[Use]) -> dict[str, object]:
    """Facts about form and setting; keys match label.model.Details fields."""
    dosing = clean(sections.get("dosage_and_administration", ""))
    forms = clean(sections.get("dosage_forms_and_strengths", ""))
    guide = clean(sections.get("spl_medguide", "") or sections.get("information_for_patients", ""))
    route_facts = _facts(_ROUTE, dosing, "dosage_and_administration", 3)
    if not route_facts and routes:
        route_facts = [Fact(text=r.lower(), section="openfda.route", quote=f"route: {r}") for r in routes]
    devices = _facts(_DEVICE, forms, "dosage_forms_and_strengths") or _facts(_DEVICE, dosing,
                                                                              "dosage_and_administration")
    setting = _facts(_SETTING, dosing, "dosage_and_administration", 3) or _facts(_SETTING, guide, "spl_medguide", 2)
    course = _facts(_COURSE, dosing, "dosage_and_administration", 1)
    return {
        "routes": route_facts,
        "devices": devices,
        "setting": setting,
        "schedules": _schedules(dosing, uses) if dosing else [],
        "course": course[0] if course else None,
    }
