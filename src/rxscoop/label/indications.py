"""Split an `indications_and_usage` section into one `Use` per approved use.

Label styles this reads (all seen in openFDA text):
- PLR labels: a highlights summary whose items end in refs like "( 1.2 )", then full subsections
  "1.2 Asthma DUPIXENT is indicated as …"; the subsection is the primary source, highlights fill gaps
  (Enbrel states "Adult patients with:" only in its highlights).
- Heading-ref highlights: "Rheumatoid Arthritis (RA) ( 1.1 ): reducing signs and symptoms …".
- Numbered categories of run-together conditions (older steroid labels): see categories.py.
- One-sentence and excerpt labels: "X is indicated for the treatment of …", bulleted lists after
  "indicated for:", lists run together ("… in adults Adjunctive therapy in …"), "Title: sentence".

The pieces (fragments) are read independently, then merged by subsection number or condition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rxscoop.label.categories import category_uses, split_items
from rxscoop.label.facts import (
    benefit_of,
    condition_key,
    condition_keys,
    not_established_below,
    population_of,
    prerequisites_of,
    role_of,
    severity_of,
    without_severity,
)
from rxscoop.label.model import Indications, Population, Use
from rxscoop.label.shape import condition_problem, continues
from rxscoop.label.text import add_unique as _add_unique
from rxscoop.label.text import clean, sentences
from rxscoop.label.vocab import codes_for, is_vocabulary_name, vocabulary_name_in
from rxscoop.plain.classes import is_class
from rxscoop.plain.lexicon import lexicon

HEADING = r"indications?\s*(?:and|&)\s*usage|indications?|uses"
_LIMITATION = re.compile(r"\b(?:Important\s+)?Limitation\s?s?\s*(?:of\s+)?Use\s*:?\s*", re.I)
# A reference to a subsection of section 1 as highlights write it: "( 1.2 )", "(1.3, 1.4)", "( 1 )".
# "( 1.1 , 14.1 )": a ref to section 1 may go on to cite the clinical studies of the use.
_REF = re.compile(r"\(\s*(1(?:\.\d+)?)\s*(?:,\s*\d{1,2}(?:\.\d+)?\s*)*\)|\(\s*\)")
_SUBSECTION = re.compile(r"(?<![\d.(])\b(1\.\d{1,2})\s+(?=[A-Z])")
_OTHER_REF = re.compile(r"\(\s*(?:[2-9]|1\d)(?:\.\d+)?(?:\s*,\s*\d+(?:\.\d+)?)*\s*\)")
_GROUP = re.compile(
    r"\b((?:adults?|pediatric|children)(?:\s+patients)?(?:\s+(?:aged\s+)?\d+\s+(?:years?|months?)"
    r"(?:\s+of\s+age)?(?:\s+(?:and|or)\s+older)?)?\s+with)\s*:\s*",
    re.I,
)
# "… is/are (a|an <class>) indicated (in adults) for (the treatment of):" - the part before the uses. The
# population may hold a decimal ("… 0.39 m 2 and above:") but never runs past a reference ("( 1.1 )").
_PREAMBLE = re.compile(
    r"^(?P<head>[^:]{0,300}?\b(?:is|are)\b(?P<cls>[^:.]{0,160}?)\b(?:indicated|may be used)\b"
    r"(?P<pop>(?:(?!\(\s*\d)[^:.]|(?<=\d)\.(?=\d)){0,120}?)"
    r"(?:\s*for(?:\s+the)?(?:\s+treatment\s+of)?(?:\s+the\s+following)?|\s+as|\s+in)?"
    r"(?:\s*\[[^\]]*\])?)\s*:\s*",
    re.I,
)
_CLASS = re.compile(
    r"\b(?:is|are)\s+(?:(?:an?\s+)(?P<cls>[^.:;]{3,120}?)(?:\s+indicated|\s*\.$)|(?P<bare>[^.:;]{3,80}?)\s+indicated)",
    re.I,
)
# "… is a vasopressin analog used for:", "Sodium Nitrite Injection, an antidote, is indicated …"
_CLASS_ALSO = re.compile(
    r"\b(?:is|are)\s+an?\s+(?P<cls>[^.:;]{3,80}?)\s+(?:used|approved)\s+(?:for|to|in|as)\b"
    r"|,\s+an?\s+(?P<bare>[^,.;]{3,60}?),\s+(?:is|are)\s+(?:an?\s+[^.;]{0,60}?\s+)?indicated\b",
    re.I,
)
# A finite verb outside relative clauses: prose ("Lowering blood pressure reduces …"), not a list item.
_PROSE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|does|do|should|may|can|will|would|reduces|lowers|occurred|"
    r"appears?|seems?)\b",
    re.I,
)
# Words that open a use in run-together lists ("… in adults Adjunctive therapy in the treatment of …").
_STARTERS = (
    r"Treatment|Management|Adjunctive|Adjunct|Adjuvant|Prophylaxis|Prevention|Reduction|Reducing|Relief|"
    r"Maintenance|Eradication|Pathologic|Short-term|Long-term|Replacement|Control|As an adjunct|As adjunctive"
)
# Items of a list whose bullets were lost may also open with an aim: "…: To reduce the risk of mortality in HGPS
# For the treatment of processing-deficient Progeroid Laminopathies …" (capitalised: mid-sentence they are not).
_AIM_STARTERS = (r"To (?:reduce|treat|prevent|improve|increase|decrease|delay|control|relieve)|"
                 r"For the (?:treatment|prevention|management|relief|prophylaxis|reduction) of")
_RUN_ON = re.compile(rf"(?<=[A-Za-z0-9)])\s+(?=(?:{_STARTERS}|{_AIM_STARTERS})\b)")
_BULLET = re.compile(r"\s*[•●▪◦]\s*|\s+о\s+")
_TITLE_WORD = re.compile(r"(?:[A-Z][\w'-]*|\([A-Za-z-]{1,12}\)|with|of|and|the|in|to|or|&)$")
_CONNECTORS = {"with", "of", "and", "the", "in", "to", "or", "&"}
_NOT_TITLES = re.compile(rf"^(?:{_STARTERS}|Limitations?|Use|Uses|Adult|Adults|Pediatric|Patients)\b", re.I)


@dataclass
class Fragment:
    text: str
    number: str | None = None
    title: str | None = None
    context: str = ""  # population wording that applies from a group header ("Adult patients with")
    limitations: list[str] = field(default_factory=list)
    limitation_only: bool = False  # a "Limitations of Use" entry, not a use


def _names_pattern(names: list[str]) -> re.Pattern[str] | None:
    words: set[str] = set()
    for name in names:
        name = clean(name)
        if len(name) >= 3:
            words.add(name)
            # "adalimumab-fkjp" is written "adalimumab" too; "Simponi Aria" may be "SIMPONI".
            words.add(re.split(r"[\s(-]", name)[0])
    words = {w for w in words if len(w) >= 3}
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b", re.I)


def _leading_title(text: str) -> tuple[str | None, str]:
    """Split a leading Title-Case heading off text: "Atopic Dermatitis for the treatment…"."""
    if _NOT_TITLES.match(text):
        return None, text
    tokens = text.split(" ")
    taken: list[str] = []
    for token in tokens:
        bare = token.rstrip(":,")
        if not bare or not _TITLE_WORD.match(bare):
            break
        taken.append(token)
        if token.endswith(":"):
            break
    while taken and taken[-1].rstrip(":,") in _CONNECTORS:
        taken.pop()
    if not taken or not taken[0][:1].isupper():
        return None, text
    title = " ".join(taken).rstrip(":, ")
    rest = " ".join(tokens[len(taken):]).lstrip(":, ")
    if len(taken) == 1 and not taken[0].endswith(":") and rest[:1].islower() and not lexicon().find_conditions(title):
        return None, text  # "Select patients for therapy based on …": a sentence's first word, not a heading
    return title, rest


# A capitalised word that opens a sentence rather than continuing a heading: "Ductal Carcinoma in Situ In adult
# women with DCIS, following …, SOLTAMOX is indicated …".
_OPENERS = {"in", "for", "with", "as", "when", "the", "to", "a", "an", "among"}


def _title_and_opening(prefix: str, rest: str) -> tuple[str, str]:
    """Split the words before the drug's name into the subsection heading and the opening of its first
    sentence; without such an opening, all of them are the heading."""
    title, leftover = _leading_title(prefix)
    words = (title or "").split()
    if not leftover.strip() or len(words) < 2 or words[-1].lower() not in _OPENERS or not words[-1][:1].isupper():
        return prefix, rest
    opening = [words.pop()]
    while len(words) > 1 and words[-1] in _CONNECTORS:
        opening.insert(0, words.pop())
    return " ".join(words), f"{' '.join(opening)} {leftover.strip()} {rest}"


def _split_limitations(text: str) -> tuple[str, list[str]]:
    parts = _LIMITATION.split(text)
    body = parts[0].strip()
    return body, [p.strip() for p in parts[1:] if p.strip()]


def _subsections(text: str, names: re.Pattern[str] | None) -> tuple[str, list[Fragment]]:
    """Find "1.N Title body" subsections, in increasing order; return (text before them, fragments)."""
    found: list[re.Match[str]] = []
    last: tuple[int, ...] = (1, 0)
    for match in _SUBSECTION.finditer(text):
        number: tuple[int, ...] = tuple(int(x) for x in match.group(1).split("."))
        if number > last:
            found.append(match)
            last = number
    if not found:
        return text, []
    fragments: list[Fragment] = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        chunk = text[match.end():end].strip()
        title: str | None = None
        name_at = names.search(chunk[:160]) if names else None
        if name_at and name_at.start() > 0:
            title, chunk = _title_and_opening(chunk[: name_at.start()].strip(" :"), chunk[name_at.start():])
        else:
            title, chunk = _leading_title(chunk)
        if title and re.search(r"\blimitations?\s+of\s+use\b|^limitations?\b", title, re.I):
            body = _LIMITATION.sub("", f"{title} {chunk}", count=1).strip()
            fragments.append(Fragment("", match.group(1), limitations=[body], limitation_only=True))
            continue
        body, limits = _split_limitations(chunk)
        fragments.append(Fragment(body, match.group(1), title, limitations=limits))
    return text[: found[0].start()].strip(), fragments


def _strip_preamble(text: str) -> tuple[str, str]:
    """Drop "X is a … indicated for:"; return (population context it states, the rest)."""
    match = _PREAMBLE.match(text)
    if not match:
        return "", text
    return match.group("pop") or "", text[match.end():]


def _highlight_items(text: str, names: re.Pattern[str] | None) -> list[Fragment]:
    """Cut the highlights summary into items at its subsection refs."""
    context, text = _strip_preamble(text)
    items: list[Fragment] = []
    refs = list(_REF.finditer(text))
    heading_style = sum(1 for r in refs if text[r.end():r.end() + 3].lstrip().startswith(":"))
    if refs and heading_style >= max(1, len(refs) // 2):
        return _heading_items(text, refs, context)
    start = 0
    for ref in refs:
        piece = text[start:ref.start()].strip()
        start = ref.end()
        # "… ( 1.1 ) Adults: Efficacy was established in … ( 14.1 ) Treatment of X ( 1.2 )": what ends at a
        # reference to another section still belongs to the item before, not to the next one.
        other = list(_OTHER_REF.finditer(piece))
        if other and items:
            items[-1].text = f"{items[-1].text} {piece[: other[-1].end()]}".strip()
            piece = piece[other[-1].end():].strip()
        number = ref.group(1) if ref.group(1) and ref.group(1) != "1" else None
        items.extend(_item(piece, number, context, items, names))
        if items:
            context = items[-1].context
    tail = text[start:].strip()
    if tail:
        items.extend(_item(tail, None, context, items, names))
    return items


def _item(
    piece: str, number: str | None, context: str, before: list[Fragment], names: re.Pattern[str] | None
) -> list[Fragment]:
    groups = list(_GROUP.finditer(piece))  # the last group header before the item applies
    if groups:
        group = groups[-1]
        context = group.group(1)
        piece = piece[group.end():]
    if not piece:
        return []
    if _LIMITATION.match(piece):
        # "Limitations of Use: …" belongs to the item before it; a use may follow in the same piece.
        said = sentences(_LIMITATION.sub("", piece, count=1).strip())
        if not said:
            return []  # the heading alone ("Limitations of Use: ( 1.3 )"): its text comes in the next item
        limit, piece = said[0], " ".join(said[1:])
        prior = before[-1] if before and not before[-1].limitation_only else None
        if prior and (prior.number == number or piece or number is None):
            _add_unique(prior.limitations, limit)
        else:
            return [Fragment("", number, limitations=[limit], limitation_only=True)]
        if not piece:
            return []
    if _NOT_FOR.search(piece) and not _INDICATED.search(_NOT_FOR.sub("", piece)):
        # "X is not indicated to treat asthma. ( 1.2 )": a highlights item that only says what is not a use.
        prior = before[-1] if before and not before[-1].limitation_only else None
        if prior:
            _add_unique(prior.limitations, piece)
            return []
        return [Fragment("", number, limitations=[piece], limitation_only=True)]
    title, rest = _leading_title(piece)
    if title and names and names.match(title):
        title, rest = None, piece  # "RINVOQ is indicated …" starts with the drug, not a heading
    body, limits = _split_limitations(rest if title else piece)
    return [Fragment(body, number, title, context=context, limitations=limits)]


def _heading_items(text: str, refs: list[re.Match[str]], context: str) -> list[Fragment]:
    """Items in the style "Title (Abbr) ( 1.1 ): content … Next Title ( 1.2 ): content"."""
    items: list[Fragment] = []
    for i, ref in enumerate(refs):
        # The title is the text since the previous item's last sentence.
        prev_end = refs[i - 1].end() if i else 0
        lead = text[prev_end:ref.start()]
        if i:
            cut = max(lead.rfind(". "), lead.rfind(": "))
            prior_tail, lead = (lead[: cut + 1], lead[cut + 1:]) if cut >= 0 else ("", lead)
            if items and prior_tail.strip():
                items[-1].text = f"{items[-1].text} {prior_tail.strip()}".strip()
        groups = list(_GROUP.finditer(lead))
        if groups:
            group = groups[-1]
            context, lead = group.group(1), lead[group.end():]
        after = text[ref.end():]
        colon = after.find(":")
        extra = after[:colon].strip() if 0 <= colon < 60 and "." not in after[:colon] else ""
        body_start = ref.end() + (colon + 1 if extra or after.lstrip().startswith(":") else 0)
        title = " ".join(x for x in (lead.strip(" •"), extra) if x)
        next_start = refs[i + 1].start() if i + 1 < len(refs) else len(text)
        body = text[body_start:next_start]
        if i + 1 < len(refs):
            cut = max(body.rfind(". "), body.rfind(": "))
            body = body[: cut + 1] if cut >= 0 else body
        body, limits = _split_limitations(body.strip(" •"))
        number = ref.group(1) if ref.group(1) != "1" else None
        items.append(Fragment(body, number, title or None, context=context, limitations=limits))
    return items


def _sentence_items(text: str, names: re.Pattern[str] | None) -> list[Fragment]:
    """Labels without subsection refs: every sentence that says "indicated" is a use, and a list after
    "indicated for:" is split into its items (bullets, run-on starters, or sentences)."""
    text = _REF.sub(" ", text)
    pieces: list[tuple[str, str]] = []  # (population context, piece)
    in_list = in_limits = False
    context = ""
    lead_in: str | None = None  # a lead-in ending in ":" whose items follow as sentences
    for sentence in re.split(r"(?<=[.;])\s+(?=\S)", text):
        head, rest = _strip_preamble(sentence)
        if rest is not sentence:
            context, in_list, in_limits = head, True, False
            pieces.extend((context, p) for p in _split_list(_listed(rest, names), names))
        elif _NOT_FOR.search(sentence) and pieces:
            # "Nitrofurantoin is not indicated for the treatment of pyelonephritis": a limit of the use before.
            ctx, last = pieces[-1]
            pieces[-1] = (ctx, f"{last} Limitations of Use: {sentence}")
        elif _INDICATED.search(_WHOM.sub("", sentence)) and not _NOT_FOR.search(sentence):
            # ("… (Ph+ ALL) for whom no other kinase inhibitors are indicated" is a listed item, not a new statement)
            in_list = in_limits = False
            pieces.extend(("", p) for part in _each_purpose(sentence) for p in _split_list(part, names))
        elif not in_list and pieces and _PURPOSE_OPENER.match(sentence) and not _NOT_FOR.search(sentence):
            in_limits = False
            pieces.append(("", sentence))
        elif in_limits and pieces and not _LIMITATION.match(sentence):
            # "Limitations of Use: • Has not been studied in … pancreatitis. Consider another antidiabetic therapy.
            # • Not for …": the block runs on until the next use; none of it is a use.
            ctx, last = pieces[-1]
            pieces[-1] = (ctx, f"{last} {sentence}")
        elif in_list and not _LIMITATION.match(sentence):
            # Prose between list items ("Lowering blood pressure reduces …") is skipped, not a use.
            if not _is_prose(sentence, names):
                lead = _LEAD_IN.match(sentence.rstrip(". "))
                if lead_in and not lead and _is_listed_name(sentence.rstrip(". ")) and len(sentence.split()) <= 8:
                    # "As an adjunct to diet for the treatment of adults with: Primary dysbetalipoproteinemia.
                    # Hypertriglyceridemia.": an item of the list the lead-in opened, one sentence each.
                    sentence = f"{lead_in} {sentence}"
                else:
                    lead_in = lead.group("lead") if lead else None
                pieces.extend((context, p) for p in _split_list(sentence, names))
        elif _LIMITATION.match(sentence) and pieces:
            ctx, last = pieces[-1]
            pieces[-1] = (ctx, f"{last} {sentence}")
            in_limits = True
        else:
            in_list = False
    if not pieces and text.strip():
        pieces = [("", text.strip())]  # an OTC "Uses" line, or prose with no marker: one use
    items: list[Fragment] = []
    for ctx, piece in pieces:
        title, body = _title_before_subject(piece, names)
        body, limits = _split_limitations(body)
        if body or title:
            items.append(Fragment(body, None, title, context=ctx, limitations=limits))
    return items


_WHOM = re.compile(r"\b(?:for whom|in whom|who|whose)\b.*", re.I)
# "CEREBYX can also be substituted, short-term, for oral phenytoin": a use stated without "indicated".
_INDICATED = re.compile(r"\b(?:indicated|may be used|is used|are used|(?:can|may)\s+(?:also\s+)?be\s+substituted)\b",
                        re.I)
# A sentence that states one more use of the drug named before, by its role or aim: "… is indicated for the
# treatment of gout. As an adjuvant to therapy with penicillin …, for elevation … of plasma levels."
_PURPOSE_OPENER = re.compile(r"^(?:As an? (?:adjuvant|adjunct)(?:ive therapy)? (?:to|for|in)|For the (?:treatment|"
                             r"prevention|management|relief|prophylaxis) of)\b", re.I)
# "… is indicated for the production of local or regional anesthesia for surgery and for acute pain management":
# two purposes, each a use.
_AND_FOR = re.compile(r"^(?P<lead>.*?\b(?:indicated|may be used|is used|are used)\s+)(?P<a>for\s+\S.*?),?\s+and\s+"
                      r"(?P<b>for\s+\S.*)$", re.I)
# "… indicated for the treatment of generalized tonic-clonic status epilepticus and prevention and treatment of
# seizures occurring during neurosurgery": a second aim with a condition of its own.
_AIM = r"(?:treatment|prevention|management|prophylaxis|relief|control)"
_AND_AIM = re.compile(rf"^(?P<lead>.*?\b(?:indicated|may be used|is used|are used)\s+for\s+(?:the\s+)?)"
                      rf"(?P<a>{_AIM}\s+of\s+[^,;]+?),?\s+and\s+(?:the\s+)?(?P<b>{_AIM}(?:\s+and\s+{_AIM})?\s+of\s+\S.*)$",
                      re.I)


def _each_purpose(sentence: str) -> list[str]:
    found = _AND_FOR.match(sentence)
    if found:
        return [f"{found.group('lead')}{found.group('a')}.", f"{found.group('lead')}{found.group('b')}"]
    found = _AND_AIM.match(sentence)
    if found:
        return [f"{found.group('lead')}{found.group('a')}.", f"{found.group('lead')}{found.group('b')}"]
    return [sentence]


_NOT_FOR = re.compile(r"\bnot\s+(?:be\s+)?(?:indicated|used|recommended|approved)\b", re.I)
_LEADING_GROUP = re.compile(
    r"^(?:adults?|pediatric patients|children)(?:\s+and\s+(?:pediatric patients|children|adults))?\s+(?=[A-Z])", re.I
)


def _is_prose(sentence: str, names: re.Pattern[str] | None) -> bool:
    if names and names.match(sentence):
        return True
    # A relative clause is no verb of the item's own; a sentence that opens with "When …" is prose itself.
    bare = re.sub(r"(?<=\S)\s+(?:who|whom|whose|that|which|when|if)\b.*", "", sentence, flags=re.I)
    return bool(_PROSE.search(bare))


# A lead-in and run-together items after it: "… for the treatment of adults with: Primary
# dysbetalipoproteinemia Hypertriglyceridemia" (the bullets were lost when the label became text).
_LEAD_IN = re.compile(r"^(?P<lead>[^:]{5,200}?\b(?:with|in|of|for|due to)):\s+(?P<items>[A-Z].+)$")
# Where a listed item's name ends and what qualifies it starts ("… (LEPR) deficiency as determined by an FDA-approved
# test …"): the length of a listed name is measured without it or its bracketed abbreviations.
_ITEM_QUALIFIER = re.compile(r"\s+(?:as (?:determined|detected|confirmed)|that|who|whose|which)\b.*$")


def _is_listed_name(item: str) -> bool:
    """A listed item reads as a name: up to 8 words, or up to 12 with no verb (a name may list its own
    parts: "Pro-opiomelanocortin (POMC), proprotein convertase … (PCSK1), or leptin receptor (LEPR) deficiency")."""
    name = _ITEM_QUALIFIER.sub("", item)
    words = len(re.findall(r"[A-Za-z0-9][\w/'-]*", re.sub(r"\([^()]*\)", " ", name)))
    return words <= 8 or (words <= 12 and not _PROSE.search(name))


# "… distress and is NOT due to: • A co-existing medical condition • …": what follows is what the use excludes.
_EXCLUDES = re.compile(r"\bnot\s+(?:due to|caused by|associated with|related to|the result of)\s*:?\s*$", re.I)


def _split_list(text: str, names: re.Pattern[str] | None = None) -> list[str]:
    out: list[str] = []
    parts = _BULLET.split(text)
    for index, part in enumerate(parts):
        if index and _EXCLUDES.search(parts[0] if index == 1 else " ".join(parts[:index])):
            out[-1:] = [f"{out[-1]} {part}"] if out else []  # kept with the use, as the text it qualifies
            continue
        for piece in _RUN_ON.split(part):
            piece = piece.strip(" ;")
            lead = _LEAD_IN.match(piece)
            items = split_items(lead.group("items").rstrip(". ")) if lead else []
            # The items end where the drug's name starts the next sentence ("… Hypertriglyceridemia
            # Atorvastatin calcium tablets are …", the highlights run on after the full text).
            ends = [i for i, item in enumerate(items) if names and names.match(item)]
            items = items[: ends[0]] if ends else items
            if lead and len(items) >= 2 and not _title_case_split(items) and all(_is_listed_name(i) for i in items):
                out.extend(f"{lead.group('lead')} {item}" for item in items)
            elif lead and len(items) == 1 and _is_listed_name(items[0]) and not _PROSE.search(items[0]):
                out.append(f"{lead.group('lead')} {items[0]}")  # the first of items given one sentence each
            elif len(piece) > 2:
                out.append(piece)
    return out


def _title_case_split(items: list[str]) -> bool:
    """Title-case names ("Major Depressive Disorder (MDD) Generalized Anxiety Disorder …") split at every
    capital come out as lone words; a list of conditions has at most one lone-word name."""
    lone = [i for i in items if len(i.split()) == 1 and not lexicon().find_conditions(i)]
    return len(lone) >= 2


def _listed(rest: str, names: re.Pattern[str] | None) -> str:
    """After "indicated … for the treatment of:", conditions whose bullets were lost run together: "Major
    depressive disorder (MDD) Obsessive-compulsive disorder (OCD) …". They end where the drug's name starts
    the next sentence; each becomes a bullet of its own."""
    at = names.search(rest) if names else None
    head, tail = (rest[: at.start()], rest[at.start():]) if at and at.start() > 0 else (rest, "")
    items = [i for i in split_items(head.strip().rstrip(".")) if i]
    # Title-case names ("Major Depressive Disorder (MDD) Generalized Anxiety Disorder …") split into single
    # words this way: no list of conditions is made of lone words.
    if len(items) >= 2 and not _title_case_split(items) and all(
            len(i.split()) <= 8 and not _PROSE.search(i) for i in items):
        return " • ".join(items) + (f". {tail}" if tail else "")
    return rest


def _title_before_subject(piece: str, names: re.Pattern[str] | None) -> tuple[str | None, str]:
    """ "Hypothyroidism Levothyroxine sodium tablets are indicated …" → ("Hypothyroidism", rest)."""
    piece = _LEADING_GROUP.sub("", piece)
    if names:
        at = names.search(piece[:120])
        if at and at.start() > 0:
            head = piece[: at.start()].strip(" :")
            title, leftover = _leading_title(head)
            if title and not leftover.strip():
                return title, piece[at.start():]
    if ":" in piece[:80]:
        head, _, rest = piece.partition(":")
        title, leftover = _leading_title(head.strip())
        if title and not leftover.strip():
            return title, rest.strip()
    return None, piece


def _in_label_words(condition: str, text: str) -> str:
    """The condition as the label writes it: read from text without its severity words and bracketed
    abbreviations, it is found again in the label's own words, which are what is kept."""
    if condition.lower() in text.lower():
        return condition
    tokens = [re.escape(t) for t in condition.split()]
    if not tokens:
        return condition
    gap = r"(?:\s*\([^()]{1,40}\))?[\s,]+(?:(?:mild|moderate|severe|moderately|severely|active|to|or|-)[\s,]+)*"
    found = re.search(gap.join(tokens) + r"(?:\s*\([^()]{1,40}\))?", text, re.I)
    return found.group(0) if found else condition


