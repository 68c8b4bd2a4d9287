"""EU indication text → uses, by the US reader (label/indications.py) after the EU un-flattening step.

The US reader finds who a use is for by US words ("pediatric patients with …"), so it reads the un-flattened
text with those words in American spelling (data/eu_spellings.csv), word by word; every word it changed is turned
back in the uses it returns, so a use keeps the EU text's own words."""

from __future__ import annotations

import re

from rxscoop.label.checks import Failures, check_indications
from rxscoop.label.eu_areas import with_area_conditions
from rxscoop.label.eu_lists import with_listed_conditions
from rxscoop.label.eu_match import spellings, us_spelling
from rxscoop.label.eu_text import numbered, unglued
from rxscoop.label.facts import population_of
from rxscoop.label.indications import parse_indications
from rxscoop.label.model import Indications, Use
from rxscoop.label.names import normalize_name
from rxscoop.label.naming import names_a_condition
from rxscoop.label.shape import condition_heads, condition_problem, qualifiers
from rxscoop.label.vocab import is_vocabulary_name, vocabulary_name_in
from rxscoop.plain.lexicon import lexicon

_WORD = re.compile(r"[A-Za-z]+")
_ADULTS = re.compile(r"\badults?\b", re.I)
# Who a condition was read with, left in front of it or after it: "adult male patients with advanced … cancer",
# "paediatric patients aged 1 year and above with primary immune thrombocytopenia", "… (ET) patients".
_WHO_BEFORE = re.compile(r"^(?:for\s+(?:the\s+)?(?:treatment\s+of\s+)?)?(?:(?!\b(?:in|of)\b)[^()]){0,80}?"
                         r"\b(?:patients|adults?|adolescents|"
                         r"children|wom[ae]n|m[ae]n)\b[^()]{0,60}?\s+with\s+(?P<rest>.+)$", re.I)
_WHO_AFTER = re.compile(r"(?:\s+in(?:\s+clinically)?(?:\s+stable)?)?\s+(?:adult\s+|paediatric\s+|pediatric\s+)?"
                        r"patients(?:\s+(?:refractory|responding))?$", re.I)
_RELATIVE_END = re.compile(r"\s+(?:who|whose|that|which)\b.*$", re.I)
_CHILDHOOD_NAME = re.compile(r"\bjuvenile\b|\w-onset\b", re.I)


# An age group heading a condition (a heading per group): "Adult Crohn's disease", "Adolescent hidradenitis …".
_AGE_GROUP_FIRST = re.compile(r"^(?:adult|adolescent|paediatric|pediatric)\s+(?=\S)", re.I)


def without_who(condition: str) -> str:
    """The condition without the people it was read with, when what is left still names a condition (and the
    whole is no name of its own: "adult growth hormone deficiency" stays)."""
    found = _WHO_BEFORE.match(condition)
    bare = found.group("rest") if found and not _CHILDHOOD_NAME.search(condition[: found.start("rest")]) \
        else condition
    bare = _RELATIVE_END.sub("", _WHO_AFTER.sub("", bare)).strip(" ,.")
    bare = re.sub(r"\s+(?:and|or)(?:\s+(?:for|in))?$", "", bare)  # "… carcinoma (RCC) and for [adult patients]"
    if _AGE_GROUP_FIRST.match(bare) and not is_vocabulary_name(us_spelling(bare)):
        bare = _AGE_GROUP_FIRST.sub("", bare)
    named = condition_heads().search(us_spelling(bare)) or lexicon().find_conditions(us_spelling(bare)) \
        or vocabulary_name_in(us_spelling(bare))
    return bare if bare != condition and named and not condition_problem(bare) else condition


_LEAD_WITH = re.compile(r"\b(?:patients|adults|children|adolescents)\b[^:;]{0,80}?\bwith\s+"
                        r"(?P<condition>[^,;:()]+?)\s*:?$", re.I)


def with_lead_condition(use: Use) -> Use:
    """A listed item that names no condition, only how the medicine is given ("as an adjunct to diet and exercise
    to improve glycaemic control …"), is a use for the condition its lead-in names ("… in adult patients aged
    18 years and older with type-2 diabetes mellitus:")."""
    if names_a_condition(use.condition) or not use.also:
        return use
    lead = _LEAD_WITH.search(use.also[0].strip(" ."))
    named = lead.group("condition").strip() if lead else ""
    if not named or len(named.split()) > 8 or not names_a_condition(named) or condition_problem(named):
        return use
    return use.model_copy(update={"condition": named})


