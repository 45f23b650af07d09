"""Author–year citations and narrative author mentions.

Three shapes, all anchored on capitalised surnames that carry a lower-case letter (so
``(HAMD-17 2020)``, ``(WHO 2020)`` and ``(COVID-19, 2020)`` are not read as authors):

- parenthetical: ``(Smith et al., 2020; Lee & Kim 2019a)``, ``(e.g., Smith 2019, 2020, p. 3)``;
- narrative with year: ``Smith et al. (2020)``, ``Smith and Lee (2019a, b)``;
- narrative without year: ``Nobler and colleagues``, ``Murrough et al.`` — recorded as an
  author mention with no keys, so a rule can compare the named authors with the cited entries.

Capitalised words that are not surnames (months, ``In``, ``Table``, ``Accessed``, common nouns
such as ``Patients and colleagues``) are rejected from a lexicon.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from claims.markers._lexicon import load_words
from claims.markers._match import MarkerMatch
from claims.models import MarkerStyle

MAX_NAMES = 7  # authors listed before "and" in one citation; bounds the scan, keeps it linear
WINDOW = 200  # characters searched back from a year or "et al." for the authors' names
_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_PARTICLE = r"(?:(?:van|von|der|den|de|del|della|di|da|du|dos|das|le|la|ten|ter)\s+){0,3}"
_SURNAME = rf"{_PARTICLE}[{_UP}][^\W\d_]*(?:['’\-][^\W\d_]+)*"
_ETAL = r"\s+et\s*al(?:\.|(?![\w]))"
_AND = r"(?:and|&)"
_AUTHORS = rf"{_SURNAME}(?:{_ETAL}|(?:\s*,\s*{_SURNAME}){{0,{MAX_NAMES}}}(?:\s*,?\s+{_AND}\s+{_SURNAME})?(?:{_ETAL})?)"
_YEAR = r"(?:(?:1[6-9]\d\d|20\d\d)[a-z]?(?!\d)|in\s+press|n\.\s?d\.|forthcoming)"
_YEARS = rf"{_YEAR}(?:\s*,\s*(?:{_YEAR}|[a-z](?![\w])))*"
_LOCATOR = r"(?:\s*[,:]\s*(?:pp?|ch|chap|sec|fig|table)\.?\s*[\w\-–]{1,12})?"
_PREFIX = (
    r"(?:(?:e\.\s?g\.|i\.\s?e\.|cf\.|see\s+also|but\s+see|see|also|reviewed\s+in|"
    r"for\s+(?:a\s+)?reviews?(?:,)?\s+see|as\s+in)\s*,?\s*)?"
)
_GROUP = rf"{_PREFIX}(?P<authors>{_AUTHORS})\s*,?\s*(?P<years>{_YEARS}){_LOCATOR}"
_GROUP_RE = re.compile(_GROUP)
_PARENTHETICAL = re.compile(rf"\(\s*{_GROUP}(?:\s*;\s*{_GROUP.replace('?P<authors>', '').replace('?P<years>', '')})*\s*\)")
# Narrative forms are found from their anchors (a parenthesised year; "et al." or "and colleagues"),
# then the names are matched backwards in a bounded window, so the scan stays linear in the text.
_YEAR_ANCHOR = re.compile(rf"\(\s*(?P<years>{_YEARS}){_LOCATOR}\s*\)")
# Where a name may start: not after a letter, digit, "." or "&", and a particle or capital follows.
# Written to consume the first character (a capital or a particle's v/d/l/t) and check the rest
# by lookaround, so the regex engine can skip ahead by that character set: 3x faster than the
# zero-width form ``(?<![\w.&])(?={_PARTICLE}[{_UP}])`` it is equivalent to.
_NAME_START = re.compile(rf"[{_UP}vdlt](?<![\w.&].)(?<=(?={_PARTICLE}[{_UP}]).)")
_AUTHORS_BEFORE = re.compile(rf"(?P<authors>{_AUTHORS})\s*\Z")
_COLLEAGUES = r"(?:colleagues|coworkers|co-workers|collaborators|associates)"
# "et al." or "and (his|her|their) colleagues" after white space. The match starts at the
# word (so the engine can skip from "e"/"a" to the next); the anchor starts where the white
# space before it does (``_anchor_start``).
_MENTION_ANCHOR = re.compile(
    rf"e(?<=\se)t\s*al(?:\.|(?![\w]))|a(?<=\sa)nd\s+(?:(?:his|her|their)\s+)?{_COLLEAGUES}\b"
)
_NAMES_BEFORE = re.compile(rf"(?P<authors>{_SURNAME}(?:\s+{_AND}\s+{_SURNAME})?)\Z")
_NAME_IN = re.compile(_SURNAME)
_TRAILING_ETAL = re.compile(r"\s+et\s*al\.?$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+\Z")
_NOT_SURNAMES = load_words("marker_not_surnames.txt")
# Capitalised common nouns that open sentences such as "Patients and colleagues ...".
_COMMON_NOUNS = load_words("marker_not_narrative.txt")


def find_author_year(text: str) -> Iterator[MarkerMatch]:
    """Parenthetical and narrative author–year citations, then year-less narrative mentions."""
    for m in _PARENTHETICAL.finditer(text):
        inner = text[m.start() + 1 : m.end() - 1]
        parsed = [_parse_group(part) for part in _split_groups(inner)]
        if parsed and all(p is not None for p in parsed):
            yield _marker(m.start(), m.end(), [p for p in parsed if p is not None])
    names_before = _NamesBefore(text)
    for anchor in _YEAR_ANCHOR.finditer(text):
        if not _name_may_end_at(text, anchor.start()):
            continue
        m = names_before.longest(_AUTHORS_BEFORE, anchor.start())
        names = _surnames(m.group("authors")) if m and not _in_title(text, m.start()) else ()
        if m and names:
            keyed = (_normal(m.group("authors")), names, _years(anchor.group("years")))
            yield _marker(m.start(), anchor.end(), [keyed])
    for anchor in _MENTION_ANCHOR.finditer(text):
        m = names_before.longest(_NAMES_BEFORE, _anchor_start(text, anchor.start()))
        names = _surnames(m.group("authors")) if m else ()
        if m and names and names[0] not in _COMMON_NOUNS:
            yield MarkerMatch(m.start(), anchor.end(), MarkerStyle.NARRATIVE, (), names)


def _anchor_start(text: str, word: int) -> int:
    """Where the run of white space before ``word`` begins (``\\s`` is ``str.isspace``)."""
    start = word - 1
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start


class _NamesBefore:
    """Finds the author names that end right before an anchor (a year, "et al.").

    Where capitalised words start is computed once for the whole text, on first use; for each
    anchor the candidate starts within ``WINDOW`` are tried from the nearest backwards, stopping
    at the first that fails, so the cost stays linear however dense the citations are.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def longest(self, pattern: re.Pattern[str], end: int) -> re.Match[str] | None:
        if self._starts is None:
            self._starts = list(map(re.Match.start, _NAME_START.finditer(self._text)))
        lo = bisect_left(self._starts, end - WINDOW)
        best = None
        for i in range(bisect_left(self._starts, end) - 1, lo - 1, -1):
            m = pattern.match(self._text, self._starts[i], end)
            if m is None:
                break
            best = m
        return best


