"""Name the condition of one fragment in the label's own words: its heading when it has one, else the best
reading of its text (a lexicon name, "treatment of …", "patients with …", a purpose such as "cleansing of the
colon", a role such as "adjuvant to therapy with penicillin"), never with who it is for still attached."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rxscoop.data import word_set
from rxscoop.label.facts import (
    condition_key,
    without_severity,
)
from rxscoop.label.fragments import Fragment
from rxscoop.label.in_patients import in_label_words as _in_label_words
from rxscoop.label.in_patients import in_other, in_patients_with
from rxscoop.label.lists import STARTERS
from rxscoop.label.literal import whole_words, word_at
from rxscoop.label.naming import names_a_condition
from rxscoop.label.shape import MAX_CONDITION_WORDS, condition_heads, condition_problem, qualifiers
from rxscoop.label.starts import quick_start
from rxscoop.label.vocab import is_vocabulary_name, vocabulary_name_in
from rxscoop.plain.lexicon import lexicon

# Who a condition is for, left at its start: "adult and pediatric patients with leukemia", "postmenopausal
# women with … breast cancer". The population is read apart; the condition is what follows "with".
_WHO_WITH = re.compile(
    r"^(?:(?:adult|pediatric|postmenopausal|premenopausal|elderly|adults?|children|women|men)\s+(?:and\s+)?)+"
    r"(?:patients\s+)?(?:(?:aged\s+)?\d+\s+(?:years?|months?)(?:\s+of\s+age)?(?:\s+(?:and|or)\s+older)?\s+)?"
    r"with\s+(?=\S)", re.I)


def condition_of(fragment: Fragment) -> str:
    """The condition in label words: the heading when there is one, else the lexicon or the phrase; never
    with the population still in front of it or after it ("Symptomatic GERD in Adolescent Patients 12 …")."""
    found = _condition_words(fragment)
    # "treatment of adult patients with previously untreated sALCL …": what is treated, not for whom.
    found = re.sub(r"^(?:the\s+)?(?:treatment|management)\s+of\s+"
                   r"(?=(?:adults?|pediatric|patients|children)\b.*\bwith\s)", "", found, flags=re.I)
    found = _WHO_WITH.sub("", found) or found
    # How it is given, left at the end: "relapsed or refractory Ph+ ALL as monotherapy".
    found = re.sub(r",?\s+as (?:monotherapy|a single agent)$", "", found, flags=re.I) or found
    # The lead-in of a list of kinds the condition comes in: "… Progeroid Laminopathies with either: …".
    found = re.sub(r"\s+(?:with|due to|caused by)\s+(?:either|one of|any of|the following)\s*:?$", "", found,
                   flags=re.I) or found
    found = _IN_WHOM.sub("", found) or found
    # A bracket cut open at a comma inside it ("skeletal events (pathological fractures, bone complications …)"),
    # or a comma left at the end ("Axial spondyloarthritis without radiographic evidence of AS,"), is no part of it.
    if found.count("(") > found.count(")"):
        found = re.sub(r"\s*\([^()]*$", "", found) or found
    found = found.rstrip(" ,") or found
    # "Fusariosis in patients with disease that is refractory …": the patients' disease says how it goes, not which
    vague = _WITH_VAGUE.search(found)
    return found[: vague.start()] if vague and course_only(vague.group(1)) else found


_WITH_VAGUE = re.compile(r"\s+in\s+patients\s+with\s+((?:[\w-]+\s+){0,3}disease)$", re.I)
_IN_WHOM = re.compile(r"\s+in\s+(?:adults?|adolescents?|adolescent patients|pediatric|children|patients|women|men|"
                      r"postmenopausal|premenopausal)\b(?!.*\bwith\b).*$", re.I)  # "in patients with X" names X


def _condition_words(fragment: Fragment) -> str:
    lex = lexicon()
    if fragment.title and not role_only(fragment.title):
        title = re.sub(r"^(?:the|a|an)\s+", "", fragment.title, flags=re.I)  # "The Treatment of …"
        # "Treatment of X" names X; "Maintenance of Healing of X" and "Reduction of the risk of X" are uses of
        # their own beside the treatment of X, so they keep their words.
        if not re.match(r"(?:maintenance\s+of\s+heal|reduction|reducing)", title, re.I):
            title = re.sub(rf"^(?:{STARTERS})\b[\w\s-]*?\bof\s+", "", title, flags=re.I)
        # "… Lymphomas (PTCL), in Combination with Chemotherapy": how it is given, not what it treats.
        title = re.sub(r",?\s+(?:in combination with|as (?:monotherapy|a single agent))\b.*$", "", title,
                       flags=re.I) or title
        found = lex.find_conditions(title)
        # "Rheumatoid Arthritis in combination with methotrexate": keep the condition part.
        named = title[: found[-1].end()] if found else re.sub(r"\s*\((?:[A-Za-z-]{1,12})\)\s*$", "", title).strip()
        if found and re.match(r"\s+without\s", title[found[-1].end():]) and len(title.split()) <= MAX_CONDITION_WORDS:
            named = title  # "Axial spondyloarthritis without radiographic evidence of AS": a kind of its own
        return _narrower(named, fragment.text) or named
    candidates = [c for c in _candidates(fragment.text) if c]
    good = [c for c in candidates if not condition_problem(c)]
    if not good:
        return candidates[0] if candidates else fragment.text
    # A lexicon name that a longer reading only extends ("chronic hepatitis" → "chronic hepatitis C virus")
    # gives way to it.
    first = good[0]
    # So does one that names its kind in front of it ("multiple sclerosis" → "relapsing-remitting multiple sclerosis"),
    # not what is done or for whom ("chronic management of patients with urea cycle disorders").
    longer = next((c for c in good[1:] if (c.lower().startswith(first.lower()) or _kind_before(first, c))
                   and len(c) > len(first) and len(c.split()) <= 8), None)
    return longer or _widened(first, fragment.text)


_ROLE_WORDS = frozenset(("treatment", "therapy", "monotherapy", "combination", "use", "of", "in", "with", "the"))


def role_only(title: str) -> bool:
    """A heading that says only the line or role of a treatment ("Adjuvant Treatment", "First-Line Treatment"):
    the condition is in the subsection's sentence."""
    return _qualifiers_and(title, _ROLE_WORDS)


