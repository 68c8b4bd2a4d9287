"""Split an `indications_and_usage` section into one `Use` per approved use.

Label styles this reads (all seen in openFDA text):
- PLR labels: a highlights summary whose items end in refs like "( 1.2 )", then full subsections
  "1.2 Asthma DUPIXENT is indicated as …"; the subsection is the primary source, highlights fill gaps
  (Enbrel states "Adult patients with:" only in its highlights).
- Heading-ref highlights: "Rheumatoid Arthritis (RA) ( 1.1 ): reducing signs and symptoms …".
- Numbered categories of run-together conditions (older steroid labels): see categories.py.
- One-sentence and excerpt labels: "X is indicated for the treatment of …", bulleted lists after
  "indicated for:", lists run together ("… in adults Adjunctive therapy in …"), "Title: sentence".

The section is cut into fragments (fragments.py, with lists.py for lists that lost their bullets), each
fragment's condition is named (conditions.py), and here the uses are read, merged by subsection number or
condition, repaired or dropped when their condition fails its shape check (shape.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from rxscoop.label.categories import category_uses
from rxscoop.label.conditions import condition_of, course_only, role_only
from rxscoop.label.facts import (
    benefit_of,
    condition_key,
    condition_keys,
    not_established_below,
    population_of,
    prerequisites_of,
    role_of,
    severity_of,
)
from rxscoop.label.fragments import (
    HEADING,
    INDICATED,
    REF,
    Fragment,
    criteria_lead,
    highlight_items,
    names_pattern,
    sentence_items,
    subsections,
)
from rxscoop.label.kind import class_in_indications
from rxscoop.label.lists import each_protected, each_suffered
from rxscoop.label.model import Indications, Population, Use
from rxscoop.label.naming import names_a_condition
from rxscoop.label.organisms import lead_in, organism_uses
from rxscoop.label.shape import condition_heads, condition_problem, continues
from rxscoop.label.starts import quick_start
from rxscoop.label.text import add_unique as _add_unique
from rxscoop.label.text import clean, sentences
from rxscoop.label.vocab import codes_for

_CHILDHOOD_CONDITION = re.compile(r"\b(?:juvenile|pediatric|paediatric|neonatal|infantile|childhood)\b", re.I)
_ADULTS_SAID = re.compile(r"\badults\b|\badult\s+(?:and\s+\w+\s+)?patients\b", re.I)


def _read(fragment: Fragment) -> Use:
    whole = " ".join(x for x in (fragment.title or "", fragment.text) if x)
    population = population_of(f"{fragment.context} {whole}".strip())
    condition = condition_of(fragment)
    return Use(
        number=fragment.number,
        condition=condition,
        severity=severity_of(whole),
        population=population,
        prerequisites=prerequisites_of(fragment.text),
        # The text's own role first: heading and text run together would read "… with Chemotherapy ADCETRIS".
        role=role_of(fragment.text) or role_of(fragment.title or ""),
        benefit=benefit_of(fragment.text),
        limitations=list(fragment.limitations),
        heading=fragment.title,
        sentence=fragment.text if fragment.text else whole,
        # The group lead-in the population was read from ("Adult patients with:") is cited with the use.
        also=[fragment.context.strip()] if fragment.context.strip() and fragment.context.strip().lower()
        not in whole.lower() else [],
    )


def _merge(base: Use, extra: Use) -> Use:
    """One use stated twice (a subsection and its highlights bullet, or two bullets): the first statement
    wins where both speak, the second fills what the first leaves out, populations are joined."""
    population = base.population if base.population.stated else Population()
    if extra.population.stated:
        population = population.merged(extra.population)
    limits = _add_unique(list(base.limitations), *extra.limitations)
    also = [*base.also, *(x for x in [extra.sentence, *extra.also] if x != base.sentence and x not in base.also)]
    prereqs = base.prerequisites or extra.prerequisites
    return base.model_copy(update={
        "population": population,
        "limitations": limits,
        "prerequisites": prereqs,
        "severity": base.severity or extra.severity,
        "role": base.role or extra.role,
        "benefit": base.benefit or extra.benefit,
        "number": base.number or extra.number,
        "heading": base.heading or extra.heading,
        "also": also,
    })


def parse_indications(text: str, names: list[str]) -> Indications:
    """Read every approved use from an indications section. `names` are the drug's names, used to
    tell a subsection's heading from its first sentence."""
    text = clean(text, HEADING)
    # Cross-references are noise here; one whose "]" was lost ends at the next "[" or after 150 characters.
    text = re.sub(r"\s*\[\s*see\b[^\]\[]{0,150}?(?:\]|(?=\s*\[)|(?<=\))(?=\s+(?-i:[A-Z])))", " ", text, flags=re.I)
    text = re.sub(r"\s{2,}", " ", text)  # a reference taken out leaves two spaces, which end no list item
    text = re.sub(r"(?<=\s)1\. (\d{1,2}) (?=[A-Z])", r"1.\1 ", text)  # "1. 6 Ankylosing" → "1.6 …"
    if not text:
        return Indications()
    drug_class, class_quote = class_in_indications(text)
    by_category = category_uses(text)  # "1. Endocrine Disorders Primary or secondary …" (older steroid labels)
    if by_category:
        return Indications(uses=[u.model_copy(update={"codes": codes_for(u.condition)}) for u in by_category],
                           drug_class=drug_class, drug_class_quote=class_quote)
    names_re = names_pattern(names)
    highlights, numbered = subsections(text, names_re)
    if REF.search(highlights) and re.search(r"\(\s*1\.\d", highlights):
        items = highlight_items(highlights, names_re)
    elif not numbered or len(highlights) > 40:
        items = sentence_items(highlights, names_re)
    else:
        items = []

    general: list[str] = []
    uses: list[Use] = []
    primary: dict[str, int] = {}  # subsection number → index in uses
    several: dict[str, list[int]] = {}  # subsection number → its uses, when its bullets name several conditions

    lines: list[int] = []  # uses of subsections headed by a line of therapy only
    for fragment in numbered:
        if _is_guidance(fragment.text):
            continue  # "1.5 Usage Specimens for fungal culture … should be obtained prior to therapy"
        if fragment.limitation_only:
            _add_unique(general, *fragment.limitations)
            continue
        listed = _listed_conditions(fragment, names_re)
        if listed:  # "1.2 Hyperlipidemia • … primary hypercholesterolemia • … dysbetalipoproteinemia …"
            primary[fragment.number or ""] = len(uses)
            several[fragment.number or ""] = list(range(len(uses), len(uses) + len(listed)))
            uses.extend(listed)
            continue
        use = _read(fragment)
        if fragment.number in primary:
            uses[primary[fragment.number]] = _merge(uses[primary[fragment.number]], use)
            continue
        if fragment.title and role_only(fragment.title):
            # "1.1 Adjuvant Treatment … 1.2 First-Line Treatment …": subsections by line of therapy, each of the
            # same disease ("… early breast cancer", "… metastatic breast cancer"), are one use named by it.
            line = next(((i, common) for i in lines if (common := _shared_disease(uses[i].condition, use.condition))),
                        None)
            if line:
                index, common = line
                uses[index] = _merge(uses[index], use).model_copy(update={"condition": common})
                primary[fragment.number or ""] = index
                continue
            lines.append(len(uses))
        primary[fragment.number or ""] = len(uses)
        uses.append(use)

    covered = {condition_key(u.condition) for u in uses}
    by_number: dict[str, list[int]] = {}
    for fragment in items:
        if fragment.limitation_only:
            if fragment.number in primary:
                _add_unique(uses[primary[fragment.number]].limitations, *fragment.limitations)
            else:
                _add_unique(general, *fragment.limitations)
            continue
        use = _read(fragment)
        key = condition_key(use.condition)
        if fragment.number and fragment.number in several:
            # A subsection read as several conditions: its highlights bullet joins the one it names, and one
            # that names a condition the subsection's bullets left unnamed ("Reduce elevated serum TG levels in
            # patients with hypertriglyceridemia" beside "… patients with elevated serum TG levels") is its own.
            same = [i for i in several[fragment.number] if _keys(uses[i].condition, {}) & _keys(use.condition, {})]
            if same or not condition_heads().search(use.condition) or condition_problem(use.condition, names_re):
                index = (same or [primary[fragment.number]])[0]
                uses[index] = _merge(uses[index], use)
            else:
                several[fragment.number].append(len(uses))
                uses.append(use)
            continue
        if fragment.number and fragment.number in primary:
            index = primary[fragment.number]
            uses[index] = _merge(uses[index], use)
            continue
        if fragment.number and fragment.number in by_number:
            # A second bullet for the same subsection (the pediatric one, or a second claim).
            same = [i for i in by_number[fragment.number] if condition_key(uses[i].condition) == key]
            if same or not key:
                index = (same or by_number[fragment.number])[0]
                uses[index] = _merge(uses[index], use)
                continue
        match = next((i for i, u in enumerate(uses) if condition_key(u.condition) == key), None)
        if key and key in covered and match is not None:
            uses[match] = _merge(uses[match], use)
            continue
        covered.add(key)
        by_number.setdefault(fragment.number or "", []).append(len(uses))
        uses.append(use)
    uses = _within_another(_heading_over_items(uses))
    kept = _with_lowest_age(_repair(uses, names_re, _abbreviations(text)) or _first_indicated(text, names_re), text)
    kept = [_in_section_words(u, text) for u in kept]
    kept = _with_germ_list(kept, text)
    return Indications(uses=[u.model_copy(update={"codes": codes_for(u.condition)}) for u in kept],
                       limitations=general, drug_class=drug_class, drug_class_quote=class_quote)


