"""CSL-JSON (Zotero, Mendeley, pandoc-citeproc exports) -> ``Reference``.

Items are decoded one by one with ``json.JSONDecoder.raw_decode`` so each
keeps its line in the file, and one bad item is skipped with that line
while the others load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from references.errors import ReferenceParseError
from references.loaders._fields import (
    CSL_TYPES,
    DUPLICATE_KEY_OF,
    clean_doi,
    decode_json,
    duplicate_key,
    line_of,
    made_key,
    preprint_venue,
    split_keywords,
    squash,
    strip_html,
    year_from,
)
from references.models import Author, Reference, SkippedInput, SourceType

__all__ = ["csl_item_to_reference", "load_csl_json"]

_WS = " \t\r\n"


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _array_items(text: str, start: int, path: str) -> Iterator[tuple[int, Any]]:
    """(offset, value) of each element of the JSON array opening at ``text[start]``."""
    i = _skip_ws(text, start + 1)
    if i < len(text) and text[i] == "]":
        return
    while True:
        value, end = decode_json(text, i, path)
        yield i, value
        i = _skip_ws(text, end)
        if i < len(text) and text[i] == ",":
            i = _skip_ws(text, i + 1)
            continue
        if i < len(text) and text[i] == "]":
            return
        raise ReferenceParseError(f"{path}:{line_of(text, i)}: invalid JSON (expected ',' or ']' between items)")


def _authors(value: Any) -> list[Author]:
    out: list[Author] = []
    for person in value if isinstance(value, list) else []:
        if not isinstance(person, dict):
            continue
        family = " ".join(
            str(p) for p in (person.get("non-dropping-particle"), person.get("family")) if p
        ).strip() or squash(person.get("literal"))
        given = " ".join(str(p) for p in (person.get("given"), person.get("dropping-particle")) if p).strip()
        if family:
            out.append(Author(family=family, given=given or None))
    return out


def _year(issued: Any) -> str | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return year_from(parts[0][0])
        return year_from(issued.get("raw") or issued.get("literal"))
    return year_from(issued)


def _text(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return squash(str(value)) if value is not None else None


def csl_item_to_reference(
    item: dict[str, Any], *, key: str, raw: str, source_path: str | None, start_line: int | None
) -> Reference:
    """One CSL-JSON item as a ``Reference`` (CSL names map one to one)."""
    csl_type = str(item.get("type") or "")
    venue = _text(item, "container-title") or _text(item, "publisher")
    source_type = CSL_TYPES.get(csl_type, SourceType.OTHER)
    genre = _text(item, "genre")
    if preprint_venue(venue, genre, _text(item, "publisher")) or (genre or "").lower() == "preprint":
        source_type = SourceType.PREPRINT
    extra = {k: str(v) for k in ("note", "evidence_level", "annote") if (v := _text(item, k))}
    extra["csl_type"] = csl_type
    accessed = item.get("accessed")
    return Reference(
        key=key,
        raw=raw,
        source_path=source_path,
        start_line=start_line,
        authors=_authors(item.get("author")),
        year=_year(item.get("issued")),
        title=_text(item, "title"),
        venue=venue,
        volume=_text(item, "volume"),
        issue=_text(item, "issue"),
        pages=_text(item, "page"),
        doi=clean_doi(_text(item, "DOI")),
        pmid=_text(item, "PMID"),
        pmcid=_text(item, "PMCID"),
        url=_text(item, "URL"),
        accessed=_year(accessed) if accessed else None,
        abstract=strip_html(_text(item, "abstract")),
        keywords=split_keywords(_text(item, "keyword")),
        publication_types=[genre] if genre else [],
        extra=extra,
        source_type=source_type,
    )


def load_csl_json(text: str, source_path: str) -> tuple[list[Reference], list[SkippedInput]]:
    """Every readable item of a CSL-JSON array, and each skipped item with its line.

    Also accepted, with a note: one item object instead of a list, or an
    object holding the list under ``items``. Invalid JSON syntax, or JSON
    that is not CSL at all, raises ``ReferenceParseError`` naming the line.
    """
    start = _skip_ws(text, 0)
    skipped: list[SkippedInput] = []
    if start >= len(text):
        raise ReferenceParseError(f"{source_path}: empty CSL-JSON file")
    if text[start] == "[":
        items = list(_array_items(text, start, source_path))
    elif text[start] == "{":
        top, _ = decode_json(text, start, source_path)
        if isinstance(top.get("items"), list):
            inner = text.find("[", start)
            items = list(_array_items(text, inner, source_path))
            why = "top level is an object; read its 'items' list"
        elif "title" in top or "type" in top:
            items = [(start, top)]
            why = "top level is one item, not a list of items; read as one item"
        else:
            raise ReferenceParseError(f"{source_path}:{line_of(text, start)}: not CSL-JSON (expected a list of items)")
        skipped.append(SkippedInput(what="CSL-JSON top level", where=f"{source_path}:{line_of(text, start)}", why=why))
    else:
        raise ReferenceParseError(f"{source_path}:{line_of(text, start)}: not CSL-JSON (expected a list of items)")
    refs: list[Reference] = []
    taken: set[str] = set()
    for offset, item in items:
        line = line_of(text, offset)
        where = f"{source_path}:{line}"
        if not isinstance(item, dict):
            skipped.append(
                SkippedInput(what="CSL-JSON item", where=where, why=f"item is a {type(item).__name__}, not an object")
            )
            continue
        if not (item.get("title") or item.get("author")):
            skipped.append(SkippedInput(what="CSL-JSON item", where=where, why="item has neither title nor author"))
            continue
        key = squash(str(item["id"])) if item.get("id") not in (None, "") else None
        duplicate_of = None
        if key is not None and key in taken:
            duplicate_of = key
            key = duplicate_key(key, line, taken)
            skipped.append(
                SkippedInput(
                    what=f"CSL-JSON item {duplicate_of!r}",
                    where=where,
                    why=f"duplicate id {duplicate_of!r}; kept as {key}",
                )
            )
        try:
            ref = csl_item_to_reference(
                item,
                key=key or made_key(_authors(item.get("author")), _year(item.get("issued")), taken),
                raw=json.dumps(item, ensure_ascii=False),
                source_path=source_path,
                start_line=line,
            )
        except (TypeError, ValueError) as exc:
            skipped.append(
                SkippedInput(what="CSL-JSON item", where=where, why=f"unreadable item: {exc}".splitlines()[0])
            )
            continue
        if duplicate_of is not None:
            ref.extra[DUPLICATE_KEY_OF] = duplicate_of
        taken.add(ref.key)
        refs.append(ref)
    return refs, skipped
