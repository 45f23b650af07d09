"""Loading the word lists in ``claims/lexicons`` that the marker detectors use, once each."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from claims.lexicon_files import data_lines

_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@cache
def load_words(name: str) -> frozenset[str]:
    """Entries of ``claims/lexicons/<name>``, one per line; ``#`` lines are headers."""
    return frozenset(data_lines(_DIR / name))
