"""Score the answer for one label against gold read by hand from that label (eval/labels-dev.json):
uses (recall, precision), minimum ages, children-only uses, kind of medicine, routes and how often.

Kind, routes and how often are each counted as right, wrong or not said: saying less is not an error, a
claim the gold does not back is."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rxscoop.answer.dispatch import compose
from rxscoop.answer.eu import compose_eu_only
from rxscoop.answer.model import Answer, UseItem
from rxscoop.pack.query import Pack
from rxscoop.question.parse import Query

# Schedules that are the same thing said two ways.
_SAME_SCHEDULE = {"every 12 hours": "twice a day", "every 8 hours": "three times a day",
                  "every 6 hours": "four times a day", "every 24 hours": "once a day",
                  "every 48 hours": "every other day", "every 2 days": "every other day",
                  "every 7 days": "every week", "every 14 days": "every 2 weeks", "every 21 days": "every 3 weeks",
                  "every 28 days": "every 4 weeks"}


EU_KEY = "ema:"  # gold keys of EU medicines: "ema:" + EMA product number


def _schedule(text: str) -> str:
    text = text.lower().strip()
    return _SAME_SCHEDULE.get(text, text)


def _schedule_right(said: str, allowed: set[str]) -> bool:
    """The label's range ("every 3 to 4 weeks") is right when the gold accepts either end."""
    if _schedule(said) in allowed:
        return True
    span = re.fullmatch(r"every (\d+) to (\d+) (\w+)", said.lower().strip())
    return span is not None and any(_schedule(f"every {n} {span.group(3)}") in allowed for n in span.group(1, 2))


@dataclass
class LabelScore:
    drug: str
    set_id: str
    status: str
    gold: int = 0
    found: int = 0
    answered: int = 0
    correct: int = 0
    ages: int = 0
    ages_right: int = 0
    children_only: int = 0  # gold uses for children only that the answer names
    children_only_right: int = 0  # … and offers to children only
    facts: dict[str, str] = field(default_factory=dict)  # kind / routes / how_often → right | wrong | unsaid
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def _names(use: UseItem) -> str:
    return f"{use.condition} {use.plain_name or ''}".lower()


def _answer(set_id: str, pack: Pack) -> Answer | None:
    if set_id.startswith(EU_KEY):  # EU gold (eval/eu-dev.json): the EU answer for that EMA product
        med = pack.eu_by_product(set_id.removeprefix(EU_KEY))
        if med is None:
            return None
        return compose_eu_only(Query(text=f"what is {med.name} used for", intent="uses", resolution_status="found",
                                     matched=med.name), med,
                               pack, "eu")
    label_id = pack.label_id(set_id)
    if label_id is None:
        return None
    title = pack.label(label_id).title
    query = Query(text=f"what is {title} used for", intent="uses", resolution_status="found", label=label_id,
                  matched=title)
    return compose(query, pack, region="us")  # US gold measures the US label alone


def score_label(set_id: str, gold: dict[str, Any], pack: Pack) -> LabelScore:
    answer = _answer(set_id, pack)
    name = gold.get("brand") or set_id
    if answer is None:
        return LabelScore(drug=name, set_id=set_id, status="not in pack", gold=len(gold["uses"]),
                          missed=[u["condition"] for u in gold["uses"]])
    score = LabelScore(drug=name, set_id=set_id, status=answer.status, gold=len(gold["uses"]),
                       answered=len(answer.uses))
    for want in gold["uses"]:
        phrases = [w.lower() for w in want["any"]]
        hits = [u for u in answer.uses if any(w in _names(u) for w in phrases)]
        if not hits:
            score.missed.append(want["condition"])
            continue
        score.found += 1
        if want.get("min_age") is not None:
            score.ages += 1
            if any(u.population.min_age_years is not None and abs(u.population.min_age_years - want["min_age"]) < 0.01
                   for u in hits):
                score.ages_right += 1
            else:
                score.wrong.append(f"age of {want['condition'][:40]}: {[u.population.min_age_years for u in hits]}"
                                   f" not {want['min_age']}")
        if want.get("children_only"):
            score.children_only += 1
            if all(not u.population.adults and u.population.children for u in hits):
                score.children_only_right += 1
            else:
                score.wrong.append(f"children-only {want['condition'][:40]} offered to adults")
    for use in answer.uses:
        if any(any(w.lower() in _names(use) for w in want["any"]) for want in gold["uses"]):
            score.correct += 1
        else:
            score.extra.append(use.condition)
    profile = answer.profile
    score.facts["kind"] = _kind(gold.get("kind"), profile.drug_class if profile else None,
                                profile.drug_class_plain if profile else None)
    routes = profile.routes if profile else []
    want_routes = set(gold.get("routes") or [])
    score.facts["routes"] = ("unsaid" if not routes else "right" if set(routes) == want_routes else "wrong")
    if score.facts["routes"] == "wrong":
        score.wrong.append(f"routes {routes} not {sorted(want_routes)}")
    often = profile.how_often if profile else None
    allowed = {_schedule(x) for x in (gold.get("how_often") or {}).get("any", [])}
    score.facts["how_often"] = ("unsaid" if not often else "right" if _schedule_right(often, allowed) else "wrong")
    if score.facts["how_often"] == "wrong":
        score.wrong.append(f"how often {often!r} not {sorted(allowed) or 'none'}")
    if score.facts["kind"] == "wrong":
        score.wrong.append(f"kind {profile.drug_class if profile else None!r}")
    return score


def _kind(gold: dict[str, Any] | None, said: str | None, plain: str | None) -> str:
    if not said:
        return "unsaid"
    if not gold:
        return "wrong"
    words = f"{said} {plain or ''}".lower()
    return "right" if any(w.lower() in words for w in gold["any"]) else "wrong"


def fact_totals(scores: list[LabelScore]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name in ("kind", "routes", "how_often"):
        counts = {"right": 0, "wrong": 0, "unsaid": 0}
        for s in scores:
            if name in s.facts:
                counts[s.facts[name]] += 1
        out[name] = counts
    return out


def is_label_gold(gold: dict[str, Any]) -> bool:
    """Gold keyed by set id ({set_id: {"uses": …}}) rather than by drug name ({drug: [uses]})."""
    return any(isinstance(v, dict) and "uses" in v for k, v in gold.items() if not k.startswith("_"))


def evaluate_labels(gold: dict[str, Any], pack: Pack) -> list[LabelScore]:
    return [score_label(set_id, entry, pack) for set_id, entry in gold.items() if not set_id.startswith("_")]


def label_totals(scores: list[LabelScore]) -> dict[str, Any]:
    def ratio(a: int, b: int) -> float:
        return round(100 * a / b, 1) if b else 100.0

    facts = fact_totals(scores)
    return {
        "labels": len(scores),
        "recall": ratio(sum(s.found for s in scores), sum(s.gold for s in scores)),
        "precision": ratio(sum(s.correct for s in scores), sum(s.answered for s in scores)),
        "age_accuracy": ratio(sum(s.ages_right for s in scores), sum(s.ages for s in scores)),
        "children_only_accuracy": ratio(sum(s.children_only_right for s in scores),
                                        sum(s.children_only for s in scores)),
        **{f"{name}_right": ratio(c["right"], c["right"] + c["wrong"]) for name, c in facts.items()},
        **{f"{name}_said": ratio(c["right"] + c["wrong"], sum(c.values())) for name, c in facts.items()},
        "facts": facts,
    }
