"""Loading the references package's word lists (``references/lexicons/*.txt``) once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from claims.lexicon_files import data_lines

_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@cache
def load_words(name: str) -> frozenset[str]:
    """Lower-cased entries of ``lexicons/<name>.txt``, skipping '#' header lines and blanks."""
    return frozenset(line.lower() for line in data_lines(_DIR / f"{name}.txt"))
