"""What kind of publication a reference is, and whether it was peer reviewed.

Trust order: explicit type metadata (CSL type, BibTeX entry type, PubMed
publication types, in ``publication_types`` or ``extra["type"]``), then the
DOI (preprint prefixes), then the URL host, then the venue name, then the
shape of the raw entry. An entry known only by a URL on a host that is neither
a publisher nor a preprint server (no DOI, volume or pages) is a web page; a
guideline body's site (NICE, USPSTF) makes the entry a guideline. A journal-shaped entry ("2019;32(4):e100074", a volume
or pages) is an article even when it says "Accessed June 22, 2022"; an entry
with an access date, "Published July 29, 2021" or "[Internet]" and no journal
shape is a web page. A preprint-server venue or DOI overrides a loader's
"journal_article" (bioRxiv entries often arrive typed as articles); nothing
here downgrades a book, chapter or thesis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

from references.evidence._lexicon import load_rows, squash
from references.models import EvidenceReason, Reference, SourceType

_BIORXIV_DOI = re.compile(r"^10\.1101/(?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,}(?:v\d+)?$")
_JOURNAL_SHAPE = re.compile(
    r"\b(?:19|20)\d\d[a-z]?\s*;\s*\w*\d|\b\d+\s*\(\s*[\w-]+\s*\)\s*:\s*[\w-]*\d|\bvol\.\s*\d", re.I
)
_WEB_SHAPE = re.compile(
    r"\b(?:accessed|retrieved|last\s+updated|updated|published)\s+(?:on\s+)?"
    r"(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\[internet\]|\bavailable\s+(?:from|at|online)\b|\[cited\s+\d{4}",
    re.I,
)


@dataclass
class SourceResult:
    """A source type with its peer-review status, non-scholarly kind and reasons."""

    source_type: SourceType
    peer_reviewed: bool | None
    kind: str | None = None  # news | encyclopedia | health_site | government | web when non-scholarly
    reasons: list[EvidenceReason] = field(default_factory=list)


@cache
def _sites() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for kind, value in load_rows("source_sites.txt"):
        out.setdefault(kind, []).append(value.lower() if kind.endswith(("_host", "_doi")) else squash(value))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _type_table() -> dict[str, str]:
    return {squash(name): conclusion for name, conclusion in load_rows("publication_types.txt")}


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def _host_kind(host: str) -> str | None:
    sites = _sites()
    kinds = (
        "scholarly_host",
        "preprint_host",
        "guideline_host",
        "news_host",
        "encyclopedia_host",
        "health_site_host",
        "government_host",
    )
    for kind in kinds:
        for suffix in sites.get(kind, ()):
            bare = suffix.lstrip(".")
            if host == bare or host.endswith("." + bare):
                return kind.removesuffix("_host")
    return None


def _venue_kind(venue: str | None) -> str | None:
    if not venue:
        return None
    key = squash(venue)
    for kind in ("preprint_name", "news_name", "encyclopedia_name", "health_site_name", "government_name"):
        if key in _sites().get(kind, ()):
            return kind.removesuffix("_name")
    return None


def is_preprint_doi(doi: str | None) -> bool:
    """True for DOIs that preprint servers register (bioRxiv/medRxiv shapes, arXiv, SSRN, ...)."""
    if not doi:
        return False
    doi = doi.strip().lower()
    return bool(_BIORXIV_DOI.match(doi)) or doi.startswith(_sites().get("preprint_doi", ()))


def metadata_types(ref: Reference) -> list[str]:
    """Type names a record carries: PubMed types, CSL genre/type, BibTeX entry type."""
    names = list(ref.publication_types)
    for key in ("type", "entry_type", "ENTRYTYPE", "genre", "csl_type"):
        if ref.extra.get(key):
            names.append(ref.extra[key])
    return names


def type_conclusions(ref: Reference) -> list[tuple[str, str, str]]:
    """``(type name, key, value)`` for every known type the record carries, e.g. ("Review", "design", "narrative_review")."""
    table = _type_table()
    out = []
    for name in metadata_types(ref):
        conclusion = table.get(squash(name))
        if conclusion:
            key, _, value = conclusion.partition("=")
            out.append((name, key, value))
    return out


def _non_scholarly(kind: str, field_name: str, cue: str) -> SourceResult:
    stype = SourceType.NEWS if kind == "news" else SourceType.WEB_PAGE
    return SourceResult(
        stype,
        False,
        kind,
        [EvidenceReason(field=field_name, cue=cue, conclusion=f"source_type={stype.value} ({kind})")],
    )


def infer_source(ref: Reference) -> SourceResult:
    """The source type of ``ref`` with the field that decided it (see module docstring)."""
    current = ref.source_type
    for name, key, value in type_conclusions(ref):
        if key == "source":
            stype = SourceType(value)
            reviewed = {SourceType.PREPRINT: False, SourceType.JOURNAL_ARTICLE: True}.get(stype)
            if stype in (SourceType.WEB_PAGE, SourceType.NEWS):
                reviewed = False
            return SourceResult(
                stype,
                reviewed,
                None,
                [EvidenceReason(field="publication_type", cue=name, conclusion=f"source_type={value}")],
            )
        if key == "design" and value == "news":
            return _non_scholarly("news", "publication_type", name)
    if is_preprint_doi(ref.doi):
        return SourceResult(
            SourceType.PREPRINT,
            False,
            None,
            [EvidenceReason(field="doi", cue=ref.doi or "", conclusion="source_type=preprint, peer_reviewed=false")],
        )
    host = _host(ref.url)
    host_kind = _host_kind(host) if host else None
    venue_kind = _venue_kind(ref.venue)
    if host_kind == "preprint" or venue_kind == "preprint":
        fld, cue = ("url", host or "") if host_kind == "preprint" else ("venue", ref.venue or "")
        return SourceResult(
            SourceType.PREPRINT,
            False,
            None,
            [EvidenceReason(field=fld, cue=cue, conclusion="source_type=preprint, peer_reviewed=false")],
        )
    if current in (SourceType.BOOK, SourceType.CHAPTER, SourceType.THESIS):
        return SourceResult(current, None)
    journal_shaped = bool(ref.volume or ref.pages or (ref.doi and host_kind != "news")) or bool(
        _JOURNAL_SHAPE.search(ref.raw)
    )
    if host_kind in ("news", "encyclopedia", "health_site") and not journal_shaped:
        return _non_scholarly(host_kind, "url", host or "")
    if venue_kind in ("news", "encyclopedia", "health_site", "government") and not journal_shaped:
        return _non_scholarly(venue_kind, "venue", ref.venue or "")
    if current is SourceType.JOURNAL_ARTICLE or journal_shaped or host_kind == "scholarly":
        cue = "volume/pages/DOI" if journal_shaped else (host or current.value)
        return SourceResult(
            SourceType.JOURNAL_ARTICLE,
            True,
            None,
            [EvidenceReason(field="entry", cue=cue, conclusion="source_type=journal_article")],
        )
    if host_kind == "guideline":
        reason = EvidenceReason(field="url", cue=host or "", conclusion="guideline body's site")
        return SourceResult(
            SourceType.OTHER if current is SourceType.WEB_PAGE else current, None, "guideline", [reason]
        )
    if host_kind == "government":
        return _non_scholarly("government", "url", host or "")
    web = _WEB_SHAPE.search(ref.raw)
    if web and not ref.doi:
        return _non_scholarly("web", "raw", web.group())
    if host and host_kind is None and not ref.doi:  # known only by a URL on a non-publisher site
        return _non_scholarly("web", "url", host)
    if current in (SourceType.WEB_PAGE, SourceType.NEWS):
        return SourceResult(current, False, "web")
    return SourceResult(current, None)
