"""Cautions and other facts from a label: common side effects (with how often), who must not take it,
the warning topics, prescription status, the mechanism and study outcomes when the label has them."""

from __future__ import annotations

import re

from rxscoop.data import alternation
from rxscoop.label.layout import outline
from rxscoop.label.model import Fact, SideEffects, Use
from rxscoop.label.shape import is_table_text
from rxscoop.label.starts import quick_start
from rxscoop.label.text import add_unique, clean, sentences, split_outside_brackets

_REF6 = re.compile(r"\(\s*6(?:\.\d+)?\s*\)")
_COMMON = re.compile(r"\bmost (?:common(?:ly reported)?|frequent(?:ly reported)?)\b[^.:]*?(?:adverse|side)\b", re.I)
_THRESHOLD = re.compile(r"(?:incidence\s*)?(?:≥|>=|>|at least|greater than)\s*(\d+(?:\.\d+)?)\s*%", re.I)


def _reactions(text: str) -> list[str]:
    text = re.sub(r"\s*\[[^\]]*\]|\s*\((?:e\.g|i\.e|including)[^)]*\)", "", text)
    text = re.split(r"\.\s|\.$|\(\s*6", text)[0]
    # Split outside brackets only: "CNS reactions (sedation, dizziness/vertigo, headache, and tremor)" is one item.
    items = [i for part in split_outside_brackets(text.replace(";", ","), ",")
             for i in split_outside_brackets(part, r"\s+and\s+(?=[a-z])")]
    items = [re.sub(r"^(?:and|or)\s+", "", i).strip(" .;:") for i in items]
    # A lead-in left on the first item ("• For adult use (>2%): headache", "as a single agent: diarrhea").
    items = [re.sub(r"^[•\-–]\s*", "", i.rsplit(": ", 1)[-1]).strip() for i in items]
    if items:  # "Most common adverse reactions are dizziness, …": the list starts after its own lead-in
        items[0] = re.sub(r"^(?:the\s+)?most\s+common(?:ly\s+reported)?\s+(?:adverse\s+reactions?|side\s+effects?)"
                          r"(?:\s*\([^)]*\))?\s+(?:are|were|include|included|is)\s*:?\s*", "", items[0], flags=re.I)
    if any(re.search(r"\bmost common|\bcommonly reported\b|\bcases? (?:each )?of\b", i, re.I) for i in items):
        return []  # the sentence names the list, or counts cases: not a list of side effects
    items = list(dict.fromkeys(items))  # each once, in the label's order
    kept = [i for i in items if 2 < len(re.sub(r"\s*\([^()]*\)", "", i)) < 60 and len(i) < 120
            and not re.search(r"\d{3,}|www\.|contact|\btables?\b", i, re.I)][:12]
    # A list that holds clauses ("2) for which a drug cause was remote", "sometimes progressing to …") is
    # not a list of side effects: none of it is said.
    # Nor is one that names studies ("other premarketing controlled trials"): it is about where they were seen.
    if any(re.search(r"\d\)|\b(?:which|were|was|sometimes|progressing|and/or|trials?|stud(?:y|ies)|placebo)\b", i,
                     re.I) or len(re.sub(r"\s*\([^()]*\)", "", i).split()) > 6
           for i in kept):
        return []
    return kept


