"""OpenAlex works: ``/works/doi:<doi>``, ``/works/pmid:<pmid>``, or ``/works?search=<title>``.

Read from each work: ``type`` (mapped to the lexicon's names: preprint,
review, letter, editorial, erratum, book, book-chapter, dissertation),
``is_retracted``, the abstract rebuilt from ``abstract_inverted_index``, the
ids (DOI, PMID), and the MeSH check tags ``Humans`` / ``Animals``. Authors are
given as display names; the family name is taken as the last word, which is
wrong for some names ("van der Berg" -> "Berg"), so matching compares them
leniently (``match``).
"""

from __future__ import annotations

from typing import Any

from references.lookup._json import load_object
from references.lookup.client import Fetch, FetchError, quote_path
from references.lookup.records import Candidates, Notice, WorkRecord, clean_markup
from references.models import Reference, RetractionStatus
from references.retractions import normalize_doi

__all__ = ["abstract_from_index", "lookup", "parse_work", "parse_works"]

NAME = "openalex"
_TYPES = {
    "article": "article-journal",
    "preprint": "Preprint",
    "posted-content": "Preprint",
    "review": "Review",
    "letter": "Letter",
    "editorial": "Editorial",
    "erratum": "Published Erratum",
    "retraction": "Retraction of Publication",
    "book": "book",
    "book-chapter": "chapter",
    "dissertation": "thesis",
}


def abstract_from_index(index: Any) -> str | None:
    """The abstract text from OpenAlex's ``{word: [positions]}`` inverted index."""
    if not isinstance(index, dict) or not index:
        return None
    slots: dict[int, str] = {}
    for word, positions in index.items():
        for pos in positions if isinstance(positions, list) else []:
            if isinstance(pos, int):
                slots[pos] = word
    return clean_markup(" ".join(slots[i] for i in sorted(slots))) if slots else None


def _family(name: str) -> str:
    parts = name.replace(",", " ").split()
    return parts[-1] if parts else name


def parse_work(work: dict[str, Any]) -> WorkRecord | None:
    """One OpenAlex work as a record (None without an id)."""
    wid = str(work.get("id") or "").rsplit("/", 1)[-1]
    if not wid:
        return None
    ids = work.get("ids") or {}
    pmid = str(ids.get("pmid") or "").rstrip("/").rsplit("/", 1)[-1] or None
    authors = []
    for authorship in work.get("authorships") or []:
        author = (authorship or {}).get("author") or {}
        name = author.get("display_name") or (authorship or {}).get("raw_author_name")
        if isinstance(name, str) and name.strip():
            authors.append(_family(name.strip()))
    location = work.get("primary_location") or {}
    source = (location.get("source") or {}) if isinstance(location, dict) else {}
    types = [_TYPES[t]] if (t := work.get("type")) in _TYPES else []
    mesh = {m.get("descriptor_name") for m in work.get("mesh") or [] if isinstance(m, dict)}
    types += [tag for tag in ("Humans", "Animals") if tag in mesh]
    notices = (
        [Notice(status=RetractionStatus.RETRACTED, detail="is_retracted=true")] if work.get("is_retracted") else []
    )
    year = work.get("publication_year")
    return WorkRecord(
        source=NAME,
        id=wid,
        doi=normalize_doi(work.get("doi") or ids.get("doi")),
        pmid=pmid if pmid and pmid.isdigit() else None,
        title=clean_markup(work.get("title") or work.get("display_name")),
        authors=authors,
        year=year if isinstance(year, int) else None,
        venue=source.get("display_name") if isinstance(source.get("display_name"), str) else None,
        types=types,
        abstract=abstract_from_index(work.get("abstract_inverted_index")),
        notices=notices,
    )


def parse_works(data: dict[str, Any]) -> list[WorkRecord]:
    """Records of a single work or of a ``{"results": [...]}`` list."""
    items = data.get("results") if "results" in data else [data]
    return [r for item in items or [] if isinstance(item, dict) and (r := parse_work(item))]


def lookup(ref: Reference, fetch: Fetch) -> Candidates:
    """Ask OpenAlex about one reference."""
    doi = normalize_doi(ref.doi)
    pmid = (ref.pmid or "").strip()
    if doi or pmid.isdigit():
        by, path = ("doi", f"/works/doi:{quote_path(doi)}") if doi else ("pmid", f"/works/pmid:{pmid}")
        resp = fetch(path, {})
        if resp.status == 404:
            return Candidates(by=by, why=f"no OpenAlex work with that {by.upper()}")
        if resp.status != 200:
            raise FetchError(f"HTTP {resp.status} from openalex")
        return Candidates(by=by, records=parse_works(load_object(resp.body, NAME)))
    if not ref.title:
        return Candidates(by="title", why="no DOI, PMID or title to search for")
    resp = fetch("/works", {"search": ref.title, "per-page": "5"})
    if resp.status != 200:
        raise FetchError(f"HTTP {resp.status} from openalex")
    return Candidates(by="title", records=parse_works(load_object(resp.body, NAME)))
