"""Author–year citations and narrative author mentions.

Four shapes, all anchored on capitalised surnames that carry a lower-case letter (so
``(HAMD-17 2020)``, ``(WHO 2020)`` and ``(COVID-19, 2020)`` are not read as authors); an
all-capitals corporate author counts only when a comma separates it from the year (``(WHO, 2020)``):

- parenthetical: ``(Smith et al., 2020; Lee & Kim 2019a)``, ``(e.g., Smith 2019, 2020, p. 3)``,
  ``(Douady and Couder, 1996a; 1996b)``, ``(Royal Society, 2009)``, ``(Barbier de Reuille et al., 2006)``;
- a citation group inside a larger parenthetical: ``(Smith et al., 2020; Figure 1B)``,
  ``(see Smith et al., 2020, for a review)``, ``(e.g., RNaseA [Jermann et al., 1995])``;
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
# Inside parentheses a name may run over a few words: "Barbier de Reuille", "Saville Kent",
# "Royal Society", "Centers for Disease Control". Each word is checked against the lexicon.
_LONG_NAME = rf"{_SURNAME}(?:\s+(?:(?:of|for|on|the)\s+)?{_SURNAME}){{0,3}}"
# An all-capitals corporate author ("WHO", "NICE"); only ever read with a comma before the year.
_ACRONYM = r"[A-Z][A-Z&]{1,7}(?![\w\-])"
_ETAL = r"\s+et\s*al(?:\.|(?![\w]))"
_AND = r"(?:and|&)"


def _authors(name: str) -> str:
    return rf"{name}(?:{_ETAL}|(?:\s*,\s*{name}){{0,{MAX_NAMES}}}(?:\s*,?\s+{_AND}\s+{name})?(?:{_ETAL})?)"


_AUTHORS = _authors(_SURNAME)
_LONG_AUTHORS = _authors(_LONG_NAME)
_YEAR = r"(?:(?:1[6-9]\d\d|20\d\d)[a-z]?(?!\d)|in\s+press|n\.\s?d\.|forthcoming)"
_YEARS = rf"{_YEAR}(?:\s*,\s*(?:{_YEAR}|[a-z](?![\w])))*"
_LOCATOR = r"(?:\s*[,:]\s*(?:pp?|ch|chap|sec|fig|table)\.?\s*[\w\-–]{1,12})?"
_PREFIX = (
    r"(?:(?:e\.\s?g\.|i\.\s?e\.|cf\.|see\s+also|but\s+see|see|also|reviewed\s+in|"
    r"for\s+(?:a\s+)?reviews?(?:,)?\s+see|as\s+in)\s*+,?\s*)?"
)
_NAMES = rf"(?:(?P<acronym>{_ACRONYM})\s*,|(?P<authors>{_LONG_AUTHORS})\s*,?)"
_GROUP = rf"{_PREFIX}{_NAMES}\s*(?P<years>{_YEARS}){_LOCATOR}"
_GROUP_RE = re.compile(_GROUP)
_BARE_YEAR = re.compile(r"(?:1[6-9]\d\d|20\d\d)[a-z]?")
# "(A, 2001; B, 2002)" and "(Gillespie, 1976; 1977)": a parenthesis with no other bracket inside,
# every ";"-part a citation group or a bare year that continues the group before it. Found by a
# linear scan of the brackets and checked part by part (``_parse_groups``): one regex over the whole
# parenthetical backtracked exponentially when its last part was not a group ("...; see Table 2)").
_PARENS = re.compile(r"[()]")
MAX_PARENTHETICAL = 2000  # characters inside one citation parenthetical; longer ones are prose
MAX_GROUP = 300  # characters of one ";"-part; a citation group is never longer
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
_MENTION_ANCHOR = re.compile(rf"e(?<=\se)t\s*al(?:\.|(?![\w]))|a(?<=\sa)nd\s+(?:(?:his|her|their)\s+)?{_COLLEAGUES}\b")
_NAMES_BEFORE = re.compile(rf"(?P<authors>{_SURNAME}(?:\s+{_AND}\s+{_SURNAME})?)\Z")
_NAME_IN = re.compile(_SURNAME)
_LONG_NAME_IN = re.compile(_LONG_NAME)
# A citation group inside a larger parenthetical is found from its year, then its names are
# matched backwards; "; 1977" continues the group only where the parenthetical goes on or ends.
# Written to consume the first digit and look behind it, so the engine skips ahead to a "1" or "2".
_GROUP_YEAR = re.compile(r"[12](?<![\w.\-–/][12])(?<=(?=1[6-9]\d\d|20\d\d).)\d\d\d[a-z]?(?![\w\-–/])")
_GROUP_YEARS = re.compile(
    rf"(?P<years>{_YEARS}(?:\s*;\s*{_BARE_YEAR.pattern}(?=\s*[;)\]]))*){_LOCATOR}(?!\s*[\-–/]\s*\d)"
)
_NAMES_BEFORE_YEAR = re.compile(rf"{_NAMES}\s*\Z")
_BRACKETS = re.compile(r"[()\[\]]")
# Words right before a group that make it a citation whatever stands before them.
_CUE_BEFORE = re.compile(r"(?:\b(?:e\.\s?g|i\.\s?e|cf)\.|\b(?:see|reviewed\s+(?:in|by)|reviews?))\s*+[,:]?\s*\Z")
_TRAILING_ETAL = re.compile(r"\s+et\s*al\.?$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+\Z")
_NOT_SURNAMES = load_words("marker_not_surnames.txt")
# Capitalised common nouns that open sentences such as "Patients and colleagues ...".
_COMMON_NOUNS = load_words("marker_not_narrative.txt")
# Months and seasons that are also family names; read as one before "et al." in a parenthetical.
_CALENDAR_SURNAMES = load_words("marker_calendar_surnames.txt")


def find_author_year(text: str) -> Iterator[MarkerMatch]:
    """Parenthetical and narrative author–year citations, then year-less narrative mentions.

    Groups inside larger parentheticals overlap the whole-parenthetical matches;
    ``find_markers`` keeps the earlier, longer one.
    """
    whole: list[tuple[int, int]] = []
    for start, end in _innermost_parentheses(text):
        parsed = _parse_groups(text[start + 1 : end - 1])
        if parsed:
            whole.append((start, end))
            yield _marker(start, end, parsed)
    names_before = _NamesBefore(text)
    yield from _groups_in_parentheses(text, names_before, whole)
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


def _innermost_parentheses(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each "(...)" with no parenthesis inside, up to ``MAX_PARENTHETICAL``
    characters: one pass over the parentheses, so the cost is linear however they nest."""
    opened = -1
    for m in _PARENS.finditer(text):
        if m.group() == "(":
            opened = m.start()
        elif opened >= 0:
            if m.start() - opened <= MAX_PARENTHETICAL:
                yield opened, m.end()
            opened = -1