def _qualifiers_and(text: str, also: frozenset[str]) -> bool:
    """Every word of the text qualifies a condition (data/condition_qualifiers.txt) or is one of `also`."""
    words = re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower())
    return bool(words) and all(w in qualifiers() or w in also for w in words)


def _kind_before(name: str, reading: str) -> bool:
    """The reading is the name with words that say which kind of it in front: "secondary progressive multiple
    sclerosis with active disease" of "multiple sclerosis"."""
    lowered = reading.lower()
    at = word_at(name.lower(), lowered)
    before = re.findall(r"[\w-]+", lowered[:at]) if at is not None else []
    return bool(before) and not any(w in _NOT_NARROWING for w in before)


def _narrower(heading: str, text: str) -> str | None:
    """The condition of a subsection's one statement when it narrows its heading's: "1.2 Small Cell Lung Cancer
    … is indicated for … adult patients with extensive-stage small cell lung cancer (ES-SCLC)". A heading over
    several statements (bullets, sentences) stays the name of all of them."""
    if len(re.findall(r"\bindicated\b", text)) != 1 or re.search(r"[•●▪◦]", text):
        return None
    bare = condition_key(heading)
    for reading in _candidates(text):
        key = condition_key(reading)
        if key == bare or not key.endswith(f" {bare}") or len(reading.split()) > 8 or condition_problem(reading):
            continue
        # Only words that say which kind of the condition it is ("extensive-stage", "polyarticular") narrow it;
        # "treatment of", "adult patients with", "inadequately controlled" say what is done or for whom.
        prefix = key[: -len(bare)].split()
        if not any(w in _NOT_NARROWING for w in prefix):
            return reading
    return None


# Words in front of a condition that say what is done or for whom, not which kind of it (data/not_narrowing_words.txt).
_NOT_NARROWING = word_set("not_narrowing_words.txt")


# A use listed by its role or aim: "as an adjunct to general anesthesia", "to facilitate tracheal intubation".
_ROLE_LEAD = re.compile(r"^(?:as (?:an? )?(?:adjunct|adjuvant)(?:ive therapy)? (?:to|for|in)|"
                        r"to (?:facilitate|provide|treat|prevent|reduce|control|relieve))\s+(?:the\s+)?", re.I)


_OPENING = re.compile(
    r"^(?P<whole>(?P<name>[a-z][\w'-]*(?: [\w'-]+){0,4}?)\s+(?:associated with|due to|caused by|secondary to)\s+"
    r"[^,;.]{2,80}?)(?=\s+in\s+(?:adults?|adult patients|pediatric patients|patients|children)\b)")


