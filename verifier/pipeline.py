"""The pipeline: the one function that calls every stage, in order.

    Document ─► reference list found ─► sentences, markers, claims ─► features
             ─► references (in the document and/or external files) ─► evidence, retractions
             ─► registry lookups (only when on) ─► links ─► in-text evidence ─► the document's own design
             ─► rules ─► Report

Stages never call each other sideways; each takes models and returns models.
Nothing here prints; only the loaders at the start read files.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from claims.direction import direction
from claims.document import analyze_document
from claims.errors import InputError
from claims.features import checkworthiness, describe, find_continuations
from claims.features.certainty import NO_EXTRA_CUES, ExtraCues
from claims.files import read_regular
from claims.gcpause import paused_gc
from claims.models import Claim, Document, UnitKind
from claims.pages import paginate
from claims.quantities import find_quantities
from claims.spans import LineIndex, with_updates
from references.evidence import assess
from references.evidence.in_text import apply_in_text, describe_cited_works
from references.fields import bibliography_range, field_references
from references.linking import link
from references.loaders import load_reference_file
from references.models import Link, LinkStatus, Reference, SkippedInput
from references.own_design import document_design
from references.records import apply_records
from references.reflist import find_reference_list
from references.retractions import RetractionIndex, apply
from verifier import __version__
from verifier.against import AGAINST_RULES, against_context
from verifier.config import VerifierConfig
from verifier.coverage import unchecked_claims
from verifier.deadline import Deadline
from verifier.engine import run_rules
from verifier.judges import get_judge
from verifier.models import InputInfo, Report, Summary, ToolInfo
from verifier.registry import active_rules
from verifier.rules.base import Rule, RuleContext, claim_view

if TYPE_CHECKING:  # the lookup stage (httpx, sqlite) is imported only when lookups are on
    from references.lookup.stage import LookupSettings


@dataclass
class Inputs:
    """Everything besides the manuscript that a run may use."""

    reference_files: Sequence[str] = ()
    sources: dict[str, str] = field(default_factory=dict)  # reference key -> source text
    retractions_path: str | None = None  # Retraction Watch CSV or a DOI list
    against: Sequence[Document] = ()  # documents whose claims this one should agree with
    lookup_refresh: bool = False  # ``--refresh``: ask the registries again instead of the cache


SOURCE_SUFFIXES = (".txt", ".md", ".abstract")
TIME_LIMIT_REASON = "not checked: the per-document time limit was reached first"


def source_files(folder: Path | None) -> list[str]:
    """The files ``--sources DIR`` reads: one per reference key (``12.txt``, ``smith2020.md``)."""
    if folder is None:
        return []
    if not folder.is_dir():
        raise InputError(f"{folder}: --sources needs a folder with one file per reference key")
    return [str(p) for p in sorted(folder.iterdir()) if p.suffix.lower() in SOURCE_SUFFIXES and not p.is_dir()]


def read_sources(folder: Path) -> dict[str, str]:
    """``--sources DIR``: each source's text by reference key; a FIFO, device or oversized file
    among them is refused with one line (``read_regular``)."""
    return {
        Path(path).stem: read_regular(path, what="source").decode("utf-8", errors="replace")
        for path in source_files(folder)
    }


def extra_cues(config: VerifierConfig) -> ExtraCues:
    """The configuration's ``extend-hedges``, ``extend-boosters`` and ``extend-absolutes`` words."""
    return ExtraCues(tuple(config.extend_hedges), tuple(config.extend_boosters), tuple(config.extend_absolutes))


def describe_claims(doc: Document, extra: ExtraCues = NO_EXTRA_CUES, deadline: Deadline | None = None) -> Document:
    """Fill each claim's features: certainty, causality, population, direction, quantities,
    check-worthiness; and record which unmarked claims continue a cited one. ``extra``: the
    configuration's own certainty cue words.

    The copies are built with ``with_updates`` and every field of a described claim and of its
    features is set (``continues`` too, ``None`` when it continues nothing), so all claims and
    all features share one fields-set each instead of a 728-byte set per model.

    Past the ``deadline`` the remaining claims keep empty features and are not check-worthy
    (so no rule reads them); the caller lists them as skipped."""
    lines = LineIndex(doc.text)
    kinds = {s.span.start: s.kind for s in doc.sentences}
    described: list[Claim] = []
    for claim in doc.claims:
        if deadline is not None and deadline.expired():
            features = with_updates(claim.features, {"checkworthy_reason": TIME_LIMIT_REASON})
            described.append(with_updates(claim, {"features": features, "checkworthy": False}))
            continue
        view = claim_view(doc.text, lines, claim)
        features = describe(view, extra)
        dir_, negated, dir_cues = direction(view)
        worthy, reason = checkworthiness(
            view,
            kind=kinds.get(claim.span.start, UnitKind.PROSE),
            section=claim.section,
            has_markers=bool(claim.markers),
        )
        features = with_updates(
            features,
            {
                "direction": dir_,
                "negated": negated,
                "cues": [*features.cues, *dir_cues],
                "quantities": find_quantities(view),
                "checkworthy_reason": reason,
            },
        )
        described.append(with_updates(claim, {"features": features, "checkworthy": worthy}))
    doc = doc.model_copy(update={"claims": described})
    continues = find_continuations(doc)
    return doc.model_copy(update={"claims": [with_updates(c, {"continues": continues.get(c.id)}) for c in doc.claims]})


