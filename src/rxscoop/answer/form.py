"""Form and setting: how it is given, in what device, how often, at home or in a clinic, for how long."""

from __future__ import annotations

import re
from collections import Counter

from rxscoop.answer.citations import cite
from rxscoop.answer.model import Statement
from rxscoop.answer.plainwords import article, cap, join_words
from rxscoop.answer.scoop import route_words
from rxscoop.label.model import Details, Label
from rxscoop.plain.routes import route_for

_HOME = re.compile(r"training|self-|caregiver|patients? (?:may|can)", re.I)
_CLINIC = re.compile(r"infus|administered by a health|health ?care setting", re.I)
_GUIDANCE = re.compile(r"under the (?:guidance|supervision)", re.I)


def _devices(details: Details) -> list[str]:
    seen: list[str] = []
    for fact in details.devices:
        word = re.sub(r"^single-dose ", "", fact.text.lower()).replace("prefilled", "pre-filled")
        word = re.sub(r"s$", "", word) if not word.endswith("ss") else word
        if word not in seen:
            seen.append(word)
    return seen


def usual_frequency(details: Details) -> str | None:
    """The schedule most of its uses share (the first use's, on a tie)."""
    counts = Counter(s.frequencies[0] for s in details.schedules if s.frequencies)
    return counts.most_common(1)[0][0] if counts else None


def form_and_setting(label: Label, details: Details) -> list[Statement]:
    out: list[Statement] = []
    how, facts = route_words(details)
    if how:
        sources = [r.source for r in (route_for(f.text) for f in facts) if r]
        out.append(Statement(text=f"How you use it: {how}.",
                             citations=[cite(label, f.section, f.quote) for f in facts],
                             reference="; ".join(dict.fromkeys(sources)) or None))
    devices = _devices(details)
    if devices:
        fact = details.devices[0]
        named = [f"{article(d)} {d}" if not d.endswith("s") else d for d in devices[:3]]
        out.append(Statement(text=f"It comes as {join_words(named, 'or')}.",
                             citations=[cite(label, f.section, f.quote) for f in details.devices[:2]],
                             terms=[fact.text]))
    common = usual_frequency(details)
    if common:
        n = sum(1 for s in details.schedules if s.frequencies and s.frequencies[0] == common)
        scope = "for most uses" if len(details.schedules) > 1 and n < len(details.schedules) else (
            "for every use" if len(details.schedules) > 1 else "")
        first = next(s for s in details.schedules if s.frequencies and s.frequencies[0] == common)
        text = f"How often: {common}" + (f" {scope}" if scope else "") + (
            "; the dose can differ by use, age and weight (see each use)." if len(details.schedules) > 1 else ".")
        out.append(Statement(text=text, citations=[cite(label, "dosage_and_administration", first.quote)],
                             terms=first.said[:1]))
    home = [f for f in details.setting if _HOME.search(f.text)]
    clinic = [f for f in details.setting if _CLINIC.search(f.text)]
    guided = [f for f in details.setting if _GUIDANCE.search(f.text)]
    if home:
        out.append(Statement(
            text="Where: at home. After training, patients or caregivers can give it themselves.",
            citations=[cite(label, f.section, f.quote) for f in home[:2]], terms=[home[0].text]))
    elif clinic:
        out.append(Statement(text="Where: in a clinic or infusion center, given by a health professional.",
                             citations=[cite(label, clinic[0].section, clinic[0].quote)], terms=[clinic[0].text]))
    if guided and not clinic:
        out.append(Statement(text="It is meant to be used with a doctor's guidance.",
                             citations=[cite(label, guided[0].section, guided[0].quote)], terms=[guided[0].text]))
    if details.course:
        fact = details.course
        words = fact.text.lower()
        if words.startswith("for "):
            text = f"How long: some uses are a short course ({words})."
        elif "maintenance" in words or "long-term" in words or "chronic" in words:
            text = "How long: it is used long-term to keep the condition under control."
        else:
            text = ""
        if text:
            out.append(Statement(text=cap(text), citations=[cite(label, fact.section, fact.quote)], terms=[fact.text]))
    return out
