"""Reference entries completed from the structured records their file carries (JATS ``<ref>``).

``references.reflist`` finds each entry in the masked text and parses it; where the file
also gives the entry's fields (``claims.jats``), those win: authors, year, title, venue, ids,
and the kind of work from ``publication-type``, which the evidence stage trusts before any
guess from the entry's shape. The entry keeps its key, number, raw text and span, so linking
and every offset stay as they were.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from claims.models import ReferenceRecord
from references.loaders.csl_json import csl_item_to_reference
from references.models import Reference

__all__ = ["apply_records"]

_FIELDS = ("authors", "year", "title", "venue", "volume", "issue", "pages", "doi", "pmid", "pmcid", "url")


def apply_records(entries: Sequence[Reference], records: Sequence[ReferenceRecord]) -> list[Reference]:
    """``entries`` with the fields of the record each one's span starts in."""
    if not records:
        return list(entries)
    starts = [r.start for r in records]
    out = []
    for entry in entries:
        span = entry.span
        k = bisect_right(starts, span.start) - 1 if span is not None else -1
        record = records[k] if span is not None and k >= 0 and span.start < records[k].end else None
        out.append(_completed(entry, record) if record is not None else entry)
    return out


def _completed(entry: Reference, record: ReferenceRecord) -> Reference:
    read = csl_item_to_reference(dict(record.item), key=entry.key, raw=entry.raw, source_path=None, start_line=None)
    update: dict[str, object] = {name: value for name in _FIELDS if (value := getattr(read, name))}
    kind = str(record.item.get("jats-publication-type") or "")
    extra = {**entry.extra, **{k: v for k, v in read.extra.items() if v}}
    if kind:
        extra["jats_publication_type"] = kind
    update["extra"] = extra
    if record.item.get("type") or read.source_type.value == "preprint":
        update["source_type"] = read.source_type
    return entry.model_copy(update=update)