_AIM_WORDS = re.compile(r"\b(?:treat|prevent|manag|prophyla|relie|reduc|control|diagnos|adjunct|improv)\w*", re.I)


def _heading_over_items(uses: list[Use]) -> list[Use]:
    """A subsection named only by its heading ("1.1 Epilepsy") whose text names two or more conditions that the
    highlights list as uses of their own ("complex partial seizures", "… absence seizures"): the heading is the
    group they belong to, not a use beside them; what it says joins the first of them."""
    out = list(uses)
    for heading in [u for u in uses if u.heading and u.condition == u.heading]:
        said = " ".join([heading.sentence, *heading.also]).lower()
        named = [u for u in out if u is not heading and not u.number and len(u.condition) > len(heading.condition)
                 and u.condition.lower() in said]
        if len(named) >= 2:
            first = out.index(named[0])
            out[first] = _merge(named[0], heading.model_copy(update={"heading": None}))
            out.remove(heading)
    return out


_THAT_INCLUDE = re.compile(r"\b(?:that|which)\s+includes?\s+(?P<named>[^.;,()]{3,60})", re.I)


def _within_another(uses: list[Use]) -> list[Use]:
    """"… in patients with multiple seizure types that include absence seizures" treats another use's condition
    (absence seizures) when it comes with others: it joins that use."""
    out = list(uses)
    for use in uses:
        found = _THAT_INCLUDE.search(use.sentence)
        if not found or use not in out:
            continue
        named = found.group("named").strip().lower()
        into = next((u for u in out if u is not use and named in u.condition.lower()), None)
        if into is not None and named not in use.condition.lower():
            out[out.index(into)] = _merge(into, use)
            out.remove(use)
    return out