def _undescribed(doc: Document, deadline: Deadline) -> list[SkippedInput]:
    """The claims ``describe_claims`` left without features because the time limit passed."""
    if not deadline.expired():
        return []
    first = next((c for c in doc.claims if c.features.checkworthy_reason == TIME_LIMIT_REASON), None)
    if first is None:
        return []
    return [SkippedInput(what="claim features from here on", where=f"line {first.span.line}", why=deadline.why())]


def continuation_links(doc: Document, links: list[Link]) -> list[Link]:
    """A claim that continues a cited claim inherits its references, marked as continuation."""
    by_claim: dict[str, list[Link]] = {}
    for lk in links:
        by_claim.setdefault(lk.claim_id, []).append(lk)
    out: list[Link] = []
    for claim in doc.claims:
        if claim.continues is None:
            continue
        for cited in by_claim.get(claim.continues, []):
            if cited.status is LinkStatus.LINKED:
                out.append(
                    cited.model_copy(
                        update={
                            "claim_id": claim.id,
                            "status": LinkStatus.CONTINUATION,
                            "note": f"supported by the citation {cited.marker_text} of claim {claim.continues}",
                        }
                    )
                )
    return out


def load_references(files: Sequence[str]) -> tuple[list[Reference], list[SkippedInput]]:
    refs: list[Reference] = []
    skipped: list[SkippedInput] = []
    for path in files:
        loaded, bad = load_reference_file(path)
        refs.extend(loaded)
        skipped.extend(bad)
    return refs, skipped


def named_bibliography(doc: Document) -> list[str]:
    """The .bib files the manuscript itself names (``\\bibliography{}``, YAML ``bibliography:``)
    that exist: used when no ``--refs`` is given."""
    return [path for path in doc.bibliography if Path(path).is_file()]


def grade_references(refs: list[Reference], retractions_path: str | None) -> list[Reference]:
    graded = [assess(r) for r in refs]
    if retractions_path:
        graded = apply(graded, retraction_index(retractions_path))
    return graded


def lookup_settings(config: VerifierConfig, refresh: bool = False) -> LookupSettings:
    """The lookup stage's settings from ``[tool.verifier]``; a relative ``lookup-cache`` is
    relative to the configuration file, and ``NCBI_API_KEY`` stands in for ``ncbi-api-key``."""
    from references.lookup.stage import REGISTRIES, LookupSettings
    from references.lookup.store import default_store_path

    cache = config.lookup_cache
    if cache and config.source and not Path(cache).expanduser().is_absolute():
        cache = str(Path(config.source).parent / cache)
    return LookupSettings(
        registries=tuple(r for r in REGISTRIES if r in config.lookups),
        store_path=default_store_path(cache),
        base_urls={k: v for k, v in config.lookup_urls.model_dump().items() if v},
        mailto=config.mailto,
        ncbi_api_key=config.ncbi_api_key or os.environ.get("NCBI_API_KEY") or None,
        ttl_days=config.lookup_ttl_days,
        refresh=refresh,
        timeout=config.lookup_timeout,
        retries=config.lookup_retries,
        backoff=config.lookup_backoff,
        concurrency=config.lookup_concurrency,
        rates={k: v for k, v in config.lookup_rates.items()},
        tool_version=__version__,
    )


def retraction_index(path: str) -> RetractionIndex:
    """The loaded list, reused while the file is unchanged: a many-manuscript run reads a
    60,000-row Retraction Watch file once, not once per paper."""
    try:
        info = Path(path).stat()
    except OSError:
        return RetractionIndex.load(path)  # its own error message says what is wrong
    return _cached_index(str(Path(path).resolve()), info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=4)
def _cached_index(path: str, mtime_ns: int, size: int) -> RetractionIndex:
    return RetractionIndex.load(path)


def against_runs(
    ctx: RuleContext, others: Sequence[Document], rules: list[Rule], extra: ExtraCues = NO_EXTRA_CUES
) -> list[tuple[RuleContext, list[Rule]]]:
    """``--against``: a context per other document in which A's claims cite it, with the configured
    instances of the source-comparing rules (so selection and severities apply); the engine runs them
    with A's suppressions and its crash guard."""
    wanted = [r for r in rules if type(r) in AGAINST_RULES]
    if not wanted:
        return []
    runs = []
    for other in others:
        described = describe_claims(analyze_document(other, exclude=_reference_ranges(other)), extra)
        runs.append((against_context(ctx, described), wanted))
    return runs


