"""`rxscoop audit`: the claim checks and the shape checks over every label of a pack.

For each label with uses it composes the answer and counts what should never be there: conditions that are
list markers, sentences, headings or fragments (label/shape.py), conditions over 12 words, table text in
prose, children-only uses offered to adults, contradictory ages, a kind of medicine the label does not back,
and stored facts (how often, route, course) their own quotes do not support (label/checks.py). It also
reports what the build's claim check dropped, from the pack's meta, and runs the EU shape checks over every
authorised medicine of the EMA list (evaluation/eu_audit.py)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from rxscoop.answer.compose import compose_uses
from rxscoop.evaluation.eu_audit import eu_problems
from rxscoop.label.checks import (
    children_only_offered_to_adults,
    class_supported,
    frequency_supported,
    route_supported,
)
from rxscoop.label.shape import condition_problem, is_table_text
from rxscoop.pack.query import Pack
from rxscoop.question.parse import Query

EXAMPLES = 5


@dataclass
class AuditReport:
    labels: int = 0
    uses: int = 0
    eu_medicines: int = 0
    eu_uses: int = 0
    # EU shape problems (evaluation/eu_audit.py): counted apart, as known work, not failures of the US labels
    eu_found: dict[str, list[str]] = field(default_factory=dict)
    statements: int = 0
    found: dict[str, list[str]] = field(default_factory=dict)  # kind → examples
    dropped_at_build: dict[str, dict[str, object]] = field(default_factory=dict)

    def add(self, kind: str, example: str) -> None:
        self.found.setdefault(kind, []).append(example[:200])

    def counts(self) -> dict[str, int]:
        return {kind: len(v) for kind, v in sorted(self.found.items())}

    def as_dict(self) -> dict[str, object]:
        return {"labels": self.labels, "uses": self.uses, "statements": self.statements,
                "eu_medicines": self.eu_medicines, "eu_uses": self.eu_uses,
                "eu_problems": {k: {"count": len(v), "examples": v[:EXAMPLES]}
                                for k, v in sorted(self.eu_found.items())},
                "problems": {k: {"count": len(v), "examples": v[:EXAMPLES]} for k, v in sorted(self.found.items())},
                "dropped_at_build": self.dropped_at_build}


def _names(title: str, *more: str | None) -> re.Pattern[str] | None:
    words = {w for n in (title, *more) if n for w in (n, n.split()[0]) if len(w) >= 4}
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b",
                      re.I) if words else None


def audit(pack: Pack) -> AuditReport:
    report = AuditReport()
    report.dropped_at_build = json.loads(pack.meta().get("claim_check_dropped", "{}"))
    for label_id in pack.label_ids_with_uses():
        label = pack.label(label_id)
        answer = compose_uses(Query(text=label.title, resolution_status="found", label=label_id), label, pack)
        report.labels += 1
        names = _names(label.title, label.brand_name, label.generic_name)
        for use in answer.uses:
            report.uses += 1
            problem = condition_problem(use.condition, names)
            if problem:
                report.add(f"garbled condition ({problem})", f"{label.title}: {use.condition}")
            quote = " ".join(c.quote for c in use.statement.citations)
            if children_only_offered_to_adults(use.population, quote):
                report.add("children-only use offered to adults", f"{label.title}: {use.condition}")
            p = use.population
            if p.min_age_years is not None and p.max_age_years is not None and p.max_age_years < p.min_age_years:
                report.add("contradictory ages", f"{label.title}: {use.condition}")
        for statement in answer.statements():
            report.statements += 1
            prose = re.sub(r"“[^”]*”", "", statement.text)
            quoted = " ".join(re.findall(r"“([^”]*)”", statement.text))
            if is_table_text(prose) or (quoted and is_table_text(quoted)):
                report.add("table text in prose", f"{label.title}: {statement.text[:120]}")
        profile = answer.profile
        if profile and profile.drug_class:
            quotes = " ".join(c.quote for s in [answer.summary, *answer.scoop] if s for c in s.citations)
            if not (class_supported(profile.drug_class, quotes) or profile.drug_class.lower() in quotes.lower()):
                report.add("kind of medicine not backed", f"{label.title}: {profile.drug_class}")
        details = label.details
        for schedule in details.schedules:
            if not frequency_supported(schedule):
                report.add("how often not supported", f"{label.title}: {schedule.frequencies}")
        for fact in details.routes:
            if not route_supported(fact):
                report.add("route not in its quote", f"{label.title}: {fact.text}")
    if pack.has_eu():  # the EMA list's uses, by the same shape checks (evaluation/eu_audit.py)
        report.eu_medicines, report.eu_uses, report.eu_found = eu_problems(pack)
    return report
