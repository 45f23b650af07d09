"""Crossref REST API: ``/works/{doi}`` for a DOI, ``/works?query.bibliographic=`` otherwise.

A DOI that Crossref answers with 404 "Resource not found." does not resolve
there (it may still be a DataCite DOI, which the other registries can know).
The bibliographic query sends the entry's first authors, year and title, as
Crossref recommends for reference matching, and scores the top five items.
Notices: ``updated-by`` entries of type retraction / withdrawal / removal,
expression_of_concern, correction / erratum / corrigendum on the work itself;
a title that starts "Retracted:" (Hindawi's notices). A record that is itself
a notice (``update-to``) is typed "Published Erratum" or "Retraction of
Publication" so its evidence says what it is.
"""

from __future__ import annotations

from typing import Any

from references.lookup._json import first_text, load_object
from references.lookup.client import Fetch, FetchError, quote_path
from references.lookup.records import Candidates, Notice, WorkRecord, clean_markup
from references.models import Reference, RetractionStatus
from references.retractions import normalize_doi

__all__ = ["lookup", "parse_work", "parse_works"]

NAME = "crossref"
# Crossref work types -> the names references/lexicons/publication_types.txt knows (CSL item types).
_TYPES = {
    "journal-article": "article-journal",
    "posted-content": "Preprint",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "dissertation": "thesis",
}
_UPDATES = {
    "retraction": RetractionStatus.RETRACTED,
    "partial_retraction": RetractionStatus.RETRACTED,
    "withdrawal": RetractionStatus.RETRACTED,
    "removal": RetractionStatus.RETRACTED,
    "expression_of_concern": RetractionStatus.EXPRESSION_OF_CONCERN,
    "correction": RetractionStatus.CORRECTION,
    "erratum": RetractionStatus.CORRECTION,
    "corrigendum": RetractionStatus.CORRECTION,
}
_NOTICE_TYPES = {
    RetractionStatus.RETRACTED: "Retraction of Publication",
    RetractionStatus.EXPRESSION_OF_CONCERN: "Expression of Concern",
    RetractionStatus.CORRECTION: "Published Erratum",
}


def _year(work: dict[str, Any]) -> int | None:
    for key in ("issued", "published-print", "published-online", "published", "created"):
        parts = (work.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and isinstance(parts[0][0], int):
            return parts[0][0]
    return None


def _authors(work: dict[str, Any]) -> list[str]:
    out = []
    for person in work.get("author") or []:
        if isinstance(person, dict):
            name = person.get("family") or person.get("name")
            if isinstance(name, str) and name.strip():
                out.append(name.strip())
    return out


def parse_work(work: dict[str, Any]) -> WorkRecord | None:
    """One Crossref ``work`` message as a record (None without a DOI)."""
    doi = normalize_doi(work.get("DOI"))
    if not doi:
        return None
    title = first_text(work.get("title"))
    notices: list[Notice] = []
    for update in work.get("updated-by") or []:
        status = _UPDATES.get(str(update.get("type", "")).lower()) if isinstance(update, dict) else None
        if status:
            notices.append(Notice(status=status, detail=f"{update.get('type')} notice {update.get('DOI', '')}".strip()))
    if title and title.lower().startswith(("retracted:", "retracted article:")):
        notices.append(Notice(status=RetractionStatus.RETRACTED, detail=f"title reads '{title[:60]}'"))
    types = [_TYPES[t]] if (t := work.get("type")) in _TYPES else []
    if work.get("subtype") == "preprint" and "Preprint" not in types:
        types.append("Preprint")
    for update in work.get("update-to") or []:
        status = _UPDATES.get(str(update.get("type", "")).lower()) if isinstance(update, dict) else None
        if status:
            types.append(_NOTICE_TYPES[status])
    return WorkRecord(
        source=NAME,
        id=doi,
        doi=doi,
        title=clean_markup(title),
        authors=_authors(work),
        year=_year(work),
        venue=first_text(work.get("container-title")),
        venue_short=first_text(work.get("short-container-title")),
        types=types,
        abstract=clean_markup(work.get("abstract")),
        notices=notices,
    )


def parse_works(data: dict[str, Any]) -> list[WorkRecord]:
    """Records of a ``work`` or ``work-list`` message (or of a bare work object, as in a dump)."""
    message = data.get("message", data)
    if not isinstance(message, dict):
        return []
    items = message.get("items") if "items" in message else [message]
    return [r for item in items or [] if isinstance(item, dict) and (r := parse_work(item))]


def bibliographic_query(ref: Reference) -> str:
    """First authors, year and title: what ``query.bibliographic`` is meant to receive."""
    names = " ".join(a.family for a in ref.authors[:3])
    return " ".join(x for x in (names, ref.year or "", ref.title or "") if x).strip()


def lookup(ref: Reference, fetch: Fetch) -> Candidates:
    """Ask Crossref about one reference."""
    doi = normalize_doi(ref.doi)
    if doi:
        resp = fetch(f"/works/{quote_path(doi)}", {})
        if resp.status == 404:
            return Candidates(by="doi", why="DOI does not resolve at Crossref")
        if resp.status != 200:
            raise FetchError(f"HTTP {resp.status} from crossref")
        return Candidates(by="doi", records=parse_works(load_object(resp.body, NAME)))
    if not ref.title:
        return Candidates(by="title", why="no DOI and no title to search for")
    resp = fetch("/works", {"query.bibliographic": bibliographic_query(ref), "rows": "5"})
    if resp.status != 200:
        raise FetchError(f"HTTP {resp.status} from crossref")
    return Candidates(by="title", records=parse_works(load_object(resp.body, NAME)))
