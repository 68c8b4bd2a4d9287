"""Claim checks: is each fact the reader derived supported by its own quote, in the right sense?

Independent of the readers that found the facts: a check re-reads the quote. A fact that fails is dropped
at build (the answer says less), and `rxscoop audit` runs the same checks over a whole pack.

- how often: the quote states a dose and the frequency words, and the lasting part of the sentence is not a
  titration step, a limit, a total daily dose or a phase ("once a day" needs more than "daily dose");
- route: the quote names the route;
- kind of medicine: the class is a class, and its words are in the quote;
- age: the quote holds the age (its number, "adult" for 18, a word for children when from birth);
- severity: the quote holds the severity words;
- benefit: prose that holds the benefit's words, never table text;
- course: the quote states a duration or long-term use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from rxscoop.label.dosing import COURSE, DOSE, FREQUENCY, NOT_SCHEDULE, SPECIAL_POPULATION, THEN
from rxscoop.label.facts import age_group_words, age_words, all_ages, digit_ages
from rxscoop.label.model import Details, Fact, Indications, Population, Schedule, Use
from rxscoop.label.routes import FORMS
from rxscoop.label.shape import is_table_text
from rxscoop.plain.classes import class_key, is_class
from rxscoop.plain.routes import route_for

# The age-group words (data/age_group_words.csv), and "juvenile", which names a disease of childhood.
_CHILD_WORDS = re.compile(rf"\b(?:{age_group_words('child', 'adolescent')}|juvenile)\b(?!-(?:Pugh|Turcotte))", re.I)
_ADULT_WORDS = re.compile(rf"\b(?:{age_group_words('adult')})\b", re.I)


@dataclass
class Failures:
    """Facts dropped by a check: kind → examples ("label: fact")."""

    by_kind: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, example: str) -> None:
        self.by_kind.setdefault(kind, []).append(example[:160])

    def counts(self) -> dict[str, int]:
        return {kind: len(examples) for kind, examples in sorted(self.by_kind.items())}


def frequency_supported(schedule: Schedule) -> bool:
    quote = schedule.quote
    if not schedule.said or schedule.said[0].lower() not in quote.lower() or not DOSE.search(quote):
        return False
    then = THEN.search(quote)
    lasting = quote[then.end():] if then else quote
    return not NOT_SCHEDULE.search(lasting) and not SPECIAL_POPULATION.search(quote) and bool(FREQUENCY.search(quote))


def route_supported(fact: Fact) -> bool:
    route = route_for(fact.text)
    if route is None:
        return False
    if route.pattern.search(fact.quote):
        return True
    # Product forms whose route goes without saying (tablets are taken by mouth).
    return any(key == route.key and pattern.search(fact.quote) for pattern, key in FORMS)


def class_supported(drug_class: str | None, quote: str | None) -> bool:
    if not drug_class:
        return True
    return bool(quote) and is_class(drug_class) and class_key(drug_class) in class_key(quote or "")


def age_supported(population: Population, quote: str) -> bool:
    age = population.min_age_years
    if age is None:
        return True
    if age >= 18:
        return bool(_ADULT_WORDS.search(quote)) or bool(re.search(rf"\b{round(age)}\b", quote))
    if age == 0:
        return bool(_CHILD_WORDS.search(quote)) or all_ages(quote)
    quote = digit_ages(quote)
    months, weeks, years = round(age * 12), round(age * 52), "|".join(age_words(round(age)))
    # Ages are kept in years to two decimals (± 0.005 years, ± 1.8 days): 14 days is 0.04 years, which is 14.6 days
    # again; 28 days is 0.08 years, which is 29.2 days. Any day count that rounds to the age counts.
    days = "|".join(str(d) for d in range(int((age - 0.005) * 365), int((age + 0.005) * 365) + 2))
    if re.search(rf"\b(?:{weeks}\s*(?:weeks?|-week)|(?:{days})\s*(?:days?|-day))", quote, re.I):  # "4 weeks of age"
        return True
    # "6 years", "6-year", "ages 6", "six years", and a range that starts there: "6 to 11 years old", "8 to less
    # than 18 years", "6 to 24 weeks"
    to = r"\s*(?:to|-|–)\s*(?:less than\s*|under\s*|<\s*)?\d+\s*"
    return bool(re.search(rf"\b(?:{months}\s*(?:months?|-month)|(?:{years})\s*(?:years?|-year)|ages?\s+(?:{years})\b|"
                          rf"(?:{years}){to}years?|{months}{to}months?|{weeks}{to}weeks?)",
                          quote, re.I)) or (age == 1 and "1 year" in quote)


def children_only_offered_to_adults(population: Population, quote: str) -> bool:
    """The quote speaks of children only (no adults), yet the use is offered to adults."""
    return population.adults and bool(_CHILD_WORDS.search(quote)) and not _ADULT_WORDS.search(quote) and not (
        re.search(r"\b(?:patients|people)\s+(?:aged\s+)?\d+[^.;]{0,30}\b(?:and|or)\s+older\b", quote, re.I))


def benefit_supported(benefit: str | None, quote: str) -> bool:
    if not benefit:
        return True
    head = " ".join(benefit.split()[:3]).lower()
    return head in quote.lower() and not is_table_text(quote)


def check_indications(ind: Indications, label: str, failures: Failures) -> Indications:
    """The indications with unsupported facts taken out (the use stays; its unsupported facts go)."""
    uses: list[Use] = []
    for use in ind.uses:
        quote = " ".join(x for x in (use.heading or "", use.sentence, *use.also) if x)
        update: dict[str, object] = {}
        population = use.population
        if not age_supported(population, quote):
            failures.add("age not in its quote", f"{label}: {use.condition} {population.min_age_years}")
            population = population.model_copy(update={"min_age_years": None})
        if children_only_offered_to_adults(population, quote):
            failures.add("children-only use offered to adults", f"{label}: {use.condition}")
            population = population.model_copy(update={"adults": False, "children": True})
        if population.max_age_years is not None and population.min_age_years is not None and (
                population.max_age_years < population.min_age_years):
            failures.add("contradictory ages", f"{label}: {use.condition}")
            population = population.model_copy(update={"max_age_years": None})
        update["population"] = population
        if use.severity and use.severity.lower() not in quote.lower():
            failures.add("severity not in its quote", f"{label}: {use.condition} {use.severity}")
            update["severity"] = None
        if not benefit_supported(use.benefit, quote):
            failures.add("benefit not supported", f"{label}: {use.benefit}")
            update["benefit"] = None
        uses.append(use.model_copy(update=update))
    update_ind: dict[str, object] = {"uses": uses}
    if not class_supported(ind.drug_class, ind.drug_class_quote):
        failures.add("kind of medicine not backed", f"{label}: {ind.drug_class}")
        update_ind.update(drug_class=None, drug_class_quote=None)
    return ind.model_copy(update=update_ind)


T = TypeVar("T")


def _keep(items: list[T], supported: Callable[[T], bool], kind: str, show: Callable[[T], str], label: str,
          failures: Failures) -> list[T]:
    kept = []
    for item in items:
        if supported(item):
            kept.append(item)
        else:
            failures.add(kind, f"{label}: {show(item)}")
    return kept


def check_details(details: Details, label: str, failures: Failures) -> Details:
    """The details with unsupported facts taken out."""
    schedules = _keep(details.schedules, frequency_supported, "how often not supported",
                      lambda s: f"{s.frequencies} ← {s.quote[:80]}", label, failures)
    routes = _keep(details.routes, route_supported, "route not in its quote",
                   lambda f: f"{f.text} ← {f.quote[:80]}", label, failures)
    benefits = _keep(details.benefits, lambda f: not is_table_text(f.quote), "table text as a benefit",
                     lambda f: f.quote[:80], label, failures)
    course = details.course
    if course and not COURSE.search(course.quote):
        failures.add("course not supported", f"{label}: {course.text}")
        course = None
    return details.model_copy(update={"schedules": schedules, "routes": routes, "benefits": benefits,
                                      "course": course})
