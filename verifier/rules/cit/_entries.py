"""Where a finding about a reference entry points, and how the entry is named.

An entry inside the manuscript has a span; an entry from a .bib/.json/.ris
file has none, so its finding points at offset 0..0 of the manuscript and the
message names ``file:line``.
"""

from __future__ import annotations

from references.models import Reference


def entry_range(ref: Reference) -> tuple[int, int]:
    return (ref.span.start, ref.span.end) if ref.span is not None else (0, 0)


def entry_label(ref: Reference) -> str:
    """``[12]``, or ``smith2020 (refs.bib:40)`` for an entry from a file."""
    if ref.source_path and ref.span is None:
        where = f"{ref.source_path}:{ref.start_line}" if ref.start_line else ref.source_path
        return f"'{ref.key}' ({where})"
    return f"[{ref.key}]" if ref.key.isdigit() else f"'{ref.key}'"
