"""Which characters of a sentence are already claimed by a match: a byte per character.

Extractors that keep matches "never two over the same characters" used to test each new match
against every kept one, which is quadratic in the matches of a sentence (a 0.25 MB sentence of
percentages took minutes). Marking characters costs the length of each kept match instead.
"""

from __future__ import annotations

__all__ = ["Occupied"]


class Occupied:
    """``free(i, j)``: no kept match covers ``[i, j)``; ``take(i, j)`` keeps one."""

    __slots__ = ("_marks",)

    def __init__(self, length: int) -> None:
        self._marks = bytearray(length)

    def free(self, i: int, j: int) -> bool:
        return self._marks.find(1, i, j) < 0

    def take(self, i: int, j: int) -> None:
        self._marks[i:j] = b"\x01" * (j - i)
