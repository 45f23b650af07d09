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
from typing import Any, TypeVar

from pydantic import BaseModel

from claims.models import Span

M = TypeVar("M", bound=BaseModel)
_new = object.__new__
_set = object.__setattr__


def build_valid(cls: type[M], values: dict[str, Any], fields_set: set[str] | None = None) -> M:
    """``cls(**values)`` without validation, for values valid by construction (offsets the
    caller computed, enum members, fresh lists of models already built).

    Why: the claims stage builds ~10^5 models per MB and validating them was a third of its
    run time; ``model_construct`` is no help (in pydantic 2 it loops over the fields in
    Python and is slower than validating). This sets exactly what ``model_construct`` sets.
    ``values`` must give every field, in declaration order, with the types the model
    declares (fields left out take their defaults); ``fields_set`` is what the constructor would record (default: every field).
    ``tests/claims/test_spans_build_valid.py`` checks the result equals the validated model.

    The fields-set is shared between models wherever pydantic can never change it (see
    ``_shared_fields_set``): a set of five or more names takes 728 bytes, more than the
    model's own ``__dict__``, and one per model was 40 % of a report's memory.
    """
    if len(values) < len(cls.model_fields):  # fields the caller predates (``Span.page``) take their defaults
        fields_set = set(values) if fields_set is None else fields_set
        values = {name: values[name] if name in values else info.get_default(call_default_factory=True)
                  for name, info in cls.model_fields.items()}  # fmt: skip
    obj = _new(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", _shared_fields_set(cls, fields_set))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def with_updates(model: M, update: dict[str, Any]) -> M:
    """``model.model_copy(update=update)`` (equally unvalidated: ``update`` must hold values of
    the declared types), built through ``build_valid`` so the copy shares its fields-set.
    For models without extra or private attributes, as ``build_valid``'s are."""
    return build_valid(type(model), {**model.__dict__, **update}, model.model_fields_set | update.keys())


_COMPLETE: dict[type[BaseModel], set[str]] = {}
_INTERNED: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}


def _shared_fields_set(cls: type[BaseModel], fields_set: set[str] | None) -> set[str]:
    """One set object for every model of ``cls`` with these set fields, when sharing is safe.

    Pydantic changes a model's fields-set in one place only: assigning an attribute adds its
    name (``model_copy`` copies the set before updating it). That can never happen on a frozen
    model, and adding a name already present changes nothing, so the set is shared when the
    model is frozen or every field is set; otherwise the model keeps the caller's own set.
    Both tables are bounded by the (model class, field-name combination) pairs the code builds.
    """
    if fields_set is None:  # ``values`` gives every field
        shared = _COMPLETE.get(cls)
        if shared is None:
            shared = _COMPLETE[cls] = set(cls.model_fields)
        return shared
    if cls.model_config.get("frozen") or cls.model_fields.keys() <= fields_set:
        key = (cls, frozenset(fields_set))
        shared = _INTERNED.get(key)
        if shared is None:
            shared = _INTERNED[key] = set(fields_set)
        return shared
    return fields_set


_POSITION_FIELDS = {"start", "end", "line", "column", "end_line", "end_column"}  # ``page`` is set by ``paginate``


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
        starts, length = self._starts, self._len
        s = 0 if start < 0 else length if start > length else start
        e = 0 if end < 0 else length if end > length else end
        line = bisect_right(starts, s)  # ``position`` inlined: spans are built by the 10^5
        end_line = bisect_right(starts, e, line - 1)
        values: dict[str, Any] = {  # Any: the fallback below hands unusual values to validation
            "start": start,
            "end": end,
            "line": line,
            "column": s - starts[line - 1] + 1,
            "end_line": end_line,
            "end_column": e - starts[end_line - 1] + 1,
            "page": None,
        }
        if start >= 0 and type(start) is int and type(end) is int:
            return build_valid(Span, values, _POSITION_FIELDS)
        del values["page"]
        return Span(**values)  # let validation coerce or reject anything unusual


class OffsetMap:
    """Maps offsets in a normalized string back to the original string.

    Normalized character ``i`` came from one original character (its origin);
    the end of the normalized text maps to the end of the original. Inserted
    characters (a space standing in for a removed line break) take the
    original offset of the character they replace.

    The map is stored as runs (a normalized start and the origin of its first
    character; the following characters of a run have consecutive origins),
    one or two per line of the input rather than one integer per character:
    a lookup is a bisection, and building the map costs nothing per character.
    """

    __slots__ = ("normalized", "_starts", "_origins", "_original_length")

    def __init__(self, normalized: str, origin: Sequence[int], original_length: int) -> None:
        """``origin[i]`` is the original offset of normalized character ``i``."""
        if len(origin) != len(normalized):
            raise ValueError("offset map length differs from normalized text length")
        starts: list[int] = []
        origins: list[int] = []
        expected = None
        for i, o in enumerate(origin):
            if o != expected:
                starts.append(i)
                origins.append(o)
            expected = o + 1
        self._set(normalized, starts, origins, original_length)

    def _set(self, normalized: str, starts: list[int], origins: list[int], original_length: int) -> None:
        self.normalized = normalized
        self._starts = starts
        self._origins = origins
        self._original_length = original_length

    @classmethod
    def from_runs(cls, normalized: str, starts: list[int], origins: list[int], original_length: int) -> OffsetMap:
        """A map given as runs: normalized ``[starts[k], starts[k + 1])`` came from the original
        characters ``origins[k]``, ``origins[k] + 1``, ...; ``starts`` ascends from 0."""
        if len(starts) != len(origins) or (normalized and (not starts or starts[0] != 0)):
            raise ValueError("offset map runs must start at 0 and give one origin per run")
        omap = cls.__new__(cls)
        omap._set(normalized, starts, origins, original_length)
        return omap

    @classmethod
    def identity(cls, text: str) -> OffsetMap:
        return cls.from_runs(text, [0] if text else [], [0] if text else [], len(text))

    def start(self, i: int) -> int:
        """Original offset where normalized character ``i`` begins (``len`` maps to the original's end)."""
        n = len(self.normalized)
        if i < 0:
            i += n + 1
        if not 0 <= i < n:
            if i == n:
                return self._original_length
            raise IndexError("offset outside the normalized text")
        k = bisect_right(self._starts, i) - 1
        return self._origins[k] + i - self._starts[k]

    def end(self, j: int) -> int:
        """Original offset just past normalized character ``j - 1`` (for half-open ends)."""
        if j <= 0:
            return self.start(0)
        return self.start(j - 1) + 1

    def range(self, i: int, j: int) -> tuple[int, int]:
        """The original ``[start, end)`` that normalized ``[i, j)`` came from."""
        if j <= i or not 0 <= i < j <= len(self.normalized):
            s = self.start(i)
            return (s, s) if j <= i else (s, self.end(j))
        starts, origins = self._starts, self._origins  # the common case, inlined
        k = bisect_right(starts, i) - 1
        m = bisect_right(starts, j - 1, k) - 1
        return origins[k] + i - starts[k], origins[m] + j - starts[m]


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
