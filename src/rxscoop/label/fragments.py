"""Cut an indications section into fragments, one per stated use, before any condition is named.

A fragment is the text of one use with what it may carry: its subsection number, its heading, the population
a group lead-in gave it ("Adult patients with:"), and its "Limitations of Use". Three layouts are cut here:
numbered subsections ("1.2 Asthma DUPIXENT is indicated …"), the highlights summary whose items end in refs
("( 1.2 )", or "Title ( 1.1 ): content"), and labels of plain sentences ("X is indicated for …", lists after
"indicated for:", further uses stated by their role or aim)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rxscoop.label.lists import (
    LEAD_IN,
    PROSE,
    STARTERS,
    abbreviated_names,
    is_listed_name,
    listed_run_together,
    split_list,
)
from rxscoop.label.shape import condition_heads
from rxscoop.label.starts import quick_start
from rxscoop.label.text import add_unique as _add_unique
from rxscoop.label.text import clean, sentences
from rxscoop.label.vocab import is_vocabulary_name
from rxscoop.plain.lexicon import lexicon

HEADING = r"indications?\s*(?:and|&)\s*usage|indications?|uses"
_LIMITATION = re.compile(r"\b(?:Important\s+)?Limitation\s?s?\s*(?:of\s+)?Use\s*:?\s*", re.I)
# A reference to a subsection of section 1 as highlights write it: "( 1.2 )", "(1.3, 1.4)", "( 1 )".
# "( 1.1 , 14.1 )": a ref to section 1 may go on to cite the clinical studies of the use.
REF = re.compile(r"\(\s*(1(?:\.\d+)?)\s*(?:,\s*\d{1,2}(?:\.\d+)?\s*)*\)|\(\s*\)")
# (Written to start with "1", the lookbehind after it the one before it: re skips to each "1", as layout._SUBSECTION.)
_SUBSECTION = re.compile(r"(1(?<![\w.(]1)\.\d{1,2})\s+(?=[A-Z])")
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
_TITLE_WORD = re.compile(r"(?:[A-Z][\w'-]*|\([A-Za-z-]{1,12}\)|with|of|and|the|in|to|or|&)$")
_CONNECTORS = {"with", "of", "and", "the", "in", "to", "or", "&"}
_NOT_TITLES = re.compile(rf"^(?:{STARTERS}|Limitations?|Use|Uses|Adult|Adults|Pediatric|Patients)\b", re.I)


@dataclass
class Fragment:
    text: str
    number: str | None = None
    title: str | None = None
    context: str = ""  # population wording that applies from a group header ("Adult patients with")
    limitations: list[str] = field(default_factory=list)
    limitation_only: bool = False  # a "Limitations of Use" entry, not a use


# A vaccine's name: its first word is the disease it protects against, not the medicine ("COVID-19 Vaccine …").
VACCINE_NAME = re.compile(r"\bvaccines?\b", re.I)


def names_pattern(names: list[str]) -> re.Pattern[str] | None:
    words: set[str] = set()
    for name in names:
        name = clean(name)
        if len(name) >= 3:
            words.add(name)
            # "adalimumab-fkjp" is written "adalimumab" too; "Simponi Aria" may be "SIMPONI" (never a vaccine's first
            # word, which is the disease it protects against: "COVID-19 Vaccine … Valneva", "Rabies vaccine").
            if not VACCINE_NAME.search(name):
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


def subsections(text: str, names: re.Pattern[str] | None) -> tuple[str, list[Fragment]]:
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
            title, chunk = _title_and_opening(chunk[: name_at.start()].strip(" :,"), chunk[name_at.start():])
        elif name_at:
            pass  # the block opens with the drug's name ("Tecovirimat SIGA is indicated …"): no heading
        else:
            title, chunk = _heading_before_statement(chunk)
            if title is None:
                title, chunk = _leading_title(chunk)
        if title and re.search(r"\blimitations?\s+of\s+use\b|^(?:important\s+)?limitations?\b", title, re.I):
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


_ACCELERATED = re.compile(r"(?:This|These) indications? (?:is|are) approved under accelerated approval[^.]*\.\s*"
                          r"(?:Continued approval[^.]*\.\s*)?", re.I)


def highlight_items(text: str, names: re.Pattern[str] | None) -> list[Fragment]:
    """Cut the highlights summary into items at its subsection refs."""
    text = _ACCELERATED.sub("", text)  # said of the item before; kept with it in the full subsection
    context, text = _strip_preamble(text)
    items: list[Fragment] = []
    refs = list(REF.finditer(text))
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
    piece = piece.lstrip(" •●▪◦")  # "• Invasive aspergillosis ( 1.1 )": the bullet is no part of the item
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
    if _NOT_FOR.search(piece) and not INDICATED.search(_NOT_FOR.sub("", piece)):
        # "X is not indicated to treat asthma. ( 1.2 )": a highlights item that only says what is not a use.
        prior = before[-1] if before and not before[-1].limitation_only else None
        if prior:
            _add_unique(prior.limitations, piece)
            return []
        return [Fragment("", number, limitations=[piece], limitation_only=True)]
    named = abbreviated_names(piece)
    if named:
        return [Fragment(name, number, None, context=context) for name in named]
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


_WITH_CRITERIA = re.compile(r"^(?P<use>[^:]{10,300}?)\s+in\s+(?:[\w-]+\s+){0,3}?(?:patients|adults|women|men|children|"
                            r"adolescents)\s+with\s*:", re.I)


# "… indicated for treatment of type-2 diabetes mellitus in combination with: • metformin; • sulphonylureas; …":
# the items are the medicines it is given with.
_PARTNERS_LEAD = re.compile(r"^(?P<use>[^:]{10,300}?)\s+(?:in combination with|in addition to|added to|together with)"
                            r"\s*:", re.I)


# "… indicated for the treatment of coronavirus disease 2019 (COVID-19) in: adults and paediatric patients … with
# pneumonia …": items that open with who they are for say which patients.
_WHO_ITEMS = re.compile(r"^(?P<use>[^:]{10,300}?)\s+in\s*:\s*(?=(?:adults?|adolescents?|children|infants|"
                        r"(?:paediatric|pediatric|adult)\s+patients|patients|women|men)\b)", re.I)


def criteria_lead(sentence: str) -> bool:
    """A lead-in that names its use before "in … patients with:" (a condition word, or what is done: "to delay
    imminent pre-term birth") or "in combination with:": the items after it say which patients or which medicines
    it is given with, not further uses."""
    lead = _WITH_CRITERIA.match(sentence) or _PARTNERS_LEAD.match(sentence) or _WHO_ITEMS.match(sentence)
    if not lead:
        return False
    use = re.split(r"\bindicated\b", lead.group("use"))[-1]
    return bool(condition_heads().search(use) or lexicon().find_conditions(use)
                or re.match(r"\s*to\s+(?!treat\b|prevent\b)\w+", use)
                or re.search(r"\b(?:reduction|reducing)\s+(?:of|in)\b", use, re.I)  # "… of cardiovascular morbidity"
                or (lead.re is _PARTNERS_LEAD and re.search(r"\b(?:treatment|prevention)\s+of\s+\w", use, re.I)))


def sentence_items(text: str, names: re.Pattern[str] | None) -> list[Fragment]:
    """Labels without subsection refs: every sentence that says "indicated" is a use, and a list after
    "indicated for:" is split into its items (bullets, run-on starters, or sentences)."""
    text = REF.sub(" ", text)
    pieces: list[tuple[str, str]] = []  # (population context, piece)
    in_list = in_limits = False
    context = ""
    lead_in: str | None = None  # a lead-in ending in ":" whose items follow as sentences
    to_period = False  # the list is one of ";"-ended items: it ends with the sentence that ends in "."
    criteria = False  # the ";"-ended items say which patients the use before them is for
    for sentence in re.split(r"(?<=[.;])\s+(?=\S)", text):
        if criteria and pieces:
            ctx, last = pieces[-1]
            pieces[-1] = (ctx, f"{last} {sentence}")
            criteria = sentence.rstrip().endswith(";")
            continue
        if criteria_lead(sentence) and not _NOT_FOR.search(sentence):
            # "… treatment of chronic hepatitis B virus (HBV) infection in adults with: compensated liver disease …;
            # decompensated liver disease.": one use; its items say which patients.
            in_list = in_limits = False
            criteria, context = sentence.rstrip().endswith(";"), ""
            who = _WHO_ITEMS.match(sentence)
            # "… treatment of COVID-19 in: adults … with pneumonia …": the items say who, the lead-in names the use.
            pieces.append((sentence[who.end():], who.group("use")) if who else ("", sentence))
            continue
        head, rest = _strip_preamble(sentence)
        if rest is not sentence and _GERMS.search(sentence[: len(sentence) - len(rest)].rstrip(" :")):
            in_list = in_limits = False  # a list of germs: no use of its own is named
        elif rest is not sentence:
            context, in_list, in_limits = head, True, False
            pieces.extend((context, p) for p in split_list(listed_run_together(rest, names), names))
        elif _NOT_FOR.search(sentence) and pieces:
            # "Nitrofurantoin is not indicated for the treatment of pyelonephritis": a limit of the use before.
            ctx, last = pieces[-1]
            pieces[-1] = (ctx, f"{last} Limitations of Use: {sentence}")
        elif _OTHER_DRUG.search(sentence):
            continue  # "… a penicillin-type drug is also usually indicated as concomitant therapy": another drug's use
        elif INDICATED.search(_WHOM.sub("", sentence)) and not _NOT_FOR.search(sentence):
            # ("… (Ph+ ALL) for whom no other kinase inhibitors are indicated" is a listed item, not a new statement)
            lead = _BULLETED_LEAD.match(sentence)
            if lead:
                # "… indicated for the treatment of adult patients with • newly diagnosed Ph+ CML … • Ph+ ALL …": a
                # list without a colon; its lead-in says for whom, and the bullets that follow are its items.
                context, in_list, in_limits = lead.group("lead"), True, False
                pieces.extend((context, p) for p in split_list(sentence[lead.end() - 1:], names))
            else:
                # A list whose items end in ";" goes on in the sentences after this one, up to its period.
                # ("… (MPS IVA; Morquio A syndrome)" is a name and its alias in brackets, not a list.)
                in_list = sentence.rstrip().endswith(";") and sentence.count("(") == sentence.count(")")
                in_limits, context = False, ""
                to_period = in_list
                pieces.extend(("", p) for part in _each_purpose(sentence) for p in split_list(part, names))
        elif (not in_list and ((pieces and _PURPOSE_OPENER.match(sentence))
                               or (_AIM_OPENER.match(sentence) and not _VERB.search(sentence)))
              and not _NOT_FOR.search(sentence)):
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
                lead = LEAD_IN.match(sentence.rstrip(". "))
                if lead_in and not lead and is_listed_name(sentence.rstrip(". ")) and len(sentence.split()) <= 8:
                    # "As an adjunct to diet for the treatment of adults with: Primary dysbetalipoproteinemia.
                    # Hypertriglyceridemia.": an item of the list the lead-in opened, one sentence each.
                    sentence = f"{lead_in} {sentence}"
                else:
                    lead_in = lead.group("lead") if lead else None
                pieces.extend((context, p) for p in split_list(sentence, names))
            if to_period and not sentence.rstrip().endswith(";"):
                in_list = to_period = False
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


_BULLETED_LEAD = re.compile(r"^(?P<lead>[^•●▪◦]{10,300}?\b(?:with|for|of|in))\s*:?\s*[•●▪◦]")
_WHOM = re.compile(r"\b(?:for whom|in whom|who|whose)\b.*", re.I)
# "CEREBYX can also be substituted, short-term, for oral phenytoin": a use stated without "indicated".
# Older antibiotic labels: "Clinical studies have shown gentamicin sulfate to be effective in bacterial neonatal
# sepsis; bacterial septicemia; and serious bacterial infections of …".
INDICATED = re.compile(r"\b(?:indicated|may be used|is used|are used|(?:can|may)\s+(?:also\s+)?be\s+substituted|"
                       r"(?:has|have)\s+(?:been\s+)?shown\s+(?:[\w-]+\s+){1,4}to\s+be\s+effective\s+in)\b", re.I)
_OTHER_DRUG = re.compile(r"\b(?:a|an|another|other)\s+(?:[\w-]+\s+){0,2}(?:drugs?|agents?|antibiotics?)\s+(?:is|are)\s+"
                         r"(?:also\s+)?(?:usually\s+|often\s+)?indicated\b", re.I)
# A preamble whose list is of germs, not of conditions: "… serious infections caused by susceptible strains of the
# following microorganisms: Pseudomonas aeruginosa, Proteus species …".
# ("… caused by designated, susceptible bacteria: • Acute bacterial sinusitis …" lists conditions, not germs.)
_GERMS = re.compile(r"\bthe following (?:micro-?organisms|organisms|bacteria|pathogens)\s*$", re.I)
# A sentence that states one more use of the drug named before, by its role or aim: "… is indicated for the
# treatment of gout. As an adjuvant to therapy with penicillin …, for elevation … of plasma levels."
_PURPOSE_OPENER = re.compile(r"^(?:As an? (?:adjuvant|adjunct)(?:ive therapy)? (?:to|for|in)|For the (?:treatment|"
                             r"prevention|management|relief|prophylaxis) of)\b", re.I)
# A use stated by its aim alone, with no "indicated", as EU section 4.1 often opens ("Prevention of nausea and
# vomiting in patients receiving … chemotherapy. X may be used in patients receiving their first …").
# (a statement, not advice: "Control of high blood pressure should be part of comprehensive … risk management")
_AIM_OPENER = re.compile(r"^(?:Treatment|Prevention|Prophylaxis|Management|Relief|Control|Reduction)\s+of\b")
_VERB = re.compile(r"\b(?:should|must|is|are|was|were|has|have|can|may|will|requires?|includes?)\b", re.I)
# "… is indicated for the production of local or regional anesthesia for surgery and for acute pain management":
# two purposes, each a use.
_AND_FOR = re.compile(r"^(?P<lead>.*?\b(?:indicated|may be used|is used|are used)\s+)(?P<a>for\s+\S.*?),?\s+and\s+"
                      r"(?P<b>for\s+\S.*)$", re.I)
# "… indicated for the treatment of generalized tonic-clonic status epilepticus and prevention and treatment of
# seizures occurring during neurosurgery": a second aim with a condition of its own.
_AIM = r"(?:treatment|prevention|management|prophylaxis|relief|control)"
_AND_AIM = re.compile(rf"^(?P<lead>.*?\b(?:indicated|may be used|is used|are used)"
                      rf"(?:\s+in\s+(?:adults?|children|adolescents|pediatric|paediatric|patients)\b[^.;:]{{0,60}}?)?"
                      rf"\s+for:?\s+(?:the\s+)?)"
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
    r"^(?:adults?|pediatric patients|children)(?:\s+and\s+(?:pediatric patients|children|adults))?\s+(?=(?-i:[A-Z]))",
    re.I)  # a capital starts what follows the group ("Adults Rheumatoid …"), never "Adult patients with …"


def _is_prose(sentence: str, names: re.Pattern[str] | None) -> bool:
    if names and names.match(sentence):
        return True
    # A relative clause is no verb of the item's own; a sentence that opens with "When …" is prose itself.
    bare = re.sub(r"(?<=\S)\s+(?:who|whom|whose|that|which|when|if)\b.*", "", sentence, flags=re.I)
    return bool(PROSE.search(bare))


def _sentence_case_heading(head: str) -> bool:
    """A heading written in sentence case before the drug's name ("Established atherosclerotic cardiovascular disease
    Repatha is indicated …"): a few words, no verb or sentence mark, ending in a condition noun."""
    words = head.split()
    return (1 <= len(words) <= 8 and head[:1].isupper() and not re.search(r"[.;:,]", head)
            and not INDICATED.search(head) and not re.search(r"\b(?:is|are|was|were|has|have|should|may)\b", head)
            and bool(re.search(rf"(?:{condition_heads().pattern})\s*(?:\([^()]*\))?$", head, re.I)
                     or is_vocabulary_name(re.sub(r"\s*\([^()]*\)$", "", head))))


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
            if _sentence_case_heading(head):
                return head, piece[at.start():]
    if ":" in piece[:80]:
        head, _, rest = piece.partition(":")
        title, leftover = _leading_title(head.strip())
        if title and not leftover.strip():
            return title, rest.strip()
    return _heading_before_statement(piece)


# A statement that opens with what is done ("For the treatment of …", "Treatment of …") or with a name that "is
# indicated", capitalised.
# ("… Edistride is indicated …": a name the label's own names may not hold)
_OPENS_STATEMENT = re.compile(rf"\s(?=(?-i:[A-Z]))(?=(?:{STARTERS}|For\s+the|For)\b|[\w-]+(?:\s+[\w-]+){{0,3}}\s+"
                              rf"(?:is|are)\s+(?:also\s+)?indicated\b)", re.I)


def _heading_before_statement(piece: str) -> tuple[str | None, str]:
    """A sentence-case heading before a statement that opens with what is done: "Type 2 diabetes mellitus For the
    treatment of …" → ("Type 2 diabetes mellitus", "For the treatment of …")."""
    opens = _OPENS_STATEMENT.search(piece[:150])
    if opens and _sentence_case_heading(piece[: opens.start()].strip()):
        return piece[: opens.start()].strip(), piece[opens.end():]
    return None, piece


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_LIMITATION = quick_start(_LIMITATION)
_GROUP = quick_start(_GROUP)
_WHOM = quick_start(_WHOM)
INDICATED = quick_start(INDICATED)
_OTHER_DRUG = quick_start(_OTHER_DRUG)
_GERMS = quick_start(_GERMS)
_NOT_FOR = quick_start(_NOT_FOR)