_SUFFERING_FROM = re.compile(r"^(?:[\w-]+\s+){0,2}?patients\s+suffering\s+from\s+([^.;:(]+)", re.I)
_NAME_THEN_PATIENTS = re.compile(r"^(?P<name>[\w'’-]+(?: [\w'’-]+){0,4}?)\s+in\s+(?:(?:adult|paediatric|pediatric)\s+)?"
                                 r"patients\s+with\s", re.I)
_CAUSE = re.compile(r"\s+(?:due to|caused by|secondary to)\s+[^,;.:(\[]+?"
                    r"(?=\s+(?:as|who|that|which|in|and|or)\b|\s*[,;.:(\[]|$)")


def _cause_after(text: str, end: int) -> str:
    """The cause named right after a condition that ends at `end` (" due to Bardet-Biedl syndrome"), when it is short
    enough to be part of the condition's name; else ""."""
    cause = _CAUSE.match(text, end)
    return cause.group(0) if cause and len(cause.group(0).split()) <= 7 else ""


_WITH_OR_END = re.compile(r"\s+with\s+(?:or|and/or)$", re.I)


_AGAINST = re.compile(
    r"(?:\bimmuni[sz]ation\b|\bnon[- ]?immune\b|\bvaccine\b|(?<!following )(?<!after )\bvaccination\b)"
    r"[^.;:]{0,160}?\b(?:against|to prevent|to protect against|"
    r"for (?:the )?prevention of|for protection against|(?:who are )?at risk of(?: both)?)\s+(?:the\s+)?"
    r"(?P<what>.+?)(?=\s+(?:in (?:individuals|adults|persons|people|infants|children|adolescents|subjects)|"
    r"from the age|who|when|after|according)\b|[.;:\[]|$)", re.I)


_RISK_OF = re.compile(r"\brisk\s+of\s+(?:developing\s+|progression\s+to\s+)?(?:[\w-]+\s+){0,2}$", re.I)


_TREATMENT_OF = re.compile(
    r"\b(?:treatment|management|relief|prevention|prophylaxis|control|maintenance of healing|therapy)\s+"
    # ("treatment up to 12 weeks of …", "substitution treatment for opioid drug dependence")
    r"(?:(?:for\s+)?up\s+to\s+\d+\s+(?:weeks|months|days)\s+)?(?:of|(?<=substitution treatment )for)\s+"
    r"(?:the\s+)?"
    r"(?:signs and symptoms of\s+)?(?:(?:adult |pediatric )?patients with\s+|adults with\s+)?(.+?)"
    r"(?<!\bdue)(?<!\bsecondary)(?=\s+(?:in|(?:and\s+)?who|(?:and\s+)?whose|that|despite|following|when|to|as|without|"
    r"and to|or as)\b|"
    r"(?<!\bfor)(?<!\bin)(?<!\bof)\s+which\b|\s*:|[.;\[]|$)",
    re.I,
)


_LATER_CONDITION = re.compile(r"\b(?:of|with|for)\s+(?!(?:the\s+)?(?:patients|adults|children)\b)([^.;:]+?)"
                              r"(?=\s+(?:in|who|whose|when|after|following)\b|[.;:]|$)", re.I)


def _treated(phrase: re.Match[str], text: str, short: bool = False) -> str:
    """The condition a "treatment of …" phrase names; `short`: without a bracketed aside that makes the label's
    words too long."""
    # ("narcolepsy with or without cataplexy": the reading stops at "without"; "with or" names nothing.)
    named = _WHO_WITH.sub("", _WITH_OR_END.sub("", _up_to_head(phrase.group(1))))
    worded = _in_label_words(named, text)
    # An aside in brackets may make the label's words too long where the name itself is not: "chronic kidney
    # disease (stage 3 and 4 with albuminuria) associated with type 2 diabetes".
    return named if short and condition_problem(worded) == "too long" and not condition_problem(named) else worded


_LINKED_TO = re.compile(r"\b(?:associated with|secondary to|related to|due to)\s+$", re.I)


def _tied_inside(term: str, treated: str) -> bool:
    """The phrase names its own condition and ties the lexicon's to it: "chronic kidney disease associated with
    type 2 diabetes"."""
    at = treated.lower().find(term.lower())
    link = _LINKED_TO.search(treated[:at]) if at > 0 else None
    return bool(link and condition_heads().search(treated[: link.start()]))


def _names_a_condition(phrase: str) -> bool:
    """The phrase holds a condition noun or name of its own ("complex perianal fistulas", "renal disease"), not
    only an event of another ("recurrence", "flares", "symptoms")."""
    return names_a_condition(phrase, vague=False, endings=False)


