"""Unicode superscript citation numbers: ``depression¹²``, ``treatment.³⁻⁵``, ``trials¹,²``.

A run of superscript digits is a citation only where a footnote call would sit: after a
word of three or more letters that is not a unit, or after closing punctuation. Exponents
(``10⁶``, ``m²``, ``R²``, ``χ²``, ``s⁻¹``), ion charges (``Ca²⁺``) and isotopes (``¹H``, ``¹³C``)
fail those guards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.markers._lexicon import load_words
from claims.markers._match import MarkerMatch
from claims.markers.numeric import expand_numeric
from claims.models import MarkerStyle

_SUPER_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_ASCII = str.maketrans(_SUPER_DIGITS + "⁻", "0123456789-")
_D = f"[{_SUPER_DIGITS}]"
# Items are superscript numbers or ranges (``³⁻⁵``, ``³–⁵``); separators are commas, plain or raised.
_SUPERSCRIPT = re.compile(rf"{_D}{{1,4}}(?:[⁻\-–]{_D}{{1,4}})?(?:[,，]\s?{_D}{{1,4}}(?:[⁻\-–]{_D}{{1,4}})?)*")
_UNITS = load_words("marker_superscript_units.txt")


def find_superscripts(text: str) -> Iterator[MarkerMatch]:
    """Superscript citation numbers, each run one marker with its ranges expanded."""
    for m in _SUPERSCRIPT.finditer(text):
        start, end = m.start(), m.end()
        if not _called_from_prose(text, start, end):
            continue
        body = m.group().translate(_TO_ASCII).replace("–", "-").replace("，", ",")
        keys = expand_numeric(body)
        if keys:
            yield MarkerMatch(start, end, MarkerStyle.SUPERSCRIPT, keys)


def _called_from_prose(text: str, start: int, end: int) -> bool:
    after = text[end : end + 1]
    if after and (after.isalnum() or after in "⁺⁻⁼⁽⁾ⁿⁱ"):  # ¹H, ¹³C, Ca²⁺, x²ⁿ
        return False
    before = text[start - 1] if start else ""
    if before and before in ".,;:)]’”\"'":
        return True
    if not before.isalpha():  # 10⁶, start of text, a space: no footnote call there
        return False
    j = start
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:start]
    return len(word) >= 3 and word.lower() not in _UNITS and word not in _UNITS
