"""Facts read from label text. They live in the pack as JSON and feed the answer model."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from rxscoop.label.vocab import Codes


class Population(BaseModel):
    """Who a use is approved for, as the label states it. Ages are in years (6 months = 0.5)."""

    adults: bool = False
    children: bool = False
    min_age_years: float | None = None
    max_age_years: float | None = None
    min_weight_kg: float | None = None

    def merged(self, other: Population) -> Population:
        """The union of two statements about the same use (e.g. the adult and the pediatric bullet)."""

        def low(a: float | None, b: float | None) -> float | None:
            return b if a is None else a if b is None else min(a, b)

        # An upper age limit only survives when both statements have one: "adults" has none.
        top = max(self.max_age_years, other.max_age_years) if (
            self.max_age_years is not None and other.max_age_years is not None) else None
        return Population(
            adults=self.adults or other.adults,
            children=self.children or other.children,
            min_age_years=low(self.min_age_years, other.min_age_years),
            max_age_years=top,
            min_weight_kg=low(self.min_weight_kg, other.min_weight_kg),
        )

    @property
    def stated(self) -> bool:
        return self.adults or self.children or self.min_age_years is not None


class Use(BaseModel):
    """One approved use (indication), with the exact label text it was read from."""

    number: str | None = Field(None, description="label subsection, e.g. '1.2'")
    condition: str = Field(description="the condition in the label's own words")
    severity: str | None = None
    population: Population = Field(default_factory=Population)
    prerequisites: list[str] = Field(default_factory=list, description="what must be true or have failed first")
    role: str | None = Field(None, description="e.g. 'add-on maintenance treatment'")
    benefit: str | None = Field(None, description="what it helps with, in the label's words")
    limitations: list[str] = Field(default_factory=list)
    heading: str | None = Field(None, description="the label's heading for this use, when it has one")
    sentence: str = Field(description="the label text this use was read from")
    also: list[str] = Field(default_factory=list, description="other label text merged in (e.g. highlights)")
    codes: Codes | None = Field(None, description="UMLS, SNOMED CT and Disease Ontology codes of the condition")


class Indications(BaseModel):
    """All uses on one label, plus limitations that apply to the drug as a whole."""

    uses: list[Use] = Field(default_factory=list)
    limitations: list[str] = Field(default_factory=list)
    drug_class: str | None = Field(None, description="class named in the label's own words, if any")
    drug_class_quote: str | None = Field(None, description="the sentence that names the class")


class Fact(BaseModel):
    """A short fact read from a label section, with the text it was read from."""

    text: str = Field(description="the fact in the label's words")
    section: str
    quote: str


class Schedule(BaseModel):
    """How often it is given for one use (or overall when the label does not split by use)."""

    condition: str | None = None
    frequencies: list[str] = Field(default_factory=list, description="e.g. 'every 2 weeks', 'once a day'")
    said: list[str] = Field(default_factory=list, description="the label's words for each frequency")
    quote: str


class SideEffects(BaseModel):
    """A "most common adverse reactions" statement, for one use or for the drug."""

    condition: str | None = None
    threshold: str | None = Field(None, description="e.g. '≥1%'")
    reactions: list[str] = Field(default_factory=list)
    quote: str


class Details(BaseModel):
    """Form, setting and cautions read from a label, stored in the pack beside the indications."""

    routes: list[Fact] = Field(default_factory=list, description="every route of its products, by key: oral…")
    biologic: Fact | None = Field(None, description="the label's words when it calls it an antibody, fusion protein…")
    devices: list[Fact] = Field(default_factory=list, description="pre-filled pen, tablet, inhaler…")
    setting: list[Fact] = Field(default_factory=list, description="training, self-injection, infusion…")
    schedules: list[Schedule] = Field(default_factory=list)
    course: Fact | None = Field(None, description="short course vs long-term, when the label says")
    prescription: Fact | None = None
    side_effects: list[SideEffects] = Field(default_factory=list)
    contraindications: list[Fact] = Field(default_factory=list)
    warnings: list[Fact] = Field(default_factory=list, description="warning topics (section 5 headings)")
    mechanism: Fact | None = None
    benefits: list[Fact] = Field(default_factory=list, description="primary outcomes from clinical studies")


@dataclass(frozen=True)
class Label:
    """One label as the pack stores it: the row every stage after the pack works from."""

    id: int
    set_id: str
    title: str
    brand_name: str | None
    generic_name: str | None
    effective_time: str | None
    version: str | None
    manufacturer: str | None
    product_type: str | None
    routes: list[str]
    pharm_class_epc: list[str]
    pharm_class_moa: list[str]
    source: str
    location: str
    retrieved_at: str | None
    complete: bool
    indications: Indications | None
    details: Details
