"""US and EU side by side in the answer to "what is X used for".

Each use says where it is approved (US, EU or both) and, when who it is for differs, both ("US: adults and
children 12 years and older · EU: adults"); uses only one region approves are listed as such, each cited
to its own source; a medicine only the EU list holds is answered from it, marked EU. An EU medicine that is
withdrawn, refused or suspended is never presented as approved: the answer says its status and when.
Absence from the EMA list says nothing: it holds only medicines evaluated centrally, not those authorised
by one country."""

from __future__ import annotations

import re
from typing import Literal

from rxscoop.answer.citations import label_date
from rxscoop.answer.compose import DISCLAIMER
from rxscoop.answer.model import Answer, Citation, DrugRef, Source, Statement, UseItem
from rxscoop.answer.plainwords import cap, join_words, who_text
from rxscoop.answer.uses import plain_condition, short_name
from rxscoop.errors import BadQuestion
from rxscoop.label.eu_match import loosely_same, name_key, same_condition, substance_key
from rxscoop.label.model import Label, Use
from rxscoop.label.sections import section_title
from rxscoop.pack.eu import EuMedicine
from rxscoop.pack.query import Pack
from rxscoop.question.parse import Query

Region = Literal["us", "eu", "both"]
SECTION = "condition_indication"
SECTION_TITLE = section_title(SECTION)
NOT_LISTED = ("The EMA list in the pack (March 2023) holds only medicines evaluated centrally; a medicine not in "
              "it may still be authorised by single EU countries.")
_STATUS_WORDS = {"withdrawn": "was withdrawn", "refused": "was refused authorisation", "suspended": "is suspended",
                 "unknown": "has no stated authorisation status"}


def eu_id(med: EuMedicine) -> str:
    return f"EMA {med.product_number}"


def eu_text(pack: Pack, set_id: str) -> str | None:
    """The EU indication text as stored, for a citation's set id ("EMA <product number>")."""
    if not set_id.startswith("EMA "):
        return None
    med = pack.eu_by_product(set_id.removeprefix("EMA "))
    return med.indication if med is not None else None


def eu_cite(med: EuMedicine, quote: str) -> Citation:
    return Citation(drug=med.name, set_id=eu_id(med), section=SECTION, section_title=SECTION_TITLE,
                    effective_time=med.revision_date, source=med.source, quote=quote, region="EU", url=med.url)


# Fields of an EMA list row a statement may rest on besides the indication text; each is cited as itself.
FIELD_PREFIX = "ema."
_FIELDS = {"authorisation_status": "authorisation status", "revision_date": "revision date",
           "active_substance": "active substance"}


def _field_value(med: EuMedicine, field: str) -> str:
    value = {"authorisation_status": med.status, "revision_date": med.revision_date,
             "active_substance": med.substance}.get(field)
    return value or ""


def eu_field_cite(med: EuMedicine, field: str) -> Citation:
    """A citation of one field of the medicine's row ("authorisation status", "revision date"), quoting its value."""
    return Citation(drug=med.name, set_id=eu_id(med), section=f"{FIELD_PREFIX}{field}",
                    section_title=section_title(f"{FIELD_PREFIX}{field}"), effective_time=med.revision_date,
                    source=med.source, quote=_field_value(med, field), region="EU", url=med.url)


def eu_field(pack: Pack, set_id: str, section: str) -> str | None:
    """The value of a cited field of an EU medicine's row ("ema.revision_date"), as stored."""
    field = section.removeprefix(FIELD_PREFIX)
    if not set_id.startswith("EMA ") or field not in _FIELDS:
        return None
    med = pack.eu_by_product(set_id.removeprefix("EMA "))
    return _field_value(med, field) if med is not None else None


def status_date(med: EuMedicine) -> str | None:
    """When the status was decided: authorisation, refusal, or (withdrawn, suspended) the last decision."""
    if med.status == "authorised":
        return med.authorisation_date
    if med.status == "refused":
        return med.refusal_date or med.decision_date
    return med.decision_date


def eu_source(med: EuMedicine) -> Source:
    return Source(drug=med.name, set_id=eu_id(med), effective_time=med.revision_date, source=med.source,
                  sections=[SECTION_TITLE], region="EU", url=med.url, status=med.status, status_date=status_date(med))


