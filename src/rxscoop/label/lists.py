"""Lists inside an indication whose bullets were lost when openFDA flattened the label: "… adults with:
Primary dysbetalipoproteinemia Hypertriglyceridemia", run-on items that open with "Treatment of …" or "To
reduce …", and the words that tell a listed name from prose."""

from __future__ import annotations

import re

from rxscoop.data import alternation
from rxscoop.label.categories import split_items
from rxscoop.label.starts import quick_start
from rxscoop.label.text import split_outside_brackets
from rxscoop.plain.lexicon import lexicon

# A finite verb outside relative clauses: prose ("Lowering blood pressure reduces …"), not a list item.
PROSE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|does|do|should|may|can|will|would|reduces|lowers|occurred|"
    r"appears?|seems?)\b",
    re.I,
)
# Words that open a use in run-together lists ("… in adults Adjunctive therapy in the treatment of …"):
# data/use_starters.txt, as one alternation.
STARTERS = alternation("use_starters.txt")
# Items of a list whose bullets were lost may also open with an aim: "…: To reduce the risk of mortality in HGPS
# For the treatment of processing-deficient Progeroid Laminopathies …" (capitalised: mid-sentence they are not).
_AIM_STARTERS = (r"To (?:reduce|treat|prevent|improve|increase|decrease|delay|control|relieve)|"
                 r"For the (?:treatment|prevention|management|relief|prophylaxis|reduction) of")
RUN_ON = re.compile(rf"(?<=[A-Za-z0-9)])\s+(?=(?:{STARTERS}|{_AIM_STARTERS})\b)")
BULLET = re.compile(r"\s*[•●▪◦]\s*|\s+о\s+")

# A lead-in and run-together items after it: "… for the treatment of adults with: Primary
# dysbetalipoproteinemia Hypertriglyceridemia" (the bullets were lost when the label became text).
LEAD_IN = re.compile(r"^(?P<lead>[^:]{5,200}?\b(?:with|in|of|for|due to)):\s+(?P<items>[A-Z].+)$")
# Where a listed item's name ends and what qualifies it starts ("… (LEPR) deficiency as determined by an FDA-approved
# test …"): the length of a listed name is measured without it or its bracketed abbreviations.
_ITEM_QUALIFIER = re.compile(r"\s+(?:as (?:determined|detected|confirmed)|that|who|whose|which)\b.*$")


def is_listed_name(item: str) -> bool:
    """A listed item reads as a name: up to 8 words, or up to 12 with no verb (a name may list its own
    parts: "Pro-opiomelanocortin (POMC), proprotein convertase … (PCSK1), or leptin receptor (LEPR) deficiency")."""
    name = _ITEM_QUALIFIER.sub("", item)
    words = len(re.findall(r"[A-Za-z0-9][\w/'-]*", re.sub(r"\([^()]*\)", " ", name)))
    return words <= 8 or (words <= 12 and not PROSE.search(name))


# "… distress and is NOT due to: • A co-existing medical condition • …": what follows is what the use excludes.
_EXCLUDES = re.compile(r"\bnot\s+(?:due to|caused by|associated with|related to|the result of)\s*:?\s*$", re.I)


# "serious bacterial infections of the central nervous system (meningitis), urinary tract, respiratory tract, …":
# one kind of infection, in several places, each a use.
_DISTRIBUTED = re.compile(r"^(?P<lead>(?:and\s+)?[\w\s-]*?\b(?:infections?|diseases?|disorders?)\s+of\s+(?:the\s+)?)"
                          r"(?P<items>.+)$", re.I)


def _listed(items: str) -> list[str]:
    """The items of "A, B and C": cut at commas, then at "and"/"or", each outside brackets."""
    return [p for item in split_outside_brackets(items, ",")
            for p in split_outside_brackets(item, r"^\s*(?:and|or)\s+|\s+(?:and|or)\s+")]


def _distributed(piece: str) -> list[str]:
    """The piece once per place its kind of disease is listed in, or [] when it lists no places."""
    found = _DISTRIBUTED.match(piece.strip(" ;."))
    if not found:
        return []
    parts = _listed(found.group("items"))
    bare = [re.sub(r"\s*\([^)]*\)", "", p) for p in parts]
    if len(parts) < 3 or any(len(b.split()) > 4 or PROSE.search(b) for b in bare):
        return []
    lead = re.sub(r"^and\s+", "", found.group("lead"), flags=re.I)
    return [f"{lead}{part}" for part in parts]


# "… vaccination of infants … against diphtheria, tetanus, pertussis, hepatitis B, poliomyelitis and invasive diseases
# caused by Haemophilus influenzae type b (Hib)": a vaccine protects against each disease listed, each a use.
_PROTECTS = re.compile(r"^(?P<lead>.*?(?:(?<!following )(?<!after )\bvaccination|\bimmuni[sz]ation|\bvaccine)\b"
                       r"[^.;:]{0,160}?\b"
                       r"(?:against|for (?:the )?prevention of)\s+)(?P<items>[^.;:]+?)"
                       r"(?P<tail>\s+(?:in (?:individuals|adults|persons|people|infants|children|adolescents)|"
                       r"from the age|who|when|according)\b[^.;:]*)?(?P<end>[.;]?)$", re.I)