def _shared_disease(a: str, b: str) -> str | None:
    """The disease two conditions end in, in the label's words ("breast cancer" of "hormone receptor-positive
    early breast cancer" and "advanced breast cancer"), when it is a condition name of two words or more."""
    x, y = a.split(), b.split()
    n = 0
    while n < min(len(x), len(y)) and x[-1 - n].lower() == y[-1 - n].lower():
        n += 1
    common = " ".join(y[len(y) - n:]) if n else ""
    return common if n >= 2 and condition_heads().search(common) and not condition_problem(common) else None


def _is_guidance(text: str) -> bool:
    """A subsection that tells how to use the drug, not what for: no "indicated", no aim, and an instruction."""
    return not INDICATED.search(text) and not _AIM_WORDS.search(text) and bool(
        re.search(r"\b(?:should|must)\b", text, re.I))


def _with_germ_list(uses: list[Use], text: str) -> list[Use]:
    """An older antibiotic label's germ list ("Yersinia pestis (plague), …") names its uses: each infection is
    one, and the lead-in it follows ("infections caused by susceptible strains of microorganisms") is none."""
    listed = organism_uses(text)
    if not listed:
        return uses
    kept = [u for u in uses if not lead_in(u.condition)]
    covered = {condition_key(u.condition) for u in kept}
    for condition, item in listed:
        if condition_key(condition) not in covered:
            covered.add(condition_key(condition))
            kept.append(Use(condition=condition, sentence=item))
    return kept