def _widened(name: str, text: str) -> str:
    """A name that ends a longer condition name of the vocabulary in the text is read whole: "ocular
    hypertension", never "hypertension"."""
    match = whole_words(name, text)
    if not match:
        return name
    start, said = match
    before = text[:start].split()
    for n in (3, 2, 1):
        words = before[-n:]
        # (Never severity or who: "severe chronic obstructive pulmonary disease", "males with hypogonadism".)
        if len(before) >= n and all(re.fullmatch(r"[A-Za-z][\w'-]*", w) and w.lower() not in _NOT_NARROWING
                                    and without_severity(w) == w for w in words) \
                and is_vocabulary_name(" ".join([*words, said])):
            return " ".join([*words, said])
    return name


def _lexicon_named(scope: str, found: list[re.Match[str]]) -> str:
    """The condition the lexicon's first term names, with the terms coordinated with it, where it is and what
    causes it when the text says so."""
    first = found[0]
    names = [first.group(0)]
    # "rheumatoid arthritis and osteoarthritis": coordinated conditions are one use.
    for nxt in found[1:]:
        between = scope[first.end():nxt.start()] if nxt.end() <= len(scope) else "x"
        if re.fullmatch(r"\s*(?:,|and|or|, and|, or)\s*", between):
            names.append(nxt.group(0))
            first = nxt
        else:
            break
    named = " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
    # "serious bacterial infections of the urinary tract": where the condition is, when the text says so.
    place = _PLACE.match(scope, first.end())
    if place and len(names) == 1 and re.search(r"infections?|cancer|carcinoma|disease", named, re.I):
        named += place.group(0)
    # "obesity due to Bardet-Biedl syndrome": the cause is part of the condition's name.
    return named + _cause_after(scope, first.end())


_PATIENTS_WITH = re.compile(
    # (never across a clause about how it is given: "… adults who are overweight and should be taken in conjunction
    # with a … diet")
    # (nor what they are treated with: "adult patients treated with a direct factor Xa (FXa) inhibitor")
    r"(?:^aged\b|\b(?:patients|adults|children)\b)(?:(?!\b(?:should|must|conjunction|combination|treated)\b)[^;:])*?"
    r"\bwith\s+(?:an?\s+|the\s+)?(.+?)"
    r"(?=\s+(?:(?:and\s+)?who|(?:and\s+)?whose|(?:for|in)\s+whom|despite|when|that|as detected|after|following|"
    r"without)\b|"
    r"(?<!\bfor)(?<!\bin)(?<!\bof)\s+which\b|\s*:|[.;\[]|$)", re.I)


def _with_what(flat: str) -> str | None:
    """What the patients have: "Adults and pediatric patients aged 10 years and older with heterozygous familial
    hypercholesterolemia"."""
    patients = _PATIENTS_WITH.search(flat)
    # (never "patients with disease that is refractory to …": how the disease goes, not which)
    if patients and 1 <= len(_up_to_head(patients.group(1)).split()) <= 10 \
            and not course_only(_up_to_head(patients.group(1))) \
            and not re.match(r"(?:these|this|those|such|other|their|its)\b", patients.group(1), re.I):  # "these agents"
        return _WITH_OR_END.sub("", _up_to_head(patients.group(1)))
    return None


_HEADING_KIND = re.compile(r"([^.;:()]{3,60}?\s+without\s+[^.;:()]{3,60}?)"
                           r"(?=\s+(?-i:Adults?|Patients|Children|Adolescents)\b)")


def _names_its_kind(kind: re.Match[str], text: str) -> bool:
    """The words before "without" name a condition: a known one, or one the sentence after it names again."""
    named = kind.group(1).split(" without ")[0]
    return bool(named.lower() in text[kind.end():].lower() or is_vocabulary_name(named)
                or condition_heads().search(named) or lexicon().find_conditions(named))


