"""Finding two reference entries for the same work (used by CIT003).

Three signals, strongest first: the same DOI; a BibTeX/CSL/RIS key used
twice (the loaders keep the later entry under ``key~line`` and mark it); the
same year with fuzzy-equal first author and title (rapidfuzz
``token_sort_ratio``, so word order and punctuation differences from
copy-paste do not matter). Entries are bucketed by year and first-author
core name, so the pairwise comparison only runs inside small buckets; a
bucket bigger than any real list has (a generated list of
thousands of entries by one author in one year) compares each entry with
the ``_MAX_PEERS`` entries before it only, which keeps CIT003 linear.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from references.linking import core_name, fold_name, name_similarity
from references.loaders._fields import DUPLICATE_KEY_OF
from references.models import Reference

__all__ = ["DEFAULT_TITLE_THRESHOLD", "Duplicate", "find_duplicates"]

DEFAULT_TITLE_THRESHOLD = 0.92
"""Least title similarity (rapidfuzz token_sort_ratio, 0..1) for a fuzzy duplicate."""

_MIN_TITLE_WORDS = 3
_MAX_PEERS = 64


@dataclass(frozen=True)
class Duplicate:
    """``duplicate`` repeats ``original`` (which comes first in the list)."""

    original: str
    duplicate: str
    reason: str  # "same DOI 10.…", "same key 'x'", "same first author, year and title"
    score: float  # 1.0 for DOI and key, the title similarity otherwise


def _year(ref: Reference) -> str | None:
    match = re.match(r"\s*(\d{4})", ref.year or "")
    return match.group(1) if match else None


def _title(ref: Reference) -> str:
    return fold_name(ref.title or "")


def find_duplicates(
    references: list[Reference], *, title_threshold: float = DEFAULT_TITLE_THRESHOLD
) -> list[Duplicate]:
    """Each later entry that repeats an earlier one, once, with the reason.

    Fuzzy matching needs a year on both, a first author within the linking
    threshold, at least three title words, and, when both list a second
    author, that author too; entries without these are left alone.
    """
    found: dict[str, Duplicate] = {}
    by_doi: dict[str, str] = {}
    for ref in references:
        original_key = ref.extra.get(DUPLICATE_KEY_OF)
        if original_key:
            found[ref.key] = Duplicate(original_key, ref.key, f"same key {original_key!r}", 1.0)
            continue
        if ref.doi:
            doi = ref.doi.lower()
            if doi in by_doi:
                found[ref.key] = Duplicate(by_doi[doi], ref.key, f"same DOI {ref.doi}", 1.0)
            else:
                by_doi[doi] = ref.key
    buckets: dict[tuple[str, str], list[Reference]] = defaultdict(list)
    for ref in references:
        year = _year(ref)
        if year and ref.authors and len(_title(ref).split()) >= _MIN_TITLE_WORDS:
            buckets[(year, core_name(ref.authors[0].family)[:3])].append(ref)
    for bucket in buckets.values():
        for i, later in enumerate(bucket):
            if later.key in found:
                continue
            for earlier in bucket[max(0, i - _MAX_PEERS) : i]:
                if earlier.key in found or (earlier.doi and later.doi and earlier.doi.lower() != later.doi.lower()):
                    continue
                score = _same_work(earlier, later, title_threshold)
                if score is not None:
                    found[later.key] = Duplicate(earlier.key, later.key, "same first author, year and title", score)
                    break
    position = {ref.key: i for i, ref in enumerate(references)}
    return sorted(found.values(), key=lambda d: position.get(d.duplicate, 0))


def _same_work(a: Reference, b: Reference, title_threshold: float) -> float | None:
    if name_similarity(a.authors[0].family, b.authors[0].family) < 0.85:
        return None
    if len(a.authors) >= 2 and len(b.authors) >= 2:
        if name_similarity(a.authors[1].family, b.authors[1].family) < 0.85:
            return None
    if (a.volume and b.volume and a.volume != b.volume) or (_year(a) != _year(b)):
        return None
    score = fuzz.token_sort_ratio(_title(a), _title(b)) / 100.0
    return round(score, 3) if score >= title_threshold else None
