"""Deciding what kind of source an entry describes from the words around its fields."""

from __future__ import annotations

import re

from references.models import SourceType

_PREPRINT = re.compile(
    r"\b(?:bioRxiv|medRxiv|arXiv|PsyArXiv|SocArXiv|ChemRxiv|EarthArXiv|Research\s+Square|SSRN|"
    r"Preprints\.org|OSF\s+Preprints|preprint|pre-print)\b",
    re.IGNORECASE,
)
_PREPRINT_DOI = ("10.1101/", "10.48550/", "10.21203/rs.", "10.2139/ssrn", "10.31234/", "10.20944/preprints")
_THESIS = re.compile(r"\b(?:dissertation|thesis|Ph\.?\s?D\.?|doctoral|master'?s\s+thesis|Diss\.)", re.IGNORECASE)
_WEB = re.compile(
    r"\b(?:Published|Updated|Posted|Last\s+updated|Reviewed)\s+(?:on\s+)?[A-Z0-9]|\[Internet\]|\bInternet\b|\bLink\b|\bwebsite\b|\bweb\s+page\b|\bblog\b",
    re.IGNORECASE,
)
_BOOK = re.compile(
    r"\b(?:Press|Publishers?|Publishing|Verlag|Editions?|Éditions|Books|Wiley|Springer|Elsevier|Routledge|"
    r"Norton|Kluwer|Sage|McGraw|Prentice|Addison|Lippincott|Saunders|Mosby|Penguin|Macmillan|Harper)\b"
    r"|\b\d+(?:st|nd|rd|th)\s+ed(?:n|ition)?\b|\b[A-Z][a-z]+(?:,\s+[A-Z]{2})?\s*:\s*[A-Z][\w&.]+",
)
_CHAPTER = re.compile(r"(?:^|[.,]\s*)In\s*:?\s|\(Eds?\.\)|\beds?\.\s|\beditors?\b|\(Hrsg\.\)", re.IGNORECASE)
_NEWS = re.compile(
    r"\b(?:New\s+York\s+Times|Washington\s+Post|Guardian|Wall\s+Street\s+Journal|Reuters|BBC\s+News|CNN|"
    r"Los\s+Angeles\s+Times|Financial\s+Times|Associated\s+Press|USA\s+Today|Newsweek|Time\s+Magazine)\b"
)


def classify(
    body: str,
    after_title: str,
    *,
    doi: str | None,
    arxiv: str | None,
    has_url: bool,
    accessed: bool,
    venue: str | None,
    journal_shape: bool,
    volume: str | None,
    pages: str | None,
) -> SourceType:
    """Preprint, thesis, chapter, news, web page, journal article, book, or other."""
    if arxiv or (doi and doi.lower().startswith(_PREPRINT_DOI)) or _PREPRINT.search(body):
        return SourceType.PREPRINT
    if _THESIS.search(body):
        return SourceType.THESIS
    if _CHAPTER.search(after_title) and (pages or _BOOK.search(after_title)):
        return SourceType.CHAPTER
    journal = bool(venue) and (journal_shape or volume is not None)
    if journal:
        return SourceType.JOURNAL_ARTICLE
    if _NEWS.search(body):
        return SourceType.NEWS
    if has_url or accessed or _WEB.search(body):
        return SourceType.WEB_PAGE
    if _BOOK.search(after_title):
        return SourceType.BOOK
    if venue and pages:
        return SourceType.JOURNAL_ARTICLE
    return SourceType.OTHER
