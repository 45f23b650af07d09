"""Raised (superscript) text from a PDF glyph run or a DOCX run, as Unicode superscripts when it
holds citation numbers, so ``claims.markers.superscript`` reads it as any superscript text
(and rejects exponents such as ``m²`` there, by the word before it)."""

from __future__ import annotations

import re

__all__ = ["raised_text"]

_SUPERSCRIPT = str.maketrans("0123456789-\u2010\u2011\u2012\u2013\u2212", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁻⁻–⁻")
_MARKER_CHARS = frozenset("0123456789,-\u2010\u2011\u2012\u2013\u2212e ")


def raised_text(run: str) -> str:
    """``1,2`` -> ``¹,²``, ``3-5`` -> ``³⁻⁵``; raised text that is not only numbers stays as it is.

    Some journal fonts map the en dash of a range to ``e`` (``1e3``): between digits it is read as a dash.
    """
    if not set(run) <= _MARKER_CHARS or not any(c.isdigit() for c in run):
        return run
    run = re.sub(r"(?<=\d)e(?=\d)", "\u2013", run).replace(" ", "")
    if "e" in run:
        return run
    return run.translate(_SUPERSCRIPT)
