"""Quotes are the label's exact words: every citation of every answer over every label in the pack built
from the shared data is a stretch of the cited section as stored (whitespace normalized only), cut only
at word or sentence boundaries and marked "…" where cut."""

from __future__ import annotations

from helpers import pack_rows
from rxscoop import Pack
from rxscoop.answer.dispatch import compose
from rxscoop.answer.quotes import ELLIPSIS, exact_quote, normalize, pieces, stored_text
from rxscoop.question.parse import understand

QUESTIONS = ("what is {} used for", "{} side effects", "how do I take {}", "how does {} work")


def test_quotes_are_found_again_in_the_stored_text() -> None:
    stored = ("HUMIRA™ is indicated for reducing signs and symptoms [see Clinical Studies (14.2)] in adults. "
              "Other text follows here.")
    assert exact_quote("HUMIRAtm is indicated for reducing signs and symptoms in adults.", stored) == \
        "HUMIRA™ is indicated for reducing signs and symptoms [see Clinical Studies (14.2)] in adults."
    assert exact_quote("other TEXT follows", stored) == "Other text follows here."
    assert exact_quote("no such words whatsoever qqq", "First sentence. Second one.") == "First sentence."
    long = "Use it " + "with care and food " * 60 + "daily. Next."
    quote = exact_quote("with care and food daily", long)
    assert quote.startswith(ELLIPSIS) and quote.endswith("daily.") and len(quote) <= 402
    assert all(p in normalize(long) for p in pieces(quote))
    assert not pieces(quote)[0].startswith(("ith", "th", "h "))  # cut at a word boundary


def test_every_citation_of_every_answer_quotes_the_label_verbatim(pack: Pack) -> None:
    labels = [pack.label(i) for i, in pack_rows(pack.path, "SELECT id FROM labels ORDER BY id")]
    checked, wrong = 0, []
    sections: dict[tuple[str, str], str | None] = {}
    for label in labels:
        for question in QUESTIONS:
            answer = compose(understand(question.format(label.title), pack), pack)
            for statement in answer.statements():
                for c in statement.citations:
                    if c.section == "patient_reviews" or c.section.startswith("openfda."):
                        continue  # reviews are quoted by id; openFDA metadata is no section text
                    key = (c.set_id, c.section)
                    if key not in sections:
                        body = stored_text(pack, c)  # a label's section, or an EU medicine's indication text
                        sections[key] = normalize(body) if body is not None else None
                    text = sections[key]
                    checked += 1
                    if text is None:
                        if c.quote:
                            wrong.append((label.title, c.section, "section missing", c.quote[:80]))
                    elif text == "" and not c.quote:
                        continue  # an EU row without indication text: cited, nothing to quote
                    elif not c.quote or not all(p in text for p in pieces(c.quote)):
                        wrong.append((label.title, c.section, c.quote[:120]))
        sections.clear()
    assert checked > 10 * len(labels)
    assert wrong == [], f"{len(wrong)} of {checked} quotes are not the label's words: {wrong[:5]}"


def test_eu_quotes_are_the_ema_text_with_glued_headings_apart(pack: Pack) -> None:
    answer = compose(understand("what is dupixent used for", pack), pack)
    eu = [c for s in answer.statements() for c in s.citations if c.region == "EU"]
    text = [c for c in eu if c.section == "condition_indication"]
    assert text and all(p in normalize(stored_text(pack, c) or "") for c in text for p in pieces(c.quote))
    # A quote starts where the EMA text's sentence does, not inside a heading glued to it ("dermatitisAdults").
    assert all(not c.quote.startswith(("Atopic dermatitis", "Adults and adolescentsDupixent")) for c in text)
    assert any("12 years and older" in c.quote for c in text)
    fields = [c for c in eu if c.section.startswith("ema.")]
    assert any(c.section == "ema.revision_date" and c.quote == "2023-02-28" for c in fields)