def _reference_ranges(doc: Document) -> list[tuple[int, int]]:
    reflist = find_reference_list(doc.text)
    return [(reflist.start, reflist.end)] if reflist else []


def analyze(doc: Document, config: VerifierConfig, inputs: Inputs | None = None) -> Report:
    """Run every stage on one decoded document and return its report.

    The cyclic garbage collector is paused for the run (``claims.gcpause``): the stages build
    ~10^5 models and findings per MB, none in cycles, and the collections they would trigger
    traverse the whole growing heap, which made the pipeline superlinear."""
    with paused_gc():
        return _analyze(doc, config, inputs or Inputs())


def _analyze(doc: Document, config: VerifierConfig, inputs: Inputs) -> Report:
    deadline = Deadline(config.time_limit)
    reflist = find_reference_list(doc.text)
    section = (reflist.start, reflist.end) if reflist else None
    in_document = apply_records(reflist.entries, doc.records) if reflist else []
    if doc.fields:  # a DOCX with citation-manager fields: their records are the references
        section = bibliography_range(doc) or section
        in_document = field_references(doc) or in_document
    doc = analyze_document(doc, exclude=[section] if section else [])
    doc = doc.model_copy(update={"reference_section": LineIndex(doc.text).span(*section) if section else None})
    extra = extra_cues(config)
    doc = describe_claims(doc, extra, deadline)

    reference_files = list(inputs.reference_files) or named_bibliography(doc)
    external, skipped = load_references(reference_files)
    skipped = [*(SkippedInput(what=s.what, where=s.where, why=s.why) for s in doc.skipped), *skipped]
    skipped.extend(_undescribed(doc, deadline))
    if not doc.claims:
        why = "no sentence to check was found (only headings, markup, lists or boilerplate): nothing was checked"
        skipped.append(SkippedInput(what="manuscript", where=doc.path, why=why))
    references = grade_references(external or in_document, inputs.retractions_path)
    if config.lookups and references:
        from references.lookup.stage import lookup_references

        looked_up = lookup_references(references, lookup_settings(config, inputs.lookup_refresh))
        references = looked_up.references
        skipped.extend(looked_up.skipped)

    result = link(doc.claims, references)
    links = list(result.links)
    links.extend(continuation_links(doc, links))
    links.sort(key=lambda lk: (lk.marker_span.start, lk.claim_id))
    described = describe_cited_works(doc, links)
    references = apply_in_text(references, described)

    sources = {r.key: r.abstract for r in references if r.abstract}
    sources.update(inputs.sources)
    design = document_design(doc)
    ctx = RuleContext.build(
        doc,
        references,
        links,
        has_reference_list=bool(references),
        sources=sources,
        described=described,
        extra_cues=extra,
        design=design,
        judge=config.judge,
        judge_model=config.judge_model,
    )
    rules = active_rules(config, doc.path)
    if any(isinstance(rule, AGAINST_RULES) for rule in rules):
        get_judge(config.judge, config.judge_model)  # a bad judge setting is a configuration error, not a skipped rule
    also = against_runs(ctx, inputs.against, rules, extra) if inputs.against else []
    engine = run_rules(ctx, rules, warn_unused_ignores=config.warn_unused_ignores, also=also, deadline=deadline)
    findings = engine.findings
    skipped.extend(engine.skipped)

    summary = Summary(
        claims=len(doc.claims),
        checkworthy_claims=sum(c.checkworthy for c in doc.claims),
        markers=sum(len(c.markers) for c in doc.claims),
        references=len(references),
        citation_markers=sum(m.cites for c in doc.claims for m in c.markers),
        author_mentions=sum(not m.cites for c in doc.claims for m in c.markers),
        findings_by_code=dict(sorted(Counter(f.code for f in findings).items())),
        findings_by_severity=dict(sorted(Counter(f.severity.value for f in findings).items())),
    )
    report = Report(
        tool=ToolInfo(name="verifier", version=__version__),
        input=InputInfo(
            path=doc.path,
            sha256=doc.sha256,
            format=doc.format,
            encoding=doc.encoding,
            size=len(doc.text),
            reference_files=[str(Path(p)) for p in reference_files],
        ),
        claims=doc.claims,
        references=references,
        links=links,
        in_text_evidence=described,
        findings=findings,
        skipped=skipped,
        summary=summary,
        unchecked_claims=unchecked_claims(doc.claims, links, engine.ran, has_references=bool(references)),
        design=design,
    )
    return paginate(report, doc.pages)
