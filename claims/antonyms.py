"""Antonym pairs between two sentences ("effective" in one, "ineffective" in the other).

The pairs come from WordNet's lexical antonym pointers (``lexicons/antonyms.tsv``, built by
``benchmarks/build_antonyms.py``; the file carries WordNet's licence). Words are compared by
their Snowball stem, so "increases" meets "decreased". A pair counts only when the word's
antonym appears in the other sentence and the word itself does not: a sentence that names both
("high and low doses") opposes nothing.
"""

from __future__ import annotations

import re
from functools import cache

import snowballstemmer

from claims.features.lexicon import LEXICON_DIR
from claims.lexicon_files import data_lines

__all__ = ["antonym_pairs"]

_WORD = re.compile(r"[A-Za-z]+")
_stemmer = snowballstemmer.stemmer("english")


@cache
def _table() -> dict[str, frozenset[str]]:
    """stem -> stems of its antonyms."""
    out: dict[str, set[str]] = {}
    for line in data_lines(LEXICON_DIR / "antonyms.tsv"):
        a, b, _pos = line.split("\t")
        sa, sb = _stemmer.stemWord(a), _stemmer.stemWord(b)
        if sa != sb:
            out.setdefault(sa, set()).add(sb)
            out.setdefault(sb, set()).add(sa)
    return {k: frozenset(v) for k, v in out.items()}


def _stems(text: str) -> dict[str, str]:
    """stem -> first word with that stem, for the words of ``text`` (lower-cased)."""
    out: dict[str, str] = {}
    for word in _WORD.findall(text.lower()):
        if len(word) > 2:
            out.setdefault(_stemmer.stemWord(word), word)
    return out


def antonym_pairs(a: str, b: str) -> list[tuple[str, str]]:
    """(word of ``a``, word of ``b``) pairs of antonyms, each word's antonym absent from its own sentence."""
    table = _table()
    mine, theirs = _stems(a), _stems(b)
    out: list[tuple[str, str]] = []
    for stem, word in mine.items():
        if stem in theirs:
            continue
        for other in table.get(stem, ()):
            if other in theirs and other not in mine:
                out.append((word, theirs[other]))
    return out
