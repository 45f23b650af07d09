"""One record model for what every registry knows about a work.

Crossref, PubMed, OpenAlex and Europe PMC each answer in their own shape; the
registry modules parse those answers into ``WorkRecord`` so matching, the store
and the evidence code see one thing. Fields are what the rest of the tool
uses: identifiers, title, first authors' family names, year, venue, the
record's own type names (PubMed publication types, MeSH check tags ``Humans``
/ ``Animals``, CSL-like type names mapped from Crossref and OpenAlex types),
the abstract, and notices (retraction, correction, expression of concern).
"""

from __future__ import annotations

import html
import re

from pydantic import BaseModel, ConfigDict, Field

from references.models import RetractionStatus

__all__ = ["REGISTRY_NAMES", "Candidates", "Notice", "WorkRecord", "clean_markup", "year_of"]

REGISTRY_NAMES = {"crossref": "Crossref", "pubmed": "PubMed", "openalex": "OpenAlex", "europepmc": "Europe PMC"}

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


def clean_markup(text: str | None) -> str | None:
    """Text without JATS/HTML tags or character references, spaces collapsed (Crossref abstracts are
    JATS; Crossref and Europe PMC titles carry ``&amp;`` and escaped ``&lt;i&gt;`` tags)."""
    if not text:
        return None
    out = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", html.unescape(text)))).strip()
    return out or None


def year_of(value: object) -> int | None:
    """The first plausible four-digit year in ``value`` ("2019a", "2019 Mar-Apr", 2019)."""
    if value is None:
        return None
    m = _YEAR.search(str(value))
    return int(m.group()) if m else None


class Notice(BaseModel):
    """A retraction, correction or expression of concern that a record points to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: RetractionStatus
    detail: str  # "Retraction in: Nature. 2011;469:123" / "correction 10.1371/annotation/..."


class WorkRecord(BaseModel):
    """A work as one registry describes it."""

    model_config = ConfigDict(extra="forbid")

    source: str  # crossref | pubmed | openalex | europepmc | retraction-watch
    id: str  # the registry's own identifier (the DOI for Crossref, the PMID for PubMed, W-id for OpenAlex)
    doi: str | None = None  # lower-case, no resolver prefix
    pmid: str | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list)  # family names (or collective names), in order
    year: int | None = None
    venue: str | None = None
    venue_short: str | None = None  # ISO abbreviation / short container title
    types: list[str] = Field(default_factory=list)  # publication types and check tags, as the lexicon knows them
    abstract: str | None = None
    notices: list[Notice] = Field(default_factory=list)

    @property
    def first_author(self) -> str | None:
        return self.authors[0] if self.authors else None

    def label(self) -> str:
        """``"PubMed 29768149"`` for messages."""
        return f"{REGISTRY_NAMES.get(self.source, self.source)} {self.id}"


class Candidates(BaseModel):
    """What one registry returned for one reference: the records to score, and how they were asked for."""

    model_config = ConfigDict(extra="forbid")

    by: str  # doi | pmid | title
    records: list[WorkRecord] = Field(default_factory=list)
    why: str | None = None  # for an empty answer: "DOI does not resolve", "no record with that title"