def _in_section_words(use: Use, text: str) -> Use:
    """A condition named with its cause from a list ("obesity due to: … Bardet-Biedl syndrome") is not in the
    label's words as one phrase: the listed cause, which is, names the use."""
    condition = use.condition
    lowered = text.lower()
    if condition.lower() in lowered or " due to " not in condition:
        return use
    cause = condition.split(" due to ", 1)[1]
    return use.model_copy(update={"condition": cause}) if cause.lower() in lowered else use


def _with_lowest_age(uses: list[Use], text: str) -> list[Use]:
    """"Safety and efficacy have not been demonstrated in patients under the age of six years", said of the
    whole section: a use that states no age of its own is for patients that age and older."""
    below = not_established_below(text)
    if not below:
        return uses
    age, sentence = below
    out = []
    for use in uses:
        if use.population.min_age_years is None:
            population = use.population.model_copy(update={"min_age_years": age, "adults": True,
                                                           "children": use.population.children or age < 18})
            use = use.model_copy(update={"population": population, "also": [*use.also, sentence]})
        out.append(use)
    return out


def _first_indicated(text: str, names: re.Pattern[str] | None) -> list[Use]:
    """Nothing read as a use survived its shape check: the first sentence that says what the drug is
    indicated for still names a condition ("… for the treatment of adult patients with chronic hepatitis C
    virus (HCV) [see …]: genotype 1b …")."""
    for sentence in sentences(text):
        if re.search(r"\b(?:indicated|may be used|is used|are used)\b", sentence, re.I):
            use = _read(Fragment(sentence))
            return [] if condition_problem(use.condition, names) else [use]
    return []


_FOLLOWING_KIND = re.compile(r"\bthe following\s+(?P<kind>(?:[a-z-]+\s+){0,2}[a-z]+)\b[^:•]*:?$", re.I)




# A lead-in that says who its items are for: "… the following fungal infections in paediatric patients from 2 years of
# age weighing more than 40 kg and adults:".
_WHO_LEAD = re.compile(r"\bin\s+(?:adults?|adult and|pediatric|paediatric|patients|children)\b[^:;]*:\s*$", re.I)


# "… Patients should have either: • Received prior therapy …, or • Developed disease recurrence …": what the
# patients must have had, not uses.
_MUST_HAVE = re.compile(r"\b(?:patients|they)\s+(?:should|must)\s+(?:have|be)\b[^.:]*:\s*$", re.I)


# A lead-in and items separated by ";" only, each no sentence of its own.
_SEMICOLON_LIST = re.compile(r"^(?P<head>[^:;•●▪]{5,300}:)\s*(?P<items>(?:(?!\.\s)[^:•●▪])+;(?:(?!\.\s)[^:•●▪])+)$")


