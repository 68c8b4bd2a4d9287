"""Small readers of facts inside one indication's text: who, how severe, what must have failed first,
the drug's role, and what it helps with. Each returns the label's own words (or numbers read from them).
"""

from __future__ import annotations

import re

from rxscoop.data import alternation, rows
from rxscoop.label.model import Population
from rxscoop.label.starts import quick_start
from rxscoop.label.text import add_unique

_UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365}
_AGE_UNIT = r"(years?|months?|weeks?|days?)"
# "aged 6 months and older", "2 years of age and older", "12 years or older", "6 years and above"
_AGE_MIN = re.compile(
    rf"(\d+(?:\.\d+)?)\s*{_AGE_UNIT}\s*(?:of\s+age\s*|old\s*)?(?:and|or)\s*(?:older|above|over|greater)", re.I
)
# "greater than 6 years old", "older than 12 years", "at least 2 years of age"
# … never a time since an event or a duration: "at least 6 months post kidney transplant", "for at least 3 months",
# "after at least 5 days of initial parenteral anticoagulation treatment".
_AGE_ABOVE = re.compile(rf"(?<!for )(?<!lasting )(?<!after )(?<!following )"
                        rf"(?:greater than|older than|at least|≥|(?<=aged )(?:above|over)|"
                        rf"(?:above|over)(?=\s*\d+(?:\.\d+)?\s*(?:years?|months?)\s+(?:of\s+age|old)\b))\s*"
                        rf"(\d+(?:\.\d+)?)\s*{_AGE_UNIT}\b(?!\s+(?:post|after|since|following|from|beyond|of\s+"
                        rf"(?!age\b)(?:[\w-]+\s+){{0,2}}(?:treatment|therapy|anticoagulation))\b)", re.I)
# "6 to 11 years of age", "12 to 17 years", "8 to less than 18 years"
_AGE_RANGE = re.compile(rf"(\d+(?:\.\d+)?)\s*(?:to|-|–|through)\s*(?:less than\s*|under\s*|<\s*)?(\d+(?:\.\d+)?)\s*"
                        rf"{_AGE_UNIT}", re.I)
