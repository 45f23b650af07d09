"""RIS (EndNote, Zotero, PubMed, Scopus exports) -> ``Reference``, through rispy.

Records are split here, at ``TY  -`` / ``ER  -`` lines, so each keeps its
first line and a broken record (no ``ER``, text outside any record) is
reported with its line while the others load; rispy parses each record.
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from references.loaders._fields import (
    DUPLICATE_KEY_OF,
    author_from_name,
    clean_doi,
    duplicate_key,
    made_key,
    preprint_venue,
    split_keywords,
    squash,
    strip_html,
    year_from,
)
from references.models import Author, Reference, SkippedInput, SourceType

__all__ = ["load_ris"]

_TAG = re.compile(r"^([A-Z][A-Z0-9])  -( |$)")
_TYPES: dict[str, SourceType] = {
    "JOUR": SourceType.JOURNAL_ARTICLE,
    "JFULL": SourceType.JOURNAL_ARTICLE,
    "EJOUR": SourceType.JOURNAL_ARTICLE,
    "BOOK": SourceType.BOOK,
    "EBOOK": SourceType.BOOK,
    "EDBOOK": SourceType.BOOK,
    "CHAP": SourceType.CHAPTER,
    "ECHAP": SourceType.CHAPTER,
    "ELEC": SourceType.WEB_PAGE,
    "WEB": SourceType.WEB_PAGE,
    "BLOG": SourceType.WEB_PAGE,
    "ENCYC": SourceType.WEB_PAGE,
    "NEWS": SourceType.NEWS,
    "MGZN": SourceType.NEWS,
    "THES": SourceType.THESIS,
}


def _records(lines: list[str], path: str, skipped: list[SkippedInput]) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each ``TY`` … ``ER`` record."""
    records: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    stray: int | None = None
    for number, line in enumerate(lines, start=1):
        tag = _TAG.match(line)
        name = tag.group(1) if tag else None
        if name == "TY":
            if current is not None:
                skipped.append(
                    SkippedInput(
                        what="RIS record",
                        where=f"{path}:{start}",
                        why=f"no 'ER  -' before the next record on line {number}; read as ended there",
                    )
                )
                records.append((start, current))
            current, start = [line], number
        elif current is None:
            if line.strip() and stray is None:
                stray = number
                skipped.append(
                    SkippedInput(
                        what="RIS text",
                        where=f"{path}:{number}",
                        why="text outside any 'TY  -' … 'ER  -' record ignored",
                    )
                )
        elif name == "ER":
            records.append((start, current))
            current, stray = None, None
        else:
            current.append(line)
    if current is not None:
        skipped.append(
            SkippedInput(
                what="RIS record",
                where=f"{path}:{start}",
                why="file ends before the record's 'ER  -'; read as ended there",
            )
        )
        records.append((start, current))
    return records


def _ris_author(name: str) -> Author | None:
    """RIS writes ``Family, Given``; a name without a comma is corporate (``Mayo Clinic``)."""
    if "," in name:
        return author_from_name(name)
    family = squash(name)
    return Author(family=family) if family else None


def _first(record: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        text = squash(str(value)) if value is not None else None
        if text:
            return text
    return None


def _to_reference(record: dict[str, Any], key: str, raw: str, path: str, line: int) -> Reference:
    names = [n for field in ("authors", "first_authors") for n in (record.get(field) or []) if isinstance(n, str)]
    authors: list[Author] = [a for a in (_ris_author(n) for n in names) if a is not None]
    ris_type = str(record.get("type_of_reference") or "").upper()
    venue = _first(
        record,
        "journal_name",
        "secondary_title",
        "alternate_title3",
        "alternate_title1",
        "alternate_title2",
        "publisher",
    )
    source_type = _TYPES.get(ris_type, SourceType.OTHER)
    if preprint_venue(venue, _first(record, "publisher")):
        source_type = SourceType.PREPRINT
    start_page, end_page = _first(record, "start_page"), _first(record, "end_page")
    notes = [str(n) for n in (record.get("notes") or []) if n] if isinstance(record.get("notes"), list) else []
    extra = {"ris_type": ris_type}
    if notes:
        extra["note"] = " | ".join(notes)
    urls = record.get("urls")
    return Reference(
        key=key,
        raw=raw,
        source_path=path,
        start_line=line,
        authors=authors,
        year=year_from(_first(record, "year", "publication_year", "date")),
        title=_first(record, "title", "primary_title"),
        venue=venue,
        volume=_first(record, "volume"),
        issue=_first(record, "number"),
        pages="-".join(p for p in (start_page, end_page) if p) or None,
        doi=clean_doi(_first(record, "doi")),
        url=str(urls[0]) if isinstance(urls, list) and urls else None,
        accessed=_first(record, "access_date"),
        abstract=strip_html(_first(record, "abstract", "notes_abstract")),
        keywords=split_keywords(
            [str(k) for k in record.get("keywords") or []] if isinstance(record.get("keywords"), list) else None
        ),
        publication_types=[t for t in [_first(record, "type_of_work")] if t],
        extra=extra,
        source_type=source_type,
    )


def load_ris(text: str, source_path: str) -> tuple[list[Reference], list[SkippedInput]]:
    """Every readable RIS record, and what was skipped, each with its line."""
    skipped: list[SkippedInput] = []
    lines = text.splitlines()
    refs: list[Reference] = []
    taken: set[str] = set()
    for line, body in _records(lines, source_path, skipped):
        raw = "\n".join([*body, "ER  - "])
        try:
            parsed = rispy.loads(raw)
        except (ValueError, KeyError, TypeError) as exc:
            skipped.append(
                SkippedInput(
                    what="RIS record", where=f"{source_path}:{line}", why=f"unreadable record: {exc}".splitlines()[0]
                )
            )
            continue
        if not parsed:
            skipped.append(SkippedInput(what="RIS record", where=f"{source_path}:{line}", why="empty record"))
            continue
        record = parsed[0]
        given_id = _first(record, "id")
        duplicate_of = given_id if given_id in taken else None
        key = duplicate_key(duplicate_of, line, taken) if duplicate_of else given_id
        ref = _to_reference(record, key or "", "\n".join(body + ["ER  - "]), source_path, line)
        if not key:
            ref.key = made_key(ref.authors, ref.year, taken)
        if duplicate_of:
            ref.extra[DUPLICATE_KEY_OF] = duplicate_of
            skipped.append(
                SkippedInput(
                    what=f"RIS record {given_id!r}",
                    where=f"{source_path}:{line}",
                    why=f"duplicate ID {given_id!r}; kept as {key!r}",
                )
            )
        taken.add(ref.key)
        refs.append(ref)
    return refs, skipped
