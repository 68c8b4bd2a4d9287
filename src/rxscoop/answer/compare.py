"""Two drugs side by side: what each is, what each is approved for, how each is given."""

from __future__ import annotations

from rxscoop.answer.citations import cite
from rxscoop.answer.model import Statement, Topic
from rxscoop.answer.plainwords import join_words
from rxscoop.answer.uses import short_name, use_item
from rxscoop.label.facts import condition_key
from rxscoop.label.model import Label
from rxscoop.plain.routes import route_for


def _uses(label: Label) -> dict[str, str]:
    if not label.indications:
        return {}
    items = [use_item(label, u, label.details) for u in label.indications.uses]
    return {condition_key(i.condition): short_name(i) for i in items}


def compare(a: Label, b: Label) -> Topic:
    statements: list[Statement] = []
    ua, ub = _uses(a), _uses(b)
    for label, uses in ((a, ua), (b, ub)):
        cls = label.indications.drug_class if label.indications else None
        route = route_for(label.details.routes[0].text) if label.details.routes else None
        parts = [f"{label.title}" + (f" is {'an' if cls[0].lower() in 'aeiou' else 'a'} {cls}" if cls else "")]
        if route:
            parts.append(route.phrase)
        text = ", ".join(parts) + "." if len(parts) > 1 else parts[0] + "."
        if uses:
            text += f" Approved for: {join_words(list(dict.fromkeys(uses.values())))}."
        else:
            text += " The label rxscoop has for it does not list its approved uses."
        quote = (label.indications.drug_class_quote if label.indications and label.indications.drug_class_quote
                 else label.title)
        statements.append(Statement(text=text, citations=[cite(label, "indications_and_usage", quote)]))
    both = [ua[k] for k in ua if k in ub]
    if both:
        statements.append(Statement(
            text=f"Both are approved for: {join_words(both)}. Which suits you is a question for your doctor.",
            citations=[cite(a, "indications_and_usage", a.title), cite(b, "indications_and_usage", b.title)]))
    elif ua and ub:
        statements.append(Statement(text="Their labels share no approved use.",
                                    citations=[cite(a, "indications_and_usage", a.title),
                                               cite(b, "indications_and_usage", b.title)]))
    return Topic(intent="comparison", title=f"{a.title} and {b.title}", statements=statements)