def read_side_effects(text: str, uses: list[Use]) -> list[SideEffects]:
    """The "Most common adverse reactions (incidence ≥1%) are: …" statement(s) of section 6."""
    text = clean(text)
    match = _COMMON.search(text)
    if not match:
        return []
    block = text[match.start():]
    block = block.split("To report SUSPECTED ADVERSE REACTIONS")[0][:3000]
    items: list[SideEffects] = []
    # Per-use lines: "Atopic Dermatitis (incidence ≥1%): injection site reactions, … ( 6.1 )"
    conditions = sorted({u.condition for u in uses}, key=len, reverse=True)
    for piece in _REF6.split(block):
        piece = piece.strip()
        head, sep, rest = piece.rpartition(":")
        if not sep:
            continue
        condition = next((c for c in conditions if c.lower() in head.lower()), None)
        threshold = _THRESHOLD.search(head)
        reactions = _reactions(rest)
        if reactions and (condition or not items):
            items.append(SideEffects(
                condition=condition, threshold=f"≥{threshold.group(1)}%" if threshold else None,
                reactions=reactions, quote=piece[:1500]))
    if items and any(i.condition for i in items):
        return [i for i in items if i.condition] if len(items) > 1 else items
    first = sentences(block)[0]
    before = text[:match.start()][-60:]
    if re.search(r"\bTable\s+\d+\s+(?:enumerates|lists|shows|presents|summarizes)\b", f"{before} {first}", re.I):
        return []  # the list is in the table, which is not read: the sentence names uses, not side effects
    first = re.sub(r"\s*\((?:e\.g|i\.e|including)[^)]*\)", "", first)
    head, _, rest = first.partition(":") if ":" in first[:200] else ("", "", re.sub(
        r"^.*?(?:\b(?:are|were|include|included|is)\b|\s[–-]\s)", "", first, count=1))
    threshold = _THRESHOLD.search(first)
    reactions = _reactions(rest)
    if not reactions:
        return []
    return [SideEffects(threshold=f"≥{threshold.group(1)}%" if threshold else None, reactions=reactions,
                        quote=first[:500])]


_CONTRAINDICATED_LAST = re.compile(r"\s+(?:is|are)\s+(?:also\s+)?contraindicated\b(?=\s*(?:because|due to|\.|$))",
                                   re.I)
_USE_OF = re.compile(r"^(?:All Dosage Forms of [^:]+:\s*)?(?:the\s+)?(?:concomitant\s+)?(?:use\s+(?:of\s+)?(?:in\s+"
                     r"patients\s+)?|starting\s+.+?\s+in\s+a\s+patient\s+who\s+is\s+)", re.I)


def read_contraindications(text: str) -> list[Fact]:
    """Who must not take it, as short label phrases."""
    text = clean(text, r"contraindications")
    text = re.sub(r"\s*\[[^\]]*\]|\s*\(\s*\d+(?:\.\d+)?(?:\s*,\s*\d+(?:\.\d+)?)*\s*\)", "", text)
    if not text or re.match(r"none\b", text, re.I):
        return []
    facts: list[Fact] = []
    seen: list[str] = []
    for sentence in sentences(text):
        sentence = re.sub(r"\s*\(\s*see\b[^)]*\)", "", sentence, flags=re.I)  # "(see WARNINGS and …)"
        last = _CONTRAINDICATED_LAST.search(sentence)
        if last:
            # "The use of MAOIs … with X is contraindicated because of …": what is ruled out comes first.
            body = _USE_OF.sub("", sentence[: last.start()]).strip()
        elif "contraindicated" in sentence.lower():
            body = re.sub(r"^.*?\bcontraindicated\b\s*(?:in|for|with)?\s*(?:patients\s*)?(?:with|who)?\s*:?\s*", "",
                          sentence, count=1, flags=re.I)
        else:
            body = sentence
        for part in re.split(r"\s*[•●]\s*", body):
            part = part.strip(" .;:")
            if re.match(r"(?:because|due to|see)\b", part, re.I):
                continue  # a reason or a reference, not who must not take it
            if len(part) > 6 and not re.search(r"\bTable\s+\d", part) and add_unique(seen, part)[-1] is part:
                facts.append(Fact(text=part, section="contraindications", quote=sentence[:400]))
    return facts[:6]