def _readings(text: str) -> Iterator[str]:
    """Readings of the condition in a use's text, most trusted first; the first that reads as a condition
    (label/shape.py) is taken."""
    lex = lexicon()
    scope = re.split(r"\b(?:who|whose|despite|following treatment|when)\b", text)[0]
    # (A condition the patients are at risk of developing is not the one treated: "… if they are determined to be at
    # high risk of developing clinically definite multiple sclerosis".)
    found = [m for m in lex.find_conditions(scope) or lex.find_conditions(text)
             if not _RISK_OF.search(text[max(0, m.start() - 40):m.start()])]
    flat = _PAREN.sub("", without_severity(text))  # "(PSMA)-positive", "actinic (solar) keratoses"
    kind = _HEADING_KIND.match(text.strip())
    if kind and _names_its_kind(kind, text.strip()):
        # A subheading run into its sentence names a kind with "without": "Axial spondyloarthritis without
        # radiographic evidence of AS Adults with … axial spondyloarthritis …" is that kind, not the disease over it.
        yield kind.group(1)
    if found:
        named = _lexicon_named(scope, found)
        flat_scope = _PAREN.sub("", without_severity(scope))  # (never "… when prevention or treatment of …")
        phrase = _TREATMENT_OF.search(flat_scope)
        treated = _treated(phrase, text, short=True) if phrase and phrase.group(1).strip() else ""
        if phrase and treated and _names_a_condition(treated):
            other = in_patients_with(phrase, flat_scope)
            if other:
                # What is treated, in whom: "complex perianal fistulas in Crohn's disease", "dementia in … Parkinson's
                # disease"; with the patients' condition as the text words it when that holds the lexicon's name
                # ("… or lichen simplex chronicus", "generalized pustular psoriasis"; never "non-active/ luminal …").
                # (the words said, else the lexicon's coordinated names, else its one name)
                said = next(w for w in (_with_what(flat_scope) or "", named, other)
                            if other.lower() in w.lower() and "/ " not in w)
                yield in_other(treated, said, text) or treated
            elif _tied_inside(found[0].group(0), treated):
                yield treated
        yield named
    # A listed item that opens with its condition, then what it goes with and in whom: "anorexia associated
    # with weight loss in patients with AIDS" is anorexia, not AIDS.
    opening = _OPENING.match(flat)
    if opening and is_vocabulary_name(opening.group("name")):
        whole = opening.group("whole").strip(" ,")
        yield _in_label_words(whole if len(whole.split()) <= 8 else opening.group("name"), text)
    # An item that opens with its condition, then in whom: "Kaposi's sarcoma in patients with AIDS who have …" is
    # Kaposi's sarcoma (in AIDS), never AIDS.
    first = _NAME_THEN_PATIENTS.match(flat)
    if first and is_vocabulary_name(first.group("name")):
        other = _with_what(flat)
        yield (in_other(first.group("name"), other, text) if other else None) or first.group("name")
    phrase = _TREATMENT_OF.search(flat)
    if phrase and phrase.group(1).strip():
        treated = _treated(phrase, text)
        # (what is treated may be an event of the patients' condition: "bleeding in hemophilia A")
        other = in_patients_with(phrase, flat) if _names_a_condition(treated) or len(treated.split()) <= 2 else None
        both = in_other(treated, other, text) if other else None
        if both:
            yield both  # "dementia in idiopathic Parkinson's disease"
        if re.fullmatch(r"(?:(?:adult|pediatric)\s+)?(?:patients|adults|children)", treated, re.I):
            # For whom, and the condition after it: "adjuvant treatment of patients following surgery of stage III
            # (Dukes' stage C) colon cancer".
            later = _LATER_CONDITION.search(flat, phrase.end(1))
            if later and condition_heads().search(later.group(1)):
                yield _in_label_words(_up_to_head(later.group(1)), text)
        yield treated
        if condition_problem(treated) == "too long":
            # Too long with its causes: the condition with as many as fit ("vision loss due to inherited retinal
            # dystrophy caused by confirmed biallelic RPE65 mutations" → "vision loss due to inherited retinal
            # dystrophy").
            ties = list(re.finditer(r"\s+(?:due to|caused by|secondary to|associated with)\s+", treated))
            yield next((treated[: t.start()] for t in reversed(ties)
                        if len(treated[: t.start()].split()) <= MAX_CONDITION_WORDS), treated)
    # "Adults and pediatric patients aged 10 years and older with heterozygous familial hypercholesterolemia"
    # An item that opens with who: "Adult patients suffering from established peripheral arterial disease".
    suffering = _SUFFERING_FROM.match(flat)
    if suffering:
        yield _in_label_words(_up_to_head(suffering.group(1)), text)
    with_what = _with_what(flat)
    if with_what:
        yield _in_label_words(with_what, text)
    # A vaccine's use is the disease it protects against: "active immunisation of individuals … against invasive
    # meningococcal disease caused by …", "… to prevent COVID-19 caused by SARS-CoV-2 in individuals …".
    against = _AGAINST.search(flat)
    if against:
        what = against.group("what")
        # A cause that runs into a list of strains ("caused by Neisseria meningitidis group A, C, W-135, and Y") is
        # left out; a cause without one ("caused by SARS-CoV-2") is part of the name, and so is a list of diseases
        # ("smallpox, monkeypox and disease caused by vaccinia virus").
        cause = re.search(r"\s+(?:caused by|due to)\s+(.+)$", what)
        if cause and "," in cause.group(1):
            what = what[: cause.start()]
        disease = what.strip(" ,")
        if 1 <= len(disease.split()) <= MAX_CONDITION_WORDS:
            yield _in_label_words(disease.strip(" ,"), text)
    # A purpose rather than a disease: "indicated for cleansing of the colon as a preparation for colonoscopy",
    # "may be used for induction and maintenance of general anesthesia", "to control bacterial infection".
    purpose = re.search(
        # (who may stand between: "indicated in adults and in children 2 years of age and older for reduction …")
        r"\b(?:indicated|may be used|is used|are used)"
        r"(?:\s+in\s+(?:adults?|children|adolescents|patients)\b[^.;:]{0,60}?)?\s+(?:for|as|to\s+(?:treat|prevent)|"
        r"to(?=\s+(?:delay|slow)\s))\s+"  # "indicated to delay imminent pre-term birth", "to slow the progression …"
        r"(?:use\s+(?:as|on|in|with)\s+[^.;]*?\bto\s+\w+\s+|use\s+as\s+part\s+of\s+[^.;]*?\bfor\s+|the\s+)?"
        r"(?:[a-z]+\s+(?:injection|infusion|use|administration)\s+(?:in adults\s+)?for\s+)?"  # "intrathecal … for"
        r"(?:(?:the\s+)?(?:production|induction) of\s+)?(.+?)"
        r"(?=\s+(?:in (?:adults|patients|pediatric|children|pregnant|(?:adult )?women)|who|whose|that|which|when|"
        r"despite)\b|[.;\[]|$)", flat,
        re.I)
    aim = _up_to_head(purpose.group(1)) if purpose else ""
    if purpose and not re.match(r"(?:treatment|management)\b", aim, re.I):
        # Examples after a purpose ("… procedures such as excision, …") are not part of its name.
        aim = _up_to_head(re.split(r"\s+(?:such as|including|e\.g\.)\s", purpose.group(1))[0])
    if purpose and 1 <= len(aim.split()) <= 12 and not re.fullmatch(
            r"(?:treatment|management) of (?:(?:adult|pediatric) )?patients", aim, re.I):  # for whom, not what
        yield _in_label_words(aim.strip(" ,"), text)
    elif purpose and len(aim.split()) > 12 and re.match(r"(?:slow|delay|halt)\w*\s+the\s+progression\b", aim, re.I):
        # An aim too long to name: the disease it ends in ("to slow the progression of cyst development and renal
        # insufficiency of autosomal dominant polycystic kidney disease").
        last = aim.split(" of ")[-1].strip(" ,")
        if last != aim and len(last.split()) <= 8 and condition_heads().search(last) and not course_only(last):
            yield _in_label_words(last, text)
    # "… can also be substituted, short-term, for oral phenytoin": a use as a stand-in for another medicine.
    # Named in the label's own words ("substituted, short-term, for oral phenytoin"), as every condition is.
    stand_in = re.search(r"\bbe\s+(?P<words>substituted,?\s*(?:(?:as\s+)?(?:short-term|long-term)(?:\s+use)?,?\s*)?"
                         r"for\s+[^.;,(\[]{3,60}?)(?=[.;,(\[]|$)", flat, re.I)
    if stand_in:
        yield stand_in.group("words").strip()
    # "Clinical studies have shown gentamicin sulfate to be effective in bacterial neonatal sepsis"
    effective = re.search(r"\bto be effective in\s+(?:the\s+treatment\s+of\s+)?(.+?)(?=[.;\[]|$)", flat, re.I)
    if effective and 1 <= len(_up_to_head(effective.group(1)).split()) <= 8:
        yield _in_label_words(_up_to_head(effective.group(1)).strip(" ,"), text)
    # "… when reversal of anticoagulation is needed due to life-threatening … bleeding": the aim is what is needed.
    needed = _WHEN_NEEDED.search(flat)
    if needed:
        yield _in_label_words(needed.group(1), text)
    # "adults who require localized anesthesia in periodontal pockets …", "patients undergoing …"
    need = re.search(r"\b(?:patients|adults|children)\s+(?:who\s+(?:require|need|are undergoing|undergo)|undergoing|"
                     r"requiring)\s+(.+?)(?=[.;\[]|$)", flat, re.I)
    if need and 1 <= len(_up_to_head(need.group(1)).split()) <= 12:
        yield _in_label_words(_up_to_head(need.group(1)).strip(" ,"), text)