# A range in months, weeks or days is an age only as one: "infants 1 to 12 months", "… 2 to 6 months of age";
# "4 to 12 weeks of symptomatic … reflux" is how long.
_AGE_AFTER = re.compile(r"\s+(?:of\s+age|old)\b", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged|ages?|patients|infants|children|neonates|newborns)\s*\(?$", re.I)
_WORD_NUMBERS = {w: str(i) for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"))}
# Safety and efficacy "not established / not demonstrated" below an age: the use starts at that age.
_NOT_UNDER = re.compile(
    r"\bnot (?:been )?(?:established|demonstrated)\s+in\s+(?:pediatric\s+)?patients\s+(?:under|younger than|less than|"
    rf"below)\s+(?:the\s+)?(?:age\s+of\s+)?(\d{{1,2}}|{'|'.join(_WORD_NUMBERS)})\s+years", re.I)
# "Adolescents (ages 12–17)": a range whose unit (years) goes without saying.
_AGES_BARE = re.compile(r"\bages?\s+(\d{1,2})\s*(?:to|-|–|through)\s*(\d{1,2})\b(?!\s*(?:months?|weeks?|days?))", re.I)
# "from 4 years of age", "from the age of 6 weeks", "children (from two years of age)": the age a use starts at
# (never a time since an event: "from 6 months after transplantation", "from 7 days until less than 6 months").
_AGE_FROM = re.compile(r"\bfrom\s+(?:the\s+age\s+of\s+)?(\d+(?:\.\d+)?)\s*(years?|months?|weeks?|days?)\b"
                       r"(?!\s+(?:post|after|since|following|beyond|until)\b)(?!\s*(?:to|up to|-|–)\s*\d)", re.I)
# "from 24 months to less than 18 years of age", "aged from 3 years up to 18 years", "6 weeks to 5 years":
# a span whose ends may have units of their own.
_AGE_SPAN = re.compile(r"(\d+(?:\.\d+)?)\s*(years?|months?|weeks?)\s*(?:of\s+age\s*)?(?:up\s+)?to\s*"
                       r"(?:less than|under|below|<)?\s*(\d+(?:\.\d+)?)\s*(years?|months?|weeks?)", re.I)
# "can be used for all age groups", "patients of all ages", "(in any age range)": from birth, adults too.
_ALL_AGES = re.compile(r"\b(?:all age groups|(?:patients|people|persons|individuals) of all ages|in any age range|"
                       r"of any age)\b", re.I)
_NUMBER_WORD_AGE = re.compile(r"\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                              r"fourteen|fifteen|sixteen|seventeen|eighteen)(?=[\s-]+(?:years?|months?|weeks?|days?)\b|\s+to\s+\d)",
                              re.I)
_WEIGHT = re.compile(r"weigh(?:ing|s)?\s*(?:at least|≥|more than|greater than)\s*(\d+(?:\.\d+)?)\s*kg", re.I)


def age_group_words(*groups: str) -> str:
    """The words of these age groups (adult, child, adolescent: data/age_group_words.csv) as one alternation."""
    return "|".join(re.escape(r["word"]) for r in rows("age_group_words.csv") if r["group"] in groups)


# "women" and "men" in an indication are adults ("postmenopausal women", "genital herpes in men").
_ADULTS = re.compile(rf"\b(?:{age_group_words('adult')})\b", re.I)
# "Child" of "Child-Pugh A" (a liver score, named after a surgeon) is nobody's age.
_FROM_BIRTH = re.compile(rf"\b(?:{age_group_words('child')})\b(?!-(?:Pugh|Turcotte))", re.I)
_CHILDREN = re.compile(rf"\b(?:{age_group_words('child', 'adolescent')})\b(?!-(?:Pugh|Turcotte))", re.I)


def _years(value: str, unit: str) -> float:
    return round(float(value) * _UNIT_YEARS[unit.lower().rstrip("s")], 2)


def digit_ages(text: str) -> str:
    """Ages written in words as digits: "from three months" → "from 3 months", "six to 17 years" → "6 to 17 years"."""
    return _NUMBER_WORD_AGE.sub(lambda m: _WORD_NUMBERS[m.group(1).lower()], text)


def all_ages(text: str) -> bool:
    """The text says the use is for every age ("all age groups", "patients of all ages")."""
    return bool(_ALL_AGES.search(text))


def not_established_below(text: str) -> tuple[float, str] | None:
    """The age below which a section says safety and efficacy are not established, with the sentence that
    says it ("Safety and efficacy have not been demonstrated in patients under the age of six years")."""
    found = _NOT_UNDER.search(text)
    if not found:
        return None
    start = max(text.rfind(". ", 0, found.start()) + 2, 0) if text.rfind(". ", 0, found.start()) >= 0 else 0
    end = text.find(". ", found.end())
    value = found.group(1).lower()
    return float(_WORD_NUMBERS.get(value, value)), text[start: end + 1 if end >= 0 else len(text)].strip()


def age_words(years: int) -> list[str]:
    """How a label may write a whole number of years: "6", "six"."""
    word = next((w for w, n in _WORD_NUMBERS.items() if n == str(years)), None)
    return [str(years), word] if word else [str(years)]


_OR_WHO = re.compile(r",?\s+or\s+(?:who|whose|with|have|has)\b", re.I)


def population_of(text: str) -> Population:
    """Who the text says the use is for."""
    text = digit_ages(text)  # "three years" → "3 years"
    # "adults 75 years or older, or who have comorbidities …": the age is one way in, not a lower bound.
    ages = [_years(m.group(1), m.group(2)) for m in _AGE_MIN.finditer(text) if not _OR_WHO.match(text, m.end())]
    ages += [_years(m.group(1), m.group(2)) for m in _AGE_FROM.finditer(text)]
    ages += [_years(m.group(1), m.group(2)) for m in _AGE_ABOVE.finditer(text)]
    top: float | None = None
    for m in _AGE_RANGE.finditer(text):
        if not m.group(3).lower().startswith("year") and not (
                _AGE_AFTER.match(text, m.end()) or _AGE_BEFORE.search(text[max(0, m.start() - 16):m.start()])):
            continue
        ages.append(_years(m.group(1), m.group(3)))
        top = max(top or 0, _years(m.group(2), m.group(3)))
    for m in _AGE_SPAN.finditer(text):
        if not _AGE_RANGE.match(text, m.start()):  # "6 to 11 years" is read above
            ages.append(_years(m.group(1), m.group(2)))
            top = max(top or 0, _years(m.group(3), m.group(4)))
    all_ages = bool(_ALL_AGES.search(text))
    if all_ages:
        ages.append(0.0)
    for m in _NOT_UNDER.finditer(text):  # "not been demonstrated in patients under the age of six years"
        value = m.group(1).lower()
        ages.append(float(_WORD_NUMBERS.get(value, value)))
    for m in _AGES_BARE.finditer(text):
        ages.append(float(m.group(1)))
        top = max(top or 0, float(m.group(2)))
    adults = bool(_ADULTS.search(text)) or all_ages
    named_children = bool(_CHILDREN.search(text))
    children = named_children or any(a < 18 for a in ages)
    weights = [float(m.group(1)) for m in _WEIGHT.finditer(text)]
    # Children named with no age ("adult and pediatric patients", "neonates") means from birth.
    from_birth = bool(_FROM_BIRTH.search(text))  # "pediatric patients", "children", "neonates"; not "adolescents"
    min_age = min(ages) if ages else (18.0 if adults and not children else 0.0 if from_birth else None)
    # "patients 6 months and older" takes in adults; "pediatric patients (6 months of age and older)" does not.
    return Population(
        # ("individuals 18 to 50 years of age" are adults)
        adults=adults or (bool(ages) and ((top is None and min(ages) < 18 and not named_children) or min(ages) >= 18)),
        children=children,
        min_age_years=min_age,
        max_age_years=top if top and not adults else None,
        min_weight_kg=min(weights) if weights else None,
    )


_SEVERITY = re.compile(
    r"\b(?:refractory,?\s+)?(?:(?:mild|moderate|severe|moderately|mildly|severely)"
    r"(?:\s*(?:to|-to-|-|or)\s*(?:moderate|severe|moderately|severely))?(?:\s+active)?)\b",
    re.I,
)
# As a fact about the disease: "moderately emetogenic chemotherapy" says how strong the chemotherapy is.
_SEVERITY_OF_DISEASE = re.compile(rf"{_SEVERITY.pattern}(?!\s+\w*genic\b)", re.I)


def severity_of(text: str) -> str | None:
    """The severity words ("moderate-to-severe", "moderately to severely active")."""
    match = _SEVERITY_OF_DISEASE.search(text)
    return match.group(0) if match else None


def without_severity(text: str) -> str:
    """The text without its severity words."""
    return _SPACES.sub(" ", _SEVERITY.sub("", text)).strip(" ,")


# What must be true or have failed first, up to the end of its sentence part: data/prerequisite_words.txt.
_PREREQ = re.compile(rf"\b(?:{alternation('prerequisite_words.txt')})\b[^.;]*", re.I)


def prerequisites_of(text: str) -> list[str]:
    """What must be true or have failed first, as whole clauses in the label's words."""
    found: list[str] = []
    for match in _PREREQ.finditer(text):
        add_unique(found, match.group(0).strip(" ,"))
    return found


_ROLE = re.compile(
    r"\b(?:as an? )?(?:add-on maintenance treatment|maintenance treatment|add-on (?:therapy|treatment)|"
    r"adjunct(?:ive)? (?:therapy|treatment)|(?:as )?an adjunct to [a-z ,]+?(?= to | in | for |\.|,|$)|"
    r"replacement therapy|"
    # "in combination with doxorubicin, vinblastine, and dacarbazine": the whole list of partners
    r"in combination with [A-Za-z()-]+(?:\s+[A-Za-z()-]+){0,3}?"
    r"(?:,\s+(?:and\s+|or\s+)?[A-Za-z()-]+(?:\s+[A-Za-z()-]+){0,3}?|\s+(?:and|or)\s+[A-Za-z()-]+){0,6}"
    r"(?=[.:;]|,?\s+(?:is|for|in|who|as|after|or)\b|,|$)|"
    r"short-term (?:treatment|administration)|topical (?:short-term )?(?:and non-continuous chronic )?treatment)",
    re.I,
)


def role_of(text: str) -> str | None:
    match = _ROLE.search(text)
    if not match:
        return None
    role = re.sub(r"^as an? ", "", match.group(0), flags=re.I).strip(" ,")
    # A heading's capitals ("in Combination with Chemotherapy") are no part of the words.
    return re.sub(r"\b[A-Z][a-z]+\b", lambda m: m.group(0).lower(), role[0].lower() + role[1:])


_BENEFIT = re.compile(
    r"^(?:(?:reducing|inducing|improving|inhibiting|maintaining|eliminating|reduction|relief|"
    r"prevention|prophylaxis)\b.+?)(?=\s+in\s+(?:adults?|pediatric|patients|children)\b|\s+of\s+"
    r"(?:moderately|severely|active)|\.\s|$)"
    r"|\bto (?:improve|lower|reduce|prevent|relieve|treat|decrease|control)\b.+?"
    r"(?=\s+in\s+(?:adults?|pediatric|patients|children)\b|\.\s|\.$|$)"
    r"|\b(?:reduce|reduction (?:of|in)) the risk of\b.+?(?=\s+in\s+(?:adults?|patients)\b|\.|$)",
    re.I,
)


def benefit_of(text: str) -> str | None:
    """What the use does, in the label's words: "reducing signs and symptoms …", "to improve glycemic
    control"."""
    match = _BENEFIT.search(text.strip())
    if not match:
        return None
    benefit = match.group(0).strip(" ,.")
    return benefit[0].lower() + benefit[1:] if benefit else None


def condition_keys(condition: str) -> set[str]:
    """The keys of a condition, long and short: "human immunodeficiency virus (HIV-1) infection" is also
    "HIV-1 infection" when the abbreviation's letters are the initials of the words before it."""
    keys = {condition_key(condition)}
    found = re.search(r"\(([A-Z][A-Za-z0-9-]{1,10})\)", condition)
    if found:
        letters = re.sub(r"[^a-z]", "", found.group(1).lower())
        words = condition[: found.start()].split()
        if letters and len(words) >= len(letters) and "".join(
                w[0].lower() for w in words[-len(letters):]) == letters:
            short = " ".join([*words[: -len(letters)], found.group(1)]) + condition[found.end():]
            keys.add(condition_key(short))
    return keys


# Words that make no other condition of the same disease (compiled once: condition_key runs for every pair of uses).
_NOT_ANOTHER_CONDITION = (
    # where the disease stands: "relapsed or refractory X" and "X" are one use
    re.compile(r"\b(?:(?:relapsed|refractory|recurrent)(?:\s+(?:and/or|or|and)\s+(?:relapsed|refractory|recurrent))?|"
               r"previously (?:un)?treated|newly[- ]diagnosed)\b"),
    # how long it is used for: "substituted, short-term, for …" / "substituted, as short-term use, for …"
    re.compile(r"\b(?:as\s+)?(?:short|long)[- ]term(?:\s+use)?\b"),
    # its stage or risk group: "Stage III or IV classical Hodgkin lymphoma", "Stage B2-C prostatic carcinoma",
    # "high risk classical Hodgkin lymphoma" are stages of one disease
    re.compile(r"\bstages?\s+[a-d0-4iv]{1,3}\d?(?:\s*(?:-|–|or|and|to)\s*[a-d0-4iv]{1,3}\d?)?\b|"
               r"^(?:i{1,3}|iv)(?:\s*(?:or|and|to|-)\s*(?:i{1,3}|iv))?\b|\bhigh[- ]risk\b"),
    # how far it has spread: "unresectable locally advanced or metastatic cholangiocarcinoma"
    re.compile(r"\b(?:unresectable|locally advanced|advanced|metastatic)(?:,?\s+(?:and/or|or|and)\s+"
               r"(?:unresectable|locally advanced|advanced|metastatic))*\b"),
)


def condition_key(condition: str) -> str:
    """A key for "the same condition" across a label's highlights and subsections."""
    key = condition.lower()
    key = _BRACKETED.sub(" ", key)
    key = without_severity(key)
    key = _NOT_KEY_WORDS.sub(" ", key)
    for words in _NOT_ANOTHER_CONDITION:
        key = words.sub(" ", key)
    return _NOT_KEY_CHARS.sub(" ", key).strip()


# condition_key's and without_severity's patterns, compiled once (each runs thousands of times a build).
_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"\([^)]*\)")
_NOT_KEY_WORDS = re.compile(r"\b(?:pediatric|adult|active|chronic|the|of|in)\b")
_NOT_KEY_CHARS = re.compile(r"[^a-z0-9]+")


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_AGE_BEFORE = quick_start(_AGE_BEFORE)
_ALL_AGES = quick_start(_ALL_AGES)
_NUMBER_WORD_AGE = quick_start(_NUMBER_WORD_AGE)
_ADULTS = quick_start(_ADULTS)
_FROM_BIRTH = quick_start(_FROM_BIRTH)
_CHILDREN = quick_start(_CHILDREN)
_SEVERITY = quick_start(_SEVERITY)
_SEVERITY_OF_DISEASE = quick_start(_SEVERITY_OF_DISEASE)
_PREREQ = quick_start(_PREREQ)
_ROLE = quick_start(_ROLE)
_BENEFIT = quick_start(_BENEFIT)
_NOT_UNDER = quick_start(_NOT_UNDER)
_AGE_FROM = quick_start(_AGE_FROM)
