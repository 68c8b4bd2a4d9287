"""A short conversation: follow-ups ("what about asthma?", "what is it used for", "and for kids?") refer to
the drug already discussed; a new drug name switches; a message that is not understood says so and keeps
the drug. A conversation keeps only what the next turn needs (ChatContext: the drug, the condition, the last
intent), small enough for a client to carry between turns so that no server holds state."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from rxscoop.answer.citations import drug_ref
from rxscoop.answer.compose import DISCLAIMER
from rxscoop.answer.dispatch import compose
from rxscoop.answer.model import Answer
from rxscoop.pack.query import Pack
from rxscoop.question.aspects import aspect_named
from rxscoop.question.classifier import knows_words
from rxscoop.question.focus import condition_focus, side_effect_term, substance_named
from rxscoop.question.intent import Intent, rule_intent
from rxscoop.question.parse import Query, interpret, understand

# Words that point back at the drug under discussion ("is it safe", "what does this do").
_REFERS = re.compile(r"\b(?:it|its|it's|this|that|these|those|they|them|the (?:medicine|medication|drug|pill|"
                     r"shot|injection))\b", re.I)


_WITH = re.compile(r"\b(?:with|and|together|plus|while on|while taking|mix\w*|combin\w*)\b", re.I)


class ChatContext(BaseModel):
    """What one turn hands to the next. Clients send it back with each turn; any server can resume it."""

    drug: str | None = Field(None, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$",
                             description="the set id of the label under discussion")
    condition: str | None = Field(None, max_length=200, description="the condition under discussion")
    intent: Intent | None = Field(None, description="what the last turn asked")


@dataclass
class Conversation:
    pack: Pack
    label: int | None = None
    condition: str | None = None
    last_intent: Intent | None = None

    @classmethod
    def resume(cls, pack: Pack, context: ChatContext | None) -> Conversation:
        """A conversation picked up from the context a client carried (a drug the pack lacks is dropped)."""
        if context is None:
            return cls(pack)
        label = pack.label_id(context.drug) if context.drug else None
        return cls(pack, label, context.condition if label is not None else None, context.intent)

    @property
    def context(self) -> ChatContext:
        drug = self.pack.label(self.label).set_id if self.label is not None else None
        return ChatContext(drug=drug, condition=self.condition, intent=self.last_intent)

    def ask(self, question: str) -> Answer:
        query = understand(question, self.pack)
        if query.label is not None and self.label is not None and query.label != self.label and \
                _REFERS.search(query.text) and _WITH.search(query.text):
            query = self._with_current(query)  # "can i take it with ibuprofen": the drug discussed, and another
        elif query.label is None and self.label is not None:
            if self._is_follow_up(query):
                query = self._carry(query)
            elif query.resolution_status == "not_found" and not self._understood(query):
                return self._remember(question, self._not_understood(query))
        answer = compose(query, self.pack)
        if query.label is not None and answer.status in ("answered", "no_data"):
            if query.label != self.label:
                self.condition = None
            self.label = query.label
            self.condition = answer.condition or self.condition
        return self._remember(question, answer)

    def _remember(self, question: str, answer: Answer) -> Answer:
        self.last_intent = answer.intent
        return answer

    def _understood(self, query: Query) -> bool:
        """Does the message say anything rxscoop can read: a rule, a word the intent model knows, a
        condition, a side effect or a food or drink?"""
        text = query.text
        return bool(rule_intent(text) or knows_words(text) or side_effect_term(text) or substance_named(text))

    def _is_follow_up(self, query: Query) -> bool:
        """No drug named, and the question reads as a follow-up: it refers to the drug ("what is it used
        for"), names a condition or a topic, or is a short phrase. A question that names an unknown drug
        ("what is zorblaxin used for") is not one, and neither is a message not understood at all."""
        if query.resolution_status == "ambiguous" or not self._understood(query):
            return False
        words = re.findall(r"[a-z]+", query.text.lower())
        label = self.pack.label(self.label) if self.label is not None else None
        uses = label.indications.uses if label and label.indications else []
        if condition_focus(query.text, uses) or _REFERS.search(query.text):
            return True
        return query.intent not in ("uses", "other") or len(words) <= 4

    def _carry(self, query: Query) -> Query:
        label = self.pack.label(self.label)  # type: ignore[arg-type]
        uses = label.indications.uses if label.indications else []
        condition = condition_focus(query.text, uses)
        reading = interpret(query.text, self.label, None, self.pack, len(query.other_labels), len(query.classes),
                            query.emergencies)
        intent = reading.intent
        if condition and intent in ("other", "uses"):
            intent = Intent.uses
        elif intent == "other" and self.last_intent and not _REFERS.search(query.text):
            intent = self.last_intent  # "and for kids?" keeps asking what was asked
        text = query.text
        if condition is None and self.condition and intent != "uses":
            text = f"{text} ({self.condition})"
        aspect = aspect_named(query.text, intent)
        return query.model_copy(update={
            "label": self.label, "resolution_status": "found", "intent": intent, "follow_up": True,
            "understood_by": reading.how, "confidence": reading.probability,
            "unsure": reading.unsure and intent == reading.intent,
            "runner_up": reading.runner_up if reading.unsure else None, "aspect": aspect.name if aspect else None,
            "matched": None, "suggestions": [], "text": text,
        })

    def _with_current(self, query: Query) -> Query:
        """The drug under discussion first, every drug the question names as the others."""
        others = [query.label, *query.other_labels]
        names = [query.matched or "", *query.other_names]
        reading = interpret(query.text, self.label, None, self.pack, len(others), len(query.classes),
                            query.emergencies)
        return query.model_copy(update={
            "label": self.label, "matched": None, "exact": True, "other_labels": others, "other_names": names,
            "other_label": others[0], "other_matched": names[0], "intent": reading.intent, "follow_up": True,
            "understood_by": reading.how, "confidence": reading.probability, "unsure": reading.unsure,
            "aspect": None})

    def _not_understood(self, query: Query) -> Answer:
        """Say so, keep the drug, and offer what can be asked - never the previous answer again."""
        label = self.pack.label(self.label)  # type: ignore[arg-type]
        name = label.title
        return Answer(
            question=query.text, status="no_data", intent="other", drug=drug_ref(label, query),
            message=(f"I didn't understand “{query.text}”. We were talking about {name}: you can ask what it is "
                     f"used for, its side effects, how it is taken, or what not to take with it. To ask about "
                     "another medicine, name it."),
            disclaimer=DISCLAIMER)