# "5.2 Conjunctivitis and Keratitis Conjunctivitis and keratitis occurred …": the heading ends where a
# sentence starts (a capitalised word followed by a verb, or a drug name in capitals). "There/This … is"
# starts a sentence only right after the heading: "5.1 Lactic Acidosis There have been …".
_W_HEAD = re.compile(
    r"(?<![\d.(])\b5\.(\d{1,2})\s+([A-Z][^.]{2,80}?)"
    r"(?=\s+(?:(?:There|This|These|It|They)\s+(?:is|are|can|may|has|have|was|were)\b|(?:[A-Z][a-z]+\s+){0,2}"
    r"(?:[A-Z]{2,}|(?!(?:There|This|These|It|They)\b)[A-Z][a-z]+\s+(?:is|are|can|may|has|have|was|were)\b))"
    r"|\s+[A-Z][a-z]+ (?:reactions|occurred|have been))"
)
_SEE_W = re.compile(
    r"([A-Z][A-Za-z ,()/-]{3,80}?)\s*\[\s*see (?:Warnings and Precautions|WARNINGS AND PRECAUTIONS)"
    r"\s*\(\s*5\.\d+\s*\)\s*\]"
)


def read_warnings(sections: dict[str, str]) -> list[Fact]:
    """Warning topics: the Warnings and Precautions headings (5.1, 5.2 …) in the label's order; else the
    list section 6 opens with ("The following clinically significant adverse reactions are described
    elsewhere…: Hypersensitivity [see Warnings and Precautions (5.1)] …"); else "Topic: …" paragraphs of
    older labels."""
    facts: list[Fact] = []
    warnings = clean(sections.get("warnings_and_cautions", ""))
    for heading in outline(warnings).headings():
        if heading.number and heading.number.startswith("5.") and len(heading.text.split()) <= 12:
            at = warnings.find(heading.text)
            facts.append(Fact(text=heading.text, section="warnings_and_cautions",
                              quote=warnings[at:at + 300] if at >= 0 else heading.text))
    if facts:
        return facts[:10]
    last = 0
    for match in _W_HEAD.finditer(warnings):
        number = int(match.group(1))
        if number <= last:
            continue
        last = number
        facts.append(Fact(text=match.group(2).strip(" :"), section="warnings_and_cautions",
                          quote=warnings[match.start():match.start() + 300]))
    if facts:
        return facts[:10]
    adverse = clean(sections.get("adverse_reactions", ""))
    for match in _SEE_W.finditer(adverse[:1500]):
        topic = re.sub(r"^.*?(?:labeling|label)\s*:\s*", "", match.group(1)).strip(" ,:")
        topic = re.sub(r"^(?:and|or)\s+", "", topic)
        if topic and all(topic.lower() != f.text.lower() for f in facts):
            facts.append(Fact(text=topic, section="adverse_reactions", quote=match.group(0)[:300]))
    if facts:
        return facts[:10]
    # Excerpt labels: "Lactic Acidosis: See boxed warning. Vitamin B12 Deficiency: Metformin may …"
    for match in re.finditer(r"(?:^|(?<=[.]\s))([A-Z][A-Za-z0-9 ,'()/-]{3,60}?):\s", warnings):
        topic = match.group(1).strip()
        if all(topic.lower() != f.text.lower() for f in facts):
            facts.append(Fact(text=topic, section="warnings_and_cautions",
                              quote=warnings[match.start():match.start() + 300].strip()))
    if facts:
        return facts[:10]
    # Older labels have a WARNINGS section of unnumbered headings run into their paragraphs: "WARNINGS Clinical
    # Worsening and Suicide Risk Patients with … . Serotonin Syndrome The development of …".
    old = clean(sections.get("warnings", ""), "warnings")
    for match in _OLD_HEAD.finditer(old):
        words = match.group(1).split()
        while words and words[-1] in _SMALL_WORDS:
            words.pop()
        words = words[:-1]  # the last capitalised word opens the sentence: "… Suicide Risk Patients with …"
        while words and words[-1] in _SMALL_WORDS:
            words.pop()
        topic = " ".join(words)
        if words and (words[0] in _OPENERS or words[-1] in _OPENERS):
            continue  # "The World Health …", "Each BUPHENYL …", "Pyrazinamide Since …": a sentence, not a heading
        if 2 <= len(words) <= 8 and all(topic.lower() != f.text.lower() for f in facts):
            facts.append(Fact(text=topic, section="warnings", quote=old[match.start():match.start() + 300].strip()))
    return facts[:10]


