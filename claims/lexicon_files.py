"""Reading lexicon data files.

Every package keeps its cue and word lists as UTF-8 text files (``lexicons/``)
whose ``#`` lines name the source and licence; this is the one place that
knows that format, so each loader only says what a line means.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def data_lines(path: Path) -> tuple[str, ...]:
    """The stripped, non-blank lines of ``path`` that are not ``#`` header lines, in file order (read once)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(s for line in lines if (s := line.strip()) and not s.startswith("#"))