# Who a condition is for, left at its start: "adult and pediatric patients with leukemia", "postmenopausal
# women with … breast cancer". The population is read apart; the condition is what follows "with".
_WHO_WITH = re.compile(
    r"^(?:(?:adult|pediatric|postmenopausal|premenopausal|elderly|adults?|children|women|men)\s+(?:and\s+)?)+"
    r"(?:patients\s+)?(?:(?:aged\s+)?\d+\s+(?:years?|months?)(?:\s+of\s+age)?(?:\s+(?:and|or)\s+older)?\s+)?"
    r"with\s+(?=\S)", re.I)


def _condition(fragment: Fragment) -> str:
    """The condition in label words: the heading when there is one, else the lexicon or the phrase; never
    with the population still in front of it or after it ("Symptomatic GERD in Adolescent Patients 12 …")."""
    found = _condition_words(fragment)
    # "treatment of adult patients with previously untreated sALCL …": what is treated, not for whom.
    found = re.sub(r"^(?:the\s+)?(?:treatment|management)\s+of\s+"
                   r"(?=(?:adults?|pediatric|patients|children)\b.*\bwith\s)", "", found, flags=re.I)
    found = _WHO_WITH.sub("", found) or found
    # The lead-in of a list of kinds the condition comes in: "… Progeroid Laminopathies with either: …".
    found = re.sub(r"\s+(?:with|due to|caused by)\s+(?:either|one of|any of|the following)\s*:?$", "", found,
                   flags=re.I) or found
    return _IN_WHOM.sub("", found) or found


