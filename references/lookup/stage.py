"""The lookup stage: every reference checked against the configured registries.

``lookup_references(references, settings)`` runs between grading and linking
when lookups are on. For each reference and each registry, in the order
Crossref, PubMed, OpenAlex, Europe PMC (the last only when no abstract was
found yet or the entry is a preprint):

1. records imported into the store (``verifier lookups import``) answer first,
   by DOI, PMID, or first author and year with a title match: no request;
2. otherwise the registry module asks, through the response cache (a cached
   answer makes no request) and the client (retries, rate limits);
3. the candidates are scored (``match``).

The verdict (``RegistryCheck``) combines the registries: a DOI or PMID that
resolves to another work, or a field that differs beyond typing errors, is a
``mismatch``; else an accepted record is ``matched``; two records of
different works within a hair of each other are ``ambiguous``; when every
registry that answered knows no such work it is ``not_found`` (only for
journal articles, preprints and entries with a DOI or PMID: registries do not
list every book, report or web page, so those stay ``not_checked``); when a
registry could not be asked and none matched, ``not_checked`` with the reasons
(the registry that failed may hold the work). A registry that
fails (timeout, HTTP 500, malformed body) never stops the run: its answer is
an error, the reference says why, and the stage returns one ``SkippedInput``
per failing registry for the report (the CLI prints one warning line).

Matched records then feed the evidence assessment (``evidence.registry``),
and notices imported from a Retraction Watch file apply by DOI.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from references.evidence.registry import with_records
from references.lookup import crossref, europepmc, openalex, pubmed
from references.lookup.client import Fetch, FetchError, RegistryClient, Response
from references.lookup.match import MatchResult, best_match, compare
from references.lookup.records import Candidates, WorkRecord, year_of
from references.lookup.store import LookupStore, family_key, request_key
from references.models import (
    EvidenceReason,
    Reference,
    RegistryAnswer,
    RegistryCheck,
    RegistryStatus,
    RetractionStatus,
    SkippedInput,
    SourceType,
)
from references.retractions import NOTICE_SEVERITY, normalize_doi

__all__ = ["REGISTRIES", "LookupOutcome", "LookupSettings", "lookup_references"]

REGISTRIES = ("crossref", "pubmed", "openalex", "europepmc")
_MODULES: dict[str, Callable[[Reference, Fetch], Candidates]] = {
    "crossref": crossref.lookup,
    "pubmed": pubmed.lookup,
    "openalex": openalex.lookup,
    "europepmc": europepmc.lookup,
}


@dataclass(frozen=True)
class LookupSettings:
    """What the stage needs from the configuration (``[tool.verifier]`` lookup keys)."""

    registries: tuple[str, ...] = REGISTRIES
    store_path: Path | None = None
    base_urls: Mapping[str, str] = field(default_factory=dict)
    mailto: str | None = None
    ncbi_api_key: str | None = None
    ttl_days: float = 30.0
    refresh: bool = False
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 0.5
    concurrency: int = 4
    rates: Mapping[str, float] = field(default_factory=dict)
    tool_version: str = "0"


@dataclass
class LookupOutcome:
    references: list[Reference]
    skipped: list[SkippedInput]
    requests: int  # sent over the network in this run, retries included


@dataclass
class _Result:
    registry: str
    candidates: Candidates
    best: MatchResult | None
    rivals: list[MatchResult]
    cached: bool


class _Run:
    """One stage run: the client, the store and the settings shared by the worker threads."""

    def __init__(self, settings: LookupSettings, client: RegistryClient, store: LookupStore) -> None:
        self.settings = settings
        self.client = client
        self.store = store
        self.offline_records = store.has_records()
        self.ttl = settings.ttl_days * 86400.0

    def fetcher(self, registry: str, sent: list[bool]) -> Fetch:
        def fetch(path: str, params: Mapping[str, str]) -> Response:
            key = request_key(registry, path, params)
            if not self.settings.refresh:
                hit = self.store.cached(key, self.ttl)
                if hit is not None:
                    return Response(hit[0], hit[1], cached=True)
            sent.append(True)
            resp = self.client.get(registry, path, params)
            if resp.status in (200, 404):
                self.store.keep(key, registry, path, resp.status, resp.body)
            return resp

        return fetch

    def from_store(self, registry: str, ref: Reference) -> Candidates | None:
        """Imported records of this registry that name the reference, or None to ask the network."""
        if not self.offline_records:
            return None
        doi = normalize_doi(ref.doi)
        if doi and (found := self.store.by_doi(registry, doi)):
            return Candidates(by="doi", records=found)
        pmid = (ref.pmid or "").strip()
        if pmid.isdigit() and (found := self.store.by_pmid(registry, pmid)):
            return Candidates(by="pmid", records=found)
        if ref.title and ref.authors and not doi and not pmid:
            family = family_key(ref.authors[0].family)
            block = self.store.by_author_year(registry, family, year_of(ref.year)) if family else []
            accepted = [r for r in block if compare(ref, r, by_identifier=False).decision != "no_match"]
            return Candidates(by="title", records=accepted) if accepted else None
        return None

    def ask(self, registry: str, ref: Reference) -> _Result | RegistryAnswer:
        stored = self.from_store(registry, ref)
        sent: list[bool] = []
        if stored is not None:
            candidates = stored
        else:
            try:
                candidates = _MODULES[registry](ref, self.fetcher(registry, sent))
            except FetchError as err:
                return RegistryAnswer(registry=registry, outcome="error", why=str(err))
            except (TypeError, ValueError, AttributeError, KeyError) as err:  # valid JSON of an unexpected shape
                why = f"unexpected answer from {registry} ({type(err).__name__})"
                return RegistryAnswer(registry=registry, outcome="error", why=why)
        by_identifier = candidates.by in ("doi", "pmid")
        best, rivals = best_match(ref, candidates.records, by_identifier=by_identifier)
        return _Result(registry, candidates, best, rivals, cached=not sent)

    def check(self, ref: Reference) -> Reference:
        why_not = _not_lookable(ref)
        if why_not:
            return ref.model_copy(update={"registry": RegistryCheck(status=RegistryStatus.NOT_CHECKED, why=why_not)})
        results: list[_Result] = []
        answers: list[RegistryAnswer] = []
        for registry in self.settings.registries:
            if registry == "europepmc" and not _wants_europepmc(ref, results):
                continue
            got = self.ask(registry, ref)
            if isinstance(got, RegistryAnswer):
                answers.append(got)
                continue
            results.append(got)
            answers.append(_answer(got))
        check = _verdict(ref, results, answers)
        used = [r.best.record for r in results if r.best and r.best.decision in ("match", "mismatch")]
        if check.status is RegistryStatus.MATCHED or (check.status is RegistryStatus.MISMATCH and used):
            ref = with_records(ref, used)
        ref = self.imported_notices(ref, used)
        return ref.model_copy(update={"registry": check})

    def imported_notices(self, ref: Reference, records: list[WorkRecord]) -> Reference:
        """Retraction Watch notices in the store, by the entry's DOI or a matched record's."""
        dois = {d for d in [normalize_doi(ref.doi), *(r.doi for r in records)] if d}
        ev = ref.evidence
        for doi in sorted(dois):
            for notice, source in self.store.notices(doi):
                if NOTICE_SEVERITY[notice.status] > NOTICE_SEVERITY[ev.retraction]:
                    reason = EvidenceReason(
                        field="retraction_list",
                        cue=f"doi match ({source}, lookup store)",
                        conclusion=f"retraction={notice.status.value}",
                    )
                    ev = ev.model_copy(
                        update={
                            "retraction": notice.status,
                            "retracted": notice.status is RetractionStatus.RETRACTED,
                            "retraction_source": notice.detail,
                            "reasons": [*ev.reasons, reason],
                        }
                    )
        return ref if ev is ref.evidence else ref.model_copy(update={"evidence": ev})


_UNLISTED = {
    SourceType.BOOK: "book",
    SourceType.CHAPTER: "book chapter",
    SourceType.THESIS: "thesis",
    SourceType.OTHER: "report or other work outside journals",
}


def _not_lookable(ref: Reference) -> str | None:
    if ref.doi or (ref.pmid or "").strip().isdigit():
        return None
    if ref.source_type in (SourceType.WEB_PAGE, SourceType.NEWS):
        return f"{ref.source_type.value.replace('_', ' ')} without a DOI: registries list scholarly works"
    if not ref.title:
        return "no DOI, PMID or title to look up"
    return None


def _wants_europepmc(ref: Reference, results: list[_Result]) -> bool:
    """Europe PMC adds an abstract or a preprint's record; otherwise it is not asked."""
    if ref.source_type is SourceType.PREPRINT or not results:
        return True
    return not any(r.best and r.best.decision == "match" and r.best.record.abstract for r in results)


