"""Linking in-text citation markers to reference entries.

Two passes, as citeproc-py does: first every marker of every claim is
registered in document order (so the order of first citation is known, which
CIT006 needs), then each cited key is resolved:

- numbers (``[12]``, ``(12)``, superscripts) to the entry numbered 12;
- keys (``\\cite{smith2020}``, ``[@smith2020]``) to the BibTeX/CSL id, exactly,
  then ignoring case;
- author–year (``Smith et al. 2020``, ``Lee & Kim 2019a``) to entries of that
  year whose first author's family name matches with rapidfuzz (diacritics
  folded, particles such as ``van den`` / ``Del`` optional), using the second
  author, ``et al.`` and the a/b suffix to choose between candidates.

A fuzzy link keeps its score (0..1) and the threshold it passed. When two
entries fit equally well the link is ``ambiguous`` and lists both; when none
fits it is ``dangling``. Nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from claims.models import CitationMarker, Claim, MarkerStyle
from references.models import Link, LinkStatus, Reference

__all__ = [
    "DEFAULT_THRESHOLD",
    "LinkResult",
    "YEAR_MISMATCH_NOTE",
    "core_name",
    "fold_name",
    "link",
    "name_similarity",
    "parse_author_year",
]

DEFAULT_THRESHOLD = 0.85
"""Least rapidfuzz ratio (0..1) between a cited and an entry's family name."""

YEAR_MISMATCH_NOTE = "year differs:"
"""Prefix of ``Link.note`` on a dangling author–year link whose author matched
entries of another year; CIT005 reports those instead of CIT001."""