_IN_WHOM = re.compile(r"\s+in\s+(?:adults?|adolescents?|adolescent patients|pediatric|children|patients|women|men|"
                      r"postmenopausal|premenopausal)\b(?!.*\bwith\b).*$", re.I)  # "in patients with X" names X


def _condition_words(fragment: Fragment) -> str:
    lex = lexicon()
    if fragment.title:
        title = re.sub(r"^(?:the|a|an)\s+", "", fragment.title, flags=re.I)  # "The Treatment of …"
        # "Treatment of X" names X; "Maintenance of Healing of X" and "Reduction of the risk of X" are uses of
        # their own beside the treatment of X, so they keep their words.
        if not re.match(r"(?:maintenance\s+of\s+heal|reduction|reducing)", title, re.I):
            title = re.sub(rf"^(?:{_STARTERS})\b[\w\s-]*?\bof\s+", "", title, flags=re.I)
        # "… Lymphomas (PTCL), in Combination with Chemotherapy": how it is given, not what it treats.
        title = re.sub(r",?\s+(?:in combination with|as (?:monotherapy|a single agent))\b.*$", "", title,
                       flags=re.I) or title
        found = lex.find_conditions(title)
        # "Rheumatoid Arthritis in combination with methotrexate": keep the condition part.
        named = title[: found[-1].end()] if found else re.sub(r"\s*\((?:[A-Za-z-]{1,12})\)\s*$", "", title).strip()
        return _narrower(named, fragment.text) or named
    candidates = [c for c in _candidates(fragment.text) if c]
    good = [c for c in candidates if not condition_problem(c)]
    if not good:
        return candidates[0] if candidates else fragment.text
    # A lexicon name that a longer reading only extends ("chronic hepatitis" → "chronic hepatitis C virus")
    # gives way to it.
    first = good[0]
    longer = next((c for c in good[1:] if c.lower().startswith(first.lower()) and len(c) > len(first)
                   and len(c.split()) <= 8), None)
    return longer or first


