"""Loading the references package's word lists (``references/lexicons/*.txt``) once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@cache
def load_words(name: str) -> frozenset[str]:
    """Lower-cased entries of ``lexicons/<name>.txt``, skipping '#' header lines and blanks."""
    lines = (_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))