def _candidates(text: str) -> Iterator[str]:
    """Readings of the condition in a use's text, most trusted first; only when the text holds none is its
    own start read as a listed condition."""
    any_reading = False
    for reading in _readings(text):
        # A reading that fails its shape check ("add-on therapy", a role) leaves room for the ones below.
        any_reading = any_reading or not condition_problem(reading)
        yield reading
    if any_reading:
        return
    # Last, the aim of a use listed by its role: "as an adjunct to general anesthesia" (never before the readings
    # above: "as an adjunct to diet … in patients with primary hypercholesterolemia" names its condition).
    role = _ROLE_LEAD.match(text.strip())
    if role:
        aim = re.split(r"\s+(?:in|during|for|who|when)\s+(?:adults?|patients|pediatric|children)\b|[.;(\[]|,\s+for\s",
                       text.strip()[role.end():])[0].strip(" ,")
        if len(aim.split()) > 8:  # a list of alternatives is named by its first: "therapy with penicillin or with …"
            aim = re.split(r",\s|\s+or\s+(?:with\s+)?(?=\w)", aim)[0]
        if 1 <= len(aim.split()) <= 12:
            # "therapy with penicillin …" alone would read as what the drug treats: the role stays with it.
            role_words = re.sub(r"^as\s+(?:an?\s+)?", "", role.group(0).strip(), flags=re.I)
            yield f"{role_words} {aim}" if re.match(
                r"(?:therapy|treatment)\b", aim, re.I) else aim
    # A name from the condition vocabulary the text holds ("… Chronic phase (CP) chronic myeloid leukemia …").
    named = vocabulary_name_in(text)
    if named:
        # with its cause when the text names one right after it, as a lexicon name keeps it ("hyperammonaemia due
        # to isovaleric acidaemia")
        yield named + (_cause_after(text, text.find(named) + len(named)) if named in text else "")
        return
    # A listed condition read up to its condition noun: "Chronic phase (CP) chronic myeloid leukemia (CML) with …".
    flat = _PAREN.sub("", text)
    head = condition_heads().search(flat[:200])
    # a listed name may carry its markers ("HR-positive, HER2-negative … breast cancer")
    if head and len(re.sub(r"\s*\([^()\s]{1,12}\)", "", flat[: head.end()]).split()) <= MAX_CONDITION_WORDS:
        end = head.end()
        place = _PLACE.match(flat, end)  # "… infections of the urinary tract"
        if place and re.search(r"infections?|cancer|carcinoma", head.group(0), re.I):
            end = place.end()
        cause = _cause_after(flat, end)  # "Hyperammonaemia due to isovaleric acidaemia"
        if cause and len(flat[: end + len(cause)].split()) <= MAX_CONDITION_WORDS:
            end += len(cause)
        yield _in_label_words(flat[:end].strip(), text)
        return
    # Staging bullets name a phase of one condition, then another condition: "Accelerated phase (AP) or blast
    # phase (BP) CML or Philadelphia chromosome positive acute lymphoblastic leukemia (Ph+ ALL) for whom …".
    for part in re.split(r"\s+(?:or|and)\s+(?=[A-Z][a-z])", flat[:200])[1:]:
        head = condition_heads().search(part)
        if head and len(part[: head.end()].split()) <= 10:
            yield _in_label_words(part[: head.end()].strip(), text)
            return
    # A listed condition, without who it is for: "Genital ulcer disease in men", "… (6 months of age …)".
    text = re.split(r"\s+in\s+(?:adults?|men|women|pediatric|patients|children|neonates|infants)\b|\s*\(", text)[0]
    words = text.split()
    yield " ".join(words[:8]).rstrip(",.;:") + (" …" if len(words) > 8 else "")