def _narrower(heading: str, text: str) -> str | None:
    """The condition of a subsection's one statement when it narrows its heading's: "1.2 Small Cell Lung Cancer
    … is indicated for … adult patients with extensive-stage small cell lung cancer (ES-SCLC)". A heading over
    several statements (bullets, sentences) stays the name of all of them."""
    if len(re.findall(r"\bindicated\b", text)) != 1 or re.search(r"[•●▪◦]", text):
        return None
    bare = condition_key(heading)
    for reading in _candidates(text):
        key = condition_key(reading)
        if key == bare or not key.endswith(f" {bare}") or len(reading.split()) > 8 or condition_problem(reading):
            continue
        # Only words that say which kind of the condition it is ("extensive-stage", "polyarticular") narrow it;
        # "treatment of", "adult patients with", "inadequately controlled" say what is done or for whom.
        prefix = key[: -len(bare)].split()
        if not any(w in _NOT_NARROWING for w in prefix):
            return reading
    return None


_NOT_NARROWING = frozenset((
    "treatment", "management", "prevention", "prophylaxis", "relief", "therapy", "symptoms", "signs", "short",
    "term", "long", "maintenance", "reduction", "risk", "patients", "adults", "adult", "children", "pediatric",
    "women", "men", "with", "of", "for", "the", "in", "and", "or", "to", "who", "controlled", "inadequately",
    "uncontrolled", "active", "chronic", "acute", "moderate", "moderately", "severe", "severely", "mild"))