NUMERIC_STYLES = frozenset({MarkerStyle.NUMERIC_BRACKET, MarkerStyle.NUMERIC_PAREN, MarkerStyle.SUPERSCRIPT})
_KEY_STYLES = frozenset({MarkerStyle.LATEX, MarkerStyle.PANDOC, MarkerStyle.FIELD})  # exact keys
_PARTICLES = frozenset(
    "van von der den de del della delle dei di da das dos du le la les ten ter vom zu zur d l al el bin ibn st".split()
)
_YEAR_AT_END = re.compile(r"[,\s]*((?:1[5-9]|20)\d\d)([a-z]?)\s*$|[,\s]*(n\.\s?d\.|in press|forthcoming)\s*$", re.I)
_ET_AL = re.compile(r"\bet\s*al\b\.?", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b(?!\s*al))\s*", re.I)
_NUMBER = re.compile(r"^(\d{1,4})([a-z]?)$")


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """ASCII lower case, letters and single spaces only (``Müller-Dahlhaus`` -> ``muller dahlhaus``)."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ß", "ss").replace("ø", "o").replace("ł", "l"))
    kept = "".join(c if c.isalpha() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.encode("ascii", "ignore").decode().lower().split())


@lru_cache(maxsize=65536)
def core_name(name: str) -> str:
    """The folded name without leading particles (``van den Berg`` -> ``berg``)."""
    words = fold_name(name).split()
    i = 0
    while i < len(words) - 1 and words[i] in _PARTICLES:
        i += 1
    return " ".join(words[i:])


def name_similarity(a: str, b: str) -> float:
    """Best rapidfuzz ratio (0..1) of two family names, with or without particles."""
    fa, fb = fold_name(a), fold_name(b)
    if not fa or not fb:
        return 0.0
    if fa == fb or core_name(a) == core_name(b):
        return 1.0
    return max(fuzz.ratio(fa, fb), fuzz.ratio(core_name(a), core_name(b))) / 100.0


@dataclass(frozen=True)
class AuthorYear:
    """A cited author–year key taken apart: ``Lee & Kim 2019a`` -> (Lee, Kim), 2019, a."""

    names: tuple[str, ...]
    et_al: bool
    year: str | None  # four digits, or "n.d."
    suffix: str


def parse_author_year(cited: str) -> AuthorYear | None:
    """Split an author–year key; ``None`` when it has no year at its end."""
    match = _YEAR_AT_END.search(cited)
    if match is None:
        return None
    year = match.group(1) or "n.d."
    suffix = (match.group(2) or "").lower()
    head = cited[: match.start()]
    et_al = bool(_ET_AL.search(head))
    head = _ET_AL.sub(" ", head)
    names = tuple(n.strip(" .,;()") for n in _NAME_SPLIT.split(head) if n.strip(" .,;()"))
    if not names:
        return None
    return AuthorYear(names=names, et_al=et_al, year=year, suffix=suffix)


@dataclass(frozen=True)
class LinkResult:
    """Links for every cited key, in document order.

    ``links``: every link (linked, ambiguous, dangling); ``unresolved``: the
    ambiguous and dangling ones; ``uncited``: entries no link resolved to, in
    list order (candidates of an ambiguous or year-mismatched link count as
    cited, so one problem is not reported twice); ``first_cited_order``: entry keys in order of first citation.
    """

    links: list[Link]
    unresolved: list[Link]
    uncited: list[Reference]
    first_cited_order: list[str]


@dataclass(frozen=True)
class _Resolution:
    status: LinkStatus
    key: str | None = None
    score: float | None = None
    candidates: tuple[str, ...] = ()
    note: str | None = None


def _year_parts(year: str | None) -> tuple[str | None, str]:
    if not year:
        return None, ""
    match = re.match(r"\s*(\d{4})([a-z]?)", year)
    if match is None:
        return ("n.d." if "n" in year.lower() else None), ""
    return match.group(1), match.group(2)


@dataclass
class _Index:
    by_key: dict[str, Reference] = field(default_factory=dict)
    by_key_folded: dict[str, list[Reference]] = field(default_factory=dict)
    by_number: dict[str, Reference] = field(default_factory=dict)
    by_year: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    by_core: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, references: list[Reference]) -> _Index:
        index = cls()
        for ref in references:
            index.by_key.setdefault(ref.key, ref)
            index.by_key_folded.setdefault(ref.key.casefold(), []).append(ref)
            if ref.number is not None:
                index.by_number.setdefault(str(ref.number), ref)
            elif ref.key.isdigit():
                index.by_number.setdefault(str(int(ref.key)), ref)
            year, _ = _year_parts(ref.year)
            index.by_year[year or "n.d."].append(ref)
            if ref.authors:
                index.by_core[core_name(ref.authors[0].family)].append(ref)
        return index


class _Resolver:
    def __init__(self, references: list[Reference], threshold: float) -> None:
        self.index = _Index.build(references)
        self.threshold = threshold
        self.cache: dict[tuple[str, str], _Resolution] = {}

    def resolve(self, style: MarkerStyle, cited: str) -> _Resolution:
        cache_key = ("number" if style in NUMERIC_STYLES else "key" if style in _KEY_STYLES else "name", cited)
        hit = self.cache.get(cache_key)
        if hit is None:
            if style in NUMERIC_STYLES:
                hit = self._number(cited)
            elif style in _KEY_STYLES:
                hit = self._key(cited)
            else:
                hit = self._author_year(cited)
            self.cache[cache_key] = hit
        return hit

    def _number(self, cited: str) -> _Resolution:
        ref = self.index.by_key.get(cited)
        if ref is not None and (ref.number is not None or ref.key.isdigit()):
            return _Resolution(LinkStatus.LINKED, ref.key)
        match = _NUMBER.match(cited)
        if match is None:
            return _Resolution(LinkStatus.DANGLING)
        ref = self.index.by_number.get(str(int(match.group(1))))
        if ref is None:
            return _Resolution(LinkStatus.DANGLING)
        note = f"sub-item {match.group(2)} of entry {ref.key}" if match.group(2) else None
        return _Resolution(LinkStatus.LINKED, ref.key, note=note)

    def _key(self, cited: str) -> _Resolution:
        ref = self.index.by_key.get(cited)
        if ref is not None:
            return _Resolution(LinkStatus.LINKED, ref.key)
        folded = self.index.by_key_folded.get(cited.casefold(), [])
        if len(folded) == 1:
            return _Resolution(LinkStatus.LINKED, folded[0].key, note="key matched ignoring case")
        if len(folded) > 1:
            return _Resolution(LinkStatus.AMBIGUOUS, candidates=tuple(r.key for r in folded))
        return (
            self._author_year(cited) if parse_author_year(cited) and " " in cited else _Resolution(LinkStatus.DANGLING)
        )

    def _rank(self, parsed: AuthorYear, ref: Reference) -> tuple[int, int, float] | None:
        """(suffix fit, author-form fit, first-author score) or ``None`` below the threshold."""
        if not ref.authors:
            return None
        score = name_similarity(parsed.names[0], ref.authors[0].family)
        if score < self.threshold:
            return None
        n = len(ref.authors)
        if len(parsed.names) >= 2:
            second = name_similarity(parsed.names[1], ref.authors[1].family) if n >= 2 else 0.0
            form = 2 if second >= self.threshold else 0
        elif parsed.et_al:
            form = 2 if n >= 3 else 1
        else:
            form = 2 if n == 1 else 1
        _, ref_suffix = _year_parts(ref.year)
        if parsed.suffix:
            suffix_fit = 2 if ref_suffix == parsed.suffix else (1 if not ref_suffix else 0)
        else:
            suffix_fit = 2 if not ref_suffix else 1
        return suffix_fit, form, round(score, 3)

    def _author_year(self, cited: str) -> _Resolution:
        ref = self.index.by_key.get(cited)
        if ref is not None:
            return _Resolution(LinkStatus.LINKED, ref.key)
        parsed = parse_author_year(cited)
        if parsed is None:
            return _Resolution(LinkStatus.DANGLING, note="no year to match on")
        ranked = [
            (rank, ref) for ref in self.index.by_year.get(parsed.year or "", []) if (rank := self._rank(parsed, ref))
        ]
        if not ranked:
            return self._other_year(parsed)
        ranked.sort(key=lambda item: item[0], reverse=True)
        best_rank, best = ranked[0]
        tied = [ref.key for rank, ref in ranked if rank[:2] == best_rank[:2] and best_rank[2] - rank[2] < 0.05]
        if len(tied) > 1:
            return _Resolution(LinkStatus.AMBIGUOUS, score=best_rank[2], candidates=tuple(tied))
        return _Resolution(LinkStatus.LINKED, best.key, score=best_rank[2])

    def _other_year(self, parsed: AuthorYear) -> _Resolution:
        same_author = [
            ref
            for ref in self.index.by_core.get(core_name(parsed.names[0]), [])
            if len(parsed.names) < 2
            or (len(ref.authors) >= 2 and name_similarity(parsed.names[1], ref.authors[1].family) >= self.threshold)
        ]
        if not same_author:
            return _Resolution(LinkStatus.DANGLING)
        years = ", ".join(f"{r.key} has {r.year or 'no year'}" for r in same_author[:5])
        return _Resolution(
            LinkStatus.DANGLING, candidates=tuple(r.key for r in same_author[:5]), note=f"{YEAR_MISMATCH_NOTE} {years}"
        )


def _cited_keys(marker: CitationMarker) -> list[str]:
    if marker.style is MarkerStyle.NARRATIVE:
        return []
    return list(dict.fromkeys(marker.keys))


MIN_COLLAPSED_RUN = 4
"""A run of this many consecutive numbers of one marker that no entry has becomes one dangling
link (``cited`` = ``"21-199"``) instead of one link per number."""


def _collapse_dangling_runs(marker: CitationMarker, resolver: _Resolver) -> list[tuple[str, _Resolution]]:
    """``(cited, resolution)`` per key of the marker; for a numbered marker, a run of at least
    ``MIN_COLLAPSED_RUN`` consecutive dangling numbers as one.

    Why: ``[1-199]`` against a 20-entry list gave 179 dangling links per marker, and a page of
    such sentences 2.8 GB of links; one link per run keeps the links per marker within the
    reference list's size plus the runs, and CIT001 still names every missing number."""
    resolved = [(cited, resolver.resolve(marker.style, cited)) for cited in _cited_keys(marker)]
    if marker.style not in NUMERIC_STYLES or len(resolved) < MIN_COLLAPSED_RUN:
        return resolved
    out: list[tuple[str, _Resolution]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= MIN_COLLAPSED_RUN:
            note = f"{len(run)} consecutive numbers that no reference entry has"
            out.append((f"{run[0]}-{run[-1]}", _Resolution(LinkStatus.DANGLING, note=note)))
        else:
            out.extend((cited, _Resolution(LinkStatus.DANGLING)) for cited in run)
        run.clear()

    for cited, res in resolved:
        consecutive = run and cited.isdigit() and run[-1].isdigit() and int(cited) == int(run[-1]) + 1
        if res.status is LinkStatus.DANGLING and res.note is None and cited.isdigit() and (not run or consecutive):
            run.append(cited)
            continue
        flush()
        if res.status is LinkStatus.DANGLING and res.note is None and cited.isdigit():
            run.append(cited)
        else:
            out.append((cited, res))
    flush()
    return out


def link(claims: list[Claim], references: list[Reference], *, threshold: float = DEFAULT_THRESHOLD) -> LinkResult:
    """Resolve every cited key of every marker of ``claims`` against ``references``.

    ``threshold`` (default 0.85) is the least rapidfuzz ratio, 0..1, between
    a cited family name and an entry's first author. Narrative mentions
    ("Nobler and colleagues") cite no key and get no link.
    """
    registered = sorted(
        ((marker.span.start, claim, marker) for claim in claims for marker in claim.markers),
        key=lambda item: item[0],
    )
    resolver = _Resolver(references, threshold)
    links: list[Link] = []
    order: dict[str, None] = {}
    mentioned: set[str] = set()  # linked keys, and candidates of ambiguous or year-mismatched links
    for _, claim, marker in registered:
        for cited, res in _collapse_dangling_runs(marker, resolver):
            links.append(
                Link(
                    claim_id=claim.id,
                    marker_text=marker.text,
                    marker_span=marker.span,
                    cited=cited,
                    reference_key=res.key,
                    status=res.status,
                    score=res.score,
                    candidates=list(res.candidates),
                    note=res.note,
                )
            )
            if res.key is not None:
                order.setdefault(res.key, None)
            mentioned.update(res.candidates)
    unresolved = [lk for lk in links if lk.status in (LinkStatus.DANGLING, LinkStatus.AMBIGUOUS)]
    mentioned.update(order)
    uncited = [ref for ref in references if ref.key not in mentioned]
    return LinkResult(links=links, unresolved=unresolved, uncited=uncited, first_cited_order=list(order))
