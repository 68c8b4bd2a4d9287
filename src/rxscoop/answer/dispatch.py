"""Query → Answer: emergency guidance first, then the answer the question's intent asks for."""

from __future__ import annotations

import re

from rxscoop.answer import frames
from rxscoop.answer.citations import cite, drug_ref
from rxscoop.answer.compose import compose_unresolved, compose_uses, review_conditions, sources_of
from rxscoop.answer.eu import Region, add_regions, compose_eu_only, wants_eu_only
from rxscoop.answer.focus import children_topic, condition_topic, find_item, not_a_use
from rxscoop.answer.frames import cached_uses
from rxscoop.answer.model import Answer, Statement, Topic
from rxscoop.answer.quotes import quote_exactly
from rxscoop.answer.topics import TOPICS, Asked, aspect_topic
from rxscoop.label.model import Label
from rxscoop.pack.query import Pack
from rxscoop.question.aspects import aspect
from rxscoop.question.classifier import knows_words
from rxscoop.question.intent import Intent
from rxscoop.question.parse import Query
from rxscoop.question.resolve import question_words
from rxscoop.question.safety import guidance


def emergency_statements(query: Query) -> list[Statement]:
    return [Statement(text=e.guidance, reference=e.source) for e in map(guidance, query.emergencies)]


def compose(query: Query, pack: Pack, region: Region = "both") -> Answer:
    """The answer; `region` (us, eu, both) narrows what "what is it used for" says of US and EU approvals."""
    urgent = emergency_statements(query)
    eu_only = wants_eu_only(query, pack)
    if eu_only is not None:  # a medicine only the EU data holds
        answer = compose_eu_only(query, eu_only, pack, region)
        answer.emergency = urgent
        quote_exactly(answer, pack)
        return answer
    if query.label is None:
        answer = compose_unresolved(query)
        answer.emergency = urgent
        names = _unknown_names(query.text)
        if answer.status == "not_found" and not query.suggestions and names:
            # Say that nothing was close, rather than leave the reader to wonder why no name is offered.
            answer.message = (f"No close match for “{names[0]}”: no medicine in the pack is spelled or sounds close "
                              "enough to suggest. " + (answer.message or ""))
        if urgent and answer.status == "not_found":
            answer.status = "emergency"
            answer.message = "If this is an emergency, get help now (above). " + (answer.message or "")
        return answer
    if query.intent == "uses":  # composed once for every question that asks the same (answer/frames.py)
        return cached_uses(query, query.label, pack, region,
                           lambda label: _compose_label(query, label, pack, region, urgent), review_conditions)
    return _compose_label(query, pack.label(query.label), pack, region, urgent)


def kept_json(query: Query, pack: Pack, region: Region = "both") -> tuple[str, bytes] | None:
    """(status, the JSON `render` writes, in UTF-8) of the answer compose() gives this query, when that answer is
    kept for an earlier wording (answer/frames.py): nothing composed, parsed or rendered. None when it would be
    composed."""
    if query.label is None or query.intent != "uses" or wants_eu_only(query, pack) is not None:
        return None
    return frames.kept_json(query, query.label, pack, region, review_conditions)


def _compose_label(query: Query, label: Label, pack: Pack, region: Region, urgent: list[Statement]) -> Answer:
    intent = query.intent
    # A focused question gets a focused answer: the summary, the topic, what patients say about side
    # effects, and an offer to ask the full question; only "what is it used for" gets every section.
    answer = compose_uses(query, label, pack, whole=intent == "uses", patients=intent in ("uses", "side_effects"))
    answer.emergency = urgent
    answer.intent = intent
    condition = answer.condition
    other = pack.label(query.other_label) if query.other_label is not None else None
    if other is not None:
        answer.other_drug = drug_ref(other, query.model_copy(update={"matched": query.other_matched}))
    if intent == "uses":
        if condition:
            item = find_item(answer.uses, condition)
            if item:
                answer.topic = condition_topic(label, pack, item, query.population)
                answer.uses = [item]
            elif answer.uses:
                answer.topic = not_a_use(label, condition, answer.uses)
        elif query.population == "children" and answer.uses:
            answer.topic = children_topic(label, answer.uses)
    else:
        answer.topic = _topic(query, label, pack, other, condition)
        answer.uses = []
        if answer.status == "no_data" and answer.topic.statements:
            answer.status = "answered"
        answer.follow_up = (f"Ask “what is {label.title.lower()} used for” for the whole picture: every approved "
                            "use, how it works, and what patients say.")
    if query.unsure:
        # Never answer a different question with confidence: say what was understood, and how to ask otherwise.
        said = understood(query, label)
        if answer.topic is None:
            answer.topic = Topic(intent=intent, title=f"About {label.title}", statements=[said])
        else:
            answer.topic.statements.insert(0, said)
    answer.sources = sources_of(label, answer)
    if intent == "uses":
        add_regions(answer, label, pack, region)
    quote_exactly(answer, pack)  # every quote the label's (or the EPAR's) own words (answer/quotes.py)
    return answer


def _topic(query: Query, label: Label, pack: Pack, other: Label | None, condition: str | None) -> Topic:
    """The intent's topic; a finer aspect asked ("how soon does it work") is answered first, the intent's
    topic after it."""
    found = aspect(query.aspect) if query.aspect else None
    asked = Asked(query=query, label=label, pack=pack, other=other, condition=condition, aspect=found)
    base = TOPICS[query.intent](asked)
    if found is None or query.intent in (Intent.comparison, Intent.interactions):
        return base
    return aspect_topic(asked, query.intent, base.statements)


INTENT_WORDS = {
    "uses": "what it is used for", "how_it_works": "how it works or how soon it works", "side_effects": "side effects",
    "dosage": "how much and how often to take it", "form": "how it is taken or given",
    "warnings": "who should be careful with it", "interactions": "taking it with other medicines, food or drink",
    "pregnancy": "pregnancy and breastfeeding", "storage": "storing it", "appearance": "what it looks like and "
    "what it contains", "comparison": "how it compares with another medicine", "overdose": "taking too much",
    "outside": "cost, coverage or where to get it", "other": "something else in its label",
}


def understood(query: Query, label: Label) -> Statement:
    """What rxscoop understood the question to ask, when its reading was unsure, and the other reading."""
    text = f"I read this as a question about {INTENT_WORDS.get(query.intent, query.intent)}."
    if query.runner_up and query.runner_up in INTENT_WORDS and query.runner_up != query.intent:
        text += f" If you meant {INTENT_WORDS[query.runner_up]}, ask that in other words."
    return Statement(text=text, citations=[cite(label, "indications_and_usage", label.title)],
                     reference="rxscoop's reading of the question (intent model, data/intent_model.json)")


def _unknown_names(text: str) -> list[str]:
    """Words of the question that may be a medicine's name: not question words, not words the intent model
    knows ("used", "side"), at least 4 letters."""
    skip = question_words()
    return [w for w in re.findall(r"[a-z][a-z0-9-]{3,}", text.lower()) if w not in skip and not knows_words(w)]
