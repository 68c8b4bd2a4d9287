"""Form and setting from a label: route, device, how often, where, how long.

Read from `dosage_and_administration`, `dosage_forms_and_strengths`, openFDA's route and the medication
guide. Every fact keeps the sentence it came from.
"""

from __future__ import annotations

import itertools
import re
from itertools import pairwise
from typing import Any

from rxscoop.data import alternation, rows
from rxscoop.label.layout import outline
from rxscoop.label.model import Fact, Schedule, Use
from rxscoop.label.routes import read_routes
from rxscoop.label.starts import quick_start
from rxscoop.label.subject import about_other_drug, dose_of_other_drug
from rxscoop.label.text import clean, sentences

# What it comes in: data/device_words.txt, in order (the first that fits at a place is quoted).
_DEVICE = re.compile(rf"\b(?:{alternation('device_words.txt')})\b", re.I)
_SETTING = re.compile(
    r"\b(?:provide proper training|(?:after|following) proper training|self-administ\w*|self-inject\w*|"
    r"(?:a )?caregivers? (?:may|can)|patients? (?:may|can) (?:self-)?(?:inject|administer)|"
    r"under the (?:guidance|supervision) of a (?:health ?care provider|physician|healthcare professional)|"
    r"administered by a health ?care (?:provider|professional)|infused over|infusion over|"
    r"intravenous infusion|in a health ?care setting)\b",
    re.I,
)
FREQUENCY = re.compile(
    r"\b(?:(?:once|twice|three times|four times|(?:one|two|three|four|[1-4]) times?) "
    r"(?:a |per |each )?(?:day|week|month)|"
    r"(?:once|twice|three times|four times|[1-4] times) (?:daily|weekly|monthly)|"
    r"every (?:other )?(?:\d+(?: to \d+)? )?(?:hours?|days?|weeks?|months?)|"
    r"(?:every|each) (?:day|week|month|morning|evening|night)|single daily dose|once-daily|nightly|at bedtime|"
    r"(?:once )?(?:daily|weekly|monthly)|as needed|"
    r"(?:on )?days? 1(?:(?:,| and|, and) \d{1,2})* of (?:each|every) \d{1,2}-day (?:treatment )?cycle)\b",
    re.I,
)
# "on Day 1 of each 21-day cycle" is every 3 weeks; "Days 1, 8 and 15 of each 28-day cycle" is every week.
_CYCLE = re.compile(r"days? (1(?:(?:,| and|, and) \d{1,2})*) of (?:each|every) (\d{1,2})-day", re.I)
_WEEKS = {7: "every week", 14: "every 2 weeks", 21: "every 3 weeks", 28: "every 4 weeks", 42: "every 6 weeks"}
# A bare "daily" or "weekly" is a schedule only right after a dose ("50 mg daily", "one tablet daily"), not in
# "total daily dose" or "maximum daily dosage".
_BARE = re.compile(r"^(?:daily|weekly|monthly)$", re.I)
# An amount alone ("3200 mg daily") may be a total per day, so it does not count: a unit does.
_DOSE_BEFORE = re.compile(
    r"(?:tablets?|capsules?|puffs?|drops?|sprays?|inhalations?|dose|given|taken|administered|applied|injected|"
    r"infused)\s*(?:once\s+)?$", re.I)
# "1200 mg to 3200 mg daily (300 mg qid …)", "… daily in divided doses": an amount per day, not a schedule.
_TOTAL = re.compile(r"\bdivided\b|\b(?:qid|tid|q\.i\.d|t\.i\.d)\b|\d\s*mg\s+to\s+\d+\s*mg\s+daily|mg/day", re.I)
# The sentence states the recommended or usual dose: an amount, or the words for it.
DOSE = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|µg|g|mL|units?|IU|mg/kg|mcg/kg|mg/m\s?2|tablets?|capsules?|puffs?|drops?|"
    r"sprays?|inhalations?|patch(?:es)?|applications?)\b|\brecommended (?:starting )?(?:dose|dosage)|"
    r"\b(?:one|two|a) (?:single )?(?:(?:intramuscular|subcutaneous|intravenous) )?"
    r"(?:tablet|capsule|puff|inhalation|spray|drop|injection)s?\b|\bmaintenance\b|"
    r"\bapply\b|\bthin (?:layer|film)\b|\bdose of\b", re.I)
