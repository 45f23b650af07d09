"""Loading cue lexicons and matching them against a sentence.

Cue lists are data (``claims/lexicons/*.txt``): one entry per line, ``#``
lines are the header naming source and licence.  An entry is a word or a
phrase; words in a phrase match across any run of whitespace, and a trailing
``*`` matches any word ending (``suggest*`` -> suggests, suggested,
suggestion).  Each lexicon compiles once into one word-bounded regex whose
alternatives are factored into a character trie ("sugges(?:t…|tion)"):
the regex engine then tries each position once per shared prefix instead of
once per entry, which keeps hundreds of entries fast. ``find_many`` serves several lexicons
from one pass over the sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path

from claims.lexicon_files import data_lines

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"


_DEFINED: dict[str, tuple[str, ...]] = {}  # lexicons made from configured words, by name


def define(words: Iterable[str]) -> str:
    """A lexicon of the user's own words (``extend-hedges = [...]``), usable wherever a lexicon file's
    name is: returns its name. The name is derived from the words, so the same words always name the
    same lexicon and everything compiled and cached per name stays right across runs and configs."""
    cleaned = tuple(dict.fromkeys(" ".join(w.lower().split()) for w in words if w.strip()))
    name = "user:" + hashlib.sha1("\n".join(cleaned).encode("utf-8")).hexdigest()[:16]
    _DEFINED[name] = cleaned
    return name


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of lexicon ``name`` (file ``claims/lexicons/<name>.txt``, or one made by ``define``),
    lower-cased, in file order."""
    if name in _DEFINED:
        return _DEFINED[name]
    return tuple(dict.fromkeys(" ".join(line.lower().split()) for line in data_lines(LEXICON_DIR / f"{name}.txt")))


_SPACE = "\x00space"
_ENDING = "\x00ending"
_SPECIAL = {_SPACE: r"\s+", _ENDING: r"[\w'-]*"}
_END = ""


def _tokens(entry: str) -> list[str]:
    """An entry as trie tokens: characters, a whitespace run, and a final any-ending wildcard."""
    out: list[str] = []
    for i, word in enumerate(entry.split(" ")):
        if i:
            out.append(_SPACE)
        if word.endswith("*"):
            out.extend(word[:-1])
            out.append(_ENDING)
        else:
            out.extend(word)
    return out


def _emit(node: dict[str, dict]) -> str:
    """Regex source for a trie node: longer continuations first, ending here last."""
    alts = [(_SPECIAL.get(tok) or re.escape(tok)) + _emit(child) for tok, child in sorted(node.items()) if tok != _END]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if _END in node:
        return body + "?" if len(alts) == 1 and len(body) == 1 else f"(?:{body})?"
    return body


def trie_pattern(items: tuple[str, ...]) -> str:
    """One regex source matching any of ``items`` (lexicon entries), factored by common prefixes."""
    root: dict[str, dict] = {}
    for entry in items:
        node = root
        for tok in _tokens(entry):
            node = node.setdefault(tok, {})
        node[_END] = {}
    return _emit(root)


@cache
def matcher(name: str) -> re.Pattern[str]:
    """A compiled, case-insensitive, word-bounded regex for every entry of lexicon ``name``."""
    return re.compile(rf"(?<![\w-])(?:{trie_pattern(entries(name))})(?![\w-])", re.IGNORECASE)


def find(name: str, text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-overlapping match of lexicon ``name`` in ``text``."""
    for m in matcher(name).finditer(text):
        yield m.start(), m.end()


@cache
def _union(names: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching wherever any of the lexicons ``names`` matches (same word bounds):
    their entries in one trie, so each position is tried once per distinct first letter."""
    pooled = tuple(dict.fromkeys(entry for name in names for entry in entries(name)))
    return re.compile(rf"(?<![\w-])(?:{trie_pattern(pooled)})(?![\w-])", re.IGNORECASE)


def find_many(names: tuple[str, ...], text: str) -> list[tuple[int, int, int]]:
    """``(i, start, end)`` for every match ``find(names[i], text)`` yields, for all ``i`` at once,
    ordered by ``start`` then ``i``.

    Why: the feature stage scans each sentence for four sets of lexicons, and a pass of a
    regex over the sentence costs about the same whether the sentence holds cues or not.
    Here one regex, the union of every lexicon scanned for so far, finds once per sentence
    the (few) positions where any of them matches; only there is each requested lexicon's
    own regex tried, anchored. A lexicon matches at a position only where the union does,
    and the anchored match is the one ``finditer`` would find there, so the result is the
    same as calling ``find`` once per lexicon.
    """
    for name in names:
        _scanned.setdefault(name)
    starts = _candidates(text, tuple(_scanned))
    singles = [matcher(name) for name in names]
    resume = [0] * len(names)  # where each lexicon's next match may start: after its last one
    out: list[tuple[int, int, int]] = []
    for pos in starts:
        for i, single in enumerate(singles):
            if pos >= resume[i]:
                m = single.match(text, pos)
                if m is not None:
                    out.append((i, pos, m.end()))
                    resume[i] = m.end()
    return out


# The lexicons the feature stage and the rules scan each sentence for, pooled into the union from
# the first call: growing the union as each was first asked for compiled it 4-5 times per process
# (~0.1 s of every check's start) and emptied the candidates' cache each time. A lexicon not listed
# still works (it joins the union when first asked for); a test keeps this list complete.
SCANNED_LEXICONS = (
    "hedges",
    "boosters",
    "absolutes",
    "negations",
    "causal_direct",
    "causal_change",
    "causal_nominal",
    "correlational",
    "comparison",
    "causal_conditional",
    "no_claim",
    "in_vitro",
    "species_animal",
    "species_human",
    "direction_increase",
    "direction_decrease",
    "direction_no_change",
    "direction_change",
    "direction_ignore",
    "stats_significance",
    "stats_no_difference",
    "stats_effect_cues",
    "stats_uncertainty_admissions",
)
_scanned: dict[str, None] = dict.fromkeys(SCANNED_LEXICONS)  # every lexicon find_many may be asked for


@lru_cache(maxsize=4096)
def _candidates(text: str, names: tuple[str, ...]) -> tuple[int, ...]:
    """Every position of ``text`` where some lexicon of ``names`` matches (memoized per sentence)."""
    union = _union(names)
    out: list[int] = []
    hit = union.search(text)
    while hit is not None:
        out.append(hit.start())
        hit = union.search(text, hit.start() + 1)
    return tuple(out)
