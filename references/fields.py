"""The references a DOCX's citation-manager fields carry (Zotero, Mendeley, EndNote, Word).

A field holds the full record of every work it cites, so these are the document's
references: exact, with their CSL type (a ``webpage`` is a web page, an ``article-journal``
a journal article) and fields, rather than a parse of the formatted list. The bibliography
field's shown text is where the reference list sits in the document.
"""

from __future__ import annotations

import re
from typing import Any

from claims.markers.numeric import expand_numeric
from claims.models import Document
from claims.spans import LineIndex
from references.loaders.csl_json import csl_item_to_reference
from references.models import Reference

__all__ = ["bibliography_range", "field_references"]

_ASCII = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_NUMBERS = re.compile(r"\d{1,4}(?:\s*[-–,]\s*\d{1,4})*")


def field_references(doc: Document) -> list[Reference]:
    """One reference per distinct cited item, in order of first citation; key = the item's id."""
    lines = LineIndex(doc.text)
    seen: dict[str, Reference] = {}
    for fld in doc.fields:
        shown = _shown_numbers(doc.text[fld.start : fld.end], len(fld.items))
        numbers: list[int] | list[None] = shown or [None] * len(fld.items)
        for item, number in zip(fld.items, numbers):
            key = str(item.get("id"))
            if key in seen:
                continue
            line, _ = lines.position(fld.start)
            ref = csl_item_to_reference(item, key=key, raw=_raw(item), source_path=doc.path, start_line=line)
            update: dict[str, Any] = {"extra": {**ref.extra, "field_manager": fld.manager}}
            if number is not None:
                update["number"] = number
            seen[key] = ref.model_copy(update=update)
    return list(seen.values())


def _shown_numbers(shown: str, count: int) -> list[int] | None:
    """The numbers a numeric style shows for the field's items (``1,2``, ``(3-5)``, ``¹⁻³``), when
    there is one per item: a plain number typed elsewhere (``see 3``) then links to the same work."""
    body = shown.translate(_ASCII).strip(" ()[]")
    if not _NUMBERS.fullmatch(body):
        return None
    keys = expand_numeric(body) or ()
    if len(keys) != count or not all(k.isdigit() for k in keys):
        return None
    return [int(k) for k in keys]


def bibliography_range(doc: Document) -> tuple[int, int] | None:
    """Where the bibliography field's shown reference list sits in the text, if the document has one."""
    for fld in doc.fields:
        if fld.bibliography and fld.end > fld.start:
            return fld.start, fld.end
    return None


def _raw(item: dict[str, Any]) -> str:
    """A readable one-line rendering of a CSL item (authors, year, title, venue, DOI)."""
    names = [
        " ".join(str(a.get(k) or "") for k in ("family", "given")).strip() or str(a.get("literal") or "")
        for a in item.get("author") or []
        if isinstance(a, dict)
    ]
    parts = item.get("issued", {}).get("date-parts") if isinstance(item.get("issued"), dict) else None
    year = str(parts[0][0]) if parts and parts[0] and parts[0][0] else ""
    pieces = [", ".join(n for n in names if n), f"({year})" if year else "", str(item.get("title") or "")]
    pieces += [str(item.get("container-title") or ""), f"doi:{item['DOI']}" if item.get("DOI") else ""]
    return ". ".join(p for p in pieces if p)