# Steps, limits and phases that are not the regular schedule: titration ("increase by 25 mg every week"),
# maximum and total daily doses, intervals between dose changes, loading and induction doses, missed doses
# (data/not_schedule_words.txt, matched from the start of a word); "Week 0" and a lone "Day 1" too.
NOT_SCHEDULE = re.compile(
    rf"\b(?:{alternation('not_schedule_words.txt')}|weeks? 0\b|"
    r"day 1\b(?!(?:(?:,| and|, and) \d{1,2})* of (?:each|every)))",  # but "Day 1 of each cycle" is a schedule
    re.I,
)
# Where the lasting schedule starts: "600 mg, followed by 300 mg every other week", "Maintenance: 15 mg once daily".
THEN = re.compile(r"\b(?:followed by|then|thereafter|subsequent(?:ly)?|maintenance)\b", re.I)
# Doses for some patients only (kidney or liver impairment, poor metabolizers, with interacting drugs): never
# the regular schedule, wherever in the sentence they are said (data/special_population_words.txt).
SPECIAL_POPULATION = re.compile(rf"\b(?:{alternation('special_population_words.txt')})\b", re.I)
COURSE = re.compile(
    r"\b(?:(?:duration|course) of (?:treatment|therapy) (?:is|of)\s+(?:up to )?\d+(?: to \d+)? (?:days|weeks)|"
    r"(?:treat|continue|continued|administer(?:ed)?) for (?:a total of |up to )?\d+(?: to \d+)? (?:days|weeks)|"
    r"for a total of \d+(?: to \d+)? (?:days|weeks)|"
    r"long-term (?:treatment|therapy|use)|maintenance (?:therapy|treatment)|chronic (?:treatment|therapy|use))\b",
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
    # A sentence stands in the text between white space, and these patterns look past a match only with \b: a
    # match in a sentence is one in the text at the same place. Two texts in three have none (a search of the
    # text is a fraction of splitting it and searching each sentence).
    if not pattern.search(text):
        return []
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


def _by_heading(text: str, uses: list[Use], names: tuple[str, ...]) -> list[Schedule]:
    """Per use, from the subsection whose heading names it ("2.3 Recommended Dosage in Rheumatoid
    Arthritis")."""
    shape = outline(text)
    out: list[Schedule] = []
    for use in uses:
        name = use.condition.lower().split(" (")[0]
        numbers = [h.number for h in shape.headings() if name and name in h.text.lower()]
        if not numbers:
            continue
        part = " ".join(b.text for b in shape.readable() if b.number == numbers[0])
        schedule = _schedule(part, use.condition, names)
        if schedule:
            out.append(schedule)
    return out


def _schedules(text: str, uses: list[Use], names: tuple[str, ...] = ()) -> list[Schedule]:
    """How often, per use where the section is split by condition ("Asthma … every 2 weeks")."""
    headed = _by_heading(text, uses, names)
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
            schedule = _schedule(part, condition, names)
            if schedule:
                out.append(schedule)
    # A use's own subsection ("2.3 Recommended Dosage in Rheumatoid Arthritis") wins over the stretch of text
    # after the first mention of its name; uses with neither keep to the label order.
    by_use = {s.condition: s for s in out} | {s.condition: s for s in headed}
    ordered = [by_use[u.condition] for u in uses if u.condition in by_use]
    if len(ordered) >= 2:
        return list({id(s): s for s in ordered}.values())
    schedule = _schedule(text, None, names)
    return [schedule] if schedule else []


# What a study did, not what to do: "Remission was maintained with daily thioguanine, … and a single dose of
# vincristine every 28 days."
_REPORTED = re.compile(r"\b(?:was|were)\s+(?:maintained|treated|randomi[sz]ed|enrolled)\b", re.I)


def schedule_sentences(text: str, names: tuple[str, ...] = ()) -> list[tuple[str, list[re.Match[str]]]]:
    """Sentences that state a regular dose, with the frequencies they state: each needs a dose (an amount
    or "recommended dose") and must not be a titration step, a limit, a phase or a missed-dose rule."""
    out = []
    for sentence in outline(text).sentences():  # prose and list items: never a table's cells
        # "an initial (loading) dose of 600 mg, followed by 300 mg every other week": what follows the
        # marker is the lasting schedule, and only that part must be free of titration and phase words.
        then = THEN.search(sentence)
        lasting = sentence[then.end():] if then else sentence
        if (not DOSE.search(sentence) or NOT_SCHEDULE.search(lasting) or SPECIAL_POPULATION.search(sentence)
                or about_other_drug(sentence, names) or _REPORTED.search(sentence)):
            continue
        headers = _column_headings(sentence)
        found = [m for m in FREQUENCY.finditer(sentence)
                 if m.start() not in headers and (not then or m.start() >= then.end())
                 and not dose_of_other_drug(sentence, m.start(), names)
                 and (not _BARE.match(m.group(0)) or (_DOSE_BEFORE.search(sentence[:m.start()])
                                                     and not _TOTAL.search(sentence)))]
        if found:
            out.append((sentence, found))
    return out


# Schedules side by side with nothing between are a flattened table's column headings ("… as follows: Daily
# Twice Weekly Thrice Weekly Children 20-40 mg/kg …"): alternatives, none of them the schedule.
_ANY_FREQUENCY = re.compile(rf"{FREQUENCY.pattern}|\b(?:thrice|three times) (?:daily|weekly)\b", re.I)


def _column_headings(sentence: str) -> set[int]:
    """Where capitalised schedules stand next to another with only white space between."""
    spans = [m.span() for m in _ANY_FREQUENCY.finditer(sentence) if m.group(0)[:1].isupper()]
    side_by_side = [(a, b) for a, b in pairwise(spans) if not sentence[a[1]:b[0]].strip()]
    return {s[0] for pair in side_by_side for s in pair}


def _schedule(text: str, condition: str | None, names: tuple[str, ...] = ()) -> Schedule | None:
    said_in = schedule_sentences(text, names)
    if not said_in:
        return None
    # The sentence that names the recommended (or usual, or maintenance) dose leads; else the first.
    # A starting dose ("the initial dose is one capsule daily … for the first seven days") goes last.
    said_in.sort(key=lambda pair: (not re.search(r"recommended|usual|maintenance", pair[0], re.I),
                                   bool(re.search(r"\b(?:initial|starting|first)\b", pair[0], re.I))))
    seen: list[str] = []
    said: list[str] = []
    for _, matches in said_in:
        for match in matches:
            value = frequency_key(match.group(0))
            if value and value not in seen:
                seen.append(value)
                said.append(match.group(0))
    sentence, matches = said_in[0]
    # Only a starting dose, and the dose is later raised to another schedule ("one tablet once daily … After 3
    # days, increase to one tablet twice daily"): the lasting schedule is not the one found, so say nothing.
    starting = re.compile(r"\b(?:initial|starting|start|first)\b", re.I)
    if all(starting.search(s) for s, _ in said_in) and any(
            re.search(r"\bincreas\w*\b", s, re.I) and any(frequency_key(m.group(0)) not in seen
                                                      for m in FREQUENCY.finditer(s))
            for s in sentences(text)):
        return None
    return Schedule(condition=condition, frequencies=seen[:4], said=said[:4], quote=window(sentence, matches[0]))


# "2.1 Important …": as layout._SUBSECTION, it starts with the digit, the lookbehind after it
_SUBSECTION = re.compile(r"2(?<![\w.(]2)\.\d{1,2}\s+[A-Z]")
_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4"}
_TIMES = {"1": "once", "2": "twice", "3": "three times", "4": "four times"}
# Ways to write a frequency → the one way it is said ("once daily", "every day" → "once a day"):
# data/frequency_words.csv.
_SAME_FREQUENCY = {r["words"]: r["frequency"] for r in rows("frequency_words.csv")}


def frequency_key(words: str) -> str:
    """One way to say each frequency: "once daily", "daily", "once per day" and "every day" are all
    "once a day"; "every other week" is "every 2 weeks"; "weekly" is "every week"."""
    text = re.sub(r"\s+", " ", words.lower().strip())
    cycle = _CYCLE.search(text)
    if cycle:  # the interval between doses within the cycle, when it is regular
        days = [int(d) for d in re.findall(r"\d+", cycle.group(1))]
        days = days if len(days) > 1 else [1, int(cycle.group(2)) + 1]  # Day 1 only: once a cycle
        gaps = {b - a for a, b in itertools.pairwise(days)}
        return _WEEKS.get(gaps.pop(), "") if len(gaps) == 1 else ""
    text = re.sub(r"\b(one|two|three|four)\b(?= times?)", lambda m: _NUMBERS[m.group(1)], text)
    text = re.sub(r"\b([1-4]) times?\b", lambda m: _TIMES[m.group(1)], text)
    text = re.sub(r"\b(once|twice|times) (?:per|each)\b", r"\1 a", text)
    text = re.sub(r"^(once|twice|three times|four times) daily$", r"\1 a day", text)
    text = re.sub(r"^(once|twice|three times|four times) weekly$", r"\1 a week", text)
    text = re.sub(r"^(once|twice|three times|four times) monthly$", r"\1 a month", text)
    return _SAME_FREQUENCY.get(text, text)


def read_dosing(sections: dict[str, str], routes: list[str], uses: list[Use],
                names: list[str] | None = None) -> dict[str, Any]:
    """Facts about form and setting; keys match label.model.Details fields."""
    dosing = clean(sections.get("dosage_and_administration", ""))
    forms = clean(sections.get("dosage_forms_and_strengths", ""))
    guide = clean(sections.get("spl_medguide", "") or sections.get("information_for_patients", ""))
    devices = _facts(_DEVICE, forms, "dosage_forms_and_strengths") or _facts(_DEVICE, dosing,
                                                                              "dosage_and_administration")
    setting = _facts(_SETTING, dosing, "dosage_and_administration", 3) or _facts(_SETTING, guide, "spl_medguide", 2)
    course = _facts(COURSE, dosing, "dosage_and_administration", 1)
    return {
        "routes": read_routes(sections, routes, names or []),
        "devices": devices,
        "setting": setting,
        "schedules": _schedules(dosing, uses, tuple(names or ())) if dosing else [],
        "course": course[0] if course else None,
    }


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_DEVICE = quick_start(_DEVICE)
_SETTING = quick_start(_SETTING)
_DOSE_BEFORE = quick_start(_DOSE_BEFORE)
NOT_SCHEDULE = quick_start(NOT_SCHEDULE)
THEN = quick_start(THEN)
SPECIAL_POPULATION = quick_start(SPECIAL_POPULATION)
COURSE = quick_start(COURSE)
_REPORTED = quick_start(_REPORTED)
FREQUENCY = quick_start(FREQUENCY)
_ANY_FREQUENCY = quick_start(_ANY_FREQUENCY)