_WHEN_NEEDED = re.compile(r"\bwhen\s+((?:[\w-]+\s+){1,6}?of\s+[\w-]+(?:\s+[\w-]+)?)\s+is\s+(?:needed|required)\b", re.I)
_PAREN = re.compile(r"\s*\([^()]{1,40}\)(?=[\s,.;:]|$)")
_PLACE = re.compile(r"\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[\w-]+(?=\s*[,;.(]|$)")


def course_only(phrase: str) -> bool:
    """The phrase says only how a disease stands or goes ("recurrent or progressive disease"), naming none."""
    return _qualifiers_and(phrase, frozenset(("or", "and", "disease")))


_TYPE_LETTER = re.compile(r"\s+[A-E]\b(?:\s+virus)?(?:\s+infection)?")


_HEADED_LIST = re.compile(r"[^,;]{3,80}(?:,\s*[^,;]{3,60}?)+,?\s+(?:and|or)\s+[^,;]{3,60}$")


def _headed_list(phrase: str) -> str | None:
    """Conditions listed, each with its own noun: "epithelial ovarian cancer, primary peritoneal cancer and fallopian
    tube cancer" (one use, as coordinated conditions are); what goes before the first ("first relapse of") is left
    out when the list is too long with it."""
    if not _HEADED_LIST.match(phrase):
        return None
    items = re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", phrase)
    if not all(condition_heads().search(i) and not re.match(r"(?:including|such as|e\.g\.)\s", i) for i in items):
        return None
    lead = re.match(r"[^,]{3,40}?\bof\s+", phrase)
    for listed in (phrase, phrase[lead.end():] if lead else ""):
        if 1 < len(listed.split()) <= MAX_CONDITION_WORDS:
            return listed
    return None


