"""Patient reviews → a summary: counts, ratings, themes, side effects mentioned, the shape of a typical
post, and a few representative quotes chosen by a stated rule."""

from __future__ import annotations

import re
import statistics
from collections import Counter

from rxscoop.answer.model import Citation, Count, PatientVoices, Quote, Statement
from rxscoop.answer.plainwords import join_words
from rxscoop.label.model import Label
from rxscoop.label.names import normalize_name
from rxscoop.label.text import sentences
from rxscoop.pack.query import Pack, ReviewRow
from rxscoop.plain.lexicon import lexicon
from rxscoop.reviews.features import EFFECTS, SHAPE, THEMES, Matcher, effect_words, is_condition, profanity

QUOTE_MIN, QUOTE_MAX = 80, 280  # characters in a quoted excerpt
QUOTE_RULE = ("Quotes: for each of positive (rating 7-10), mixed (4-6) and negative (1-3), the review most "
              "readers marked helpful, among those with at least 80 characters; the first sentences, up to 280. "
              "Profanity is masked; links, e-mail addresses and phone numbers are removed.")
_PRIVATE = re.compile(r"\S+@\S+\.\w+|https?://\S+|www\.\S+|\+?\d[\d\s().-]{8,}\d")



def same_condition(asked: str, reviewed: str | None) -> bool:
    """Does a review's condition match the one asked about ("eczema" ~ "Atopic Dermatitis")?"""
    if not reviewed:
        return False
    a, b = normalize_name(asked), normalize_name(reviewed)
    if a and (a in b or b in a):
        return True
    ea, eb = lexicon().plain_condition(asked), lexicon().plain_condition(reviewed)
    return bool(ea and eb and ea.plain.split(", ")[0] == eb.plain.split(", ")[0])


def mask(text: str) -> str:
    """Profanity to its first letter and asterisks; e-mail addresses, links and phone numbers removed."""
    text = _PRIVATE.sub("[removed]", text)
    return profanity().sub(lambda m: m.group(0)[0] + "*" * (len(m.group(0)) - 1), text)


def excerpt(text: str) -> str:
    out = ""
    # U+FFFD marks a character the source lost to a wrong encoding ("40.3�" for "40.3°"): shown, it is noise.
    for sentence in sentences(text.replace("\ufffd", "")):
        if out and len(out) + len(sentence) + 1 > QUOTE_MAX:
            break
        out = f"{out} {sentence}".strip()
    if len(out) > QUOTE_MAX:
        out = out[:QUOTE_MAX].rsplit(" ", 1)[0] + " …"
    return mask(out)


def _kind(rating: int | None) -> str | None:
    if rating is None:
        return None
    return "positive" if rating >= 7 else "negative" if rating <= 3 else "mixed"


def _counts(rows: list[ReviewRow], kind: str) -> list[Count]:
    prefix = f"{kind}:"
    tally = Counter(f[len(prefix):] for r in rows for f in r.features if f.startswith(prefix))
    return sorted((Count(name=n, count=c, share=round(c / len(rows), 3)) for n, c in tally.items()),
                  key=lambda c: (-c.count, c.name))


def _label_terms(label: Label | None, rows: list[ReviewRow]) -> list[Count]:
    """Counts for the label's own adverse-reaction terms (and their lay words) that the general side-effect
    vocabulary does not already cover; matched now, as they depend on the label."""
    if label is None or not rows:
        return []
    known = {w.lower() for r in rows for f in r.features if f.startswith(f"{EFFECTS}:") for w in [f[7:]]}
    out = []
    lows = [(r.text.lower(), (r.condition or "").lower()) for r in rows]
    for term in dict.fromkeys(t.lower() for s in label.details.side_effects for t in s.reactions):
        if term in known:
            continue
        lay = lexicon().simplify(term).lower()
        words = sorted({re.escape(term)} | ({re.escape(lay)} if len(lay) < 40 else set()))
        matcher = Matcher(r"\b(?:" + "|".join(words) + r")\b")
        n = sum(1 for low, cond in lows if matcher.search(low) and not is_condition(term, matcher, cond))
        if n:
            out.append(Count(name=term, count=n, share=round(n / len(rows), 3)))
    return out


