"""Models for reference entries, their evidence assessment and citation links.

One ``Reference`` model serves every source (the list inside a manuscript,
BibTeX, CSL-JSON, RIS, metadata JSON), with CSL-like field names, so the rules
never care where an entry came from.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from claims.models import Span


class Author(BaseModel):
    model_config = ConfigDict(extra="forbid")

    family: str
    given: str | None = None  # given names or initials as written ("YT", "Yu-Tzu")


class SourceType(str, Enum):
    JOURNAL_ARTICLE = "journal_article"
    BOOK = "book"
    CHAPTER = "chapter"
    PREPRINT = "preprint"
    WEB_PAGE = "web_page"
    NEWS = "news"
    THESIS = "thesis"
    OTHER = "other"


class StudyDesign(str, Enum):
    """Study designs; values may be added, never renamed."""

    SYSTEMATIC_REVIEW = "systematic_review"
    META_ANALYSIS = "meta_analysis"
    RCT = "rct"
    NON_RANDOMIZED_CONTROLLED = "non_randomized_controlled"
    COHORT = "cohort"
    CASE_CONTROL = "case_control"
    CROSS_SECTIONAL = "cross_sectional"
    CASE_SERIES = "case_series"
    CASE_REPORT = "case_report"
    NARRATIVE_REVIEW = "narrative_review"
    GUIDELINE = "guideline"
    EXPERT_OPINION = "expert_opinion"
    ANIMAL_STUDY = "animal_study"
    IN_VITRO = "in_vitro"
    WEB_PAGE = "web_page"
    NEWS = "news"
    UNKNOWN = "unknown"


class EvidenceLevel(str, Enum):
    """CEBM-like level; ``preclinical`` and ``non_scholarly`` sit outside the 1..5 ladder."""

    L1 = "1"
    L2 = "2"
    L3 = "3"
    L4 = "4"
    L5 = "5"
    PRECLINICAL = "preclinical"
    NON_SCHOLARLY = "non_scholarly"
    UNKNOWN = "unknown"


class Species(str, Enum):
    HUMAN = "human"
    ANIMAL = "animal"
    IN_VITRO = "in_vitro"
    UNKNOWN = "unknown"


class RetractionStatus(str, Enum):
    NONE = "none"
    RETRACTED = "retracted"
    EXPRESSION_OF_CONCERN = "expression_of_concern"
    CORRECTION = "correction"


class EvidenceReason(BaseModel):
    """Why an assessment came out as it did: the field and the words that decided it."""

    model_config = ConfigDict(extra="forbid")

    field: str  # "bibtex:evidence_level", "title", "abstract", "venue", "url", "csl:type", ...
    cue: str  # the words or value that matched
    conclusion: str  # what it decided, e.g. "design=rct", "species=animal", "peer_reviewed=false"
    span: Span | None = None  # where the words are in the manuscript (field "text": its own description)


class EvidenceAssessment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    design: StudyDesign = StudyDesign.UNKNOWN
    level: EvidenceLevel = EvidenceLevel.UNKNOWN
    species: Species = Species.UNKNOWN
    sample_size: int | None = None
    peer_reviewed: bool | None = None
    guideline: bool = False
    retracted: bool = False
    retraction: RetractionStatus = RetractionStatus.NONE
    retraction_source: str | None = None  # e.g. "Retraction Watch record 12345"
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    reasons: list[EvidenceReason] = Field(default_factory=list)


class InTextEvidence(BaseModel):
    """What the manuscript's own sentences say about one cited work (``references.evidence.in_text``)."""

    model_config = ConfigDict(extra="forbid")

    key: str  # the entry's key, or the citation as written ("13") when no entry has it
    reference_key: str | None = None  # the entry it resolved to; None without a reference list
    evidence: EvidenceAssessment


class RegistryStatus(str, Enum):
    """What the registry lookups concluded about one reference (values may be added, never renamed)."""

    MATCHED = "matched"
    NOT_FOUND = "not_found"
    MISMATCH = "mismatch"
    AMBIGUOUS = "ambiguous"
    NOT_CHECKED = "not_checked"


class RegistryDifference(BaseModel):
    """One field where the entry and the registry record disagree beyond typing errors."""

    model_config = ConfigDict(extra="forbid")

    field: str  # "doi" (resolves to another work) | "title" | "first_author" | "year" | "venue"
    reference: str  # the value in the entry
    registry: str  # the value in the record
    score: float | None = None  # the rapidfuzz similarity for title and venue


class RegistryAnswer(BaseModel):
    """What one registry said about one reference."""

    model_config = ConfigDict(extra="forbid")

    registry: str  # crossref | pubmed | openalex | europepmc | store
    outcome: str  # found | not_found | error
    by: str | None = None  # how it was asked: doi | pmid | title
    id: str | None = None  # the record's identifier when found
    score: float | None = None  # the match score of the best candidate, 0..100
    why: str | None = None  # for errors and misses: "timeout", "HTTP 500", "DOI does not resolve"
    cached: bool = False  # answered from the local store without a request


