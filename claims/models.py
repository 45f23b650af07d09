"""Models for a manuscript and the claims found in it.

Every span is a pair of character offsets into the *original* decoded input
(``Document.text``), never into a normalized copy, so any report can point at
the exact characters an author wrote: ``document.text[span.start:span.end]``
is always the quoted text.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Span(BaseModel):
    """Half-open character range ``[start, end)`` into the original input.

    ``line``/``column`` are 1-based and point at ``start``; ``end_line``/
    ``end_column`` point at the last character's successor, as ruff and SARIF do.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    # 1-based page of ``start``, for PDF input only: other reports are written as they were.
    page: int | None = Field(default=None, ge=1, exclude_if=lambda page: page is None)


class MarkerStyle(str, Enum):
    """How an in-text citation is written."""

    NUMERIC_BRACKET = "numeric_bracket"  # [1,2] [9-12] [4a,b]
    NUMERIC_PAREN = "numeric_paren"  # (74) (3,4,5)
    SUPERSCRIPT = "superscript"  # ¹² ³⁻⁵
    AUTHOR_YEAR = "author_year"  # (Smith et al., 2020; Lee & Kim 2019a), Smith et al. (2020)
    NARRATIVE = "narrative"  # Nobler and colleagues, Murrough et al. (an author mention, no year)
    LATEX = "latex"  # \cite{a,b} \citep \citet
    PANDOC = "pandoc"  # [@key; @key2, p. 3]
    FIELD = "field"  # a DOCX citation-manager field (Zotero, Mendeley, EndNote): keys are the item ids


class CitationMarker(BaseModel):
    """One in-text citation as written, and the keys it expands to.

    ``keys``: ``[9-12]`` -> "9","10","11","12"; ``(Smith et al., 2020; Lee 2019)``
    -> "Smith et al. 2020", "Lee 2019"; ``\\cite{a,b}`` -> "a","b". A narrative
    mention has no keys; its ``authors`` holds the family names it names.
    """

    model_config = ConfigDict(extra="forbid")

    text: str
    span: Span
    style: MarkerStyle
    keys: list[str] = Field(default_factory=list)
    authors: list[str] = Field(default_factory=list)
    year: str | None = None

    @property
    def cites(self) -> bool:
        """A citation marker cites something (``[12]``, ``(Smith, 2020)``, ``Smith et al. (2019)``); an author
        mention ("Nobler and colleagues", "Murrough et al." with no year) names authors and cites nothing.
        Reports count the two apart: "60 citation markers" and "8 author mentions", never "68 markers"."""
        return bool(self.keys)


class FieldCitation(BaseModel):
    """A citation-manager field of a DOCX (Zotero, Mendeley, EndNote, Word): where its shown text
    sits in the extracted text, and the items it cites, each a CSL-JSON object with an ``id``.

    ``bibliography`` fields (``ADDIN ZOTERO_BIBL``, ``EN.REFLIST``, ``BIBLIOGRAPHY``) carry no
    items; their text is the document's reference list."""

    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    manager: str  # zotero | mendeley | endnote | word
    bibliography: bool = False
    items: list[dict[str, object]] = Field(default_factory=list)


class ReferenceRecord(BaseModel):
    """A structured reference entry the file itself carries (a JATS ``<ref>`` with its fields):
    the character range of its element and a CSL-JSON item read from the fields."""

    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    item: dict[str, object] = Field(default_factory=dict)


class SkippedPart(BaseModel):
    """Part of the manuscript that could not be read (an ``\\input`` file that is missing), with where and why."""

    model_config = ConfigDict(extra="forbid")

    what: str
    where: str
    why: str


class UnitKind(str, Enum):
    """What a segmented unit of text is."""

    PROSE = "prose"
    HEADING = "heading"
    BOILERPLATE = "boilerplate"  # navigation, vote widgets, share buttons, 'Read More', phone numbers
    REFERENCE = "reference"  # a line of the reference list
    METADATA = "metadata"  # title blocks, author lists, JSON records


class Sentence(BaseModel):
    """A sentence or heading, with the markers attached to it."""

    model_config = ConfigDict(extra="forbid")

    text: str
    span: Span
    kind: UnitKind = UnitKind.PROSE
    section: str | None = None
    markers: list[CitationMarker] = Field(default_factory=list)


class Certainty(str, Enum):
    HEDGED = "hedged"
    NEUTRAL = "neutral"
    STRONG = "strong"
    ABSOLUTE = "absolute"


class Causality(str, Enum):
    """Yu et al. (2019) four-way scheme of claim strength."""

    NONE = "none"
    CORRELATIONAL = "correlational"
    CONDITIONAL_CAUSAL = "conditional_causal"
    DIRECT_CAUSAL = "direct_causal"


class Direction(str, Enum):
    INCREASE = "increase"
    DECREASE = "decrease"
    NO_CHANGE = "no_change"
    NONE = "none"


class Population(str, Enum):
    HUMAN = "human"
    ANIMAL = "animal"
    IN_VITRO = "in_vitro"
    UNSPECIFIED = "unspecified"


class Cue(BaseModel):
    """A word or phrase that decided a feature, with its span in the original input."""

    model_config = ConfigDict(extra="forbid")

    text: str
    span: Span
    kind: str  # e.g. "hedge", "booster", "absolute", "causal", "correlational", "negation", "species"


class Quantity(BaseModel):
    """A number reported in a claim: percentage, sample size, dose, p, CI, effect size, test statistic."""

    model_config = ConfigDict(extra="forbid")

    kind: str  # percent | n | dose | p | ci | effect_size | statistic | count | number
    text: str
    span: Span
    value: float | None = None
    unit: str | None = None
    name: str | None = None  # d, OR, RR, t, F, chi2, r, z ...
    comparator: str | None = None  # = < > <= >=
    low: float | None = None
    high: float | None = None
    df: list[float] = Field(default_factory=list)


class ClaimFeatures(BaseModel):
    """What a claim says and how strongly; filled by ``claims.features``."""

    model_config = ConfigDict(extra="forbid")

    certainty: Certainty = Certainty.NEUTRAL
    causality: Causality = Causality.NONE
    direction: Direction = Direction.NONE
    negated: bool = False
    population: Population = Population.UNSPECIFIED
    cues: list[Cue] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    checkworthy_reason: str | None = None


class Claim(BaseModel):
    """A sentence considered as a claim, with its markers and features."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str
    span: Span
    section: str | None = None
    checkworthy: bool = True
    markers: list[CitationMarker] = Field(default_factory=list)
    features: ClaimFeatures = Field(default_factory=ClaimFeatures)
    continues: str | None = None  # id of the cited claim this sentence continues


class Document(BaseModel):
    """A decoded manuscript and everything the claims stage found in it."""

    model_config = ConfigDict(extra="forbid")

    path: str
    text: str
    sha256: str
    format: str  # txt | md | tex | jats | html | pdf | docx
    encoding: str
    sentences: list[Sentence] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    reference_section: Span | None = None  # where an in-document reference list sits
    pages: list[int] = Field(default_factory=list)  # PDF: the offset where each page starts in ``text``
    fields: list[FieldCitation] = Field(default_factory=list)  # DOCX: citation-manager fields, in order
    records: list[ReferenceRecord] = Field(default_factory=list)  # JATS: structured <ref> entries, in order
    bibliography: list[str] = Field(default_factory=list)  # .bib files the manuscript names (LaTeX, YAML)
    skipped: list[SkippedPart] = Field(default_factory=list)  # included files that could not be read
