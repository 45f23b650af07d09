"""Numeric citation markers: ``[1,2]``, ``[9-12]``, ``[4a,b]``, ``[2]–[5]`` and ``(74)``, ``(3,4,5)``.

Brackets are almost always citations once decimals, zero, years and interval notation are
ruled out. Parentheses are not: ``(2022)``, ``17(2):111``, ``(1)H-MRS``, ``(212) 731-2033``,
``Eq. (3)`` and enumerations ``aims: (1) to ... (2) to ...`` all look alike, so a parenthetical
number is accepted only where a citation would sit in prose (right after a word or a full stop)
and rejected on every guard below. Precision comes first: a missed marker costs less than a
statistic read as a citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.markers._lexicon import load_words
from claims.markers._match import MarkerMatch
from claims.models import MarkerStyle

MAX_RANGE = 200  # a range spanning more numbers than this is not a citation range
MAX_ITEMS = 60  # a list of more comma-separated items than this is data, not a citation
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen, hyphens, figure dash, en, em, minus

_NUM = r"\d{1,4}(?!\.\d)"  # never the integer part of a decimal
_RANGE_ITEM = rf"{_NUM}[a-z]?(?:\s*[{DASHES}]\s*{_NUM}[a-z]?)?"
_BRACKET = re.compile(rf"\[\s*(?P<body>{_RANGE_ITEM}(?:\s*[,;]\s*(?:{_RANGE_ITEM}|[a-z](?![a-z])))*)\s*\]")
_PAREN = re.compile(
    rf"\(\s*(?P<body>{_NUM}(?:\s*[{DASHES}]\s*{_NUM})?(?:\s*[,;]\s*{_NUM}(?:\s*[{DASHES}]\s*{_NUM})?)*)\s*\)"
)
_DASH_ONLY = re.compile(rf"\s*[{DASHES}]\s*")
_DIGITS = re.compile(r"\d+")
_ITEM_SEPARATOR = re.compile(r"\s*[,;]\s*")
_LABEL_GAP = re.compile(r"[ \t]+\S")
_AFTER_NUMBER = re.compile(r"\s*[\d(+]")
_AFTER_LABEL = re.compile(r"\s*[:=]")
_LINE_END = re.compile(r"[ \t]*(?:\r?\n|$)")
_LIST_ITEM_TEXT = re.compile(r"[ \t]+[A-Za-z]")
_YEAR = range(1800, 2100)

# Words after which a parenthesised number is a label (``Eq. (3)``, ``step (2)``) or starts an
# enumeration (``were (1) ...``), never a citation.
_PAREN_BLOCKERS = load_words("marker_paren_blockers.txt")
# Words before a bracket that introduce an interval or a value, not a citation: ``range [1, 10]``.
_INTERVAL_WORDS = frozenset({"range", "ranges", "interval", "intervals", "in", "within", "between"})


def expand_numeric(body: str) -> tuple[str, ...] | None:
    """Keys of a numeric list such as ``9-12, 14`` or ``4a,b``; ``None`` when it is no citation list.

    Rejects zero, years, descending lists, reversed ranges and ranges of more than
    ``MAX_RANGE`` numbers.
    """
    if body.isdecimal():  # one number, the common case: what the general path below returns
        number = int(body)
        return (str(number),) if _plausible(number) else None
    if body.count(",") + body.count(";") >= MAX_ITEMS:
        return None
    keys: list[str] = []
    base: str | None = None
    numbers = [int(n) for n in _DIGITS.findall(body)]
    if any(b < a for a, b in zip(numbers, numbers[1:])):
        return None  # "[4, 2, 3]": citation lists ascend; this is data (a permutation, an order)
    for part in _ITEM_SEPARATOR.split(body.strip()):
        if part.isalpha():  # "[4a,b]": a letter continues the previous number
            if base is None:
                return None
            keys.append(base + part)
            continue
        ends = _DASH_ONLY.split(part)
        if len(ends) == 1:
            number, letter = _split_letter(part)
            if not _plausible(number):
                return None
            base = None if not letter else str(number)
            keys.append(f"{number}{letter}")
            continue
        lo_n, lo_l = _split_letter(ends[0])
        hi_n, hi_l = _split_letter(ends[1])
        if lo_l or hi_l or not (_plausible(lo_n) and _plausible(hi_n)):
            return None
        if hi_n < lo_n or hi_n - lo_n >= MAX_RANGE:
            return None
        keys.extend(map(str, range(lo_n, hi_n + 1)))
        base = None
    return tuple(keys)


def _split_letter(item: str) -> tuple[int, str]:
    if item[-1].isalpha():
        return int(item[:-1]), item[-1]
    return int(item), ""


def _plausible(number: int) -> bool:
    return number > 0 and number not in _YEAR


def _word_before(text: str, pos: int) -> str:
    """The word (letters, digits, dots) ending right before ``pos``, skipping spaces, lower-cased."""
    i = pos
    while i > 0 and text[i - 1] in " \t\r\n\u00a0":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "._"):
        j -= 1
    return text[j:i].lower().rstrip(".")


def _char_before(text: str, pos: int, *, skip_space: bool) -> str:
    i = pos
    if skip_space:
        while i > 0 and text[i - 1].isspace():
            i -= 1
    return text[i - 1] if i > 0 else ""


def _at_line_start(text: str, pos: int) -> bool:
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def find_bracket_numeric(text: str) -> Iterator[MarkerMatch]:
    """``[1,2]``, ``[9-12]``, ``[4a,b]``; IEEE ``[2]–[5]`` becomes one marker citing 2..5."""
    pending: MarkerMatch | None = None
    for m in _BRACKET.finditer(text):
        keys = expand_numeric(m.group("body"))
        if keys is None or not _bracket_in_prose(text, m.start(), m.end()):
            continue
        current = MarkerMatch(m.start(), m.end(), MarkerStyle.NUMERIC_BRACKET, keys)
        if pending is not None:
            joined = _join_ieee_range(text, pending, current)
            if joined is not None:
                pending = joined
                continue
            yield pending
        pending = current
    if pending is not None:
        yield pending


def _join_ieee_range(text: str, first: MarkerMatch, second: MarkerMatch) -> MarkerMatch | None:
    """``[2]–[5]`` as one range marker, when the gap is a dash and both are single numbers."""
    gap = text[first.end : second.start]
    if not gap or _DASH_ONLY.fullmatch(gap) is None or not gap.strip():
        return None
    if len(first.keys) != 1 or len(second.keys) != 1:
        return None
    if not (first.keys[0].isdigit() and second.keys[0].isdigit()):
        return None
    keys = expand_numeric(f"{first.keys[0]}-{second.keys[0]}")
    if keys is None:
        return None
    return MarkerMatch(first.start, second.end, MarkerStyle.NUMERIC_BRACKET, keys)


def _bracket_in_prose(text: str, start: int, end: int) -> bool:
    """Reject Markdown link labels, array indexes, intervals and reference-list labels."""
    before = _char_before(text, start, skip_space=False)
    if before == "]" or before == "!":  # [text][1], ![img][1]
        return False
    if before.isalnum() or before == "_":
        word = _word_before(text, start)
        if len(word) < 3 or not word.isalpha():  # x[2], a1[3]: an index, not a citation
            return False
    prev = _char_before(text, start, skip_space=True)
    if prev and prev in "=∈≤≥<>":
        return False
    if _word_before(text, start) in _INTERVAL_WORDS and "," in text[start:end]:
        return False
    if _at_line_start(text, start):
        after = text[end : end + 2]
        if after.startswith(":"):  # Markdown link definition "[1]: http..."
            return False
        if _LABEL_GAP.match(text, end, end + 3) and "," not in text[start:end]:
            return False  # "[1] Smith J. ..." labels a reference-list entry
    return True


def find_paren_numeric(text: str) -> Iterator[MarkerMatch]:
    """``(74)``, ``(3,4,5)``, ``(3-5)`` where a citation would sit; see the module docstring."""
    for m in _PAREN.finditer(text):
        keys = expand_numeric(m.group("body"))
        if keys is None or not _paren_in_prose(text, m.start(), m.end()):
            continue
        yield MarkerMatch(m.start(), m.end(), MarkerStyle.NUMERIC_PAREN, keys)


def _paren_in_prose(text: str, start: int, end: int) -> bool:
    after = text[end : end + 24]
    if after and (after[0].isalnum() or after[0] in "([{_'’-"):  # (1)H-MRS, (13)C, f(1)(2)
        return False
    if _AFTER_NUMBER.match(after):  # (212) 731-2033, (2) 4 ..., (1) (2) ...
        return False
    if _AFTER_LABEL.match(after):  # 17(2):111, (3) = ...
        return False
    if start and text[start - 1].isspace() and _LINE_END.match(after):
        word = _word_before(text, start)
        if len(word) < 2 or not word[-1].isalpha():
            return False  # "= x . (30)" or "+ j , i (4)" closing a line: an equation number
    prev = _char_before(text, start, skip_space=True)
    if prev == "" or prev.isdigit() or prev in ":;,=(\\[{/+-–—*•·#":
        return False  # start of text, 2015;17(2), "aims: (1)", "a, (2)", list bullets
    if _at_line_start(text, start) and _LIST_ITEM_TEXT.match(after):
        return False  # "(1) Assess ..." opens a list item
    if prev.isalpha() or prev == ".":
        word = _word_before(text, start)
        if word in _PAREN_BLOCKERS:
            return False
        if _char_before(text, start, skip_space=False).isalpha():
            return False  # find(10), f(1), nAβ(1-42): a call, an argument or a residue range
    return True