# Only the words the reader finds who a use is for by: condition words keep the EU spelling, since the US
# lexicon's short names would take over longer EU phrases ("edema" over "diabetic macular oedema").
_READ_SPELLINGS = frozenset({"paediatric"})


def _american(word: str) -> str:
    out = word
    for british, american in spellings():
        if british in out.lower() and british in _READ_SPELLINGS:
            for b, a in ((british, american), (british.capitalize(), american.capitalize()),
                         (british.upper(), american.upper())):
                out = out.replace(b, a)
    return out


def in_us_spelling(text: str) -> tuple[str, dict[str, str]]:
    """The text with British spellings made American, and the words to turn back (American → the text's own).
    A word the text itself writes in American spelling is never turned back."""
    back: dict[str, str] = {}

    def word(match: re.Match[str]) -> str:
        us = _american(match.group(0))
        if us != match.group(0):
            back.setdefault(us, match.group(0))
        return us

    out = _WORD.sub(word, text)
    own = set(_WORD.findall(text))
    return out, {us: eu for us, eu in back.items() if us not in own}


def _back(text: str | None, words: dict[str, str]) -> str | None:
    return _WORD.sub(lambda m: words.get(m.group(0), m.group(0)), text) if text and words else text


def _in_eu_words(use: Use, words: dict[str, str]) -> Use:
    if not words:
        return use
    return use.model_copy(update={
        "condition": _back(use.condition, words) or use.condition, "heading": _back(use.heading, words),
        "sentence": _back(use.sentence, words) or use.sentence, "also": [_back(x, words) or x for x in use.also],
        "severity": _back(use.severity, words), "role": _back(use.role, words), "benefit": _back(use.benefit, words),
        "prerequisites": [_back(x, words) or x for x in use.prerequisites],
        "limitations": [_back(x, words) or x for x in use.limitations]})


# A lead-in whose items are groups of people, not uses: "… indicated … in highly active relapsing remitting multiple
# sclerosis for the following groups of adult patients …: Patients with highly active disease despite … or …".
_PEOPLE_LEAD = re.compile(r"\bthe following (?:groups?|populations?|subgroups?|categories) of\b[^:]*:$", re.I)
_PEOPLE_ITEM = re.compile(r"^(?:[•-]\s*)?(?:adult\s+|paediatric\s+|pediatric\s+)?(?:patients|adults|children|"
                          r"adolescents|those|people)\b", re.I)


# An item that opens with who, under a lead-in that names the condition: "… treatment of metachromatic leukodystrophy
# (MLD) characterized by …:, in children with late infantile or early juvenile forms, …".
_IN_PEOPLE_ITEM = re.compile(r"^(?:[•-]\s*)?in\s+(?:adult\s+|paediatric\s+|pediatric\s+)?(?:patients|adults|children|"
                             r"adolescents|infants|neonates|newborns)\b", re.I)


def _people_items_merged(uses: list[Use]) -> list[Use]:
    """The groups of people a lead-in lists are who its use is for: each joins the lead-in's use."""
    out: list[Use] = []
    for use in uses:
        lead = out[-1] if out else None
        said = use.sentence.strip()
        people = lead is not None and "indicated" not in use.sentence and (
            (_PEOPLE_LEAD.search(lead.sentence.strip()) and _PEOPLE_ITEM.match(said))
            or (lead.sentence.strip().endswith(":") and _IN_PEOPLE_ITEM.match(said)
                and not condition_problem(lead.condition)))
        if lead and people:
            lead.also = [*lead.also, use.sentence, *use.also]
            if _IN_PEOPLE_ITEM.match(said):  # who the item names is who the use is for
                lead.population = lead.population.merged(use.population) if lead.population.stated \
                    else use.population
            continue
        out.append(use)
    return out


# A statement of who alone, said of every use: "Duloxetine Lilly is indicated in adults." (after the list of uses).
_WHO_ALONE = re.compile(r"(?:^|(?<=[.:]\s)|(?<=\b1\.\d\s)|(?<=\b1\.\d\d\s))[^.:]{0,80}?"
                        r"\bis (?:indicated|intended) (?:for use )?in (?P<who>[^.:;]{3,160}?)"
                        r"(?:\s+who\s[^.:;]{3,120})?\.(?=\s|$)")  # ("… over 15 years of age who have agreed to …")
_NO_CONDITION_WORDS = re.compile(r"\b(?:for|with|treatment|prevention|of)\b", re.I)