def _anchor_start(text: str, word: int) -> int:
    """Where the run of white space before ``word`` begins (``\\s`` is ``str.isspace``)."""
    start = word - 1
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start


def _groups_in_parentheses(
    text: str, names_before: _NamesBefore, whole: list[tuple[int, int]]
) -> Iterator[MarkerMatch]:
    """``(Smith et al., 2020; Figure 1)``, ``(see Smith and Lee, 2019 for a review)``,
    ``(2hjr, 62% identity, Vedadi et al., 2007)``: one marker per citation group.

    A group counts only inside an open parenthesis or bracket. Names with "et al." may follow
    anything there; two names joined by "and" may also follow a ","; a single name (``Boston,
    2019`` could be a place and date) needs a comma before its year and must open the
    parenthetical, follow a ";" or a cue such as "e.g.", "see", "reviewed in".
    Years inside ``whole`` (sorted spans of parentheticals already read whole) are skipped.
    """
    last_end = 0
    spans = iter(whole)
    covered = next(spans, (len(text), len(text)))
    for anchor in _GROUP_YEAR.finditer(text):
        year_at = anchor.start()
        while covered[1] <= year_at:
            covered = next(spans, (len(text), len(text)))
        if year_at < last_end or covered[0] <= year_at or not _group_may_end_at(text, year_at):
            continue
        if not _inside_brackets(text, year_at):
            continue
        years = _GROUP_YEARS.match(text, year_at)
        if years is None:
            continue
        best = None
        for m in names_before.candidates(_NAMES_BEFORE_YEAR, year_at):
            named = _named(m)
            if named is not None and _group_context_ok(text, m, named):
                best = (m.start(), named)
        if best is not None:
            start, (authors, names) = best
            last_end = years.end()
            yield _marker(start, last_end, [(authors, names, _years(years.group("years").replace(";", ",")))])


def _group_may_end_at(text: str, year_at: int) -> bool:
    """Cheap test before the window search: names end in a letter, "." or "," before the year."""
    stripped = text[max(0, year_at - 4) : year_at].rstrip()
    return bool(stripped) and (stripped[-1].isalpha() or stripped[-1] in ".,")