def _answer(result: _Result) -> RegistryAnswer:
    best = result.best
    found = best is not None and best.decision != "no_match"
    return RegistryAnswer(
        registry=result.registry,
        outcome="found" if found else "not_found",
        by=result.candidates.by,
        id=best.record.id if found and best else None,
        score=best.score if best else None,
        why=None if found else (result.candidates.why or f"no record matches the {result.candidates.by}"),
        cached=result.cached,
    )


def _scholarly(ref: Reference) -> bool:
    return bool(ref.doi or ref.pmid) or ref.source_type in (SourceType.JOURNAL_ARTICLE, SourceType.PREPRINT)


def _verdict(ref: Reference, results: list[_Result], answers: list[RegistryAnswer]) -> RegistryCheck:
    def build(status: RegistryStatus, m: MatchResult | None = None, **extra: object) -> RegistryCheck:
        return RegistryCheck(
            status=status,
            source=m.record.source if m else None,
            id=m.record.id if m else None,
            score=m.score if m else None,
            differences=list(m.differences) if m else [],
            checked=answers,
            **extra,  # type: ignore[arg-type]
        )

    found = [r.best for r in results if r.best and r.best.decision != "no_match"]
    other = [m for m in found if m.decision == "other_work"]
    if other:
        return build(RegistryStatus.MISMATCH, other[0], why="the identifier belongs to another work")
    matched = sorted((m for m in found if m.decision == "match"), key=lambda m: -m.score)
    mismatched = [m for m in found if m.decision == "mismatch"]
    if mismatched:
        return build(RegistryStatus.MISMATCH, mismatched[0])
    rivals = [r for r in results if r.rivals]
    if matched and not rivals:
        return build(RegistryStatus.MATCHED, matched[0])
    if rivals:
        r = rivals[0]
        ids = [m.record.id for m in [r.best, *r.rivals] if m]
        return build(
            RegistryStatus.AMBIGUOUS, why=f"{r.registry} has {len(ids)} works that fit equally well", candidates=ids
        )
    answered = [a for a in answers if a.outcome != "error"]
    errors = [a for a in answers if a.outcome == "error"]
    if errors:  # a registry that could not be asked may hold the work: no conclusion
        failed = "; ".join(f"{a.registry}: {a.why}" for a in errors)
        rest = f"; {', '.join(a.registry for a in answered)} know no such work" if answered else ""
        return build(RegistryStatus.NOT_CHECKED, why=f"{failed}{rest}")
    if answered and _scholarly(ref):
        asked = ", ".join(a.registry for a in answered)
        misses = "; ".join(f"{a.registry}: {a.why}" for a in answered)
        return build(RegistryStatus.NOT_FOUND, why=f"no record in {asked} ({misses})")
    if answered:
        kind = _UNLISTED.get(ref.source_type, "work of this kind")
        return build(RegistryStatus.NOT_CHECKED, why=f"no registry record, and registries do not list every {kind}")
    return build(RegistryStatus.NOT_CHECKED, why="no registry asked")


