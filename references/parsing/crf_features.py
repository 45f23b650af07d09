"""Tokens of a reference string and the CRF features of each token.

Shared by the tagger (``parsing.crf_tagger``) and its training script
(``benchmarks/train_refparse.py``), so the model always sees features computed
the same way. Tokens are whitespace-separated words with their offsets; the
features follow AnyStyle and GROBID: the word itself (lower-cased, stripped of
punctuation), its shape, leading and trailing punctuation, capitalisation,
digits, year and page-range patterns, word-list hits (abbreviations, name
particles, venue openers, organisation words, months), where it sits in the
string (position and how many sentence-ending periods, years and quotes came
before it), and the same few facts for the two words either side.
"""

from __future__ import annotations

import re
from functools import lru_cache

from references.parsing.lexicon import load_words

__all__ = ["Token", "tokens", "features"]

_WORD = re.compile(r"[^\s,;:()\[\]\"“”]+|[,;:()\[\]\"“”]")
_STRIP = re.compile(r"^[^\w]+|[^\w]+$")
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d[a-z]?$")
_RANGE = re.compile(r"^[A-Za-z]?\d+[A-Za-z]?[-–—‐]+[A-Za-z]?\d+[A-Za-z]?$")
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?[-‐]?){1,4}$")
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december spring summer autumn fall winter".split()
)

Token = tuple[str, int, int]


def tokens(text: str) -> list[Token]:
    """Words of ``text`` as (word, start, end): runs between spaces, with commas, semicolons, colons,
    brackets and straight or curly double quotes as tokens of their own ("2014;114(2):345-53." is
    eight tokens, so the numbers of a Vancouver tail are seen one by one)."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    out: list[str] = []
    for c in word:
        s = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)[:8]


@lru_cache(maxsize=65536)
def _word_facts(word: str) -> tuple[str, ...]:
    """Features of one word on its own (cached: words repeat across strings)."""
    core = _STRIP.sub("", word)
    low = core.lower()
    facts = [f"w={low}", f"sh={_shape(word)}", f"last={word[-1]}", f"first={word[0]}"]
    if len(low) > 3:
        facts += [f"p3={low[:3]}", f"s3={low[-3:]}"]
    if core[:1].isupper():
        facts.append("cap")
        if core.isupper() and len(core) > 1:
            facts.append("allcap")
    elif core[:1].islower():
        facts.append("lower")
    if any(c.isdigit() for c in core):
        facts.append("digit")
        if _YEAR.match(core):
            facts.append("year")
        elif core.isdigit():
            facts.append(f"num{min(len(core), 5)}")
        elif _RANGE.match(core):
            facts.append("range")
    if _INITIALS.match(core + "." if word.endswith(".") else core) and len(core) <= 6:
        facts.append("initials")
    if low in load_words("abbreviation_words"):
        facts.append("lex_abbr")
    if low in load_words("name_particles"):
        facts.append("lex_particle")
    if low in load_words("venue_openers"):
        facts.append("lex_venue")
    if low in load_words("organization_words"):
        facts.append("lex_org")
    if low in load_words("function_words"):
        facts.append("lex_func")
    if low in _MONTHS:
        facts.append("lex_month")
    if word[0] in "\"“‘'«":
        facts.append("oquote")
    if word[-1] in "\"”’'»" or word[-2:] in {'",', "”,", '".', "”."}:
        facts.append("cquote")
    if "http" in low or "doi" in low or "www" in low:
        facts.append("link")
    return tuple(facts)


def _brief(word: str) -> tuple[str, str, str]:
    core = _STRIP.sub("", word).lower()
    return core, _shape(word), word[-1]


def features(toks: list[Token], hints: list[str] | None = None) -> list[list[str]]:
    """One feature list per token (CRFsuite binary features). ``hints`` are the rule parser's
    reading of each token (which field the rules put it in), so the model learns when to trust them."""
    n = len(toks)
    words = [t[0] for t in toks]
    briefs = [_brief(w) for w in words]
    out = []
    periods = years = quotes = 0
    for i, word in enumerate(words):
        f = ["b", f"pos={10 * i // n}", f"seg={min(periods, 4)}", f"yrs={min(years, 2)}", f"q={quotes % 2}"]
        if hints is not None:
            f.append(f"r={hints[i]}")
            if i > 0 and hints[i - 1] != hints[i]:
                f.append(f"rb={hints[i - 1]}|{hints[i]}")
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        f.extend(_word_facts(word))
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                low, shape, last = briefs[j]
                f += [f"{d}w={low}", f"{d}sh={shape}", f"{d}last={last}"]
        if i > 0:
            f.append(f"bi={briefs[i - 1][0]}|{briefs[i][0]}")
        out.append(f)
        if word.endswith(".") and len(_STRIP.sub("", word)) > 2:
            periods += 1
        if _YEAR.match(_STRIP.sub("", word)):
            years += 1
        quotes += sum(word.count(q) for q in '"“”')
    return out
