"""The answer: a typed model of statements with citations. Renderers read it; they look nothing up."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from rxscoop.label.model import Population
from rxscoop.label.vocab import Codes
from rxscoop.question.intent import Intent


class Citation(BaseModel):
    drug: str
    set_id: str
    section: str = Field(description="openFDA field name, e.g. indications_and_usage")
    section_title: str = Field(description="e.g. 'Indications and Usage'")
    subsection: str | None = Field(None, description="e.g. '1.2'")
    effective_time: str | None = Field(None, description="label date (ISO), when the source gives it")
    retrieved_at: str | None = None
    source: str
    quote: str = Field(description="the label text the statement is based on")
    region: Literal["US", "EU"] | None = Field(None, description="whose approval the source states")
    url: str | None = Field(None, description="the source's page (the EPAR, for EU text)")


class Statement(BaseModel):
    text: str
    citations: list[Citation] = Field(default_factory=list)
    terms: list[str] = Field(
        default_factory=list, description="label words the statement relies on; each is in a cited quote")
    reference: str | None = Field(
        None, description="curated general knowledge used (not about this drug), with its source")


class DrugRef(BaseModel):
    title: str
    brand_name: str | None = None
    generic_name: str | None = None
    set_id: str
    matched: str | None = Field(None, description="the words of the question that named the drug")
    exact: bool = True


class UseItem(BaseModel):
    """One approved use: the label's facts and the plain statement about it."""

    condition: str = Field(description="the condition in the label's words")
    plain_name: str | None = Field(None, description="everyday name, from the lexicon")
    who: str | None = Field(None, description="who it is for, in plain words")
    statement: Statement
    number: str | None = None
    population: Population
    severity: str | None = None
    prerequisites: list[str] = Field(default_factory=list)
    role: str | None = None
    benefit: str | None = None
    limitations: list[Statement] = Field(default_factory=list)
    helps: Statement | None = Field(None, description="what it helps with, from the label")
    schedule: Statement | None = Field(None, description="how often it is given for this use")
    side_effects: Statement | None = Field(None, description="most common side effects for this use")
    group: str | None = Field(None, description="the label's category, when it groups its uses ('Endocrine Disorders')")
    codes: Codes | None = Field(None, description="UMLS, SNOMED CT and Disease Ontology codes of the condition")
    regions: list[Literal["US", "EU"]] = Field(
        default_factory=list, description="where this use is approved, when EU data was compared (empty: not compared)")
    region_who: str | None = Field(None, description="who it is for in each region, when they differ")


class Source(BaseModel):
    drug: str
    set_id: str
    effective_time: str | None = None
    retrieved_at: str | None = None
    source: str
    sections: list[str] = Field(default_factory=list, description="section titles the answer used")
    complete: bool = True
    region: Literal["US", "EU"] | None = None
    url: str | None = Field(None, description="the source's page (the EPAR, for EU data)")
    status: str | None = Field(None, description="EU authorisation status: authorised, withdrawn, refused, suspended")
    status_date: str | None = Field(None, description="when that status was decided (authorisation, withdrawal…)")


class Profile(BaseModel):
    """The facts the answer derives, in structured form for programs; each is also said, with its citation, in
    a statement of the answer (summary, scoop or form)."""

    drug_class: str | None = Field(None, description="the class as the label or openFDA names it")
    drug_class_plain: str | None = Field(None, description="the class in everyday words (data/mechanisms.csv)")
    biologic: str | None = Field(None, description="the label's words when it calls it an antibody, fusion protein…")
    routes: list[str] = Field(default_factory=list, description="every route of its products: oral, subcutaneous…")
    how_often: str | None = Field(None, description="the regular schedule of the recommended dose, e.g. 'once a day'")


AnswerStatus = Literal["answered", "not_found", "ambiguous", "no_data", "emergency"]


class Topic(BaseModel):
    """The answer to one kind of question (side effects, dosage, a condition in depth…)."""

    intent: Intent
    title: str
    statements: list[Statement] = Field(default_factory=list)


class Answer(BaseModel):
    question: str
    status: AnswerStatus
    intent: Intent = Intent.uses
    emergency: list[Statement] = Field(
        default_factory=list, description="emergency guidance, shown before anything else (general, sourced)")
    drug: DrugRef | None = None
    other_drug: DrugRef | None = Field(None, description="the second drug of a comparison or interaction")
    condition: str | None = Field(None, description="the condition the question is about, if any")
    topic: Topic | None = Field(None, description="the answer to a question other than 'what is it for'")
    summary: Statement | None = None
    scoop: list[Statement] = Field(default_factory=list, description="what kind of medicine, when it is used")
    uses: list[UseItem] = Field(default_factory=list)
    how_it_works: list[Statement] = Field(default_factory=list)
    form: list[Statement] = Field(default_factory=list, description="form and setting")
    profile: Profile | None = Field(None, description="kind, routes and schedule as data")
    patients: PatientVoices | None = Field(None, description="what patients say, from reviews")
    cautions: list[Statement] = Field(default_factory=list)
    follow_up: str | None = None
    sources: list[Source] = Field(default_factory=list)
    region: Literal["us", "eu", "both"] | None = Field(None, description="the regions the answer covers")
    regions: list[Statement] = Field(
        default_factory=list, description="per region: status, how current its source is, what differs")
    message: str | None = Field(None, description="what went wrong, when nothing could be answered")
    suggestions: list[str] = Field(default_factory=list)
    disclaimer: str

    def statements(self) -> list[Statement]:
        """Every statement, in reading order (for checks such as citation coverage)."""
        out: list[Statement] = [self.summary] if self.summary else []
        if self.topic:
            out.extend(self.topic.statements)
        out.extend(self.scoop)
        for use in self.uses:
            out.append(use.statement)
            out.extend(s for s in (use.helps, use.schedule, use.side_effects) if s)
            out.extend(use.limitations)
        out.extend(self.how_it_works)
        out.extend(self.form)
        if self.patients:
            out.extend(self.patients.statements)
        out.extend(self.cautions)
        out.extend(self.regions)
        return out


class Count(BaseModel):
    name: str
    count: int
    share: float = Field(description="share of the reviews, 0-1")
    in_label: bool | None = Field(None, description="for side effects: the label's adverse reactions name it")


class Quote(BaseModel):
    review_id: str
    date: str | None = None
    rating: int | None = None
    kind: Literal["positive", "negative", "mixed"]
    text: str
    source: str


class PatientVoices(BaseModel):
    """What patients say: personal experiences from review data, never medical fact."""

    drug: str
    condition: str | None = None
    sources: list[str] = Field(default_factory=list)
    reviews: int = 0
    first_date: str | None = None
    last_date: str | None = None
    ratings: dict[int, int] = Field(default_factory=dict, description="rating (1-10) → number of reviews")
    median_rating: float | None = None
    positive: float = 0.0  # share rating 7-10
    mixed: float = 0.0  # 4-6
    negative: float = 0.0  # 1-3
    themes: list[Count] = Field(default_factory=list)
    side_effects: list[Count] = Field(default_factory=list)
    shape: list[Count] = Field(default_factory=list, description="what a typical post mentions")
    quotes: list[Quote] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    note: str = "These are personal experiences people shared online, not medical facts."


Answer.model_rebuild()
