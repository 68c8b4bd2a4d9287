"""Query + pack → Answer for "what is X used for". Each section is built by its own module from label
facts; this module puts them in the order a reader wants them."""

from __future__ import annotations

from collections import Counter

from rxscoop.answer.cautions import cautions
from rxscoop.answer.citations import cite, display_name, drug_ref, label_date
from rxscoop.answer.form import form_and_setting, usual_frequency
from rxscoop.answer.frames import asked_review_condition
from rxscoop.answer.how import drug_class, how_it_works
from rxscoop.answer.model import Answer, Citation, PatientVoices, Profile, Source, Statement, UseItem
from rxscoop.answer.patients import about, reviews_for, summarize
from rxscoop.answer.plainwords import article, cap, in_running_text, join_words
from rxscoop.answer.scoop import class_statement, kind_statement, situation_statement
from rxscoop.answer.uses import short_name, use_item
from rxscoop.label.model import Label
from rxscoop.label.sections import section_title
from rxscoop.pack.query import Pack, ReviewRow
from rxscoop.plain.mechanisms import mechanism_for
from rxscoop.question.focus import condition_focus
from rxscoop.question.parse import Query

REVIEW_SOURCES = "UCI Drug Review Dataset (Drugs.com and Druglib.com reviews; Gräßer et al. 2018, CC BY 4.0)"
DISCLAIMER = (
    "This is general information from the FDA label, not medical advice. "
    "Talk to your doctor or pharmacist about your own situation."
)


def _summary(label: Label, items: list[UseItem], class_text: str | None) -> Statement:
    unique = list(dict.fromkeys(short_name(item) for item in items))
    count = len(items)
    shown = unique[:6] + ([f"{len(unique) - 6} more"] if len(unique) > 6 else [])
    uses = join_words(shown)
    groups = Counter(item.group for item in items if item.group)
    if groups:  # "23 approved uses in 4 groups: endocrine disorders (4), …"
        uses = f"in {len(groups)} groups: " + join_words([f"{g.lower()} ({n})" for g, n in groups.items()])
    name = cap(display_name(label))
    plural = "s" * (count != 1)
    if class_text:
        text = (f"{name} is {article(class_text)} {class_text}. "
                f"Its FDA label lists {count} approved use{plural}{'' if groups else ':'} {uses}.")
    else:
        text = f"{name}: its FDA label lists {count} approved use{plural}{'' if groups else ':'} {uses}."
    quote = (label.indications.drug_class_quote if label.indications and class_text
             and label.indications.drug_class_quote else items[0].statement.citations[0].quote) or ""
    return Statement(text=text, citations=[cite(label, "indications_and_usage", quote)],
                     terms=[class_text] if class_text else [])


def _follow_up(label: Label, items: list[UseItem]) -> str | None:
    if len(items) < 2:
        return None
    examples = [f"“{label.title.lower()} for {in_running_text(item.condition)}”" for item in items[:2]]
    return (
        "Want more on one of these? Ask about one condition, for example "
        f"{examples[0]} or {examples[1]}, and I'll tailor the answer to it."
    )


def sources_of(label: Label, answer: Answer) -> list[Source]:
    sections = list(dict.fromkeys(
        c.section_title for s in answer.statements() for c in s.citations if c.set_id == label.set_id))
    return [Source(drug=label.title, set_id=label.set_id, effective_time=label_date(label),
                   retrieved_at=label.retrieved_at, source=label.source, complete=label.complete,
                   sections=sections)]


