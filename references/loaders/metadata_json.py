"""A metadata record in JSON (Semantic Scholar / publisher-page style) -> ``Reference``.

Such records (title, authors as one string or a list, doi, an abstract in
HTML, journal as an object or a string, publicationDate, publicationTypes)
come with manuscripts copied from a web page, or are saved next to one. They
matter because they carry the abstract, which evidence grading reads.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from references.loaders._fields import (
    author_from_name,
    clean_doi,
    decode_json,
    line_of,
    made_key,
    preprint_venue,
    split_keywords,
    squash,
    strip_html,
    year_from,
)
from references.models import Author, Reference, SkippedInput, SourceType

__all__ = ["load_metadata_json", "metadata_record_to_reference"]


def _authors(value: Any) -> list[Author]:
    if isinstance(value, str):
        text = html.unescape(value).replace("\u00a0", " ")
        names = re.split(r"\s*;\s*", text) if ";" in text else re.split(r"\s*,\s*", text)
    elif isinstance(value, list):
        names = []
        for person in value:
            if isinstance(person, str):
                names.append(person)
            elif isinstance(person, dict) and (person.get("family") or person.get("lastName")):
                family = str(person.get("family") or person.get("lastName"))
                given = person.get("given") or person.get("firstName")
                names.append(f"{family}, {given}" if given else f"{family},")
            elif isinstance(person, dict) and person.get("name"):
                names.append(str(person["name"]))
    else:
        names = []
    return [a for a in (author_from_name(n) for n in names if n and n.strip(" ,")) if a is not None]


def _string(record: dict[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` holding a non-empty string or number."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            text = squash(str(value))
            if text:
                return text
    return None


def _journal(record: dict[str, Any]) -> tuple[str | None, str | None, str | None, str | None]:
    journal = record.get("journal")
    if isinstance(journal, dict):
        return (
            squash(journal.get("name")) or squash(record.get("PeriodicalName")) or squash(record.get("venue")),
            squash(str(journal["volume"])) if journal.get("volume") else None,
            squash(str(journal["issue"])) if journal.get("issue") else None,
            squash(str(journal["pages"])) if journal.get("pages") else None,
        )
    name = squash(journal) if isinstance(journal, str) else None
    return name or squash(record.get("PeriodicalName")) or squash(record.get("venue")), None, None, None


def metadata_record_to_reference(
    record: dict[str, Any], *, key: str, raw: str, source_path: str | None, start_line: int | None
) -> Reference:
    """One metadata record as a ``Reference``; the HTML abstract becomes plain text."""
    venue, volume, issue, pages = _journal(record)
    types = record.get("publicationTypes")
    pubtypes = split_keywords(types if isinstance(types, (list, str)) else None)
    external = record.get("externalIds")
    ids: dict[str, Any] = external if isinstance(external, dict) else {}
    source_type = (
        SourceType.JOURNAL_ARTICLE if venue or any("journal" in t.lower() for t in pubtypes) else SourceType.OTHER
    )
    if preprint_venue(venue):
        source_type = SourceType.PREPRINT
    fields = record.get("fieldsOfStudy")
    return Reference(
        key=key,
        raw=raw,
        source_path=source_path,
        start_line=start_line,
        authors=_authors(record.get("authors") or record.get("author")),
        year=year_from(record.get("year")) or year_from(record.get("publicationDate")),
        title=strip_html(record.get("title") if isinstance(record.get("title"), str) else None),
        venue=venue,
        volume=volume,
        issue=issue,
        pages=pages,
        doi=clean_doi(str(record.get("doi") or ids.get("DOI") or "")),
        pmid=_string(record, "pmid") or _string(ids, "PubMed"),
        url=_string(record, "url", "ListUrlMain"),
        abstract=strip_html(record.get("abstract") if isinstance(record.get("abstract"), str) else None),
        keywords=split_keywords(fields if isinstance(fields, (list, str)) else None),
        publication_types=pubtypes,
        source_type=source_type,
    )


def load_metadata_json(text: str, source_path: str) -> tuple[list[Reference], list[SkippedInput]]:
    """One record or a list of records; a record without a title is skipped with its line."""
    start = len(text) - len(text.lstrip())
    top, _ = decode_json(text, start, source_path)
    records = top if isinstance(top, list) else [top]
    refs: list[Reference] = []
    skipped: list[SkippedInput] = []
    taken: set[str] = set()
    search_from = start
    for record in records:
        where = f"{source_path}:{line_of(text, start)}"
        if isinstance(record, dict) and isinstance(record.get("title"), str):
            found = text.find(json.dumps(record["title"], ensure_ascii=False)[:40], search_from)
            line = line_of(text, found) if found >= 0 else line_of(text, start)
            search_from = max(search_from, found)
            ref = metadata_record_to_reference(
                record, key="", raw=json.dumps(record, ensure_ascii=False), source_path=source_path, start_line=line
            )
            ref.key = made_key(ref.authors, ref.year, taken)
            refs.append(ref)
        else:
            skipped.append(SkippedInput(what="metadata record", where=where, why="not a record with a title"))
    return refs, skipped
