"""The EU part of `rxscoop audit`: shape checks over the uses read from every authorised medicine of the EMA
list that has indication text. What should never be there: conditions that are sentences, headings or
fragments (label/shape.py), conditions cut mid-phrase ("macular oedema secondary"), who the use is for left
in its condition ("treatment of adult patients with …"), an age the use's own text states but the use lacks,
"all age groups" / "from birth" not read as from birth, an age of 0 where the text gives a number, children-only
uses offered to adults, and rows whose text gave no use at all. Kinds are named "EU: …"."""

from __future__ import annotations

import re

from rxscoop.label.checks import children_only_offered_to_adults
from rxscoop.label.facts import digit_ages
from rxscoop.label.fragments import VACCINE_NAME
from rxscoop.label.shape import condition_problem
from rxscoop.pack.query import Pack

# A condition that ends in a word that needs its complement: "… oedema secondary", "… rejection resistant".
_DANGLING = re.compile(r"\b(?:secondary|due|associated|related|caused|induced|prior|following|resistant|according|"
                       r"compared|such|including|than)$", re.I)
_WHO = re.compile(r"\b(?:adults?|adolescents?|children|paediatric patients|pediatric patients|patients)\b", re.I)
# Childhood diseases and population-named headings are names, not people: "juvenile idiopathic arthritis",
# "paediatric-onset hypophosphatasia".
_NAMED_FOR_AGE = re.compile(r"\bjuvenile\b|\w-onset\b", re.I)
_AGE_WORDS = re.compile(r"\b(?:adults?|adolescents?|child(?:ren)?|paediatric|pediatric|infants?|neonates?|newborns?|"
                        r"all age groups|from birth|years? (?:of age|old|and older))\b", re.I)
_ALL_AGES = re.compile(r"\b(?:all age groups|from birth|of all ages|in any age range)\b", re.I)
_NUMBERED_AGE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:years?|months?|weeks?)\b", re.I)


# A vaccine's substance names the germ ("hepatitis b surface antigen", "sars-cov-2 recombinant spike protein"), and
# the germ names the disease its use prevents: its words are no sign of a sentence in the condition.
_ANTIGEN = re.compile(r"\b(?:virus|antigens?|toxoids?|vaccines?|strains?|serotypes?|serogroups?|polysaccharides?|"
                      r"proteins?|haemagglutinin|attenuated|inactivated)\b", re.I)


def _names(name: str, substance: str) -> re.Pattern[str] | None:
    names = [name] if _ANTIGEN.search(substance) else [name, substance]
    # (a vaccine's first name word is the disease it prevents, as label/fragments.names_pattern reads it)
    words = {w for n in names if n for w in (n, *([] if VACCINE_NAME.search(n) else [n.split()[0]])) if len(w) >= 4}
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b",
                      re.I) if words else None


def eu_problems(pack: Pack) -> tuple[int, int, dict[str, list[str]]]:
    """(medicines checked, uses checked, problem kind → examples "medicine: condition")."""
    found: dict[str, list[str]] = {}
    medicines = uses = 0

    def add(kind: str, example: str) -> None:
        found.setdefault(f"EU: {kind}", []).append(example[:200])

    for med in pack.eu_authorised_with_text():
        medicines += 1
        read = med.indications.uses if med.indications else []
        if not read:
            add("no use read from the indication text", f"{med.name}: {med.indication[:120]}")
            continue
        names = _names(med.name, med.substance)
        for use in read:
            uses += 1
            said = " ".join([use.sentence, *use.also])
            where = f"{med.name}: {use.condition}"
            problem = condition_problem(use.condition, names)
            if problem:
                add(f"garbled condition ({problem})", where)
            if _DANGLING.search(use.condition.strip(" ,")):
                add("condition cut mid-phrase", where)
            if _WHO.search(use.condition) and not _NAMED_FOR_AGE.search(use.condition):
                add("who the use is for left in its condition", where)
            p = use.population
            if p.min_age_years is None and _AGE_WORDS.search(said):
                add("age missing where its text states one", where)
            if p.min_age_years == 0 and _NUMBERED_AGE.search(digit_ages(said)) and not _ALL_AGES.search(said) \
                    and not re.search(r"\b0\s*(?:-|to)\s*\d", said):
                add("age 0 where its text gives a number", where)
            if children_only_offered_to_adults(p, said):
                add("children-only use offered to adults", where)
        if _ALL_AGES.search(med.indication) and not any(u.population.min_age_years == 0 for u in read):
            add("'all age groups' or 'from birth' not read as from birth", med.name)
    return medicines, uses, found
