"""The record every style detector returns, kept apart so style modules can share it."""

from __future__ import annotations

from dataclasses import dataclass

from claims.models import MarkerStyle


@dataclass(frozen=True)
class MarkerMatch:
    """One in-text citation marker found in a text.

    ``start``/``end`` are offsets into the exact string given to ``find_markers``, so
    ``text[start:end]`` is the marker as written. ``keys`` are what it cites, expanded
    (``[9-12]`` -> "9".."12"); a narrative mention has no keys, only ``authors``.
    """

    start: int
    end: int
    style: MarkerStyle
    keys: tuple[str, ...]
    authors: tuple[str, ...] = ()
    year: str | None = None