def eu_medicines_for(label: Label, pack: Pack) -> list[EuMedicine]:
    """EU products of the label's medicine: the same active substance (a label without a generic name is
    taken by the medicine its text names, else by its title), or the same brand name; the one of the same
    brand first."""
    generic = label.generic_name or pack.ingredient_of(label) or label.title
    key = substance_key(generic)
    brand = name_key(label.brand_name or label.title)
    found = {m.product_number: m for m in (pack.eu_by_substance(key) if key else [])}
    for med in pack.eu_by_name(brand):
        found.setdefault(med.product_number, med)
    ordered = sorted(found.values(), key=lambda m: (not m.approved, name_key(m.name) != brand,
                                                    m.generic or m.biosimilar))
    return ordered


def named_eu_medicine(text: str, pack: Pack) -> EuMedicine | None:
    """An EU medicine whose whole name the question holds (the longest such name), else one whose active
    substance it names."""
    if not pack.has_eu():
        return None
    asked = f" {name_key(text)} "
    hits = [(key, row) for key, row in pack.eu_names if len(key) >= 4 and f" {key} " in asked]
    if not hits:  # the active substance named instead ("tocofersolan"): its first EU product
        for word in asked.split():
            found = pack.eu_by_substance(word) if len(word) >= 5 else []
            if found:
                return found[0]
        return None
    best = max(hits, key=lambda h: len(h[0]))[0]
    return pack.eu_by_name(best)[0]


def _merged_uses(med: EuMedicine) -> list[Use]:
    """The EU uses, one per condition: statements about one condition (adults; children) merged."""
    out: list[Use] = []
    for use in med.indications.uses if med.indications else []:
        same = next((u for u in out if same_condition(u, use)), None)
        if same is None:
            out.append(use.model_copy(deep=True))
            continue
        same.population = same.population.merged(use.population)
        if same.condition.lower() in use.condition.lower() and len(use.condition) > len(same.condition):
            # The statement that names more leads: "seizures associated with Dravet syndrome and Lennox-Gastaut
            # syndrome" over "seizures associated with Dravet syndrome" (each quoted by its own sentence).
            same.also.append(same.sentence)
            same.condition, same.sentence = use.condition, use.sentence
        else:
            same.also.append(use.sentence)
    return out


def _terms(condition: str) -> list[str]:
    """The EU text's words the statement relies on: the condition before any bracket, and each part of a
    condition extended by its therapeutic area ("bleeding in haemophilia A")."""
    return [t.strip() for t in condition.split("(")[0].split(" in ") if t.strip()]


def _eu_item(med: EuMedicine, use: Use) -> UseItem:
    plain = plain_condition(use.condition)
    who = who_text(use.population)
    head = f"{cap(plain)} ({use.condition.lower()})" if plain and not plain.lower().startswith(
        use.condition.lower()) else cap(plain or use.condition)
    text = f"{head}{': for ' + who if who else ''}. Approved in the EU ({med.name})."
    return UseItem(condition=use.condition, plain_name=plain, who=who, population=use.population,
                   severity=use.severity, prerequisites=use.prerequisites, role=use.role, benefit=use.benefit,
                   statement=Statement(text=text, citations=[eu_cite(med, q) for q in [use.sentence, *use.also] if q],
                                       terms=_terms(use.condition)),
                   codes=use.codes, regions=["EU"])


def _who_differs(us_who: str | None, eu_who: str | None) -> str | None:
    if (us_who or "") == (eu_who or ""):
        return None
    return f"US: {us_who or 'not stated'} · EU: {eu_who or 'not stated'}"


def _status_statement(med: EuMedicine) -> Statement:
    when = status_date(med)
    said = _STATUS_WORDS.get(med.status, f"is {med.status}")
    text = (f"EU: {med.name} ({med.substance}) {said}{' (' + when + ')' if when else ''}; its former EU uses are "
            "not presented as approved.")
    return Statement(text=text, citations=[eu_field_cite(med, "authorisation_status")])


def _dates_statement(label: Label | None, med: EuMedicine | None) -> Statement:
    parts = []
    citations: list[Citation] = []
    if label is not None:
        dated = label_date(label)
        parts.append(f"US uses are from the FDA label dated {dated}" if dated else
                     f"US uses are from the FDA label retrieved {label.retrieved_at or 'on an unstated date'}")
    if med is not None:
        parts.append(f"EU uses from the EMA list (EPAR revised {med.revision_date or 'on an unstated date'}; the list "
                     "is from March 2023)")
        citations.append(eu_field_cite(med, "revision_date"))
    text = "How current: " + "; ".join(parts) + ". Either may have changed since."
    return Statement(text=text, citations=citations)


