"""A short conversation: follow-ups ("what about asthma?", "side effects?") refer to the drug already
discussed. The session keeps only what it needs: the drug, the condition, and the turns so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rxscoop.answer.dispatch import compose
from rxscoop.answer.model import Answer
from rxscoop.pack.query import Pack
from rxscoop.question.focus import condition_focus
from rxscoop.question.parse import Query, intent_for, understand
from rxscoop.question.safety import emergencies

MAX_TURNS = 50  # a session remembers at most this many turns


@dataclass
class Conversation:
    pack: Pack
    label: int | None = None
    condition: str | None = None
    turns: list[tuple[str, Answer]] = field(default_factory=list)

    def ask(self, question: str) -> Answer:
        query = understand(question, self.pack)
        if query.label is None and self.label is not None and self._is_follow_up(query):
            query = self._carry(query)
        answer = compose(query, self.pack)
        if query.label is not None and answer.status in ("answered", "no_data"):
            if query.label != self.label:
                self.condition = None
            self.label = query.label
            self.condition = answer.condition or self.condition
        self.turns.append((question, answer))
        del self.turns[:-MAX_TURNS]
        return answer

    def _is_follow_up(self, query: Query) -> bool:
        """No drug named, and the question reads as a follow-up: a condition, a topic, or a short phrase.
        A question that names an unknown drug ("what is zorblaxin") is not one."""
        words = re.findall(r"[a-z]+", query.text.lower())
        label = self.pack.label(self.label) if self.label is not None else None
        uses = label.indications.uses if label and label.indications else []
        if condition_focus(query.text, uses):
            return True
        if query.resolution_status == "ambiguous":
            return False
        return query.intent not in ("uses", "other") or len(words) <= 4

    def _carry(self, query: Query) -> Query:
        label = self.pack.label(self.label)  # type: ignore[arg-type]
        uses = label.indications.uses if label.indications else []
        condition = condition_focus(query.text, uses)
        intent = intent_for(query.text, self.label, None, self.pack)
        if condition and intent in ("other", "uses"):
            intent = "uses"
        elif intent == "other" and self.turns:
            intent = self.turns[-1][1].intent  # "and for kids?" keeps asking what was asked
        text = query.text
        if condition is None and self.condition and intent != "uses":
            text = f"{text} ({self.condition})"
        return query.model_copy(update={
            "label": self.label, "resolution_status": "found", "intent": intent, "follow_up": True,
            "matched": None, "suggestions": [], "text": text,
            "emergencies": [e.kind for e in emergencies(query.text)],
        })