_SMALL_WORDS = {"of", "and", "or", "the", "in", "with", "for", "to"}
_OPENERS = {"The", "A", "An", "This", "These", "Each", "Every", "All", "Some", "Since", "Because", "Although", "When",
            "If", "In", "For", "General", "However", "Thus", "As", "It"}
_OLD_HEAD = re.compile(r"(?:^|(?<=[.:]\s))((?:[A-Z][\w'/-]*)(?:\s+(?:[A-Z][\w'/-]*|of|and|or|the|in|with|for|to|"
                       r"\([A-Z]{2,8}\))){1,9})\s+(?=[a-z])")


def read_prescription(product_type: str | None, sections: dict[str, str]) -> Fact | None:
    """Prescription status: openFDA's product type, else the label's own format (a numbered "1 INDICATIONS
    AND USAGE" section is the prescription-label format; "Uses" is the over-the-counter Drug Facts one)."""
    if product_type:
        kind = product_type.lower()
        if "prescription" in kind:
            return Fact(text="prescription", section="openfda.product_type", quote=f"product type: {product_type}")
        if "otc" in kind:
            return Fact(text="over the counter", section="openfda.product_type", quote=f"product type: {product_type}")
    indications = (sections.get("indications_and_usage") or "").strip()
    if re.match(r"1\s+INDICATIONS\s*(?:AND|&)\s*USAGE", indications):
        return Fact(text="prescription", section="indications_and_usage", quote=indications[:60])
    if re.search(r"\bRx only\b", " ".join(sections.values())[:200_000]):
        return Fact(text="prescription", section="package_label_principal_display_panel", quote="Rx only")
    if re.match(r"uses?\b", indications, re.I) or "purpose" in sections or "active_ingredient" in sections:
        return Fact(text="over the counter", section="indications_and_usage", quote=indications[:60])
    return None


def read_mechanism(text: str) -> Fact | None:
    text = clean(text, r"(?:\d+\.\d+\s+)?mechanism of action")
    said = sentences(text)
    if not said:
        return None
    return Fact(text=said[0], section="mechanism_of_action", quote=" ".join(said[:2])[:500])


_RESULT = re.compile(r"\b(?:achieved|reduced|improved|showed|demonstrated|resulted|experienced|had|reached|"
                     r"were|was)\b", re.I)
_AGAINST = re.compile(r"\b(?:compared (?:with|to)|versus|vs\.?|than|placebo|control)\b", re.I)


def read_study_benefits(text: str, uses: list[Use]) -> list[Fact]:
    """What the studies found for each use, in a prose sentence of Clinical Studies: a result with its
    figure against a comparison ("46% … compared with 20% on placebo"), else the primary endpoint. Never a
    table row run into the text."""
    text = clean(text)
    lowered = text.lower()
    facts: list[Fact] = []
    for use in uses:
        at = lowered.find(use.condition.lower())
        # The study of this use ends where the next study's subsection starts ("14.3 Hepatocellular
        # Carcinoma"): a result past it is another use's.
        after = _NEXT_STUDY.search(text, at + len(use.condition)) if at >= 0 else None
        end = min(at + 6000, after.start()) if after else at + 6000
        scope = outline(text[at:end]).sentences() if at >= 0 else []  # tables left out
        # The first prose sentence of each kind; what makes a sentence that kind is asked first, as it rules out
        # most sentences for less than the prose test costs.
        result = next((s for s in scope if _PERCENT.search(s) and _AGAINST.search(s) and _RESULT.search(s)
                       and _OUTCOME.search(s) and _is_prose(s)), None)
        endpoint = next((s for s in scope if _ENDPOINT.search(s) and _is_prose(s)), None)
        if result or endpoint:
            facts.append(Fact(text=use.condition, section="clinical_studies", quote=(result or endpoint or "")))
    return facts


