"""Loading the cue lexicons of ``references/lexicons`` and matching them in text.

Lexicons are data files ("label | phrase" lines, '#' headers naming the
source), read once per process. Matching runs on a length-preserving
normalization of the text (lower case, dashes to spaces, British "randomis" to
"randomiz"), so a match's offsets also index the original string and the cue
quoted in a reason is the author's own spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claims.lexicon_files import data_lines

_LEXICONS = Path(__file__).resolve().parents[1] / "lexicons"
_DASHES = str.maketrans({c: " " for c in "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212_"})


@cache
def load_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of lexicon ``name`` as tuples of stripped '|'-separated cells."""
    return tuple(tuple(cell.strip() for cell in line.split("|")) for line in data_lines(_LEXICONS / name))


def normalize(text: str) -> str:
    """Lower-case ``text`` without changing its length (see module docstring)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. 'İ') grow when lower-cased
        low = "".join(c.lower()[0] for c in text)
    return low.translate(_DASHES).replace("randomis", "randomiz")


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon phrase found in a text: its label and its original spelling."""

    label: str
    text: str
    start: int
    end: int


class CueMatcher:
    """All phrases of one lexicon compiled into a single alternation.

    Phrases are sorted longest first, so at any position the longest phrase
    wins, and matches never overlap. Whitespace inside a phrase matches any run
    of whitespace. Cost is linear in the text for a fixed lexicon.
    """

    def __init__(self, rows: tuple[tuple[str, ...], ...], *, title_only_column: bool = False) -> None:
        self._labels: dict[str, str] = {}
        self._title_only: set[str] = set()
        for row in rows:
            label, phrase = row[0], normalize(row[1])
            key = " ".join(phrase.split())
            self._labels[key] = label
            if title_only_column and len(row) > 2 and row[2] == "title":
                self._title_only.add(key)
        alts = sorted(self._labels, key=len, reverse=True)
        body = "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in alts)
        self._re = re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")

    def find(self, text: str, *, in_title: bool = True) -> list[Cue]:
        """Every cue in ``text``, in order; title-only cues are skipped unless ``in_title``."""
        out = []
        for m in self._re.finditer(normalize(text)):
            key = " ".join(m.group().split())
            if not in_title and key in self._title_only:
                continue
            out.append(Cue(self._labels[key], text[m.start() : m.end()], m.start(), m.end()))
        return out


@cache
def matcher(*names: str) -> CueMatcher:
    """The compiled matcher for lexicon ``names`` merged into one (built once per combination)."""
    return CueMatcher(tuple(row for name in names for row in load_rows(name)), title_only_column=True)


def squash(text: str) -> str:
    """Lower-case alphanumerics only: how venue and type names are compared."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())