def _skipped(references: list[Reference]) -> list[SkippedInput]:
    """One entry per registry that failed, with how many references it left unanswered."""
    failures: dict[str, list[str]] = {}
    for ref in references:
        for answer in ref.registry.checked if ref.registry else []:
            if answer.outcome == "error":
                failures.setdefault(answer.registry, []).append(answer.why or "error")
    return [
        SkippedInput(
            what="registry lookup",
            where=registry,
            why=f"{whys[0]} ({len(whys)} of {len(references)} references not answered by {registry})",
        )
        for registry, whys in failures.items()
    ]


def lookup_references(
    references: list[Reference],
    settings: LookupSettings,
    *,
    client: RegistryClient | None = None,
    store: LookupStore | None = None,
) -> LookupOutcome:
    """Each reference with its ``registry`` verdict and, when matched, its evidence re-assessed."""
    own_client = client is None
    own_store = store is None
    if client is None:
        client = RegistryClient(
            settings.base_urls,
            tool_version=settings.tool_version,
            mailto=settings.mailto,
            ncbi_api_key=settings.ncbi_api_key,
            timeout=settings.timeout,
            retries=settings.retries,
            backoff=settings.backoff,
            rates=settings.rates,
        )
    if store is None:
        from references.lookup.store import default_store_path

        store = LookupStore(settings.store_path or default_store_path())
    before = client.requests
    try:
        run = _Run(settings, client, store)
        with ThreadPoolExecutor(max_workers=max(1, settings.concurrency)) as pool:
            checked = list(pool.map(run.check, references))
    finally:
        if own_client:
            client.close()
        if own_store:
            store.close()
    return LookupOutcome(checked, _skipped(checked), client.requests - before)