def _listed_conditions(fragment: Fragment, names: re.Pattern[str] | None) -> list[Use]:
    """A subsection whose bullets each name a different condition is one use per condition, grouped under
    the subsection's heading. Bullets that name no condition ("reduce the risk of MI") leave the
    subsection as one use: [] is returned."""
    parts = re.split(r"\s*[•●▪]\s*", fragment.text)
    semicolons = _SEMICOLON_LIST.match(fragment.text) if len(parts) < 3 else None
    said = sentences(fragment.text) if len(parts) < 3 and not semicolons else []
    protects = each_protected(said[0]) if said else []
    if protects:  # "Active immunisation for the prevention of invasive disease, pneumonia and acute otitis media …"
        parts = ["", *protects, *said[1:]]
    if criteria_lead(parts[0].strip()) or _MUST_HAVE.search(parts[0]):
        # "Reduction of cardiovascular morbidity in patients with: A; B", "… chronic hepatitis B in adults with:
        # • compensated liver disease …": which patients, not uses
        return []
    if semicolons:  # "… as adjunctive therapy: in the treatment of A …; in the treatment of B …" (bullets as ";")
        parts = [semicolons.group("head"), *semicolons.group("items").split(";")]
    items = [i.strip(" ;.") for i in parts[1:] if i.strip(" ;.")]
    items = [each for item in items for each in each_suffered(item) or [item]]
    if len(items) < 2:
        return []
    head = parts[0].strip()
    # "… the following viral infections in adults …: • Smallpox • Monkeypox": the lead-in says its items are
    # conditions, so a bare name is one, and who the lead-in names is who each item is for.
    kind = _FOLLOWING_KIND.search(head)
    kinds = bool(kind and any(condition_heads().fullmatch(w) for w in kind.group("kind").split())) and all(
        len(i.split()) <= 6 for i in items)
    # (who a lead-in names is who its items are for: "… is indicated in adults for: the prevention of …; …")
    context = f"{fragment.context} {head}".strip() if kinds or semicolons or _WHO_LEAD.search(head) \
        else fragment.context
    read = [(item, condition_of(Fragment(item, fragment.number, context=context))) for item in items]
    named = [(item, c) for item, c in read
             if (kinds or names_a_condition(c)) and not condition_problem(c, names) and not course_only(c)]
    if len(named) < 2 or len({condition_key(c) for _, c in named}) < 2:
        return []
    out: list[Use] = []
    for item in items:
        use = _read(Fragment(item, fragment.number, None, context=context))
        if not kinds and not names_a_condition(use.condition) and out:
            out[-1] = _merge(out[-1], use)  # a bullet with no condition of its own stays with the one before
            continue
        also = [head] if head else []
        out.append(use.model_copy(update={"heading": fragment.title, "also": [*also, *use.also]}))
    return out


_DEFINED = re.compile(r"((?:[\w'/]+[\s-]+){1,9})\(([A-Z][A-Za-z0-9+-]{1,10})\)")
# Its bracket alone, and what no word or gap of it can hold ("(", ",", "."): _DEFINED's words run up to the
# bracket with none of these between.
_BRACKETED = re.compile(r"\(([A-Z][A-Za-z0-9+-]{1,10})\)")
_NOT_WORDS = re.compile(r"[^\w'/\s-]")


def _defined(text: str) -> Iterator[re.Match[str]]:
    """The matches of _DEFINED.finditer(text), 5× faster: _DEFINED tried at every position of the text, each
    time taking up to nine words before failing; here it is tried only from the start of the run of words
    before each bracketed abbreviation (no match can start earlier: it would cross a character no word or gap
    holds), and only up to that bracket."""
    breaks = [found.start() for found in _NOT_WORDS.finditer(text)]
    pos = 0
    for bracket in _BRACKETED.finditer(text):
        if bracket.start() < pos:
            continue
        before = bisect_left(breaks, bracket.start())  # the bracket's "(" is a break: the one before it
        start = max(pos, breaks[before - 1] + 1 if before else 0)
        match = _DEFINED.search(text, start, bracket.end())
        if match:
            yield match
            pos = match.end()