_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*%")
_ENDPOINT = re.compile(r"\bprimary (?:efficacy )?(?:endpoint|outcome)s?\b", re.I)


def _is_prose(sentence: str) -> bool:
    """A finding in prose: not a table row, a figure, who was studied or how; short enough to quote."""
    return (len(sentence) <= 400 and not is_table_text(sentence) and bool(_PROSE_VERB.search(sentence))
            and not _WHO_WAS_STUDIED.search(sentence) and not _NOT_A_FINDING.search(sentence)
            and not _mostly_numbers(sentence))


# "14.3 Hepatocellular Carcinoma" (not after a digit, "." or a word). Written to start with "14", the lookbehind after
# it the one before it: re then skips to each "14" instead of trying every position of the section (27× faster).
_NEXT_STUDY = re.compile(r"14(?<![\w.]14)\.\d{1,2}\s+[A-Z]")
# Who was studied and how, not what was found: "The median age was 53 years", "60% were male", "82% were White",
# "All enrolled patients were required …", "had received more than two prior … chemotherapies"
# (data/study_population_words.txt; the shares by sex and race are grammar around a number).
_WHO_WAS_STUDIED = re.compile(
    rf"\b(?:{alternation('study_population_words.txt')})\b|\b(?:were|was|being) (?:male|female|white|black|asian)\b|"
    r"\b\d+(?:\.\d+)?\s*% (?:were )?(?:male|female|white|black|asian|caucasian)\b", re.I)
# What a result is about: a change in the disease or how many responded, not a count of who took part
# (data/study_outcome_words.txt, and "X-free" compounds: "event-free", "disease free").
_OUTCOME = re.compile(rf"\b(?:{alternation('study_outcome_words.txt')}|[\w-]+[- ]free)\b", re.I)
# A table, figure or footnote run into the prose ("Figure 1: …", "Kaplan-Meier Curve …", "b Kaplan-Meier estimate.
# c Stratified …", "(N=200) … (N=199)", "Abbreviations:", "Treatment Group (daily) Week 4 % Healed"), or how the
# study was run ("crossed over", "study conduct", "could be decreased": data/study_conduct_words.txt).
_NOT_A_FINDING = re.compile(
    r"\b(?:Figure|Table)\s+\d+\b|Kaplan-Meier (?:Curve|Plot)|\bAbbreviations?\s*:|\(N\s*=\s*\d+\).*\(N\s*=\s*\d+\)|"
    r"\bN\s*=\s*\d+\s+N\s*=|^\s*[*†‡]|(?:^|\.\s)[a-e]\s+(?:Kaplan|Stratified|Based|Two-sided|p-value|Log-rank)\b|"
    rf"\bTreatment Group\b|\b(?:{alternation('study_conduct_words.txt')})\b", re.I)


_NUMBER_WORD = re.compile(r"[-(\[]*[\d.,%]+[)\],;%]*")


def _mostly_numbers(sentence: str) -> bool:
    """Table cells: over a third of the words are numbers ("-15.33 (-18.36, -12.31) -9.64 …")."""
    words = sentence.split()
    numbers = [w for w in words if _NUMBER_WORD.fullmatch(w)]
    return len(words) >= 8 and len(numbers) * 3 > len(words)


_PROSE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|achieved|reduced|improved|showed|demonstrated)\b",
                         re.I)


# Section-wide patterns led by the characters their matches start with: the same matches in about half the
# time (label/starts.py).
_COMMON = quick_start(_COMMON)
_RESULT = quick_start(_RESULT)
_PROSE_VERB = quick_start(_PROSE_VERB)
_ENDPOINT = quick_start(_ENDPOINT)
