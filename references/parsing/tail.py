"""The part of an entry after the title: venue, year, volume, issue and pages.

Styles write the numbers differently (Vancouver ``2021;281(3):235-43``, APA
``12(3), 45-67``, PLOS/Harvard ``16: 403-431``, IEEE ``vol. 6, no. 1, pp. 1-9``,
Chicago ``45 (1930): 573-77``); each shape is one bounded pattern tried in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from references.parsing.identifiers import MONTH

_PAGE = r"[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–—‐]+\s*[A-Za-z]?\d+[A-Za-z]?)?"
_RANGE = r"[A-Za-z]?\d+[A-Za-z]?\s*[-–—‐]+\s*[A-Za-z]?\d+[A-Za-z]?"
YEAR = re.compile(r"(?<![\d\-–/.])((?:1[5-9]|20)\d\d)([a-z])?(?![\d\-–])")

_VANCOUVER = re.compile(
    rf"(?<!\d)((?:1[5-9]|20)\d\d)[a-z]?(?:\s+{MONTH}(?:\s*+\d{{1,2}})?(?:\s*[-–/]\s*+{MONTH}?\s*\d{{0,2}})?)?\s*;\s*+"
    rf"(\d+[A-Za-z]?|[A-Za-z]+\d[\w.]*)?\s*+(?:\(\s*([^()]{{1,25}}?)\s*\))?\s*(?::\s*({_PAGE}))?"
)
_CHICAGO = re.compile(
    rf"(?<![\w'\-/.])(\d{{1,5}}),?\s+no\.\s*(\d[\w\-–/]*),?\s*\((?:[^()]{{0,20}}?\s)?((?:1[5-9]|20)\d\d)\)\s*(?:[:,]\s*({_PAGE}))?"
)
_VOL_ISSUE_PAGES = re.compile(
    rf"(?<![\w'\-/.])(\d{{1,5}})\s*\(\s*([^()]{{1,25}}?)\s*\)\s*[:,]\s*(?:pp?\.\s*)?({_PAGE})"
)
_VOL_PAGES_COLON = re.compile(rf"(?<![\w'\-/.])(\d{{1,5}}[A-Z]?)\s*:\s*({_PAGE})")
_VOL_PAGES_COMMA = re.compile(rf"(?<![\w'\-/.])(\d{{1,5}})\s*,\s*(?:pp?\.\s*)?({_RANGE})")
_VOL_ISSUE = re.compile(r"(?<![\w'\-/.])(\d{1,5})\s*\(\s*(\d[\w\s/\-–]{0,12}?)\s*\)")
_VOL_WORD = re.compile(r"\b(?:vol(?:ume)?|v|bd|t|tome)\.?\s*(\d+[A-Za-z]?|[IVXLC]+\b)", re.IGNORECASE)
_ISSUE_WORD = re.compile(r"\b(?:no|nr|num|issue|iss|n°|h)\.?\s*(\d+(?:\s*[-–/]\s*\d+)?)", re.IGNORECASE)
_PAGES_WORD = re.compile(rf"\b(?:pp?|pages?|s)\.?\s*({_PAGE})", re.IGNORECASE)
_BARE_RANGE = re.compile(rf"(?<![\w\-/.])({_RANGE})(?![\w\-])")

# Where a venue stops: the first number-like or date-like thing after it. Several small patterns
# with literal starts are much faster than one alternation tried at every position.
_VENUE_STOPS = (
    re.compile(r"(?:[\s,.;(]|^)(?:[Vv]ol(?:ume)?\.?|VOL\.?|[Nn]o\.|[Nn]r\.|[Ii]ssue|pp?\.|[Pp]ages?|[Pp]art)\s*\d"),
    re.compile(r"(?<![\w'\-/#])\d+\s*(?:\([^()]{1,20}\)\s*)?(?=[:,;(.]|$|\s*[-–—]\s*\d)"),
    re.compile(r"(?<![\w'\-/#])(?:1[5-9]|20)\d\d(?![\w\-])"),
    re.compile(r"\b(?:Published|Updated|Posted|Last\s+updated|Reviewed|Modified)\b"),
    re.compile(rf"(?<!\w){MONTH}\s+(?:\d{{1,2}},?\s+)?\d{{4}}"),
)


@dataclass
class Tail:
    venue: str | None = None
    year: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    journal_shape: bool = False  # numbers written the way journals write them


def _norm_pages(p: str | None) -> str | None:
    if not p:
        return None
    return re.sub(r"\s*[-–—‐]+\s*", "–", p.strip()) if re.search(r"\d\s*[-–—‐]", p) else re.sub(r"\s+", "", p)


def year_of(text: str) -> str | None:
    m = YEAR.search(text)
    return m.group(1) + (m.group(2) or "") if m else None


def venue_end(text: str) -> int:
    end = len(text)
    for rx in _VENUE_STOPS:
        m = rx.search(text, 0, end)
        if m:
            end = m.start()
    return end


def clean_venue(text: str) -> str | None:
    v = text.strip(" \t,.;:([")
    v = re.sub(r"^(?:In\s*:|In\s+|in\s*:)\s*", "", v).strip(" ,.;:")
    v = re.sub(r"\s*\((?:\d+|[^()]{0,3})$", "", v)
    v = re.sub(r"\s*[,(]\s*$", "", v)
    return v or None


def parse_tail(text: str) -> Tail:
    """Numbers and year from the text after the title (venue included)."""
    tail = Tail()
    end = venue_end(text)
    tail.venue = clean_venue(text[:end])
    rest = text[end:]
    m = _VANCOUVER.search(rest)
    if m and (m.group(2) or m.group(4)):
        tail.year, tail.volume, tail.issue, tail.pages = m.group(1), m.group(2), m.group(3), m.group(4)
        tail.journal_shape = True
    else:
        if m:
            tail.year, tail.journal_shape = m.group(1), True
        _numbers(rest, tail)
    if tail.year is None:
        tail.year = year_of(rest)
    tail.pages = _norm_pages(tail.pages)
    return tail


def _numbers(rest: str, tail: Tail) -> None:
    """Volume, issue and pages when the Vancouver shape did not apply."""
    vol_word = _VOL_WORD.search(rest)
    chicago = _CHICAGO.search(rest)
    if chicago:
        tail.volume, tail.issue, tail.year, tail.pages = chicago.groups()
        tail.journal_shape = True
    elif vol_word:  # IEEE and others that label their numbers
        tail.volume = vol_word.group(1)
        issue = _ISSUE_WORD.search(rest)
        tail.issue = issue.group(1) if issue else None
    else:
        m = _VOL_ISSUE_PAGES.search(rest)
        if m and not YEAR.fullmatch(m.group(1)) and not YEAR.fullmatch(m.group(2)):
            tail.volume, tail.issue, tail.pages = m.group(1), m.group(2), m.group(3)
            tail.journal_shape = True
        else:
            for rx in (_VOL_PAGES_COLON, _VOL_PAGES_COMMA):
                m = rx.search(rest)
                if m is None:
                    continue
                if YEAR.fullmatch(m.group(1)):
                    if rx is _VOL_PAGES_COLON:
                        tail.pages = m.group(2)  # "(1930): 573-77"
                        break
                    continue
                tail.volume, tail.pages = m.group(1), m.group(2)
                tail.journal_shape = True
                break
        if tail.volume is None:
            m = _VOL_ISSUE.search(rest)
            if m and not YEAR.fullmatch(m.group(1)):
                tail.volume, tail.issue = m.group(1), m.group(2)
                tail.journal_shape = True
        if tail.issue is None:
            m = _ISSUE_WORD.search(rest)
            tail.issue = m.group(1) if m else None
    if tail.pages is None:
        m = _PAGES_WORD.search(rest) or _BARE_RANGE.search(rest)
        if m and not _year_range(m.group(1)):
            tail.pages = m.group(1)


def _year_range(text: str) -> bool:
    parts = re.split(r"\s*[-–—‐]+\s*", text)
    return len(parts) == 2 and all(YEAR.fullmatch(p) for p in parts)