def _inside_brackets(text: str, at: int) -> bool:
    """Whether an opening parenthesis or bracket before ``at`` (within ``2 * WINDOW`` characters
    and the same paragraph) is still open there, counting nested pairs."""
    lo = max(0, at - 2 * WINDOW)
    para = text.rfind("\n\n", lo, at)
    depth = 0
    for b in reversed(_BRACKETS.findall(text, para + 2 if para >= 0 else lo, at)):
        if b in ")]":
            depth += 1
        elif depth:
            depth -= 1
        else:
            return True
    return False


def _group_context_ok(text: str, m: re.Match[str], named: tuple[str, tuple[str, ...]]) -> bool:
    """Whether a group's names and what stands before them make it a citation (see the caller).

    A single name needs a comma before its year: ``(BIAcore 2000; Pharmacia)`` is a product.
    """
    authors, names = named
    et_al = _TRAILING_ETAL.search(authors) is not None
    names_end = m.end("acronym") if m.group("acronym") else m.end("authors")
    if len(names) == 1 and not et_al and "," not in text[names_end : m.end()]:
        return False
    before = text[max(0, m.start() - 40) : m.start()]
    if et_al or _CUE_BEFORE.search(before):
        return True
    opener = before.rstrip()[-1:]
    return opener in ("(", "[", ";") or (opener == "," and len(names) > 1)


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
        best = None
        for m in self.candidates(pattern, end):
            best = m
        return best

    def candidates(self, pattern: re.Pattern[str], end: int) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` ending at ``end``, nearest start first, until one fails."""
        if self._starts is None:
            self._starts = list(map(re.Match.start, _NAME_START.finditer(self._text)))
        lo = bisect_left(self._starts, end - WINDOW)
        for i in range(bisect_left(self._starts, end) - 1, lo - 1, -1):
            m = pattern.match(self._text, self._starts[i], end)
            if m is None:
                return
            yield m


def _in_title(text: str, start: int) -> bool:
    """``Foundations of Social Evolution (1998)``: a capitalised word other than a sentence
    opener right before the "author" means a title-cased phrase, not a citation."""
    m = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return m is not None and m.group(1)[0].isupper() and m.group(1) not in _NOT_SURNAMES


def _name_may_end_at(text: str, end: int) -> bool:
    """Cheap test before the window search: a name or "et al." ends in a letter or a full stop."""
    stripped = text[max(0, end - 4) : end].rstrip()
    return bool(stripped) and (stripped[-1].isalpha() or stripped[-1] == ".")


def _parse_groups(inner: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The ";"-parts of a parenthetical as (authors, surnames, years); a bare year joins the
    group before it. Empty when any part is not a citation group."""
    groups: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for part in (p.strip() for p in inner.split(";")):
        if len(part) > MAX_GROUP:
            return []
        if groups and _BARE_YEAR.fullmatch(part):
            authors, names, years = groups[-1]
            groups[-1] = (authors, names, (*years, part))
            continue
        m = _GROUP_RE.fullmatch(part)
        named = _named(m) if m else None
        if m is None or named is None:
            return []
        groups.append((*named, _years(m.group("years"))))
    return groups


def _named(m: re.Match[str]) -> tuple[str, tuple[str, ...]] | None:
    """(authors as written, surnames) of a match with an ``authors`` or ``acronym`` group."""
    if m.group("acronym"):
        acronym = m.group("acronym")
        return (acronym, (acronym,)) if acronym not in _NOT_SURNAMES else None
    names = _surnames(m.group("authors"), long_names=True)
    if not names and _TRAILING_ETAL.search(m.group("authors")):
        names = _calendar_surname(m.group("authors"))
    return (_normal(m.group("authors")), names) if names else None


def _marker(start: int, end: int, groups: list[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> MarkerMatch:
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


def _calendar_surname(authors: str) -> tuple[str, ...]:
    """``Winter et al.``, ``May et al.``: a month or season word is a surname when "et al." follows."""
    name = _TRAILING_ETAL.sub("", authors.strip())
    return (name,) if name in _CALENDAR_SURNAMES else ()


def _surnames(authors: str, long_names: bool = False) -> tuple[str, ...]:
    """Family names in an author string; empty when any is not a plausible surname.

    With ``long_names`` a name may span words ("Barbier de Reuille", "Royal Society"), and every
    capitalised word of it must pass."""
    stripped = _TRAILING_ETAL.sub("", authors.strip())
    finder = _LONG_NAME_IN if long_names else _NAME_IN
    names = tuple(" ".join(n.split()) for n in finder.findall(stripped))
    for name in names:
        words = [w for w in name.split() if w[0].isupper()] if long_names else name.split()[-1:]
        for word in words:
            if word in _NOT_SURNAMES or not any(c.islower() for c in word) or len(word) < 2:
                return ()
    return names
