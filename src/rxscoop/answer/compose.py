"""Query + pack → Answer. Every drug-specific sentence is built from label facts and cites them."""

from __future__ import annotations

import re

from rxscoop.answer.model import Answer, Citation, DrugRef, Source, Statement, UseItem
from rxscoop.answer.plainwords import age_text, cap, join_words, who_text
from rxscoop.label.model import Use
from rxscoop.label.sections import section_title
from rxscoop.label.text import clean, sentences
from rxscoop.pack.query import Label, Pack
from rxscoop.plain.lexicon import lexicon
from rxscoop.plain.rephrase import rephrase
from rxscoop.question.parse import Query

DISCLAIMER = (
    "This is general information from the FDA label, not medical advice. "
    "Talk to your doctor or pharmacist about your own situation."
)


def label_date(label: Label) -> str | None:
    t = label.effective_time
    if t and re.fullmatch(r"\d{8}", t):
        return f"{t[:4]}-{t[4:6]}-{t[6:]}"
    return t


def cite(label: Label, section: str, quote: str, subsection: str | None = None) -> Citation:
    return Citation(
        drug=label.title,
        set_id=label.set_id,
        section=section,
        section_title=section_title(section),
        subsection=subsection,
        effective_time=label_date(label),
        retrieved_at=label.retrieved_at,
        source=label.source,
        quote=quote,
    )


def drug_ref(label: Label, query: Query) -> DrugRef:
    return DrugRef(
        title=label.title,
        brand_name=label.brand_name,
        generic_name=label.generic_name,
        set_id=label.set_id,
        matched=query.matched,
        exact=query.exact,
    )


def display_name(label: Label) -> str:
    generic = label.generic_name
    if generic and generic.lower() != label.title.lower():
        return f"{label.title} ({generic})"
    return label.title


def plain_condition(condition: str) -> tuple[str, str | None]:
    """(name to show, everyday name if the lexicon has one that differs from the label's words)."""
    entry = lexicon().plain_condition(condition)
    if entry and entry.plain.lower() != condition.lower():
        return condition, entry.plain
    return condition, None


def _use_item(label: Label, use: Use) -> UseItem:
    condition, plain = plain_condition(use.condition)
    who = who_text(use.population)
    severity = use.severity.lower().replace("moderately to severely", "moderate-to-severe") if use.severity else None
    when = rephrase(use.prerequisites[0]) if use.prerequisites else None
    how = lexicon().simplify(use.role) if use.role else None
    label_words = condition[0].upper() + condition[1:]
    head = f"{cap(plain)} ({condition.lower()})" if plain else label_words
    parts = [f"for {who}" if who else None, f"when it is {severity}" if severity else None, when,
             f"as {how}" if how and not how.startswith(("an ", "a ")) else (f"as {how}" if how else None)]
    text = head + (": " + "; ".join(p for p in parts if p) if any(parts) else "") + "."
    citation = cite(label, "indications_and_usage", use.sentence, use.number)
    limits = [
        Statement(text=_limit_text(limit),
                  citations=[cite(label, "indications_and_usage", limit, use.number)])
        for limit in use.limitations
    ]
    return UseItem(
        condition=use.condition,
        plain_name=plain,
        who=who,
        statement=Statement(text=text, citations=[citation]),
        number=use.number,
        population=use.population,
        severity=severity,
        prerequisites=use.prerequisites,
        role=use.role,
        benefit=use.benefit,
        limitations=limits,
    )


def _limit_text(limit: str) -> str:
    """"X is not indicated for the relief of acute bronchospasm." → "Not for: the relief of sudden
    tightening of the airways."; other limitations are the label's sentence in plain words."""
    match = re.search(r"\bnot (?:indicated )?for (?:use )?(.+)", limit, re.I)
    if match:
        return f"Not for: {lexicon().simplify(match.group(1).rstrip('. '))}."
    return cap(lexicon().simplify(limit.rstrip(". "))) + "."


def _boxed_warning(label: Label, pack: Pack) -> Statement | None:
    text = pack.section(label.id, "boxed_warning")
    if not text:
        return None
    text = clean(text)
    topic = boxed_warning_topic(text)
    first = sentences(text)[0] if sentences(text) else text
    if topic:
        topic = lexicon().simplify(topic.lower())
        said = f"The label has a boxed warning, the FDA's strongest kind, about {topic}."
    else:
        said = "The label has a boxed warning, the FDA's strongest kind. Read it with your doctor."
    return Statement(text=said, citations=[cite(label, "boxed_warning", first[:400])])


