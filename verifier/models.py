"""Findings and the report: the JSON contract other tools rely on.

Fields may be added; none is renamed or removed without bumping
``SCHEMA_VERSION`` (the committed schema in ``reports/schema/`` is checked
against these models by the tests).
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from claims.models import Claim, Span
from references.models import DocumentDesign, InTextEvidence, Link, Reference, SkippedInput

SCHEMA_VERSION = "1.0"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Confidence(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Trigger(BaseModel):
    """One piece of evidence behind a finding: a cue word with its span, a cited
    key with its evidence level, or a sentence of a source that was relied on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str  # "cue" | "reference" | "sentence" | "source_sentence" | "statistic"
    text: str
    span: Span | None = None
    reference_key: str | None = None
    evidence_level: str | None = None
    detail: str | None = None  # e.g. the reasons behind an evidence level


class Suggestion(BaseModel):
    """What would fix it. Display-only: the tool never rewrites a manuscript."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    replacement: str | None = None
    applicability: str = "display-only"


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    severity: Severity
    confidence: Confidence = Confidence.MEDIUM
    message: str
    span: Span
    quoted: str  # == input[span.start:span.end]
    claim_id: str | None = None
    related_claim_ids: list[str] = Field(default_factory=list)
    reference_keys: list[str] = Field(default_factory=list)
    evidence: list[Trigger] = Field(default_factory=list)
    suggestion: Suggestion | None = None
    url: str | None = None


class ToolInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    version: str


class InputInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    sha256: str
    format: str
    encoding: str
    size: int
    reference_files: list[str] = Field(default_factory=list)


class Summary(BaseModel):
    """Counts for the whole document. ``markers`` counts every marker found, citations and author
    mentions alike (its meaning since 1.0); ``citation_markers`` are those that cite (have keys) and
    ``author_mentions`` the narrative mentions that cite nothing themselves, so
    ``markers == citation_markers + author_mentions``. Messages and reports speak of citation markers."""

    model_config = ConfigDict(extra="forbid")

    claims: int
    checkworthy_claims: int
    markers: int
    references: int
    citation_markers: int = 0
    author_mentions: int = 0
    findings_by_code: dict[str, int] = Field(default_factory=dict)
    findings_by_severity: dict[str, int] = Field(default_factory=dict)


class UncheckedClaim(BaseModel):
    """A check-worthy claim no rule could examine, and why (its citations lead to no entry, or no
    selected rule looks at claims): a report must not let "no finding" read as "checked"."""

    model_config = ConfigDict(extra="forbid")

    claim_id: str
    why: str


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo
    input: InputInfo
    claims: list[Claim] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    # what the manuscript's own sentences say about the works it cites (also merged into references[])
    in_text_evidence: list[InTextEvidence] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    skipped: list[SkippedInput] = Field(default_factory=list)
    summary: Summary
    unchecked_claims: list[UncheckedClaim] = Field(default_factory=list)
    design: DocumentDesign | None = None  # the document's own study, with the words that decided (added in 0.2)
