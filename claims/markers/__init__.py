"""In-text citation marker detection, one module per style.

``find_markers`` runs every style detector over a text and merges their matches into one
ordered, non-overlapping list. Where two detectors claim the same characters, the match that
starts first wins, and of two starting together the longer one: ``Smith et al. (2020)`` beats
the bare mention ``Smith et al.``, and ``\\cite[3]{a}`` beats the bracket ``[3]`` inside it.
"""

from __future__ import annotations

from claims.markers._match import MarkerMatch
from claims.markers.author_year import find_author_year
from claims.markers.latex import find_latex
from claims.markers.numeric import expand_numeric, find_bracket_numeric, find_paren_numeric
from claims.markers.pandoc import find_pandoc
from claims.markers.superscript import find_superscripts

__all__ = ["MarkerMatch", "expand_numeric", "find_markers"]

_DETECTORS = (
    find_latex,
    find_pandoc,
    find_bracket_numeric,
    find_paren_numeric,
    find_superscripts,
    find_author_year,
)


def find_markers(text: str) -> list[MarkerMatch]:
    """All citation markers in ``text``, in document order and non-overlapping.

    ``text[m.start:m.end]`` is each marker exactly as written; see ``MarkerMatch`` for keys.
    """
    found = [m for detect in _DETECTORS for m in detect(text)]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    merged: list[MarkerMatch] = []
    last_end = 0
    for m in found:
        if m.start >= last_end:
            merged.append(m)
            last_end = m.end
    return merged
