"""Un-flatten the EMA list's indication text (section 4.1 of the EU product information) into the shape the
US indications reader reads: one numbered block per condition heading, list items marked, no empty list
debris, no cross-references, each part once.

The EMA list flattens section 4.1: headings run straight into the next sentence ("Atopic dermatitisAdults
and adolescentsDupixent is indicated for…"), sentences into the next heading ("…treatment.Asthma"), list
items lose their breaks or keep a tab or "- ", empty list items leave ", , " behind, and parts may repeat.
The block numbers are the reader's scaffolding only; the EU reader drops them from the uses it returns.
The text a use quotes is this un-flattened text: the EPAR's words, with headings set apart, a population
subheading or lead-in put before the sentence it governs ("Adults: …"), and two EU idioms written as the
reader reads them ("age ≥ 75 years" among risk factors, "HIV-1 infected adults"); the citation links the EPAR."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rxscoop.label.facts import population_of
from rxscoop.label.naming import names_a_condition
from rxscoop.label.routes import FORMS
from rxscoop.label.shape import condition_heads, qualifiers
from rxscoop.label.text import normalize, sentences, split_outside_brackets
from rxscoop.label.vocab import glued_names

# "(see section 4.2)", "(see sections 4.4 and 5.1)": cross-references say nothing about the use itself.
_CROSS_REF = re.compile(r"\s*\((?:see|refer to)\s+sections?\s+\d+(?:\.\d+)*(?:\s*(?:,|and|or)\s*\d+(?:\.\d+)*)*\)",
                        re.I)
# (A section number's dot does not end it: "See sections 4.2 Assessment of … and 4.4 situations where …".)
_SEE_SENTENCE = re.compile(r"(?:^|(?<=[.:]))\s*See sections?\s+\d+(?:\.\d+)*(?:\s*(?:,|and|or)\s*\d+(?:\.\d+)*)*"
                           r"(?:[^.]|\.(?=\d)){0,160}\.(?!\d)", re.I)
_EMPTY_ITEMS = re.compile(r"\s*,(?:\s*,)+\s*")
_DASH_ITEM = re.compile(r"(?:(?<=[:;,.])|(?<=^))\s*[-–]\s+(?=[A-Za-z(])")
_SENTENCE_GLUE = re.compile(r"(?<=[A-Za-z0-9)%\]])([.:;])(?=[A-Z][a-z])")
# A word glued to the capitalised word that starts the next part: "dermatitisAdults", "(CRSwNP)Dupixent".
_WORD_GLUE = re.compile(r"(?<![A-Za-z])([A-Z]?[a-z]{2,}|[A-Za-z0-9'’ -]*\))([A-Z][a-z]{2,}[A-Za-z]*)")
_COLON_GLUE = re.compile(r"(?<=[a-z]):(?=[a-z])")
# A footnote's number glued to the word that opens a sentence: "… treatment. 3Jayempi is indicated for …".
_NOTE_MARK = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=[.;:]))\d(?=[A-Z][a-z]{2,}\b)")
# An age glued to the word before it: "paediatric patients2 to < 18 years of age", "patients2 years and older".
_AGE_GLUE = re.compile(r"(?<=[a-z]{4})(?=\d+(?:\.\d+)?\s*(?:(?:years?|months?|weeks?|days?)\b|to\s*<?\s*\d))")
_PAREN_GLUE = re.compile(r"(?<=[a-z])\((?=[A-Z])")
# "aged ≥ 6 months to < 18 years": the range as the reader knows it ("6 months to 18 years").
# ("aged 6 to < 12 years" the same, without its "≥"; "children and adolescents 6 17 years old" lost its dash.)
_BOUNDED_RANGE = re.compile(r"(?:≥\s*)?(\d+(?:\.\d+)?)\s*(months?|years?)?\s*to\s*<\s*(\d+)\s*(months?|years?)")
_LOST_DASH = re.compile(r"\b(\d{1,2}) (\d{1,2})(?= years (?:old|of age)\b)")
# "with one or more risk factors, such as …; age ≥ 75 years; hypertension": an age among risk factors says who
# is at risk, not who the use is for; written out so it is not read as the use's minimum age.
_RISK_AGE = re.compile(r"\bage\s*≥\s*(\d+)\s*(years?)?")
# "HIV-1 infected adults", "(HIV-1) infected adults": the EU idiom names the infection through the people who
# have it; the reader reads "HIV-1 infection in adults".
# (The hyphen may be U+2010 or U+2011, "HIV‑1 infected adolescents", and the name lowercase and hyphenated throughout:
# "human-immunodeficiency-virus-type-1-infected adults".)
_INFECTED = re.compile(r"(\)|\b[A-Z][A-Za-z]*(?:[-\u2010\u2011 ]\d)?|\b[a-z][a-z-]*-\d)[-\u2010\u2011 ]infected\s+"
                       r"(?=(?:adult|adolescent|child|paediatric|pediatric|"
                       r"patient|infant|people|wom[ae]n|m[ae]n)s?\b|children\b)")
# "adults infected with human immunodeficiency virus type 1 (HIV-1) without …", "adults infected with HIV 1": the same
# idiom the other way round; read "HIV 1 infection in adults". Only a virus named as such is the germ.
_INFECTED_WITH = re.compile(r"\b((?:adults?|adolescents|children|patients)(?:,?\s+and\s+(?:adolescents|children))?"
                            r"(?:\s*\([^()]{1,80}\)|\s+(?:aged|weighing)\b[^()]{1,60}?)?)\s+infected\s+with\s+"
                            r"((?:multidrug[- ]resistant\s+)?(?:(?:[\w-]+\s+){0,3}?virus(?:[- ]type)?(?:[- ]\d)?|"
                            r"HIV[-\u2010\u2011 ]?\d)(?:\s*\([^()]{1,12}\))?)(?!\s+infection)")
# Small words glued to the next one where a break was lost: "indicated forthe treatment", "treatment ofadult".
# ("inpatients" is a word of its own, so "in" is never split from "patients".)
_SMALL_GLUE = re.compile(r"\b(for|of|with|to)(the|adults?|patients|paediatric|children)\b|\b(in)(the|adults?|"
                         r"paediatric|children)\b")
_ARTICLE = re.compile(r"(?:the|an?)\s", re.I)
_MODAL = re.compile(r"\b(?:should|must|can|cannot|will|may)\b", re.I)
# A sentence end glued to a lowercase item: "… tumours (GIST).the adjuvant treatment of …".
_LOWER_GLUE = re.compile(r"(?<=[A-Za-z)]{2})\.(?=(?:the|an?)\s)")
# A lead-in whose list follows in the next parts: it ends in ":" or in a word that needs its complement
# ("X is indicated for the treatment of" + "Adult and paediatric patients with …").
# (also "… for the treatment of the following infections." before its items, each a sentence of its own)
_LEAD_END = re.compile(r"(?::|\b(?:of|for|in|with|against)|\bthe following(?:\s+[\w-]+){1,3}\.)$")
# A relative clause is no verb of a listed item's own ("… patients with CML for whom … is not considered …").
_RELATIVE = re.compile(r"\s(?:for whom|in whom|who|whose|which|that|when)\b.*", re.I)
# A population lead-in with its items after it, split by ";": "In adult women: anovulation …; stimulation of …".
_POPULATION_LEAD = re.compile(r"^(?P<who>[A-Z][A-Za-z0-9 -]{2,60}?):\s*(?P<items>.+)$")
# A heading over subheadings that names a disease of childhood: what stands under it is for children.
_CHILDHOOD = re.compile(r"\b(?:juvenile|paediatric|pediatric|childhood|neonatal)\b", re.I)
_INDICATED = re.compile(r"\bindicated\b", re.I)
_NOT_INDICATED = re.compile(r"\bnot\s+(?:be\s+)?indicated\b", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|be|been|has|have|should|may|must|can|will|indicated)\b", re.I)
BREAK = "\n"


@cache
def population_words() -> frozenset[str]:
    """Words of population subheadings (data/eu_population_headings.txt)."""
    text = resources.files("rxscoop.data").joinpath("eu_population_headings.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _unglue(text: str, protected: frozenset[str]) -> str:
    """Break glued parts apart, keeping names that are written with an inner capital ("MabThera")."""

    def split(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        whole = match.group(0)
        if left.endswith(")"):
            return f"{left}{BREAK}{right}"
        if whole.lower() in protected or any(p.startswith(whole.lower()) for p in protected if len(p) > len(whole)):
            return whole
        # A capitalised word glued to another is a heading only when both look like words, not name parts
        # ("PegIntron", "ReFacto"): at least five letters before and four after.
        if left[0].isupper() and (len(left) < 5 or len(right) < 4):
            return whole
        return f"{left}{BREAK}{right}"

    return _WORD_GLUE.sub(split, text)


def _own_names_apart(text: str, names: list[str]) -> str:
    """The medicine's own name glued to the abbreviation that ends a heading starts a part:
    "… without radiographic evidence of ASHukyndra is indicated" (an inner-capital split would not see it)."""
    for name in names:
        if len(name) >= 4 and name[:1].isupper() and name[1:].islower() and name.isalpha():
            text = re.sub(rf"(?<=[A-Z]{{2}})(?={re.escape(name)}\b)", BREAK, text)
    return text


def clean_text(text: str, protected: frozenset[str] = frozenset(), names: list[str] | None = None) -> str:
    """The indication text with its flattening undone as far as it can be; parts separated by BREAK."""
    text = _own_names_apart(text, names or [])
    # The break the flattening took out stood between the two words: a list's lead-in ends there.
    text = _SMALL_GLUE.sub(lambda m: f"{m.group(1) or m.group(3)}{BREAK}{m.group(2) or m.group(4)}", text)
    # "adult patients withchronic phase, …": the same lost break before a list item that opens with its stage.
    text = _glued_with().sub(f"with{BREAK}", text)
    text = _LOWER_GLUE.sub(f".{BREAK}", text)
    text = text.replace("\t", f" {BREAK}• ")
    text = _EMPTY_ITEMS.sub(BREAK, text)  # (debris of empty lines: where a paragraph ended)
    text = _CROSS_REF.sub("", text)
    text = _SEE_SENTENCE.sub(BREAK, text)
    text = _COLON_GLUE.sub(": ", text)
    text = _PAREN_GLUE.sub(" (", text)
    text = _AGE_GLUE.sub(" ", text)
    text = _NOTE_MARK.sub("", text)
    text = _LOST_DASH.sub(lambda m: f"{m.group(1)}-{m.group(2)}" if int(m.group(1)) < int(m.group(2)) else m.group(0),
                          text)
    text = _BOUNDED_RANGE.sub(lambda m: f"{m.group(1)} {m.group(2) or m.group(4)} to {m.group(3)} {m.group(4)}", text)
    # A bullet glued to its lead-in ("adult patients with:• Ph+ …"), or written in a symbol font's private character.
    text = re.sub(r"(?<=[:;.])•", " •", text.replace("\uf0b7", " •"))
    text = _INFECTED.sub(lambda m: f"{m.group(1)} infection in ", text)
    text = _INFECTED_WITH.sub(lambda m: f"{m.group(2)} infection in {m.group(1)}", text)
    text = _SENTENCE_GLUE.sub(lambda m: f"{m.group(1)}{BREAK}", text)
    # Twice: three parts glued ("Coated tabletsAdultsOlanzapine is …") come apart one join at a time.
    text = _unglue(_unglue(text, protected), protected)
    text = _DASH_ITEM.sub(f" {BREAK}• ", text)
    lines = [normalize(line).strip(" ,") for line in text.split(BREAK)]
    return BREAK.join(line for line in lines if line)


@cache
def not_use_phrases() -> tuple[str, ...]:
    """Phrases of sentences that are never a use (data/eu_not_uses.txt)."""
    text = resources.files("rxscoop.data").joinpath("eu_not_uses.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def use_starters() -> re.Pattern[str]:
    """A sentence that opens with a use word (data/eu_use_starters.txt)."""
    text = resources.files("rxscoop.data").joinpath("eu_use_starters.txt").read_text(encoding="utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return re.compile(rf"^(?:{'|'.join(map(re.escape, words))})\b")


# Advice on how to go on with a use, not a use: "patients should be reviewed after three to six months …",
# "In patients who fail to show an adequate response, X should be discontinued".
_ADVICE = re.compile(r"\b(?:should|must)\s+(?:be\s+)?(?:reviewed|discontinued|stopped|confirm|re-?evaluated|"
                     r"reassessed|assessed|monitored|considered)\b", re.I)


def _drop_not_uses(part: str) -> str:
    kept = [s for s in sentences(part) if not any(p in s.lower() for p in not_use_phrases())
            and not (_ADVICE.search(s) and not _INDICATED.search(s))]
    kept = [_RISK_AGE.sub(lambda m: f"age of {m.group(1)} years or more", s) if "risk factor" in s.lower() else s
            for s in kept]
    return " ".join(kept)


@dataclass
class Block:
    """The sentences under one condition heading (None: before any heading), and the heading over it when
    headings stand one under the other ("Juvenile idiopathic arthritis" over "Enthesitis-related arthritis")."""

    heading: str | None
    parts: list[str] = field(default_factory=list)
    parent: str | None = None


def _is_heading(part: str) -> bool:
    words = part.split()
    # (never an item that runs on: "Received prior therapy for … disease, orDeveloped disease recurrence …")
    return (0 < len(words) <= 12 and not _FINITE.search(part) and not part.endswith((".", ":", ";", ","))
            and words[-1].lower() not in ("or", "and")
            and part[:1].isupper() and not part.startswith("•"))


_STRENGTH = re.compile(r"\b\d+(?:[.,]\d+)?\s*-?\s*(?:mg|ml|g|µg|mcg|micrograms?|units?|IU)\b", re.I)
_INFUSED = re.compile(r"\b(?:solution|concentrate|powder|emulsion|suspension)\s+for\b|\bconcentrate\b", re.I)


def _is_form_heading(part: str) -> bool:
    """A heading that names a product (its strength or dosage form), not a condition: "1.5-mg/0.3-ml and
    2.5-mg/0.5-ml solution for injection", "Concentrate for solution for infusion", "Film-coated Tablets"."""
    if condition_heads().search(part):
        return False
    return bool(_STRENGTH.search(part) or _INFUSED.search(part) or any(form.search(part) for form, _ in FORMS))


