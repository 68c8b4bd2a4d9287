"""Query → Answer: emergency guidance first, then the answer the question's intent asks for."""

from __future__ import annotations

from rxscoop.answer import topics
from rxscoop.answer.citations import drug_ref
from rxscoop.answer.compare import compare
from rxscoop.answer.compose import compose_unresolved, compose_uses, sources_of
from rxscoop.answer.focus import children_topic, condition_topic, find_item, not_a_use
from rxscoop.answer.model import Answer, Statement
from rxscoop.pack.query import Pack
from rxscoop.question.parse import Query
from rxscoop.question.safety import emergencies


def emergency_statements(query: Query) -> list[Statement]:
    return [Statement(text=e.guidance, reference=e.source) for e in emergencies(query.text)]


def compose(query: Query, pack: Pack) -> Answer:
    urgent = emergency_statements(query)
    if query.label is None:
        answer = compose_unresolved(query)
        answer.emergency = urgent
        if urgent and answer.status == "not_found":
            answer.status = "emergency"
            answer.message = "If this is an emergency, get help now (above). " + (answer.message or "")
        return answer
    label = pack.label(query.label)
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
        words = query.matched
        if intent == "comparison" and other is not None:
            topic = compare(label, other)
        elif intent == "comparison":
            topic = topics.other(label, pack, query.text, words)
        elif intent == "side_effects":
            topic = topics.side_effects(label, pack, query.text, words, condition)
        elif intent == "dosage":
            topic = topics.dosage(label, pack, query.text, words, condition, query.population)
        elif intent == "interactions":
            topic = topics.interactions(label, pack, query.text, words, other)
        else:
            topic = topics.SIMPLE.get(intent, topics.other)(label, pack, query.text, words)
        answer.topic = topic
        answer.uses = []
        if answer.status == "no_data" and topic.statements:
            answer.status = "answered"
        answer.follow_up = (f"Ask “what is {label.title.lower()} used for” for the whole picture: every approved "
                            "use, how it works, and what patients say.")
    answer.sources = sources_of(label, answer)
    return answer