# A use listed by its role or aim: "as an adjunct to general anesthesia", "to facilitate tracheal intubation".
_ROLE_LEAD = re.compile(r"^(?:as (?:an? )?(?:adjunct|adjuvant)(?:ive therapy)? (?:to|for|in)|"
                        r"to (?:facilitate|provide|treat|prevent|reduce|control|relieve))\s+(?:the\s+)?", re.I)


_OPENING = re.compile(
    r"^(?P<whole>(?P<name>[a-z][\w'-]*(?: [\w'-]+){0,4}?)\s+(?:associated with|due to|caused by|secondary to)\s+"
    r"[^,;.]{2,80}?)(?=\s+in\s+(?:adults?|adult patients|pediatric patients|patients|children)\b)")


_CAUSE = re.compile(r"\s+(?:due to|caused by|secondary to)\s+[^,;.:(\[]+?"
                    r"(?=\s+(?:as|who|that|which|in|and|or)\b|\s*[,;.:(\[]|$)")


def _readings(text: str) -> Iterator[str]:
    """Readings of the condition in a use's text, most trusted first; the first that reads as a condition
    (label/shape.py) is taken."""
    lex = lexicon()
    scope = re.split(r"\b(?:who|whose|despite|following treatment|when)\b", text)[0]
    found = lex.find_conditions(scope) or lex.find_conditions(text)
    if found:
        first = found[0]
        names = [first.group(0)]
        # "rheumatoid arthritis and osteoarthritis": coordinated conditions are one use.
        for nxt in found[1:]:
            between = scope[first.end():nxt.start()] if nxt.end() <= len(scope) else "x"
            if re.fullmatch(r"\s*(?:,|and|or|, and|, or)\s*", between):
                names.append(nxt.group(0))
                first = nxt
            else:
                break
        named = " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
        # "obesity due to Bardet-Biedl syndrome": the cause is part of the condition's name.
        cause = _CAUSE.match(scope[first.end():])
        yield f"{named}{cause.group(0)}" if cause and len(cause.group(0).split()) <= 7 else named
    flat = _PAREN.sub("", without_severity(text))  # "(PSMA)-positive", "actinic (solar) keratoses"
    # A listed item that opens with its condition, then what it goes with and in whom: "anorexia associated
    # with weight loss in patients with AIDS" is anorexia, not AIDS.
    opening = _OPENING.match(flat)
    if opening and is_vocabulary_name(opening.group("name")):
        whole = opening.group("whole").strip(" ,")
        yield _in_label_words(whole if len(whole.split()) <= 8 else opening.group("name"), text)
    phrase = re.search(
        r"\b(?:treatment|management|relief|prevention|prophylaxis|control|maintenance of healing|therapy)\s+of\s+"
        r"(?:the\s+)?"
        r"(?:signs and symptoms of\s+)?(?:(?:adult |pediatric )?patients with\s+|adults with\s+)?(.+?)"
        r"(?<!\bdue)(?=\s+(?:in|who|whose|that|despite|following|when|to|as|and to|or as)\b|\s*:|[.;\[]|$)",
        flat,
        re.I,
    )
    if phrase and phrase.group(1).strip():
        yield _in_label_words(_WHO_WITH.sub("", _up_to_head(phrase.group(1))), text)
    # "Adults and pediatric patients aged 10 years and older with heterozygous familial hypercholesterolemia"
    patients = re.search(
        r"(?:^aged\b|\b(?:patients|adults|children)\b)[^;:]*?\bwith\s+(?:an?\s+|the\s+)?(.+?)"
        r"(?=\s+(?:who|whose|despite|when|that|as detected|after|following)\b|\s*:|[.;\[]|$)", flat, re.I)
    if patients and 1 <= len(_up_to_head(patients.group(1)).split()) <= 10:
        yield _in_label_words(_up_to_head(patients.group(1)), text)
    # A purpose rather than a disease: "indicated for cleansing of the colon as a preparation for colonoscopy",
    # "may be used for induction and maintenance of general anesthesia", "to control bacterial infection".
    purpose = re.search(
        r"\b(?:indicated|may be used|is used|are used)\s+(?:for|as)\s+"
        r"(?:use\s+(?:as|on|in|with)\s+[^.;]*?\bto\s+\w+\s+|the\s+)?"  # "for use on intact skin to provide …"
        r"(?:[a-z]+\s+(?:injection|infusion|use|administration)\s+(?:in adults\s+)?for\s+)?"  # "intrathecal … for"
        r"(?:(?:the\s+)?(?:production|induction) of\s+)?(.+?)"
        r"(?=\s+(?:in (?:adults|patients|pediatric|children)|who|whose|that|which|when|despite)\b|[.;\[]|$)", flat,
        re.I)
    aim = _up_to_head(purpose.group(1)) if purpose else ""
    if purpose and not re.match(r"(?:treatment|management)\b", aim, re.I):
        # Examples after a purpose ("… procedures such as excision, …") are not part of its name.
        aim = _up_to_head(re.split(r"\s+(?:such as|including|e\.g\.)\s", purpose.group(1))[0])
    if purpose and 1 <= len(aim.split()) <= 12 and not re.fullmatch(
            r"(?:treatment|management) of (?:(?:adult|pediatric) )?patients", aim, re.I):  # for whom, not what
        yield _in_label_words(aim.strip(" ,"), text)
    # "… can also be substituted, short-term, for oral phenytoin": a use as a stand-in for another medicine.
    stand_in = re.search(r"\bbe\s+substituted,?\s*(?:(?:as\s+)?(?P<term>short-term|long-term)(?:\s+use)?,?\s*)?"
                         r"for\s+(?P<for>[^.;,(\[]{3,60}?)(?=[.;,(\[]|$)", flat, re.I)
    if stand_in:
        term = f"{stand_in.group('term').lower()} " if stand_in.group("term") else ""
        yield f"{term}substitute for {stand_in.group('for').strip()}"
    # "adults who require localized anesthesia in periodontal pockets …", "patients undergoing …"
    need = re.search(r"\b(?:patients|adults|children)\s+(?:who\s+(?:require|need|are undergoing|undergo)|undergoing|"
                     r"requiring)\s+(.+?)(?=[.;\[]|$)", flat, re.I)
    if need and 1 <= len(_up_to_head(need.group(1)).split()) <= 12:
        yield _in_label_words(_up_to_head(need.group(1)).strip(" ,"), text)