def is_population_heading(part: str) -> bool:
    words = re.findall(r"[a-z]+", part.lower())
    return bool(words) and all(w in population_words() for w in words)


def _is_item(part: str) -> bool:
    """A part that can be an item of the list a lead-in opened: no use statement, no verb of its own."""
    return not _INDICATED.search(part) and not _MODAL.search(part) and not _FINITE.search(_RELATIVE.sub("", part))


def _split_items(items: str) -> list[str]:
    """Items split at ";" outside brackets."""
    return split_outside_brackets(items, ";")


def _parts(text: str, protected: frozenset[str], names: list[str] | None) -> list[str]:
    """The cleaned parts, with a population lead-in's ";" items each a part of its own, the lead-in before
    each ("In adult women: anovulation …", "In adult women: stimulation of …")."""
    out: list[str] = []
    for part in clean_text(text, protected, names).split(BREAK):
        lead = _POPULATION_LEAD.match(part)
        items = _split_items(lead.group("items")) if lead and is_population_heading(lead.group("who")) else []
        if len(items) >= 2:
            out.extend(f"{lead.group('who')}: {item}" for item in items if lead)
        else:
            out.append(part)
    return out


def blocks(text: str, protected: frozenset[str] = frozenset(), names: list[str] | None = None) -> list[Block]:
    """Blocks of sentences by condition heading; a population subheading is kept with its sentence
    ("Children 6 to 11 years of age: Dupixent is indicated …") so who it is for is not lost. The parts after a
    lead-in that ends open ("indicated for the treatment of", "indicated in adults for:") are its list items,
    marked "•", until a part that states a use or has a verb of its own."""
    out: list[Block] = [Block(None)]
    population: str | None = None
    listing = False
    parts = _parts(text, protected, names)
    first_only = bool(parts) and _is_heading(parts[0]) and is_population_heading(parts[0]) and not any(
        _is_heading(p) and not p.startswith("•") for p in parts[1:])
    for part in parts:
        if not part.startswith("•") and len(part.split()) <= 12 and not _FINITE.search(part) and _is_form_heading(part):
            continue  # "2.5-mg/0.5-ml solution for injection", "Film-coated Tablets": which product, not which use
        # While a list runs, "The treatment of …" is its item, not a heading ("Non-Hodgkin's lymphoma (NHL)" is).
        if _is_heading(part) and not part.startswith("•") and not (
                listing and _is_item(part) and (_ARTICLE.match(part) or use_starters().match(part))):
            if is_population_heading(part):
                population = part
            else:
                # A heading with nothing under it heads the ones after it; a sibling keeps the heading over it.
                parent = out[-1].heading if out[-1].heading and not out[-1].parts else out[-1].parent
                out.append(Block(part, parent=parent))
                population = None
            listing = False
            continue
        part = _drop_not_uses(part)
        if not part:
            continue
        if listing and not part.startswith("•"):
            # Each sentence with no verb of its own is an item; a note between items ("Patients who have a low
            # risk … should not receive …") is kept unmarked, and the list runs on to a statement of a use.
            said = sentences(part)
            part = " ".join(f"• {x}" if _is_item(x) else x for x in said)
            listing = not any(_INDICATED.search(x) for x in said)
        listing = bool(_LEAD_END.search(part)) or (listing and not _INDICATED.search(part))
        if part.endswith(".") and _LEAD_END.search(part):
            part = f"{part[:-1]}:"  # "… the following infections." leads its items as "…:" does
        if population and not population_of(part).stated:
            # the sentence or item does not say who: its subheading does
            part = f"• {population}: {part[1:].strip()}" if part.startswith("•") else f"{population}: {part}"
        # A subheading over one sentence says who that sentence is for; a first subheading over a text with no other
        # ("Adults" over every use of an adults-only medicine) over all of it.
        population = population if part.startswith("•") or first_only else None
        out[-1].parts.append(part)
    if out[-1].heading and not out[-1].parts and not any(b.parts for b in out):
        # The whole text is one line with no verb ("Treatment of symptomatic chronic heart failure"): it is the
        # statement of the use, not a heading over nothing.
        out = [Block(None, parts=[out[-1].heading])]
    return [b for b in out if b.parts]


