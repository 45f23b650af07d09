"""Loading cue lexicons and matching them against a sentence.

Cue lists are data (``claims/lexicons/*.txt``): one entry per line, ``#``
lines are the header naming source and licence.  An entry is a word or a
phrase; words in a phrase match across any run of whitespace, and a trailing
``*`` matches any word ending (``suggest*`` -> suggests, suggested,
suggestion).  Each lexicon compiles once into a single alternation regex
(longest entry first, word-bounded), which runs in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of lexicon ``name`` (file ``claims/lexicons/<name>.txt``), lower-cased, in file order."""
    text = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8")
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(" ".join(line.lower().split()))
    return tuple(dict.fromkeys(out))


def phrase_pattern(entry: str) -> str:
    """Regex source for one lexicon entry (words joined by any whitespace, ``*`` = any word ending)."""
    parts = []
    for word in entry.split(" "):
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w'-]*")
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


@cache
def matcher(name: str) -> re.Pattern[str]:
    """A compiled, case-insensitive, word-bounded regex for every entry of lexicon ``name``."""
    ordered = sorted(entries(name), key=len, reverse=True)
    body = "|".join(phrase_pattern(e) for e in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def find(name: str, text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-overlapping match of lexicon ``name`` in ``text``."""
    for m in matcher(name).finditer(text):
        yield m.start(), m.end()