def _who_of_all(text: str) -> tuple[str, str] | None:
    """(who, the sentence) when the text states who every use is for in a sentence of its own."""
    for found in _WHO_ALONE.finditer(text):
        if not _NO_CONDITION_WORDS.search(found.group("who")) and population_of(found.group("who")).stated:
            return found.group("who"), found.group(0).strip()
    return None


def _merged_by_condition(uses: list[Use]) -> list[Use]:
    """Items that became uses of one condition (each named by their lead-in) are one use."""
    out: list[Use] = []
    for use in uses:
        same = next((u for u in out if u.condition.lower() == use.condition.lower()), None)
        if same is None:
            out.append(use)
            continue
        same.also = [*same.also, *(x for x in [use.sentence, *use.also] if x not in same.also and x != same.sentence)]
        if use.population.stated:  # "Adult Crohn's disease" and "Paediatric Crohn's disease": who of both
            same.population = same.population.merged(use.population) if same.population.stated else use.population
    return out


# Who by menopause, right after the condition: "osteoporosis in postmenopausal women and in men at increased risk of
# fracture" is a kind of osteoporosis (beside "osteoporosis associated with … glucocorticoid therapy"), named with
# them; "in women" alone, or an age group, is who, read apart.
_SEXES = r"(?:(?:postmenopausal|premenopausal|perimenopausal)\s+)?(?:women|men)"
_BY_SEX = re.compile(rf"\s+in\s+{_SEXES}(?:,?\s+(?:and|or)\s+(?:in\s+)?{_SEXES})?\b(?!\s+(?:with|who)\b)", re.I)


def with_sex(use: Use) -> Use:
    """The condition with the women and men its sentence names right after it, when one of them is by menopause."""
    at = use.sentence.lower().find(use.condition.lower())
    found = _BY_SEX.match(use.sentence, at + len(use.condition)) if at >= 0 and " in " not in use.condition else None
    if not found or "menopausal" not in found.group(0).lower():
        return use
    return use.model_copy(update={"condition": use.sentence[at: found.end()]})


_SMALL_WORDS = frozenset({"in", "of", "the", "and", "with", "to"})


def with_named_severity(use: Use) -> Use:
    """A severity word that is part of the name, as the abbreviation after it spells: "severe myoclonic epilepsy in
    infancy (SMEI, Dravet's syndrome)" (the reader reads "severe" apart, as it does for "severe asthma")."""
    what, _, other = use.condition.partition(" in ")
    # (Also the other condition of "refractory … seizures in myoclonic epilepsy in infancy".)
    for before, name in (("", use.condition), (f"{what} in ", other)):
        found = re.search(rf"\b([A-Za-z]+)\s+{re.escape(name)}\s*\(([A-Z]{{2,8}})\b", use.sentence) if name else None
        if not found or found.group(1).lower() not in qualifiers():
            continue
        words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in _SMALL_WORDS]
        if "".join(w[0].upper() for w in [found.group(1), *words]) != found.group(2):
            continue
        severity = None if (use.severity or "").lower() == found.group(1).lower() else use.severity  # said once
        return use.model_copy(update={"condition": f"{before}{found.group(1)} {name}", "severity": severity})
    return use


def with_heading_kind(use: Use) -> Use:
    """A subheading the flattening ran into its sentence names the kind with "without": "Axial spondyloarthritis
    without radiographic evidence of AS Adults with severe active axial spondyloarthritis without …" is that kind,
    not axial spondyloarthritis (the heading over both kinds)."""
    found = re.match(rf"(?i:{re.escape(use.condition)})(\s+without\s+[^.;:()]{{3,60}}?)"
                     r"(?=\s+(?:Adults?|Patients|Children|Adolescents)\b)", use.sentence.strip())
    return use.model_copy(update={"condition": use.sentence.strip()[: found.end()]}) if found else use


_WHO_WORDS = re.compile(r"\b(?:adults?|adolescents?|children|child|paediatric|pediatric|patients|those|infants?|aged?|"
                        r"years?|months?|weeks?|older|and|or|of|weighing|at|least|above|from|kg|\d+(?:\.\d+)?)\b|"
                        r"[≥<>()\[\],.;:-]", re.I)


def _who_only(condition: str) -> bool:
    """The "condition" names only people ("adolescents aged 12 years and older weighing at least 35 kg", "Adults,
    adolescents", "those patients"): who a use is for, read as if it were one."""
    return bool(re.search(r"[A-Za-z]", condition)) and not _WHO_WORDS.sub(" ", condition).strip()


