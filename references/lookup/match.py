"""Scored matching of a reference entry against registry records.

Nothing is assumed: every candidate is scored on the fields both sides have.

- title: ``max(ratio, token_sort_ratio)`` of the folded titles (case,
  accents and punctuation ignored); a title that is the other's first part
  (a subtitle dropped) scores at least 95;
- first author: the entry's first family name against the record's first
  (ratio >= 85 passes: accents, typing errors), or among its first three;
- year: within one (online-first vs print) passes;
- venue: equal after folding, token-set ratio >= 80 with the full or short
  name, or the entry's words are abbreviations of the record's in order
  ("J Clin Oncol" of "Journal of clinical oncology"). A venue difference is
  listed but never makes a mismatch alone: reference parsers often misplace
  the venue.

The score is the weighted mean of the fields compared (title 60, author 20,
year 15, venue 5). A record found **by identifier** (DOI or PMID) is that
identifier's work: a title below ``OTHER_WORK`` with no author agreement
means the identifier belongs to another paper; otherwise each field that
fails its test is a difference and makes a mismatch. A record found **by
title search** is accepted only with a title of at least ``ACCEPT`` (or
``ACCEPT_WITH_AUTHOR`` when the first author and year agree as well); two
accepted records of different works within ``AMBIGUOUS_MARGIN`` points are
ambiguous. Thresholds are keyword arguments with these defaults.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from references.lookup.records import WorkRecord, year_of
from references.models import Reference, RegistryDifference

__all__ = ["MatchResult", "best_match", "compare", "fold"]

TYPO = 75.0  # titles scoring below this differ "beyond typing errors"
OTHER_WORK = 60.0
ACCEPT = 90.0
ACCEPT_WITH_AUTHOR = 80.0
AMBIGUOUS_MARGIN = 2.0
_WEIGHTS = {"title": 60.0, "first_author": 20.0, "year": 15.0, "venue": 5.0}
_NON_WORD = re.compile(r"[\W_]+")
_VENUE_STOP = {"the", "of", "and", "for", "in", "on", "de", "la", "und", "fur", "a"}


@lru_cache(maxsize=1 << 16)
def fold(text: str | None) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed (memoized: a store lookup folds
    the same record titles and names for every candidate it scores)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())  # letters of every script kept (Cyrillic, Greek, CJK)


def title_score(a: str | None, b: str | None) -> float:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    score = max(fuzz.ratio(fa, fb), fuzz.token_sort_ratio(fa, fb))
    short, long_ = sorted((fa, fb), key=len)
    if len(short.split()) >= 3 and long_.startswith(short + " "):  # a subtitle dropped
        score = max(score, 95.0)
    return float(score)


def _author_agrees(ref: Reference, rec: WorkRecord) -> bool | None:
    if not ref.authors or not rec.authors:
        return None
    mine = fold(ref.authors[0].family)
    if not mine:
        return None
    theirs = [fold(a) for a in rec.authors[:3]]
    if fuzz.ratio(mine, theirs[0]) >= 85 or mine in theirs:
        return True
    # "van der Berg" vs "Berg", "Garcia-Lopez" vs "Garcia Lopez": one name inside the other
    return any(len(mine) >= 4 and len(t) >= 4 and (mine in t or t in mine) for t in theirs[:1])


def _abbreviates(short: str, long_: str) -> bool:
    """Each word of ``short`` starts a word of ``long_``, in order (stop words of ``long_`` skipped)."""
    words = [w for w in long_.split() if w not in _VENUE_STOP]
    i = 0
    for part in short.split():
        while i < len(words) and not words[i].startswith(part):
            i += 1
        if i == len(words):
            return False
        i += 1
    return bool(short)


def _venue_agrees(ref: Reference, rec: WorkRecord) -> bool | None:
    mine = fold(ref.venue)
    names = [fold(v) for v in (rec.venue, rec.venue_short) if v]
    if len(mine) < 3 or not names:
        return None
    for name in names:
        if mine == name or fuzz.token_set_ratio(mine, name) >= 80 or _abbreviates(mine, name):
            return True
        if _abbreviates(name, mine):
            return True
    return False


@dataclass
class MatchResult:
    """One candidate scored: the score, whether it is the entry's work, and what differed."""

    record: WorkRecord
    score: float
    title: float | None  # None when the entry has no title
    decision: str  # "match" | "mismatch" | "other_work" | "no_match"
    differences: list[RegistryDifference] = field(default_factory=list)