class RegistryCheck(BaseModel):
    """The registry verdict on a reference: the ``registry`` object of the JSON report."""

    model_config = ConfigDict(extra="forbid")

    status: RegistryStatus
    source: str | None = None  # the registry whose record decided it
    id: str | None = None  # that record's identifier (DOI, PMID, OpenAlex W-id, ...)
    score: float | None = None  # the match score, 0..100
    differences: list[RegistryDifference] = Field(default_factory=list)
    checked: list[RegistryAnswer] = Field(default_factory=list)
    why: str | None = None  # for not_checked, not_found and ambiguous: the reason in words
    candidates: list[str] = Field(default_factory=list)  # for ambiguous: the competing record ids


class Reference(BaseModel):
    """A reference entry from any source, normalized to CSL-like fields."""

    model_config = ConfigDict(extra="forbid")

    key: str  # the number as written ("12") for numbered lists, else the BibTeX/CSL id or a made key
    raw: str = ""
    span: Span | None = None  # into the manuscript when the list is inside it
    source_path: str | None = None  # the .bib/.json/.ris it came from, when external
    start_line: int | None = None  # its first line in that file
    number: int | None = None  # position in a numbered list
    authors: list[Author] = Field(default_factory=list)
    year: str | None = None  # "2019", "2019a"
    title: str | None = None
    venue: str | None = None  # journal, book title, publisher or site
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    accessed: str | None = None
    abstract: str | None = None
    keywords: list[str] = Field(default_factory=list)
    publication_types: list[str] = Field(default_factory=list)  # PubMed types, CSL genre, BibTeX keywords
    extra: dict[str, str] = Field(default_factory=dict)  # other raw fields kept for evidence (note, evidence_level)
    source_type: SourceType = SourceType.OTHER
    evidence: EvidenceAssessment = Field(default_factory=EvidenceAssessment)
    registry: RegistryCheck | None = None  # null when lookups are off (``--lookup`` turns them on)


class LinkStatus(str, Enum):
    LINKED = "linked"
    DANGLING = "dangling"
    AMBIGUOUS = "ambiguous"
    CONTINUATION = "continuation"


class Link(BaseModel):
    """One cited key of one marker, resolved (or not) to a reference entry."""

    model_config = ConfigDict(extra="forbid")

    claim_id: str
    marker_text: str
    marker_span: Span
    cited: str  # the number or key as written: "12", "Smith et al. 2020", "smith2020"
    reference_key: str | None = None
    status: LinkStatus = LinkStatus.LINKED
    score: float | None = None  # rapidfuzz score for fuzzy author-year links
    candidates: list[str] = Field(default_factory=list)  # for ambiguous links
    note: str | None = None  # e.g. "continues claim c12 which cites [7]"


class SkippedInput(BaseModel):
    """Input that could not be read, with where and why (malformed BibTeX, bad records)."""

    model_config = ConfigDict(extra="forbid")

    what: str
    where: str
    why: str


class Genre(str, Enum):
    """What a document is, for the rules that judge its own claims; values may be added, never renamed."""

    RESEARCH = "research"  # reports its own study (Methods / Results parts, or a structured abstract)
    NEWS = "news"  # a news or press text about a study ("a new study", "researchers used fMRI")
    OTHER = "other"  # a review, a web page, an essay: no study of its own


class DesignCue(BaseModel):
    """One phrase of the document's own text that decided part of its design, where it was read."""

    model_config = ConfigDict(extra="forbid")

    kind: str  # "genre" | "design" | "analysis" | "population" | "sample_size"
    label: str  # e.g. "news", "rct", "correlational", "imaging", "mediation", "manipulation", "human"
    text: str  # == document.text[span.start:span.end]
    span: Span
    part: str | None = None  # the part it was read in: "Methods", "Results: (inline label)", "lede", ...


class DocumentDesign(BaseModel):
    """The document's own study: what it is, how it was designed, what it analysed and in whom.

    Read from the document's own-work sentences (abstract, Methods, Results, a news text's
    report of the study), never from sentences that cite others. ``analyses`` holds what the
    study did beside its design: ``correlational`` and ``imaging`` observe a mechanism,
    ``mediation`` and ``manipulation`` test one (``mechanism_tested``).
    """

    model_config = ConfigDict(extra="forbid")

    genre: Genre = Genre.OTHER
    design: StudyDesign = StudyDesign.UNKNOWN
    analyses: list[str] = Field(default_factory=list)
    population: Species = Species.UNKNOWN
    sample_size: int | None = None
    cues: list[DesignCue] = Field(default_factory=list)

    @property
    def mechanism_tested(self) -> bool:
        """The study tested a mechanism: a mediation analysis or a manipulation of the pathway."""
        return "mediation" in self.analyses or "manipulation" in self.analyses