def _candidates(text: str) -> Iterator[str]:
    """Readings of the condition in a use's text, most trusted first; only when the text holds none is its
    own start read as a listed condition."""
    any_reading = False
    for reading in _readings(text):
        any_reading = True
        yield reading
    if any_reading:
        return
    # Last, the aim of a use listed by its role: "as an adjunct to general anesthesia" (never before the readings
    # above: "as an adjunct to diet … in patients with primary hypercholesterolemia" names its condition).
    role = _ROLE_LEAD.match(text.strip())
    if role:
        aim = re.split(r"\s+(?:in|during|for|who|when)\s+(?:adults?|patients|pediatric|children)\b|[.;(\[]|,\s+for\s",
                       text.strip()[role.end():])[0].strip(" ,")
        if len(aim.split()) > 8:  # a list of alternatives is named by its first: "therapy with penicillin or with …"
            aim = re.split(r",\s|\s+or\s+(?:with\s+)?(?=\w)", aim)[0]
        if 1 <= len(aim.split()) <= 12:
            # "therapy with penicillin …" alone would read as what the drug treats: the role stays with it.
            role_words = re.sub(r"^as\s+(?:an?\s+)?", "", role.group(0).strip(), flags=re.I)
            yield f"{role_words} {aim}" if re.match(
                r"(?:therapy|treatment)\b", aim, re.I) else aim
    # A name from the condition vocabulary the text holds ("… Chronic phase (CP) chronic myeloid leukemia …").
    named = vocabulary_name_in(text)
    if named:
        yield named
        return
    # A listed condition read up to its condition noun: "Chronic phase (CP) chronic myeloid leukemia (CML) with …".
    flat = _PAREN.sub("", text)
    head = _heads().search(flat[:200])
    if head and len(flat[: head.end()].split()) <= 10:
        yield _in_label_words(flat[: head.end()].strip(), text)
        return
    # Staging bullets name a phase of one condition, then another condition: "Accelerated phase (AP) or blast
    # phase (BP) CML or Philadelphia chromosome positive acute lymphoblastic leukemia (Ph+ ALL) for whom …".
    for part in re.split(r"\s+(?:or|and)\s+(?=[A-Z][a-z])", flat[:200])[1:]:
        head = _heads().search(part)
        if head and len(part[: head.end()].split()) <= 10:
            yield _in_label_words(part[: head.end()].strip(), text)
            return
    # A listed condition, without who it is for: "Genital ulcer disease in men", "… (6 months of age …)".
    text = re.split(r"\s+in\s+(?:adults?|men|women|pediatric|patients|children|neonates|infants)\b|\s*\(", text)[0]
    words = text.split()
    yield " ".join(words[:8]).rstrip(",.;:") + (" …" if len(words) > 8 else "")


_PAREN = re.compile(r"\s*\([^()]{1,40}\)(?=[\s,.;:]|$)")


@cache
def _heads() -> re.Pattern[str]:
    text = resources.files("rxscoop.data").joinpath("condition_heads.txt").read_text(encoding="utf-8")
    words = sorted({w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}, key=len,
                   reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.I)


def _up_to_head(phrase: str) -> str:
    """The phrase up to a comma, or past commas up to the first condition noun when the part before the
    first comma has none ("progressive, metastatic medullary thyroid cancer")."""
    phrase = re.sub(r"^(?:an?\s+|the\s+)?(?:confirmed\s+)?diagnosis of\s+", "", phrase.strip(" ,"), flags=re.I)
    phrase = re.split(r",?\s+(?:also known as|also called|formerly known as)\b", phrase)[0]  # an alias, not a use
    phrase = re.split(r"\s+and (?:an?|the)\s+", phrase)[0]  # "Fabry disease and an amenable … variant"
    first = phrase.split(",")[0].strip()
    if len(first.split()) > 10 and _heads().search(first):
        # "melanoma with microscopic or gross nodal involvement within 84 days of definitive surgical …":
        # the condition noun and a short qualifier after it.
        head = _heads().search(first)
        assert head is not None
        tail = re.match(r"\s*(?:with|of|due to)\s+(?:\S+\s+){0,5}?\S+?(?=\s+(?:within|including|after|who|that|"
                        r"following|before|as|in)\b|$)", first[head.end():])
        if len(without_severity(first[: head.end()]).split()) > 1:  # never the noun alone ("disease")
            return (first[: head.end()] + (tail.group(0) if tail else "")).strip()
    if _heads().search(first) or "," not in phrase:
        return first
    head = _heads().search(phrase)
    if not head:
        return first
    rest = phrase[head.end():]
    tail = re.match(r"\s*(?:with|of)\s+[^,;]{1,60}?(?=,|$)", rest)  # "cholangiocarcinoma with an FGFR2 fusion"
    # The comma-separated part that holds the condition noun: "previously treated, unresectable … cancer";
    # a list joined by "or"/"and" is kept whole: "epithelial ovarian, fallopian tube, or primary peritoneal cancer".
    pieces = phrase[: head.end()].split(",")
    last = pieces[-1]
    if len(pieces) > 1 and re.match(r"\s*(?:or|and)\s", last):
        while len(pieces) > 2 and len(",".join(pieces).split()) > 10:  # leaves room for "(FRα)" and the like
            pieces = pieces[1:]
        last = ",".join(pieces)
    return (last + (tail.group(0) if tail and len(tail.group(0).split()) <= 6 else "")).strip()