def summarize(rows: list[ReviewRow], drug: str, label: Label | None, pack: Pack,
              condition: str | None = None) -> PatientVoices:
    voices = PatientVoices(drug=drug, condition=condition, reviews=len(rows))
    if not rows:
        return voices
    voices.sources = sorted({r.source for r in rows})
    dates = sorted(r.date for r in rows if r.date)
    voices.first_date, voices.last_date = (dates[0], dates[-1]) if dates else (None, None)
    ratings = [r.rating for r in rows if r.rating is not None]
    voices.ratings = dict(sorted(Counter(ratings).items()))
    if ratings:
        voices.median_rating = float(statistics.median(ratings))
        voices.positive = round(sum(r >= 7 for r in ratings) / len(ratings), 3)
        voices.negative = round(sum(r <= 3 for r in ratings) / len(ratings), 3)
        voices.mixed = round(1 - voices.positive - voices.negative, 3)
    voices.themes = _counts(rows, THEMES)
    effects = sorted([*_counts(rows, EFFECTS), *_label_terms(label, rows)], key=lambda c: (-c.count, c.name))
    label_text = (pack.section(label.id, "adverse_reactions") or "").lower() if label else ""
    for c in effects:
        c.in_label = bool(label_text) and any(
            re.sub(r"[^a-z ]", "", w.lower()).strip() in label_text
            for w in effect_words(c.name) if len(re.sub(r"[^a-z ]", "", w)) > 3)
    voices.side_effects = effects[:10]
    voices.shape = _counts(rows, SHAPE)
    voices.quotes = _quotes(rows)
    voices.statements = _statements(voices, rows, label)
    return voices


def _quotes(rows: list[ReviewRow]) -> list[Quote]:
    quotes = []
    for kind in ("positive", "mixed", "negative"):
        pool = [r for r in rows if _kind(r.rating) == kind and len(r.text) >= QUOTE_MIN]
        if not pool:
            continue
        best = max(pool, key=lambda r: (r.useful or 0, -abs(len(r.text) - 400), r.id))
        quotes.append(Quote(review_id=best.id, date=best.date, rating=best.rating, kind=kind,
                            text=excerpt(best.text), source=best.source))
    return quotes


def _cite(label: Label | None, drug: str, source: str, quote: str) -> Citation:
    return Citation(drug=drug, set_id=label.set_id if label else "", section="patient_reviews",
                    section_title="Patient reviews", source=source, quote=quote)


def _statements(v: PatientVoices, rows: list[ReviewRow], label: Label | None) -> list[Statement]:
    ids = ", ".join(r.id for r in rows[:12]) + (f" and {len(rows) - 12} more" if len(rows) > 12 else "")
    source = "; ".join(v.sources)
    span = f" written {v.first_date[:4]}–{v.last_date[:4]}" if v.first_date and v.last_date else ""
    about = f" about {v.condition}" if v.condition else ""
    count = f"{v.reviews} patient review{'s' * (v.reviews != 1)}{about}{span}"
    text = (f"{count}: median rating {v.median_rating:g} out of 10; {round(v.positive * 100)}% positive, "
            f"{round(v.mixed * 100)}% mixed, {round(v.negative * 100)}% negative."
            if v.median_rating is not None else f"{count}.")
    out = [Statement(text=text, citations=[_cite(label, v.drug, source, f"reviews {ids}")])]
    if v.themes:
        top = [f"{t.name} ({round(t.share * 100)}%)" for t in v.themes[:5]]
        out.append(Statement(text=f"What people talk about most: {join_words(top)}.",
                             citations=[_cite(label, v.drug, source, f"reviews {ids}")]))
    if v.side_effects:
        absent = (" — not named in the label's side effects" if label is None or label.complete
                  else " — not in the label excerpt rxscoop has")
        said = [f"{c.name} ({c.count})" + ("" if c.in_label else absent) for c in v.side_effects[:6]]
        out.append(Statement(text=f"Side effects people mention: {'; '.join(said)}.",
                             citations=[_cite(label, v.drug, source, f"reviews {ids}")]))
    if v.shape:
        said = [f"{s.name} ({round(s.share * 100)}%)" for s in v.shape]
        out.append(Statement(text=f"A typical post mentions {join_words(said)}.",
                             citations=[_cite(label, v.drug, source, f"reviews {ids}")]))
    for q in v.quotes:
        when = f", {q.date}" if q.date else ""
        out.append(Statement(text=f"{q.kind.capitalize()} ({q.rating}/10{when}): “{q.text}”",
                             citations=[_cite(label, v.drug, q.source, f"review {q.review_id}: {q.text}")]))
    return out


def reviews_for(pack: Pack, label: Label, condition: str | None = None) -> list[ReviewRow]:
    """Reviews mapped to this label, or naming the drug by any of the label's names."""
    rows = pack.reviews(label.id)
    if condition:
        rows = [r for r in rows if same_condition(condition, r.condition)]
    return rows


def about(rows: list[ReviewRow], condition: str) -> list[ReviewRow]:
    """The reviews about one condition."""
    return [r for r in rows if same_condition(condition, r.condition)]


def patient_voices(pack: Pack, label: Label, condition: str | None = None) -> PatientVoices:
    rows = reviews_for(pack, label, condition)
    return summarize(rows, label.title, label, pack, condition)