# What the people have, after who they are: "the treatment of patients aged 4 to 17 years with a confirmed diagnosis
# of peanut allergy".
_PEOPLE_WITH = re.compile(r"\b(?:patients|adults|children|adolescents)\b[^.;:]{0,120}?\bwith\s+(?:an?\s+)?"
                          r"(?:confirmed\s+)?(?:diagnosis\s+of\s+)?(?P<condition>[^.;:,()]{3,80}?)"
                          r"(?=\s+(?:who|whose|that|which|after|following|in|not)\b|[.;:,()]|$)", re.I)


def _without_who_only(uses: list[Use]) -> list[Use]:
    """A use whose condition names only people is named by what its sentence says they have; when it says
    nothing that names a condition, the use is left out: it answers no "what for" (saying less)."""
    out: list[Use] = []
    left: list[Use] = []
    for use in uses:
        if not _who_only(use.condition):
            out.append(use)
            continue
        found = _PEOPLE_WITH.search(use.sentence)
        named = found.group("condition").strip() if found else ""
        # (what people are "with" is the condition they have, named or not in the vocabularies: "peanut allergy")
        if named and len(named.split()) <= 8 and not condition_problem(named):
            out.append(use.model_copy(update={"condition": named}))
        elif use.population.stated:
            left.append(use)
    if left and len(out) == 1 and not out[0].population.stated:
        # Who, with no condition, beside one use that says no who ("Adults, adolescents (12 years and over) and
        # children (6 to 11 years)" over "… symptoms of allergic rhinitis"): who that use is for.
        for who in left:
            out[0].population = out[0].population.merged(who.population) if out[0].population.stated \
                else who.population
            out[0].also = [*out[0].also, who.sentence]
    return out


def _renamed(use: Use) -> Use:
    """The use named as its EU text names it (each step leaves a use it has nothing to say about as it is)."""
    for step in (with_lead_condition, with_sex, with_named_severity, with_heading_kind):
        use = step(use)
    return use


def read_eu_indications(text: str, names: list[str], protected: frozenset[str] = frozenset(),
                        failures: Failures | None = None, therapeutic_area: str | None = None) -> Indications:
    """The uses an EU section 4.1 states. `names` are the medicine's names (brand, substance); `protected`
    are names written with an inner capital that are never split ("MabThera"). Block numbers are the
    un-flattening step's scaffolding, not the EU text's, so no use keeps one; a "heading" that is only the
    medicine's name is no heading; the row's therapeutic areas name a use's condition when the reader took
    other words for it (eu/areas.py)."""
    flat, whos, young = numbered(text, protected, names)
    us_text, words = in_us_spelling(unglued(flat))
    parsed = parse_indications(us_text, names)
    own = {normalize_name(n) for n in names}
    uses = [_in_eu_words(u, words) for u in parsed.uses]
    for use in uses:
        who, said = whos.get(use.number or "", ("", ""))
        if who and not use.population.stated:  # who the lead-in or subheading names
            use.population = population_of(who)
            use.also = [said, *use.also]
        elif said and not who:  # a lead-in that names the condition, not who
            use.also = [said, *use.also]
        p = use.population
        if use.number in young and p.min_age_years is not None and p.min_age_years < 18 \
                and not _ADULTS.search(" ".join([use.sentence, *use.also])):
            # Under a heading that names a disease of childhood ("Juvenile idiopathic arthritis"), "patients
            # 6 years of age and older" are children: the use is not offered to adults.
            use.population = p.model_copy(update={"adults": False, "children": True})
        use.number = None
        use.condition = without_who(use.condition)
        if use.heading and normalize_name(use.heading) in own:
            use.heading = None
    every = _who_of_all(flat)
    for use in uses:
        if every and not use.population.stated:
            use.population = population_of(every[0])
            use.also = [*use.also, every[1]]
    named = [_renamed(u) for u in _without_who_only(_people_items_merged(uses))]
    uses = with_listed_conditions(_merged_by_condition(named))
    with_area_conditions(uses, therapeutic_area)
    parsed = parsed.model_copy(update={"uses": uses, "limitations": [_back(x, words) or x for x in parsed.limitations],
                                     "drug_class": _back(parsed.drug_class, words),
                                     "drug_class_quote": _back(parsed.drug_class_quote, words)})
    return check_indications(parsed, names[0] if names else "EU medicine", failures or Failures())