def compose_uses(query: Query, label: Label, pack: Pack, whole: bool = True, patients: bool = True) -> Answer:
    """The answer to "what is X used for": with whole=False only the summary and uses (the frame of a
    focused answer), and what patients say only when `patients`."""
    indications = label.indications
    condition = condition_focus(query.text, indications.uses if indications else [], query.matched)
    if not indications or not indications.uses:
        have = [section_title(s) for s in pack.section_names(label.id)]
        medicine = pack.ingredient_of(label)
        fullest = pack.fullest_label_of(medicine, other_than=label.id) if medicine else None
        if fullest is not None:
            # A partial label (a brand with its adverse reactions only): answer from the fullest label of
            # the same medicine, and say so, with that label's date and set id.
            full = pack.label(fullest)
            answer = compose_uses(query, full, pack, whole, patients=False)
            if patients:  # what patients say about the brand asked for, else about the medicine
                own = _patients(label, pack, query, answer.condition)
                answer.patients = own if own.reviews else _patients(full, pack, query, answer.condition)
            date = label_date(full) or "date not given"
            answer.message = (
                f"The label for {label.title} in the pack holds only: {', '.join(have) or 'no sections'}. "
                f"This answer is from the label of {full.title} ({date}, set id {full.set_id}), a label of the "
                f"same medicine ({medicine}).")
            return answer
        return Answer(
            question=query.text, status="no_data", drug=drug_ref(label, query),
            sources=[Source(drug=label.title, set_id=label.set_id, effective_time=label_date(label),
                            retrieved_at=label.retrieved_at, source=label.source, complete=label.complete,
                            sections=have)],
            message=(f"The pack has a label for {label.title}, but not its Indications and Usage section, "
                     f"so it can't say what {label.title} is approved for. "
                     f"Sections it has: {', '.join(have) or 'none'}. No other label in the pack is known to be of "
                     "the same medicine."),
            condition=condition,
            patients=_patients(label, pack, query, condition) if patients else None,
            disclaimer=DISCLAIMER,
        )
    details = label.details
    items = [use_item(label, use, details) for use in indications.uses]
    headings = [use.heading for use in indications.uses]
    if all(headings) and 2 <= len(set(headings)) < len(headings):  # the label groups its uses
        for item, heading in zip(items, headings, strict=True):
            item.group = heading
    answer = Answer(
        question=query.text,
        status="answered",
        drug=drug_ref(label, query),
        condition=condition,
        summary=_summary(label, items, indications.drug_class),
        uses=items,
        patients=_patients(label, pack, query, condition) if patients else None,
        disclaimer=DISCLAIMER,
    )
    if whole:
        class_text, class_cite = drug_class(label, details)
        mechanism = mechanism_for(class_text)
        answer.scoop = [s for s in (kind_statement(label, details),
                                    class_statement(label, class_text, class_cite, mechanism),
                                    situation_statement(label, items)) if s]
        answer.how_it_works = how_it_works(label, details)
        answer.form = form_and_setting(label, details)
        answer.profile = Profile(
            drug_class=class_text, drug_class_plain=mechanism.name if mechanism else None,
            biologic=details.biologic.text if details.biologic else None,
            routes=[f.text for f in details.routes], how_often=usual_frequency(details))
        answer.cautions = cautions(label, details, pack)
        answer.follow_up = _follow_up(label, items)
    answer.sources = sources_of(label, answer)
    return answer


def _patients(label: Label, pack: Pack, query: Query, condition: str | None) -> PatientVoices:
    """What patients say about this drug; about the condition the question names, when it names one
    that reviews mention. The drug's reviews are read once."""
    rows = reviews_for(pack, label)
    condition = condition or _review_condition(query, rows)
    if condition:
        focused = about(rows, condition)
        if focused:
            return summarize(focused, label.title, label, pack, condition)
    voices = summarize(rows, label.title, label, pack)
    if not voices.reviews:
        voices.statements = [Statement(
            text=f"The review data rxscoop has holds no patient reviews of {label.title}.",
            citations=[Citation(drug=label.title, set_id=label.set_id, section="patient_reviews",
                                section_title="Patient reviews", source=REVIEW_SOURCES,
                                quote="no reviews name this drug")])]
    return voices


def _review_condition(query: Query, rows: list[ReviewRow]) -> str | None:
    """A condition the question names among those this drug's reviews are about ("zoloft for anxiety")."""
    return asked_review_condition(query.text, {r.condition.lower() for r in rows if r.condition})


def review_conditions(label: Label, pack: Pack) -> set[str]:
    """The conditions this drug's reviews are about, lower-cased: what _review_condition looks for."""
    return {r.condition.lower() for r in reviews_for(pack, label) if r.condition}


def compose_unresolved(query: Query) -> Answer:
    if query.resolution_status == "ambiguous":
        message = f"“{query.matched}” could mean more than one medicine in the pack. Which one did you mean?"
        status = "ambiguous"
    else:
        message = "I couldn't find a medicine named in that question in the pack."
        if query.suggestions:
            message += " The closest names it has are listed below."
        else:
            message += (" Check the spelling, or try the other name on the box or pharmacy label (the brand name "
                        "or the generic one). I answer only from the FDA labels in the pack, so I won't guess.")
        status = "not_found"
    return Answer(question=query.text, status=status, message=message, suggestions=query.suggestions,
                  disclaimer=DISCLAIMER)
