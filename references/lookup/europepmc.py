"""Europe PMC REST ``/search`` (``resultType=core``, JSON): asked when it can add something.

The stage asks Europe PMC last, and only when no other registry gave an
abstract or the entry is a preprint (Europe PMC indexes preprints with their
abstracts). The query is ``DOI:"<doi>"``, ``EXT_ID:<pmid> AND SRC:MED``, or
``TITLE:"<title>"`` with ``AUTH:"<family>"``. Read: ids, title, authors'
last names, year, journal, ``abstractText``, ``pubTypeList`` and the MeSH
check tags.
"""

from __future__ import annotations

import re
from typing import Any

from references.lookup._json import load_object
from references.lookup.client import Fetch, FetchError
from references.lookup.records import Candidates, WorkRecord, clean_markup, year_of
from references.models import Reference
from references.retractions import normalize_doi

__all__ = ["lookup", "parse_result", "parse_search"]

NAME = "europepmc"
_QUOTE = re.compile(r'["\\]')


def _authors(result: dict[str, Any]) -> list[str]:
    listed = ((result.get("authorList") or {}).get("author")) or []
    names = [a.get("lastName") or a.get("collectiveName") for a in listed if isinstance(a, dict)]
    if any(names):
        return [n for n in names if isinstance(n, str) and n]
    out = []
    for part in str(result.get("authorString") or "").rstrip(".").split(","):
        words = part.split()
        if words:
            out.append(" ".join(words[:-1]) if len(words) > 1 else words[0])
    return out


def parse_result(result: dict[str, Any]) -> WorkRecord | None:
    """One search result as a record."""
    rid = result.get("id")
    if not rid:
        return None
    journal = ((result.get("journalInfo") or {}).get("journal")) or {}
    types = [t for t in ((result.get("pubTypeList") or {}).get("pubType")) or [] if isinstance(t, str)]
    mesh = {m.get("descriptorName") for m in ((result.get("meshHeadingList") or {}).get("meshHeading")) or []}
    types += [tag for tag in ("Humans", "Animals") if tag in mesh]
    if result.get("source") == "PPR" and "Preprint" not in types:
        types.append("Preprint")
    return WorkRecord(
        source=NAME,
        id=f"{result.get('source', 'MED')}:{rid}",
        doi=normalize_doi(result.get("doi")),
        pmid=result.get("pmid") if str(result.get("pmid") or "").isdigit() else None,
        title=clean_markup(result.get("title")),
        authors=_authors(result),
        year=year_of(result.get("pubYear")),
        venue=journal.get("title") or result.get("journalTitle"),
        venue_short=journal.get("isoabbreviation") or journal.get("medlineAbbreviation"),
        types=types,
        abstract=clean_markup(result.get("abstractText")),
    )


def parse_search(data: dict[str, Any]) -> list[WorkRecord]:
    results = ((data.get("resultList") or {}).get("result")) or []
    return [r for item in results if isinstance(item, dict) and (r := parse_result(item))]


def lookup(ref: Reference, fetch: Fetch) -> Candidates:
    """Ask Europe PMC about one reference."""
    doi = normalize_doi(ref.doi)
    pmid = (ref.pmid or "").strip()
    if doi:
        by, query = "doi", f'DOI:"{doi}"'
    elif pmid.isdigit():
        by, query = "pmid", f"EXT_ID:{pmid} AND SRC:MED"
    elif ref.title:
        by, query = "title", f'TITLE:"{_QUOTE.sub(" ", ref.title)}"'
        if ref.authors:
            query += f' AND AUTH:"{_QUOTE.sub(" ", ref.authors[0].family)}"'
    else:
        return Candidates(by="title", why="no DOI, PMID or title to search for")
    resp = fetch("/search", {"query": query, "format": "json", "resultType": "core", "pageSize": "5"})
    if resp.status != 200:
        raise FetchError(f"HTTP {resp.status} from europepmc")
    records = parse_search(load_object(resp.body, NAME))
    return Candidates(by=by, records=records, why=None if records else f"no Europe PMC record with that {by}")