def boxed_warning_topic(text: str) -> str | None:
    """ "WARNING: SERIOUS INFECTIONS and MALIGNANCY SERIOUS INFECTIONS Patients …" → "SERIOUS INFECTIONS and
    MALIGNANCY": the capitalised heading, up to where the first sub-heading repeats it."""
    match = re.match(r"^(?:boxed\s+)?WARNING\s*:?\s*", text, re.I)
    if not match:
        return None
    words: list[str] = []
    for word in text[match.end():].split():
        bare = word.strip(",;:()")
        if bare.lower() in ("and", "or", "of", "with", "in") or (bare.isupper() and bare.upper() != "WARNING"):
            if words and bare == words[0].strip(",;:()"):
                break  # the heading's first sub-heading begins: "… MALIGNANCY SERIOUS INFECTIONS"
            words.append(word)
        else:
            break
    while words and words[-1].strip(",;:").lower() in ("and", "or", "of", "with", "in"):
        words.pop()
    topic = " ".join(words).strip(" ,;:")
    return topic if len(topic) >= 4 else None


def _summary(label: Label, items: list[UseItem], drug_class: str | None) -> Statement:
    names = [_short(item) for item in items]
    unique: list[str] = []
    for name in names:
        if name not in unique:
            unique.append(name)
    kind = f" is {_article(drug_class)} {drug_class}" if drug_class else ""
    name = cap(display_name(label))
    count = len(items)
    uses = join_words(unique[:6]) + (f", and {count - 6} more" if len(unique) > 6 else "")
    if kind:
        text = f"{name}{kind}. Its FDA label lists {count} approved use{'s' * (count != 1)}: {uses}."
    else:
        text = f"{name}: its FDA label lists {count} approved use{'s' * (count != 1)}: {uses}."
    section = label.indications
    quote = next(iter(sentences(items[0].statement.citations[0].quote)), "") if items else ""
    if drug_class and section:
        quote = f"… is {_article(drug_class)} {drug_class} indicated …"
    return Statement(text=text, citations=[cite(label, "indications_and_usage", quote)])


def _short(item: UseItem) -> str:
    """A short everyday name for a list: "eczema", "COPD"; the label's words when the plain name is
    an explanation rather than a name."""
    if item.plain_name:
        head = item.plain_name.split(", ")[0]
        if len(head.split()) <= 3:
            return head
    return item.condition.lower()


def _article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def _follow_up(label: Label, items: list[UseItem]) -> str | None:
    if len(items) < 2:
        return None
    examples = [f"“{label.title.lower()} for {item.condition.lower()}”" for item in items[:2]]
    return (
        "Want more on one of these? Ask about one condition, for example "
        f"{examples[0]} or {examples[1]}, and I'll tailor the answer to it."
    )


def compose_uses(query: Query, label: Label, pack: Pack) -> Answer:
    """The answer to "what is X used for"."""
    indications = label.indications
    source = Source(
        drug=label.title, set_id=label.set_id, effective_time=label_date(label),
        retrieved_at=label.retrieved_at, source=label.source, complete=label.complete,
    )
    if not indications or not indications.uses:
        have = ", ".join(section_title(s) for s in pack.section_names(label.id)) or "none"
        source.sections = [section_title(s) for s in pack.section_names(label.id)]
        return Answer(
            question=query.text, status="no_data", drug=drug_ref(label, query), sources=[source],
            message=(f"The pack has a label for {label.title}, but not its Indications and Usage section, "
                     f"so it can't say what {label.title} is approved for. Sections it has: {have}."),
            disclaimer=DISCLAIMER,
        )
    items = [_use_item(label, use) for use in indications.uses]
    cautions: list[Statement] = []
    boxed = _boxed_warning(label, pack)
    if boxed:
        cautions.append(boxed)
    for limit in indications.limitations:
        cautions.append(Statement(text=_limit_text(limit), citations=[cite(label, "indications_and_usage", limit)]))
    source.sections = [section_title("indications_and_usage")] + (
        [section_title("boxed_warning")] if boxed else [])
    return Answer(
        question=query.text,
        status="answered",
        drug=drug_ref(label, query),
        summary=_summary(label, items, indications.drug_class),
        uses=items,
        cautions=cautions,
        follow_up=_follow_up(label, items),
        sources=[source],
        disclaimer=DISCLAIMER,
    )


def compose_unresolved(query: Query) -> Answer:
    if query.resolution_status == "ambiguous":
        message = (f"“{query.matched}” could mean more than one medicine in the pack. "
                   "Which one did you mean?")
        status = "ambiguous"
    else:
        message = "I couldn't find a medicine named in that question in the pack."
        if query.suggestions:
            message += " The closest names it has are listed below."
        status = "not_found"
    return Answer(question=query.text, status=status, message=message, suggestions=query.suggestions,
                  disclaimer=DISCLAIMER)


__all__ = ["DISCLAIMER", "age_text", "compose_unresolved", "compose_uses"]