def _key(part: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", part.lower()).strip()


def deduplicated(found: list[Block]) -> list[Block]:
    """Each part once: a repeated heading's block is merged into its first, and a sentence that also stands
    under a heading is dropped where it has none."""
    under_heading = {_key(p) for b in found if b.heading for p in b.parts}
    merged: dict[str, Block] = {}
    out: list[Block] = []
    for block in found:
        if block.heading is None:
            block.parts = [p for p in block.parts if _key(p) not in under_heading]
            if block.parts:
                out.append(block)
            continue
        key = _key(block.heading)
        if key in merged:
            target = merged[key]
            target.parts.extend(p for p in block.parts if _key(p) not in {_key(q) for q in target.parts})
            continue
        merged[key] = block
        out.append(block)
    for block in out:
        block.parts = list(dict.fromkeys(block.parts))
    return out


def _uses_of(block: Block) -> list[list[str]]:
    """A block's parts cut where each "… is indicated …" sentence starts: one use statement each, with the
    sentences after it that add to it (a lead-in ending in ":" keeps its list items)."""
    out: list[list[str]] = []
    open_lead = False  # a lead-in ending in ":" (or the like) whose items follow
    for part in block.parts:
        for sentence in [part] if part.startswith("•") else sentences(part):
            if sentence.startswith("•") and not open_lead and use_starters().match(sentence.lstrip("• ")):
                # items with no lead-in over them, each a statement ("• Primary prevention of …", "• Treatment of …")
                out.append([sentence.lstrip("• ")])
                continue
            lead = _POPULATION_LEAD.match(sentence)
            # ("… hence is not indicated in von-Willebrand's disease": a limit of the use before, never a use)
            starts = ((_INDICATED.search(sentence) and not _NOT_INDICATED.search(sentence))
                      or use_starters().match(sentence)
                      or (lead and is_population_heading(lead.group("who"))))
            if (starts and not sentence.startswith("•")) or not out:
                out.append([sentence])
            else:
                out[-1].append(sentence)
            if not sentence.startswith("•"):
                open_lead = bool(_LEAD_END.search(sentence))
    return out


_PEOPLE = re.compile(r"\b(?:adults?|adolescents?|children|child|paediatric|pediatric|infants?|neonates?)\b", re.I)


def _lead_population(lead: str) -> str | None:
    """Who a lead-in names ("X is indicated in adults for the following indications:" → "Adults")."""
    runs = re.findall(r"(?:\b[\w≥<>-]+\b\s*)+", lead)
    for run in runs:
        words = run.split()
        kept: list[str] = []
        for word in words:
            if word.lower() in population_words() or word.isdigit():
                kept.append(word)
            elif kept and _PEOPLE.search(" ".join(kept)):
                break
            else:
                kept = []
        phrase = " ".join(kept).strip()
        while phrase.split() and phrase.split()[0].lower() in {"and", "or", "to", "of", "the", "at", "from"}:
            phrase = " ".join(phrase.split()[1:])
        while phrase.split() and phrase.split()[-1].lower() in {"and", "or", "to", "of", "the", "at", "from"}:
            phrase = " ".join(phrase.split()[:-1])
        if _PEOPLE.search(phrase):
            return phrase[:1].upper() + phrase[1:]
    return None


_OPENS_LIST = re.compile(r"([^•:]{10,300}:)\s*•")


_LEAD_CONDITION = re.compile(r"^(?:for|in|treatment of)\s+(?:(?:adult|paediatric|pediatric)\s+)?"
                             r"(?:patients|adults|children)\s+with\s+(?P<condition>[^:;,()]+?)\s*:$", re.I)


def numbered(text: str, protected: frozenset[str] = frozenset(), names: list[str] | None = None
             ) -> tuple[str, dict[str, tuple[str, str]], set[str]]:
    """Text for the indications reader: one "1.N Heading statement" block per use statement (the heading when
    its block states one use; several statements under one heading are read each on its own), and who each
    block is for when the words that say it stand apart from its sentence: {"1.N": (who, the words)}. A text
    with one statement and no heading is left as it is.

    Who stands apart (a lead-in "X is indicated in adults for the following indications:", or a population
    subheading under a condition heading) is kept out of the block's text: the reader would take it for part of
    the heading ("Chronic lymphocytic leukaemia (CLL) Adults"). The third value holds the blocks that stand
    under a heading naming a disease of childhood ("Juvenile idiopathic arthritis"): they are for children."""
    found = deduplicated(blocks(text, protected, names))
    statements = [(b.heading, s) for b in found for s in _uses_of(b)]
    young = {b.heading for b in found if b.parent and _CHILDHOOD.search(b.parent)}
    if statements and statements[0][0] is None and len(statements[0][1]) > 1 \
            and _LEAD_CONDITION.match(statements[0][1][0]) and all(p.startswith("•") for p in statements[0][1][1:]):
        # "For patients with type-2 diabetes mellitus: • X is indicated as an adjunct … • X is indicated in
        # combination with …": each bullet a statement under the lead-in (see `over` below).
        lead_in, *items = statements[0][1]
        statements = [(None, [lead_in]), *((None, [item.lstrip("• ")]) for item in items), *statements[1:]]
    if len(statements) <= 1 and not any(b.heading for b in found):
        return " ".join(p for b in found for p in b.parts), {}, set()
    counts = {b.heading: len(_uses_of(b)) for b in found}
    # A lead-in that names who ("X is indicated in adults for the following indications:") applies to the
    # statements that name nobody.
    lead = statements[0][1][0] if statements and statements[0][0] is None else ""
    lone = lead.endswith(":") and len(statements[0][1]) == 1  # a lead-in that is a statement of its own
    if lone and names_a_condition(lead) and all(
            h and not names_a_condition(h) and not is_population_heading(h) for h, _ in statements[1:]):
        # "Treatment of essential hypertension in adults: Add-on therapy … Replacement therapy …": headings that name
        # no condition under a lead-in that names one are ways of using it, one use; the lead-in states it.
        return " ".join([lead.rstrip(": ") + ".", *(p for b in found[1:] for p in b.parts)]), {}, set()
    who = _lead_population(lead) if lone else None
    # "For patients with type 2 diabetes mellitus: X is indicated as an adjunct to diet …": a lead-in that names the
    # condition, over statements that name none, names theirs (as a heading over them would).
    named = _LEAD_CONDITION.match(lead) if lone else None
    over = named.group("condition") if named and names_a_condition(named.group("condition")) \
        and len(named.group("condition").split()) <= 8 else None
    if who or over:
        statements = statements[1:]
    out: list[str] = []
    whos: dict[str, tuple[str, str]] = {}
    children: set[str] = set()
    for i, (heading, parts) in enumerate(statements, 1):
        number, shown = f"1.{i}", heading if heading and counts[heading] == 1 else None
        if over and not heading and not names_a_condition(" ".join(parts)):
            shown = over[:1].upper() + over[1:]
            whos[number] = ("", lead)  # no who of its own: the lead-in is quoted for the condition it names
        if heading in young:
            children.add(number)
        first, sep, rest = parts[0].partition(": ")
        if sep and is_population_heading(first):  # "Adults: …", "In adult women: …": who stands apart
            whos[number] = (first, first)
            parts = [rest, *parts[1:]]
        elif who and not population_of(" ".join(parts)).stated:
            whos[number] = (who, lead)
        elif (opened := _OPENS_LIST.match(" ".join(parts))) and population_of(opened.group(1)).stated \
                and sum(bool(_OPENS_LIST.match(" ".join(p))) for _, p in statements) == 1:
            # "… for the treatment of adult patients with: • X • Y": who the lead-in names is who each item is for
            # (of one such list only: the reader makes one use of an item two lists name, "adult patients with: •
            # … CML" and "paediatric patients with: • … CML", and one list's who would be said of both).
            whos[number] = (opened.group(1), opened.group(1))
        said = " ".join(parts)
        said = said[:1].upper() + said[1:]  # a block starts with a capital, as a subsection does
        if said.count("•") == 1:  # a list of one item is the lead-in's sentence: "… adult patients with: • Ph+ ALL …"
            said = re.sub(r"\b(with|of|for):\s*•\s*", r"\1 ", said)
        out.append(f"{number} {shown + ' ' if shown else ''}{said}")
    return " ".join(out), whos, children


def unflatten(text: str, protected: frozenset[str] = frozenset()) -> str:
    """The text the indications reader reads (see `numbered`)."""
    return unglued(numbered(text, protected)[0])


@cache
def _glued_with() -> re.Pattern[str]:
    words = sorted((w for w in qualifiers() if w.isalpha() and w not in ("or", "and")), key=len, reverse=True)
    return re.compile(rf"\bwith(?=(?:{'|'.join(words)}|moderate|moderately|severe|severely|mild)\b)")


def unglued(text: str) -> str:
    """List marks the flattening glued to the item before: "…: • Smallpox- Monkeypox- Cowpox" (each "- " item its
    own bullet) and "… (DMARD);active psoriatic arthritis" (a ";" item with no space after it)."""
    text = re.sub(r"(?<=[a-z])-\s(?=[A-Z][a-z])", " • ", text)
    # "adult patients withchronic phase … leukaemia": "with" glued to the stage or course word after it.
    text = _glued_with().sub("with ", text)
    # "open-angle glaucomaas monotherapy", "as monotherapyin adult patients": a role run into the words around it.
    text = re.sub(r"(?<=[a-z])(?=as (?:mono|adjunctive |add-on )?therapy\b)", " ", text)
    text = re.sub(r"\b((?:mono)?therapy)(?=(?:in|with|for)\b)", r"\1 ", text)
    # Two list items' condition words run together ("systemic lupus erythematosusdermatomyositispolyarteritis
    # nodosa"): a list break between them, found by the condition vocabulary's words.
    text = re.sub(r"[a-z]{10,}", lambda m: " • ".join(glued_names(m.group(0)) or (m.group(0),)), text)
    # (";adults 18 years of age or older …" lists who, under one use: it stays glued to the item before; but
    # ";patients with relapsing-remitting multiple sclerosis …" names a condition: an item of its own.)
    who = r"adults?|adolescents?|children|infants|patients|women|men|paediatric|pediatric"
    return re.sub(rf";(?=[A-Za-z])(?!(?:{who})\b(?!(?:\s+(?!with\b)[\w-]+){{0,3}}\s+with\s))", "; ", text)