def _in_title(text: str, start: int) -> bool:
    """``Foundations of Social Evolution (1998)``: a capitalised word other than a sentence
    opener right before the "author" means a title-cased phrase, not a citation."""
    m = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return bool(m) and m.group(1)[0].isupper() and m.group(1) not in _NOT_SURNAMES


def _name_may_end_at(text: str, end: int) -> bool:
    """Cheap test before the window search: a name or "et al." ends in a letter or a full stop."""
    stripped = text[max(0, end - 4) : end].rstrip()
    return bool(stripped) and (stripped[-1].isalpha() or stripped[-1] == ".")


def _split_groups(inner: str) -> list[str]:
    return [part.strip() for part in inner.split(";")]


def _parse_group(part: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    m = _GROUP_RE.fullmatch(part)
    if m is None:
        return None
    names = _surnames(m.group("authors"))
    if not names:
        return None
    return _normal(m.group("authors")), names, _years(m.group("years"))


def _marker(
    start: int, end: int, groups: list[tuple[str, tuple[str, ...], tuple[str, ...]]]
) -> MarkerMatch:
    keys = tuple(f"{authors} {year}" for authors, _, years in groups for year in years)
    names: list[str] = []
    for _, group_names, _ in groups:
        names.extend(n for n in group_names if n not in names)
    year = None
    if len(keys) == 1:
        digits = groups[0][2][0][:4]
        year = digits if digits.isdigit() else None
    return MarkerMatch(start, end, MarkerStyle.AUTHOR_YEAR, keys, tuple(names), year)


def _normal(authors: str) -> str:
    return " ".join(authors.split()).rstrip(",")


def _years(raw: str) -> tuple[str, ...]:
    """``2019a, b, 2020`` -> ("2019a", "2019b", "2020")."""
    years: list[str] = []
    for part in (p.strip() for p in raw.split(",")):
        if len(part) == 1 and years:
            years.append(years[-1][:4] + part)
        else:
            years.append(" ".join(part.split()))
    return tuple(years)


def _surnames(authors: str) -> tuple[str, ...]:
    """Family names in an author string; empty when any is not a plausible surname."""
    stripped = _TRAILING_ETAL.sub("", authors.strip())
    names = tuple(" ".join(n.split()) for n in _NAME_IN.findall(stripped))
    for name in names:
        last = name.split()[-1]
        if last in _NOT_SURNAMES or not any(c.islower() for c in last) or len(last) < 2:
            return ()
    return names
