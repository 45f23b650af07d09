"""Offsets: turning character ranges into ``Span`` objects, and mapping
positions in a normalized copy of the text back to the original.

Normalization (re-joining hard-wrapped lines, repairing hyphenation) works on a
copy of the text; every later stage finds things in that copy. ``OffsetMap``
remembers, for every character of the copy, which original character it came
from, so that spans reported to the user always index the original input.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from claims.models import Span


class LineIndex:
    """1-based line and column for any offset of ``text``, in O(log n)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            self._starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._len = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of ``offset``, both 1-based."""
        offset = max(0, min(offset, self._len))
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        """A ``Span`` for the half-open range ``[start, end)``."""
        if end < start:
            raise ValueError(f"span end {end} before start {start}")
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(
            start=start, end=end, line=line, column=column, end_line=end_line, end_column=end_column
        )


class OffsetMap:
    """Maps offsets in a normalized string back to the original string.

    ``origin[i]`` is the original offset of normalized character ``i``; one
    extra trailing entry maps the end of the normalized text to the end of the
    original. Inserted characters (a space standing in for a removed line
    break) take the original offset of the character they replace.
    """

    def __init__(self, normalized: str, origin: Sequence[int], original_length: int) -> None:
        if len(origin) != len(normalized):
            raise ValueError("offset map length differs from normalized text length")
        self.normalized = normalized
        self._origin = list(origin) + [original_length]

    @classmethod
    def identity(cls, text: str) -> OffsetMap:
        return cls(text, range(len(text)), len(text))

    def start(self, i: int) -> int:
        """Original offset where normalized character ``i`` begins."""
        return self._origin[i]

    def end(self, j: int) -> int:
        """Original offset just past normalized character ``j - 1`` (for half-open ends)."""
        if j <= 0:
            return self._origin[0]
        return self._origin[j - 1] + 1

    def range(self, i: int, j: int) -> tuple[int, int]:
        """The original ``[start, end)`` that normalized ``[i, j)`` came from."""
        if j <= i:
            s = self.start(i)
            return s, s
        return self.start(i), self.end(j)


class SentenceView:
    """A sentence as later stages see it: normalized text plus a way back.

    ``text`` is the normalized sentence (hard wraps joined, hyphenation
    repaired), so cue patterns need not cope with line breaks; ``span(i, j)``
    and ``quote(i, j)`` turn a local range of ``text`` into the original
    ``Span`` and the exact original characters.
    """

    __slots__ = ("text", "_map", "_offset", "_lines", "_original", "_base")

    def __init__(
        self,
        offset_map: OffsetMap,
        start: int,
        end: int,
        lines: LineIndex,
        original: str,
        *,
        base: int = 0,
    ) -> None:
        """``base`` is added to every original offset: a map built over one
        sentence's own text (``base`` = where that sentence starts) still
        yields spans into the whole document."""
        self.text = offset_map.normalized[start:end]
        self._map = offset_map
        self._offset = start
        self._lines = lines
        self._original = original
        self._base = base

    @classmethod
    def of(cls, text: str) -> SentenceView:
        """A view of a stand-alone string (tests, benchmarks): identity offsets."""
        return cls(OffsetMap.identity(text), 0, len(text), LineIndex(text), text)

    def original_range(self, i: int, j: int) -> tuple[int, int]:
        """Original document offsets of the local normalized range ``[i, j)``."""
        start, end = self._map.range(self._offset + i, self._offset + j)
        return start + self._base, end + self._base

    def span(self, i: int, j: int) -> Span:
        return self._lines.span(*self.original_range(i, j))

    def quote(self, i: int, j: int) -> str:
        start, end = self.original_range(i, j)
        return self._original[start:end]
