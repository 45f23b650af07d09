"""Where a finding about a reference entry points, and how the entry is named.

An entry inside the manuscript has a span; an entry from a .bib/.json/.ris
file has none, so its finding points at offset 0..0 of the manuscript and the
message names ``file:line``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from references.models import LinkStatus, Reference

if TYPE_CHECKING:
    from verifier.rules.base import RuleContext


def entry_range(ref: Reference) -> tuple[int, int]:
    return (ref.span.start, ref.span.end) if ref.span is not None else (0, 0)


def entry_label(ref: Reference) -> str:
    """``[12]``, or ``smith2020 (refs.bib:40)`` for an entry from a file."""
    if ref.source_path and ref.span is None:
        where = f"{ref.source_path}:{ref.start_line}" if ref.start_line else ref.source_path
        return f"'{ref.key}' ({where})"
    return f"[{ref.key}]" if ref.key.isdigit() else f"'{ref.key}'"


def entry_or_first_citation(ref: Reference, ctx: RuleContext) -> tuple[int, int, str | None]:
    """Where a finding about the entry itself points: the entry in the manuscript's list, else the
    first marker citing it (with that claim's id), else 0..0 (an uncited entry from a file)."""
    if ref.span is not None:
        return ref.span.start, ref.span.end, None
    for link in ctx.links:
        if link.reference_key == ref.key and link.status is LinkStatus.LINKED:
            return link.marker_span.start, link.marker_span.end, link.claim_id
    return 0, 0, None