def _up_to_head(phrase: str) -> str:
    """The phrase up to a comma, or past commas up to the first condition noun when the part before the
    first comma has none ("progressive, metastatic medullary thyroid cancer")."""
    phrase = re.sub(r"^(?:an?\s+|the\s+)?(?:confirmed\s+)?diagnosis of\s+", "", phrase.strip(" ,"), flags=re.I)
    phrase = re.split(r",?\s+(?:also known as|also called|formerly known as)\b", phrase)[0]  # an alias, not a use
    # "Fabry disease and an amenable … variant", "… multiple sclerosis and two or more relapses within …"
    phrase = re.split(r"\s+and (?:an?|the|(?:one|two|three|four|\d+) or more)\s+", phrase)[0]
    first = phrase.split(",")[0].strip()
    if len(first.split()) > 10 and condition_heads().search(first):
        # "melanoma with microscopic or gross nodal involvement within 84 days of definitive surgical …":
        # the condition noun and a short qualifier after it.
        head = condition_heads().search(first)
        assert head is not None
        typed = _TYPE_LETTER.match(first, head.end())  # "hepatitis C virus infection", not "hepatitis"
        end = typed.end() if typed else head.end()
        tail = re.match(r"\s*(?:with|of|due to)\s+(?:\S+\s+){0,5}?\S+?(?=\s+(?:within|including|after|who|that|"
                        r"following|before|as|in)\b|$)", first[end:])
        if len(without_severity(first[:end]).split()) > 1:  # never the noun alone ("disease")
            return (first[:end] + (tail.group(0) if tail else "")).strip()
    listed = _headed_list(phrase)
    if listed:
        return listed
    if condition_heads().search(first) or "," not in phrase:
        return first
    head = condition_heads().search(phrase)
    if not head:
        return first
    rest = phrase[head.end():]
    tail = re.match(r"\s*(?:with|of)\s+[^,;]{1,60}?(?=,|$)", rest)  # "cholangiocarcinoma with an FGFR2 fusion"
    # The comma-separated part that holds the condition noun: "previously treated, unresectable … cancer";
    # a list joined by "or"/"and" is kept whole: "epithelial ovarian, fallopian tube, or primary peritoneal cancer".
    pieces = phrase[: head.end()].split(",")
    last = pieces[-1]
    if course_only(last):
        # "primary HLH with refractory, recurrent or progressive disease": past the comma is how the disease
        # goes, not another name: the condition is the part before, without its course.
        return re.split(r"\s+with\s+", re.sub(r"^.*?\bpatients\s+with\s+", "", first))[0].strip()
    if len(pieces) > 1 and re.match(r"\s*(?:or|and)\s", last):
        while len(pieces) > 2 and len(",".join(pieces).split()) > 10:  # leaves room for "(FRα)" and the like
            pieces = pieces[1:]
        last = ",".join(pieces)
    return (last + (tail.group(0) if tail and len(tail.group(0).split()) <= 6 else "")).strip()


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_AGAINST = quick_start(_AGAINST)
_RISK_OF = quick_start(_RISK_OF)
_TREATMENT_OF = quick_start(_TREATMENT_OF)
_LINKED_TO = quick_start(_LINKED_TO)
_PATIENTS_WITH = quick_start(_PATIENTS_WITH)