_CHILDHOOD_CONDITION = re.compile(r"\b(?:juvenile|pediatric|paediatric|neonatal|infantile|childhood)\b", re.I)


def _read(fragment: Fragment) -> Use:
    whole = " ".join(x for x in (fragment.title or "", fragment.text) if x)
    population = population_of(f"{fragment.context} {whole}".strip())
    condition = _condition(fragment)
    return Use(
        number=fragment.number,
        condition=condition,
        severity=severity_of(whole),
        population=population,
        prerequisites=prerequisites_of(fragment.text),
        role=role_of(whole),
        benefit=benefit_of(fragment.text),
        limitations=list(fragment.limitations),
        heading=fragment.title,
        sentence=fragment.text if fragment.text else whole,
        # The group lead-in the population was read from ("Adult patients with:") is cited with the use.
        also=[fragment.context.strip()] if fragment.context.strip() and fragment.context.strip().lower()
        not in whole.lower() else [],
    )


def _merge(base: Use, extra: Use) -> Use:
    """One use stated twice (a subsection and its highlights bullet, or two bullets): the first statement
    wins where both speak, the second fills what the first leaves out, populations are joined."""
    population = base.population if base.population.stated else Population()
    if extra.population.stated:
        population = population.merged(extra.population)
    limits = _add_unique(list(base.limitations), *extra.limitations)
    also = [*base.also, *(x for x in [extra.sentence, *extra.also] if x != base.sentence and x not in base.also)]
    prereqs = base.prerequisites or extra.prerequisites
    return base.model_copy(update={
        "population": population,
        "limitations": limits,
        "prerequisites": prereqs,
        "severity": base.severity or extra.severity,
        "role": base.role or extra.role,
        "benefit": base.benefit or extra.benefit,
        "number": base.number or extra.number,
        "heading": base.heading or extra.heading,
        "also": also,
    })


def parse_indications(text: str, names: list[str]) -> Indications:
    """Read every approved use from an indications section. `names` are the drug's names, used to
    tell a subsection's heading from its first sentence."""
    text = clean(text, HEADING)
    # Cross-references are noise here; one whose "]" was lost ends at the next "[" or after 150 characters.
    text = re.sub(r"\s*\[\s*see\b[^\]\[]{0,150}?(?:\]|(?=\s*\[)|(?<=\))(?=\s+(?-i:[A-Z])))", " ", text, flags=re.I)
    text = re.sub(r"\s{2,}", " ", text)  # a reference taken out leaves two spaces, which end no list item
    text = re.sub(r"(?<=\s)1\. (\d{1,2}) (?=[A-Z])", r"1.\1 ", text)  # "1. 6 Ankylosing" → "1.6 …"
    if not text:
        return Indications()
    drug_class, class_quote = _drug_class(text)
    by_category = category_uses(text)  # "1. Endocrine Disorders Primary or secondary …" (older steroid labels)
    if by_category:
        return Indications(uses=[u.model_copy(update={"codes": codes_for(u.condition)}) for u in by_category],
                           drug_class=drug_class, drug_class_quote=class_quote)
    names_re = _names_pattern(names)
    highlights, subsections = _subsections(text, names_re)
    if _REF.search(highlights) and re.search(r"\(\s*1\.\d", highlights):
        items = _highlight_items(highlights, names_re)
    elif not subsections or len(highlights) > 40:
        items = _sentence_items(highlights, names_re)
    else:
        items = []

    general: list[str] = []
    uses: list[Use] = []
    primary: dict[str, int] = {}  # subsection number → index in uses
    several: dict[str, list[int]] = {}  # subsection number → its uses, when its bullets name several conditions

    for fragment in subsections:
        if _is_guidance(fragment.text):
            continue  # "1.5 Usage Specimens for fungal culture … should be obtained prior to therapy"
        if fragment.limitation_only:
            _add_unique(general, *fragment.limitations)
            continue
        listed = _listed_conditions(fragment, names_re)
        if listed:  # "1.2 Hyperlipidemia • … primary hypercholesterolemia • … dysbetalipoproteinemia …"
            primary[fragment.number or ""] = len(uses)
            several[fragment.number or ""] = list(range(len(uses), len(uses) + len(listed)))
            uses.extend(listed)
            continue
        use = _read(fragment)
        if fragment.number in primary:
            uses[primary[fragment.number]] = _merge(uses[primary[fragment.number]], use)
        else:
            primary[fragment.number or ""] = len(uses)
            uses.append(use)

    covered = {condition_key(u.condition) for u in uses}
    by_number: dict[str, list[int]] = {}
    for fragment in items:
        if fragment.limitation_only:
            if fragment.number in primary:
                _add_unique(uses[primary[fragment.number]].limitations, *fragment.limitations)
            else:
                _add_unique(general, *fragment.limitations)
            continue
        use = _read(fragment)
        key = condition_key(use.condition)
        if fragment.number and fragment.number in several:
            # A subsection read as several conditions: its highlights bullet joins the one it names, and one
            # that names a condition the subsection's bullets left unnamed ("Reduce elevated serum TG levels in
            # patients with hypertriglyceridemia" beside "… patients with elevated serum TG levels") is its own.
            same = [i for i in several[fragment.number] if _keys(uses[i].condition, {}) & _keys(use.condition, {})]
            if same or not _heads().search(use.condition) or condition_problem(use.condition, names_re):
                index = (same or [primary[fragment.number]])[0]
                uses[index] = _merge(uses[index], use)
            else:
                several[fragment.number].append(len(uses))
                uses.append(use)
            continue
        if fragment.number and fragment.number in primary:
            index = primary[fragment.number]
            uses[index] = _merge(uses[index], use)
            continue
        if fragment.number and fragment.number in by_number:
            # A second bullet for the same subsection (the pediatric one, or a second claim).
            same = [i for i in by_number[fragment.number] if condition_key(uses[i].condition) == key]
            if same or not key:
                index = (same or by_number[fragment.number])[0]
                uses[index] = _merge(uses[index], use)
                continue
        match = next((i for i, u in enumerate(uses) if condition_key(u.condition) == key), None)
        if key and key in covered and match is not None:
            uses[match] = _merge(uses[match], use)
            continue
        covered.add(key)
        by_number.setdefault(fragment.number or "", []).append(len(uses))
        uses.append(use)
    kept = _with_lowest_age(_repair(uses, names_re, _abbreviations(text)) or _first_indicated(text, names_re), text)
    kept = [_in_section_words(u, text) for u in kept]
    return Indications(uses=[u.model_copy(update={"codes": codes_for(u.condition)}) for u in kept],
                       limitations=general, drug_class=drug_class, drug_class_quote=class_quote)


_AIM_WORDS = re.compile(r"\b(?:treat|prevent|manag|prophyla|relie|reduc|control|diagnos|adjunct|improv)\w*", re.I)