def _others(meds: list[EuMedicine], primary: EuMedicine) -> Statement | None:
    rest = [m for m in meds if m.product_number != primary.product_number]
    if not rest:
        return None
    named = [f"{m.name}" + (" (biosimilar)" if m.biosimilar else " (generic)" if m.generic else "")
             + ("" if m.approved else f" ({m.status} {status_date(m) or ''})".replace(" )", ")")) for m in rest[:8]]
    more = f" and {len(rest) - 8} more" if len(rest) > 8 else ""
    return Statement(text=f"The same medicine ({primary.substance}) is also in the EU list as: "
                          f"{join_words(named)}{more}.",
                     citations=[eu_field_cite(m, "active_substance") for m in rest[:8]])


def _in_both(item: UseItem, eu: Use, primary: EuMedicine) -> None:
    """A US use the EU approves too: both regions, who differs, and the EPAR's words cited."""
    item.regions = ["US", "EU"]
    item.region_who = _who_differs(item.who, who_text(eu.population))
    item.statement.citations.extend(eu_cite(primary, q) for q in [eu.sentence, *eu.also] if q)


def add_regions(answer: Answer, label: Label, pack: Pack, region: Region = "both") -> Answer:
    """Mark each use of a US answer with where it is approved, add EU-only uses, status and dates."""
    if not pack.has_eu():
        return answer
    answer.region = region
    for source in answer.sources:
        source.region = source.region or "US"
    if region == "us":
        return answer
    meds = eu_medicines_for(label, pack)
    if not meds:  # nothing to compare: the answer covers the US alone, and says nothing of the EU
        answer.region = "us"
        if region == "eu":
            answer.uses, answer.status = [], "no_data"
            answer.message = (f"The EU data in the pack has no medicine of the same substance as {label.title}. "
                              f"{NOT_LISTED}")
        return answer
    # The EU product answered from: the same brand, else the first authorised; one whose row holds uses, since
    # a row without indication text (some have none) can say nothing about which uses the EU approves.
    first = next((m for m in meds if m.approved), meds[0])
    primary = next((m for m in meds if m.approved and m.indications and m.indications.uses), first)
    notes: list[Statement] = []
    if primary is not first and first.approved:
        notes.append(Statement(
            text=f"EU: {first.name}'s row in the EMA list holds no indication text; the EU uses below are from "
                 f"{primary.name}, the same medicine ({primary.substance}).",
            citations=[eu_field_cite(first, "active_substance")]))
    if primary.approved and not (primary.indications and primary.indications.uses):
        answer.regions = [*notes, Statement(
            text=f"EU: {primary.name} is authorised (since {primary.authorisation_date or 'an unstated date'}), but "
                 "its row in the EMA list holds no indication text rxscoop could read, so uses are not compared.",
            citations=[eu_field_cite(primary, "authorisation_status")])]
        answer.sources.append(eu_source(primary))
        return answer
    if not primary.approved:
        notes.append(_status_statement(primary))
        eu_uses: list[Use] = []
    else:
        eu_uses = _merged_uses(primary)
    paired: set[int] = set()
    for item in answer.uses:
        us_use = Use(condition=item.condition, sentence=item.statement.citations[0].quote if item.statement.citations
                     else item.condition)
        match = next((i for i, u in enumerate(eu_uses) if i not in paired and same_condition(us_use, u)), None)
        if match is None:
            item.regions = ["US"]
            continue
        paired.add(match)
        _in_both(item, eu_uses[match], primary)
    # A second chance for names the keys miss, closest pairs first (label/eu_match.py loosely_same).
    loose = sorted(((loosely_same(item.condition, u.condition), n, i)
                    for n, item in enumerate(answer.uses) if item.regions == ["US"]
                    for i, u in enumerate(eu_uses) if i not in paired), reverse=True)
    for score, n, i in loose:
        item = answer.uses[n]
        if score < 2 or i in paired or item.regions != ["US"]:
            continue
        paired.add(i)
        _in_both(item, eu_uses[i], primary)
    eu_only = [_eu_item(primary, u) for i, u in enumerate(eu_uses) if i not in paired]
    us_listed = bool(answer.uses)
    if answer.status == "no_data" and eu_only:
        # The US label in the pack cannot say what it is for; the EU data can, marked as EU.
        answer.status = "answered"
        for item in eu_only:
            item.region_who = "the US label in the pack does not list its uses"
        answer.summary = Statement(
            text=f"From the EU data: {primary.name} ({primary.substance}), the same medicine, is authorised in the "
                 f"EU for {len(eu_only)} use{'s' * (len(eu_only) != 1)}: "
                 f"{join_words([short_name(i) for i in eu_only])}.",
            citations=[eu_cite(primary, primary.indication[:300])])
    if region == "eu":  # the EU's own statements, marked where the US label approves the same use
        answer.uses = [_eu_item(primary, u) for u in eu_uses]
        for i, item in enumerate(answer.uses):
            item.regions = ["US", "EU"] if i in paired else ["EU"]
        names = [short_name(i) for i in answer.uses]
        answer.summary = Statement(
            text=f"In the EU, {primary.name} ({primary.substance}) is authorised for {len(names)} "
                 f"use{'s' * (len(names) != 1)}: {join_words(names)}.",
            citations=[eu_cite(primary, primary.indication[:300])])
    else:
        answer.uses.extend(eu_only)
    if primary.approved:
        both = sum(1 for i in answer.uses if i.regions == ["US", "EU"])
        us_only = [short_name(i) for i in answer.uses if i.regions == ["US"]]
        eu_names = [short_name(i) for i in eu_only]
        since = primary.authorisation_date or "an unstated date"
        text = f"EU: {primary.name} ({primary.substance}) is authorised (since {since})"
        if us_listed:
            text += f"; {both} use{'s' * (both != 1)} approved in both the US and the EU"
        if eu_names:
            text += f"; {'EU only' if us_listed else 'its EU uses'}: {join_words(eu_names)}"
        if us_only and region == "both":
            text += f"; US only: {join_words(us_only)}"
        notes.append(Statement(text=text + ".", citations=[
            eu_cite(primary, primary.indication[:300]) if primary.indication.strip()
            else eu_field_cite(primary, "authorisation_status")]))
    other = _others(meds, primary)
    if other:
        notes.append(other)
    notes.append(_dates_statement(label if region == "both" else None, primary))
    answer.regions = notes
    answer.sources.append(eu_source(primary))
    return answer


