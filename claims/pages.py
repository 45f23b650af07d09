"""Page numbers on every span of a report about a paged input (a PDF).

Why one pass at the end instead of a page on every ``LineIndex``: spans are built in a
dozen stages from the text alone; the pages are known only to the loader. Walking the
finished models once keeps those stages unchanged and costs one bisection per span.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel

from claims.models import Span
from claims.spans import with_updates

__all__ = ["page_of", "paginate"]

M = TypeVar("M", bound=BaseModel)


def page_of(page_starts: Sequence[int], offset: int) -> int:
    """The 1-based page holding ``offset`` (``page_starts`` ascending, the first 0)."""
    return max(1, bisect_right(page_starts, offset))


def paginate(model: M, page_starts: Sequence[int]) -> M:
    """A copy of ``model`` in which every ``Span``, however deep, has its ``page``."""
    if not page_starts:
        return model
    return _walk(model, page_starts)


def _walk(value, page_starts):  # type: ignore[no-untyped-def]  # any model, list or scalar
    if isinstance(value, Span):
        return with_updates(value, {"page": page_of(page_starts, value.start)})
    if isinstance(value, BaseModel):
        update = {}
        for name, item in value.__dict__.items():
            new = _walk(item, page_starts)
            if new is not item:
                update[name] = new
        return with_updates(value, update) if update else value
    if isinstance(value, list):
        new_items = [_walk(item, page_starts) for item in value]
        return new_items if any(a is not b for a, b in zip(new_items, value)) else value
    return value
