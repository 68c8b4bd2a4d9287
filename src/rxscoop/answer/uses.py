"""One approved use → a UseItem: who it is for, what it helps with, how often, its side effects."""

from __future__ import annotations

import re

from rxscoop.answer.citations import cite
from rxscoop.answer.model import Statement, UseItem
from rxscoop.answer.plainwords import cap, in_running_text, join_words, one_in, who_text
from rxscoop.label.model import Details, Label, Use
from rxscoop.plain.lexicon import lexicon
from rxscoop.plain.rephrase import rephrase


def plain_condition(condition: str) -> str | None:
    """The everyday name, if the lexicon has one that differs from the label's words."""
    entry = lexicon().plain_condition(condition)
    if entry and entry.plain.lower() != condition.lower():
        return entry.plain
    return None


def short_name(item: UseItem) -> str:
    """A short everyday name for lists: "eczema", "COPD"; the label's words when the plain name is an
    explanation rather than a name."""
    if item.plain_name:
        head = item.plain_name.split(", ")[0]
        if len(head.split()) <= 3:
            return head
    return in_running_text(item.condition)


def condition_term(condition: str) -> str:
    """The condition as the label writes it, without bracketed abbreviations or a cut-off tail."""
    term = condition.split(" …")[0]
    return term.split("(")[0].strip()  # the words before any bracket, as the label writes them


def _age_term(use: Use) -> list[str]:
    """The words in the label text that state the age limit ("6 months", "adult")."""
    p = use.population
    text = " ".join([use.sentence, *use.also]).lower()
    if p.min_age_years is None:
        return []
    if p.min_age_years >= 18 and "adult" in text:
        return ["adult"]
    n = p.min_age_years
    number = f"{round(n * 12)} month" if n < 1 else f"{round(n)} year"
    return [number] if number in text else []


def limit_text(limit: str) -> str:
    """"X is not indicated for the relief of acute bronchospasm." → "Not for: the relief of sudden
    tightening of the airways."; other limitations are the label's sentence in plain words."""
    match = re.search(r"\bnot (?:indicated )?for (?:use )?(.+)", limit, re.I)
    if match:
        return f"Not for: {lexicon().simplify(match.group(1).rstrip('. '))}."
    return cap(lexicon().simplify(limit.rstrip(". "))) + "."


def use_item(label: Label, use: Use, details: Details) -> UseItem:
    plain = plain_condition(use.condition)
    who = who_text(use.population)
    severity = use.severity.lower().replace("moderately to severely", "moderate-to-severe") if use.severity else None
    when = rephrase(use.prerequisites[0]) if use.prerequisites else None
    how = lexicon().simplify(use.role) if use.role else None
    condition = use.condition
    # "Rheumatoid arthritis, a disease in which …" already names the condition: no "(rheumatoid arthritis)".
    named = plain and plain.lower().startswith(condition.lower())
    head = cap(condition) if not plain else cap(plain) if named else f"{cap(plain)} ({in_running_text(condition)})"
    # "as an add-on treatment", but "in combination with chemotherapy" says how on its own.
    how_text = how if how and re.match(r"(?:in combination|together|alongside|with)\b", how, re.I) else (
        f"as {how}" if how else None)
    parts = [f"for {who}" if who else None, f"when it is {severity}" if severity else None, when, how_text]
    text = head + (": " + "; ".join(p for p in parts if p) if any(parts) else "") + "."
    quote = f"{use.heading}: {use.sentence}" if use.heading else use.sentence
    citations = [cite(label, "indications_and_usage", quote, use.number)]
    citations += [cite(label, "indications_and_usage", extra, use.number) for extra in use.also]
    # Conditions joined from a list ("epilepsy and bipolar disorder") rest on each of their parts, as does one read
    # with the patients' own ("anemia in beta thalassemia" from "… anemia in adult patients with beta thalassemia").
    terms = [*(p for p in re.split(r",? and |, | in ", condition_term(condition)) if p), *_age_term(use)]
    if use.population.min_weight_kg:
        terms.append(f"{use.population.min_weight_kg:g} kg")
    limits = [
        Statement(text=limit_text(limit), citations=[cite(label, "indications_and_usage", limit, use.number)])
        for limit in use.limitations
    ]
    helps = None
    study = next((f for f in details.benefits if f.text == use.condition), None)
    if use.benefit:
        said = lexicon().simplify(use.benefit)
        helps = Statement(
            text=f"It is meant {said}." if said.startswith("to ") else f"It helps by {said}.",
            citations=[cite(label, "indications_and_usage", quote, use.number)
                       for quote in [use.sentence, *use.also] if quote],
            terms=[" ".join(use.benefit.split()[:3])],
        )
    elif study:  # the label's clinical studies say what was measured for this use
        helps = Statement(text=f"In its main studies, the label reports: “{study.quote}”",
                          citations=[cite(label, "clinical_studies", study.quote)])
    return UseItem(
        condition=condition, plain_name=plain, who=who,
        statement=Statement(text=text, citations=citations, terms=terms),
        number=use.number, population=use.population, severity=severity, codes=use.codes,
        prerequisites=use.prerequisites, role=use.role, benefit=use.benefit, limitations=limits,
        helps=helps, schedule=_schedule(label, use, details), side_effects=_side_effects(label, use, details),
    )


def _schedule(label: Label, use: Use, details: Details) -> Statement | None:
    schedule = next((s for s in details.schedules if s.condition == use.condition), None)
    if not schedule:
        return None
    freqs = schedule.frequencies
    text = f"How often: {freqs[0]}" + (f" (or {join_words(freqs[1:], 'or')}, by age or weight)" if len(freqs) > 1
                                       and re.search(r"\bkg\b|weight|years? of age|pediatric", schedule.quote, re.I)
                                       else (f" (or {join_words(freqs[1:], 'or')})" if len(freqs) > 1 else "")) + "."
    return Statement(text=text, citations=[cite(label, "dosage_and_administration", schedule.quote)],
                     terms=schedule.said[:1])


def _side_effects(label: Label, use: Use, details: Details) -> Statement | None:
    found = next((s for s in details.side_effects if s.condition == use.condition), None)
    if not found:
        return None
    names = [lexicon().simplify(r) for r in found.reactions[:6]]
    how_many = f" (in at least {one_in(found.threshold)} people in studies)" if found.threshold else ""
    return Statement(
        text=f"Most common side effects{how_many}: {'; '.join(names)}.",
        citations=[cite(label, "adverse_reactions", found.quote)],
        terms=found.reactions[:6],
    )