def _abbreviations(text: str) -> dict[str, str]:
    """The abbreviations the section defines, each with the words it stands for: "Acquired Immune Deficiency
    Syndrome (AIDS)", "extensive-stage small cell lung cancer (ES-SCLC)"; the initials must spell it."""
    out: dict[str, str] = {}
    for match in _defined(text):
        abbr = match.group(2)
        letters = re.sub(r"[^a-z]", "", abbr.lower())
        words = re.split(r"[\s-]+", match.group(1).strip())
        if 2 <= len(letters) <= len(words) and "".join(w[0].lower() for w in words[-len(letters):]) == letters:
            tail = re.search(rf"(?:[^\s-]+[\s-]+){{{len(letters)}}}$", match.group(1))
            if tail:
                out.setdefault(abbr, tail.group(0).strip())
    return out


def _keys(condition: str, abbreviations: dict[str, str]) -> set[str]:
    """A condition's keys, also with each abbreviation the section defines written out ("… in patients with
    AIDS" is the use "… Acquired Immune Deficiency Syndrome (AIDS)" states in full)."""
    written = re.sub(r"\b[A-Z][A-Za-z0-9+-]{1,10}\b",
                     lambda m: abbreviations.get(m.group(0), m.group(0)), re.sub(r"\s*\([^)]*\)", "", condition))
    return condition_keys(condition) | condition_keys(written)


# A form of a disease without the disease's name: "neonatal-onset deficiency", "late-onset disease".
_FORM_OF_BEFORE = re.compile(r"^(?:[\w-]+-onset|early-onset|late-onset|complete|partial)\s+(?:\w+\s+)?"
                             r"(?:disease|deficiency|disorder|form)\b", re.I)
# What was done before, in front of a condition: "previously untreated", "previously treated".
_TREATED_BEFORE = re.compile(r"^(?:previously\s+(?:un)?treated|untreated)\s+", re.I)


def _repair(uses: list[Use], names: re.Pattern[str] | None,
            abbreviations: dict[str, str] | None = None) -> list[Use]:
    """Uses whose condition fails a shape check (label/shape.py) are read again from their own text; a clause
    that continues the use before it ("have previously received …") joins that use; what still reads as no
    condition is dropped: the answer says less rather than list a heading or a sentence as a use."""
    out: list[Use] = []
    for use in uses:
        if out and _FORM_OF_BEFORE.match(use.condition):
            # "It is indicated in all patients with neonatal-onset deficiency …": a form of the condition named
            # before (no disease of its own), so its people join that use.
            out[-1] = _merge(out[-1], use)
            continue
        bare = _TREATED_BEFORE.sub("", use.condition)
        if bare != use.condition and condition_problem(use.condition, names) and not condition_problem(bare, names):
            use = use.model_copy(update={"condition": bare})  # "previously untreated advanced … lymphoma"
        if condition_problem(use.condition, names):
            better = condition_of(Fragment(use.sentence)) if use.sentence else ""
            if better and not condition_problem(better, names):
                use = use.model_copy(update={"condition": better})
            elif out and continues(use.sentence or use.condition):
                out[-1] = _merge(out[-1], use)
                continue
            else:
                continue
        p = use.population
        if _CHILDHOOD_CONDITION.search(use.condition) and p.min_age_years is not None and p.min_age_years < 18 \
                and not _ADULTS_SAID.search(use.sentence):
            # "Juvenile Rheumatoid Arthritis in patients 2 years and older": a disease of childhood, so the
            # patients are children, though "patients … and older" alone would take in adults (not so "in adults
            # and adolescents … with juvenile myoclonic epilepsy").
            use = use.model_copy(update={"population": p.model_copy(update={"adults": False, "children": True})})
        same = next((i for i, u in enumerate(out)
                     if _keys(u.condition, abbreviations or {}) & _keys(use.condition, abbreviations or {})),
                    None)
        if same is not None and (not use.heading or out[same].condition.lower() == use.condition.lower()):
            out[same] = _merge(out[same], use)
            continue
        out.append(use)
    return out


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_CHILDHOOD_CONDITION = quick_start(_CHILDHOOD_CONDITION)
_AIM_WORDS = quick_start(_AIM_WORDS)