def _year_text(value: int | None) -> str:
    return str(value) if value is not None else ""


def compare(ref: Reference, rec: WorkRecord, *, by_identifier: bool) -> MatchResult:
    """Score ``rec`` as the work ``ref`` names (see module docstring)."""
    checks: dict[str, bool] = {}
    scores: dict[str, float] = {}
    diffs: list[RegistryDifference] = []
    t = title_score(ref.title, rec.title) if ref.title and rec.title else None
    if t is not None:
        scores["title"] = t
        checks["title"] = t >= TYPO
        if t < TYPO:
            diffs.append(
                RegistryDifference(field="title", reference=ref.title or "", registry=rec.title or "", score=t)
            )
    author = _author_agrees(ref, rec)
    if author is not None:
        checks["first_author"] = author
        scores["first_author"] = 100.0 if author else 0.0
        if not author:
            diffs.append(
                RegistryDifference(field="first_author", reference=ref.authors[0].family, registry=rec.authors[0])
            )
    ref_year = year_of(ref.year)
    if ref_year is not None and rec.year is not None:
        ok = abs(ref_year - rec.year) <= 1
        checks["year"] = ok
        scores["year"] = 100.0 if ok else 0.0
        if not ok:
            diffs.append(RegistryDifference(field="year", reference=ref.year or "", registry=_year_text(rec.year)))
    venue = _venue_agrees(ref, rec)
    if venue is not None:
        checks["venue"] = venue
        scores["venue"] = 100.0 if venue else 0.0
        if not venue:
            diffs.append(
                RegistryDifference(
                    field="venue", reference=ref.venue or "", registry=rec.venue or rec.venue_short or ""
                )
            )
    total = sum(_WEIGHTS[k] for k in scores)
    score = round(sum(scores[k] * _WEIGHTS[k] for k in scores) / total, 1) if total else 0.0
    if by_identifier:
        other = (t is not None and t < OTHER_WORK and author is not True) or (
            t is None and author is False and checks.get("year") is False
        )
        if other:
            ident = f"DOI {ref.doi}" if ref.doi else f"PMID {ref.pmid}"
            found = f"{rec.title or 'untitled'} ({rec.first_author or 'no author'}, {_year_text(rec.year) or 'n.d.'})"
            diffs.insert(0, RegistryDifference(field="doi" if ref.doi else "pmid", reference=ident, registry=found))
            return MatchResult(rec, score, t, "other_work", diffs)
        return MatchResult(rec, score, t, _decision(diffs), diffs)
    accepted = t is not None and (
        t >= ACCEPT and author is not False or (t >= ACCEPT_WITH_AUTHOR and author is True and checks.get("year"))
    )
    if not accepted:
        return MatchResult(rec, score, t, "no_match", diffs)
    diffs = [d for d in diffs if d.field != "title"]
    return MatchResult(rec, score, t, _decision(diffs), diffs)


def _decision(diffs: list[RegistryDifference]) -> str:
    """A mismatch needs a difference other than the venue (see module docstring)."""
    return "mismatch" if any(d.field != "venue" for d in diffs) else "match"


def best_match(
    ref: Reference, records: list[WorkRecord], *, by_identifier: bool
) -> tuple[MatchResult | None, list[MatchResult]]:
    """The best accepted candidate and, when others come within the margin, the competing ones.
    With none accepted, the closest candidate with its ``no_match`` decision (its score shows how
    near the registry came), or None without candidates."""
    scored = sorted((compare(ref, r, by_identifier=by_identifier) for r in records), key=lambda m: -m.score)
    if by_identifier:
        return (scored[0] if scored else None), []
    accepted = [m for m in scored if m.decision in ("match", "mismatch")]
    if not accepted:
        return (scored[0] if scored else None), []
    best = accepted[0]
    rivals = [
        m
        for m in accepted[1:]
        if best.score - m.score <= AMBIGUOUS_MARGIN
        and (m.record.doi or m.record.id) != (best.record.doi or best.record.id)
    ]
    return best, rivals