def compose_eu_only(query: Query, med: EuMedicine, pack: Pack, region: Region = "both") -> Answer:
    """A medicine the EU list holds and no US label does: answered from the EU list, marked EU."""
    drug = DrugRef(title=med.name, generic_name=med.substance, set_id=eu_id(med), matched=query.matched or med.name)
    base = Answer(question=query.text, status="answered", drug=drug, region=region, disclaimer=DISCLAIMER.replace(
        "from the FDA label", "from the FDA label or the EMA's EU product information"), sources=[eu_source(med)])
    if region == "us":
        base.status, base.message = "no_data", (f"{med.name} is in the EU data only; the pack has no US label of "
                                                f"{med.substance}. Ask with region EU or both.")
        return base
    if not med.approved:
        base.status = "no_data"
        base.regions = [_status_statement(med), _dates_statement(None, med)]
        base.message = base.regions[0].text
        return base
    items = [_eu_item(med, u) for u in _merged_uses(med)]
    if not items:
        base.status, base.message = "no_data", f"No use could be read from the EU text for {med.name}."
        return base
    names = [short_name(i) for i in items]
    base.uses = items
    base.summary = Statement(
        text=f"{med.name} ({med.substance}) is in the EU data only (no US label in the pack). In the EU it is "
             f"authorised for {len(items)} use{'s' * (len(items) != 1)}: {join_words(names)}.",
        citations=[eu_cite(med, med.indication[:300])])
    base.regions = [s for s in (Statement(text=f"EU: {med.name} is authorised (since "
                                               f"{med.authorisation_date or 'an unstated date'}). {NOT_LISTED_US}",
                                          citations=[eu_field_cite(med, "authorisation_status")]),
                                _others(pack.eu_by_substance(med.substance_key) if med.substance_key else [med], med),
                                _dates_statement(None, med)) if s]
    return base


NOT_LISTED_US = "No US label of this medicine is in the pack, which says nothing about whether the FDA approved it."


def wants_eu_only(query: Query, pack: Pack) -> EuMedicine | None:
    """The EU medicine to answer from alone: the question names one, and names no US label (or only by a
    loose spelling match) of the same substance."""
    if (query.label is not None and query.exact) or query.resolution_status == "ambiguous":
        return None
    med = named_eu_medicine(query.text, pack)
    if med is None:
        return None
    if query.label is not None:
        label = pack.label(query.label)
        if substance_key(label.generic_name or pack.ingredient_of(label)) == med.substance_key:
            return None  # the loose match found the same medicine: the US answer with EU beside it
    return med


def clean_region(value: str | None) -> Region:
    value = (value or "both").strip().lower()
    if not re.fullmatch(r"us|eu|both", value):
        raise BadQuestion(f"region must be us, eu or both, not “{value[:20]}”")
    return value  # type: ignore[return-value]
