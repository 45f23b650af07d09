"""Loading the word lists in ``claims/lexicons`` that the marker detectors use, once each."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@cache
def load_words(name: str) -> frozenset[str]:
    """Entries of ``claims/lexicons/<name>``, one per line; ``#`` lines are headers."""
    lines = (_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