def each_protected(piece: str) -> list[str]:
    """The piece once per disease a vaccine protects against, or [] when it lists fewer than three."""
    found = _PROTECTS.match(piece.strip())
    if not found:
        return []
    parts = _listed(found.group("items"))
    bare = [re.sub(r"\s*\([^()]*\)", "", p) for p in parts]
    # (every item a disease's name, not a strain: "… Neisseria meningitidis group A, C, W-135 and Y" is one)
    if len(parts) < 3 or any(len(b.split()) > 10 or PROSE.search(b) or not re.search(r"[A-Za-z]{4}", b) for b in bare):
        return []
    return [f"{found.group('lead')}{part}{found.group('tail') or ''}" for part in parts]


# "Adult patients suffering from myocardial infarction (…), ischaemic stroke (…) or established peripheral arterial
# disease": the patients of each condition listed.
_SUFFERING = re.compile(r"^(?P<lead>.{0,60}?\bpatients\s+suffering\s+from\s+)(?P<items>[^.;:]+?)(?P<tail>[.;]?)$", re.I)


def each_suffered(piece: str) -> list[str]:
    """The piece once per condition its patients suffer from, or [] when it lists fewer than two."""
    found = _SUFFERING.match(piece.strip())
    if not found:
        return []
    parts = _listed(found.group("items"))
    bare = [re.sub(r"\s*\([^()]*\)", "", p) for p in parts]
    if len(parts) < 2 or any(len(b.split()) > 6 or PROSE.search(b) for b in bare):
        return []
    return [f"{found.group('lead')}{part.strip()}" for part in parts]


def split_list(text: str, names: re.Pattern[str] | None = None) -> list[str]:
    out: list[str] = []
    parts = BULLET.split(text)
    if len(parts) == 1:
        # "… for the treatment of: Major Depressive Disorder (MDD) Generalized Anxiety Disorder (GAD) …"
        after = re.split(r"^[^:]*:\s+", text)[-1]
        named = abbreviated_names(after)
        if named:
            return [f"{text[: len(text) - len(after)]}{name}" for name in named]
    for index, part in enumerate(parts):
        if index and _EXCLUDES.search(parts[0] if index == 1 else " ".join(parts[:index])):
            out[-1:] = [f"{out[-1]} {part}"] if out else []  # kept with the use, as the text it qualifies
            continue
        for piece in RUN_ON.split(part):
            piece = piece.strip(" ;")
            places = _distributed(piece) or each_protected(piece)
            if places:
                out.extend(places)
                continue
            lead = LEAD_IN.match(piece)
            items = split_items(lead.group("items").rstrip(". ")) if lead else []
            # The items end where the drug's name starts the next sentence ("… Hypertriglyceridemia
            # Atorvastatin calcium tablets are …", the highlights run on after the full text).
            ends = [i for i, item in enumerate(items) if names and names.match(item)]
            items = items[: ends[0]] if ends else items
            if lead and len(items) >= 2 and not _title_case_split(items) and all(is_listed_name(i) for i in items):
                out.extend(f"{lead.group('lead')} {item}" for item in items)
            elif lead and len(items) == 1 and is_listed_name(items[0]) and not PROSE.search(items[0]):
                out.append(f"{lead.group('lead')} {items[0]}")  # the first of items given one sentence each
            elif len(piece) > 2:
                out.append(piece)
    return out


def _title_case_split(items: list[str]) -> bool:
    """Title-case names ("Major Depressive Disorder (MDD) Generalized Anxiety Disorder …") split at every
    capital come out as lone words; a list of conditions has at most one lone-word name."""
    lone = [i for i in items if len(i.split()) == 1 and not lexicon().find_conditions(i)]
    return len(lone) >= 2


def listed_run_together(rest: str, names: re.Pattern[str] | None) -> str:
    """After "indicated … for the treatment of:", conditions whose bullets were lost run together: "Major
    depressive disorder (MDD) Obsessive-compulsive disorder (OCD) …". They end where the drug's name starts
    the next sentence; each becomes a bullet of its own."""
    at = names.search(rest) if names else None
    head, tail = (rest[: at.start()], rest[at.start():]) if at and at.start() > 0 else (rest, "")
    items = [i for i in split_items(head.strip().rstrip(".")) if i]
    # Title-case names ("Major Depressive Disorder (MDD) Generalized Anxiety Disorder …") split into single
    # words this way: no list of conditions is made of lone words.
    if len(items) >= 2 and not _title_case_split(items) and all(
            len(i.split()) <= 8 and not PROSE.search(i) for i in items):
        return " • ".join(items) + (f". {tail}" if tail else "")
    return rest


_ABBREVIATED = re.compile(r"[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,7}?\s*\([A-Z][A-Za-z0-9-]{1,8}\)")


def abbreviated_names(text: str) -> list[str]:
    """Names each closed by its abbreviation, run together: "Major Depressive Disorder (MDD) Generalized Anxiety
    Disorder (GAD) Panic Disorder (PD)" is three; anything else is no such list ([])."""
    parts = re.split(r"(?<=\))\s+(?=[A-Z])", text.strip(" ."))
    return parts if len(parts) >= 2 and all(_ABBREVIATED.fullmatch(p) for p in parts) else []


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
PROSE = quick_start(PROSE)
_EXCLUDES = quick_start(_EXCLUDES)