def _is_guidance(text: str) -> bool:
    """A subsection that tells how to use the drug, not what for: no "indicated", no aim, and an instruction."""
    return not _INDICATED.search(text) and not _AIM_WORDS.search(text) and bool(
        re.search(r"\b(?:should|must)\b", text, re.I))


def _in_section_words(use: Use, text: str) -> Use:
    """A condition named with its cause from a list ("obesity due to: … Bardet-Biedl syndrome") is not in the
    label's words as one phrase: the listed cause, which is, names the use."""
    condition = use.condition
    lowered = text.lower()
    if condition.lower() in lowered or " due to " not in condition:
        return use
    cause = condition.split(" due to ", 1)[1]
    return use.model_copy(update={"condition": cause}) if cause.lower() in lowered else use


def _with_lowest_age(uses: list[Use], text: str) -> list[Use]:
    """"Safety and efficacy have not been demonstrated in patients under the age of six years", said of the
    whole section: a use that states no age of its own is for patients that age and older."""
    below = not_established_below(text)
    if not below:
        return uses
    age, sentence = below
    out = []
    for use in uses:
        if use.population.min_age_years is None:
            population = use.population.model_copy(update={"min_age_years": age, "adults": True,
                                                           "children": use.population.children or age < 18})
            use = use.model_copy(update={"population": population, "also": [*use.also, sentence]})
        out.append(use)
    return out


def _first_indicated(text: str, names: re.Pattern[str] | None) -> list[Use]:
    """Nothing read as a use survived its shape check: the first sentence that says what the drug is
    indicated for still names a condition ("… for the treatment of adult patients with chronic hepatitis C
    virus (HCV) [see …]: genotype 1b …")."""
    for sentence in sentences(text):
        if re.search(r"\b(?:indicated|may be used|is used|are used)\b", sentence, re.I):
            use = _read(Fragment(sentence))
            return [] if condition_problem(use.condition, names) else [use]
    return []


def _listed_conditions(fragment: Fragment, names: re.Pattern[str] | None) -> list[Use]:
    """A subsection whose bullets each name a different condition is one use per condition, grouped under
    the subsection's heading. Bullets that name no condition ("reduce the risk of MI") leave the
    subsection as one use: [] is returned."""
    items = [i.strip(" ;") for i in re.split(r"\s*[•●▪]\s*", fragment.text)[1:] if i.strip(" ;")]
    if len(items) < 2:
        return []
    read = [(item, _condition(Fragment(item, fragment.number, context=fragment.context))) for item in items]
    named = [(item, c) for item, c in read if _heads().search(c) and not condition_problem(c, names)]
    if len(named) < 2 or len({condition_key(c) for _, c in named}) < 2:
        return []
    head = re.split(r"\s*[•●▪]\s*", fragment.text)[0].strip()
    out: list[Use] = []
    for item in items:
        use = _read(Fragment(item, fragment.number, None, context=fragment.context))
        if not _heads().search(use.condition) and out:
            out[-1] = _merge(out[-1], use)  # a bullet with no condition of its own stays with the one before
            continue
        also = [head] if head else []
        out.append(use.model_copy(update={"heading": fragment.title, "also": [*also, *use.also]}))
    return out


_DEFINED = re.compile(r"((?:[\w'/]+[\s-]+){1,9})\(([A-Z][A-Za-z0-9+-]{1,10})\)")


def _abbreviations(text: str) -> dict[str, str]:
    """The abbreviations the section defines, each with the words it stands for: "Acquired Immune Deficiency
    Syndrome (AIDS)", "extensive-stage small cell lung cancer (ES-SCLC)"; the initials must spell it."""
    out: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        abbr = match.group(2)
        letters = re.sub(r"[^a-z]", "", abbr.lower())
        words = re.split(r"[\s-]+", match.group(1).strip())
        if 2 <= len(letters) <= len(words) and "".join(w[0].lower() for w in words[-len(letters):]) == letters:
            tail = re.search(rf"(?:[^\s-]+[\s-]+){{{len(letters)}}}$", match.group(1))
            if tail:
                out.setdefault(abbr, tail.group(0).strip())
    return out


def _keys(condition: str, abbreviations: dict[str, str]) -> set[str]:
    """A condition's keys, also with each abbreviation the section defines written out ("… in patients with
    AIDS" is the use "… Acquired Immune Deficiency Syndrome (AIDS)" states in full)."""
    written = re.sub(r"\b[A-Z][A-Za-z0-9+-]{1,10}\b",
                     lambda m: abbreviations.get(m.group(0), m.group(0)), re.sub(r"\s*\([^)]*\)", "", condition))
    return condition_keys(condition) | condition_keys(written)


def _repair(uses: list[Use], names: re.Pattern[str] | None,
            abbreviations: dict[str, str] | None = None) -> list[Use]:
    """Uses whose condition fails a shape check (label/shape.py) are read again from their own text; a clause
    that continues the use before it ("have previously received …") joins that use; what still reads as no
    condition is dropped: the answer says less rather than list a heading or a sentence as a use."""
    out: list[Use] = []
    for use in uses:
        if condition_problem(use.condition, names):
            better = _condition(Fragment(use.sentence)) if use.sentence else ""
            if better and not condition_problem(better, names):
                use = use.model_copy(update={"condition": better})
            elif out and continues(use.sentence or use.condition):
                out[-1] = _merge(out[-1], use)
                continue
            else:
                continue
        p = use.population
        if _CHILDHOOD_CONDITION.search(use.condition) and p.min_age_years is not None and p.min_age_years < 18:
            # "Juvenile Rheumatoid Arthritis in patients 2 years and older": a disease of childhood, so the
            # patients are children, though "patients … and older" alone would take in adults.
            use = use.model_copy(update={"population": p.model_copy(update={"adults": False, "children": True})})
        same = next((i for i, u in enumerate(out)
                     if _keys(u.condition, abbreviations or {}) & _keys(use.condition, abbreviations or {})),
                    None)
        if same is not None and (not use.heading or out[same].condition.lower() == use.condition.lower()):
            out[same] = _merge(out[same], use)
            continue
        out.append(use)
    return out


def _drug_class(text: str) -> tuple[str | None, str | None]:
    """The class the label names in its first sentences: "… is an interleukin-4 receptor alpha
    antagonist indicated …". Taken only when the phrase is a class of medicine (plain/classes.py), so
    "is ineffective and not indicated" names none."""
    for sentence in sentences(text):
        # "… capsules are indicated Celecoxib is a nonsteroidal …": two sentences run together; each "is"/"are"
        # starts a reading of its own.
        starts = [m.start() for m in re.finditer(r"\b(?:is|are)\b", sentence)]
        matches = [*_CLASS.finditer(sentence), *_CLASS_ALSO.finditer(sentence),
                   *(m for at in starts[1:] for m in (_CLASS.match(sentence, at),) if m)]
        for match in matches:
            cls = (match.group("cls") or match.group("bare") or "").strip(" ,")
            cls = re.split(r"\s+(?:that|which|and is|used)\b|,", cls)[0].strip()
            if re.search(r"\b(?:indicated|is|are)\b", cls, re.I):
                continue
            if cls and is_class(cls):
                return cls, sentence if len(sentence) <= 1000 else sentence[:1000]
    return None, None
