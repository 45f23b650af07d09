"""The pipeline: the one function that calls every stage, in order.

    Document ─► reference list found ─► sentences, markers, claims ─► features
             ─► references (in the document and/or external files) ─► evidence, retractions
             ─► links ─► rules ─► Report

Stages never call each other sideways; each takes models and returns models.
Nothing here prints; only the loaders at the start read files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from claims.direction import direction
from claims.document import analyze_document
from claims.errors import InputError
from claims.features import checkworthiness, describe, find_continuations
from claims.gcpause import paused_gc
from claims.models import Claim, Document, UnitKind
from claims.quantities import find_quantities
from claims.spans import LineIndex, with_updates
from references.evidence import assess
from references.linking import link
from references.loaders import load_reference_file
from references.models import Link, LinkStatus, Reference, SkippedInput
from references.reflist import find_reference_list
from references.retractions import RetractionIndex, apply
from verifier import __version__
from verifier.against import AGAINST_RULES, compare_documents
from verifier.config import VerifierConfig
from verifier.engine import run_rules
from verifier.judges import get_judge
from verifier.models import Finding, InputInfo, Report, Summary, ToolInfo
from verifier.registry import active_rules
from verifier.rules.base import Rule, RuleContext, claim_view


@dataclass
class Inputs:
    """Everything besides the manuscript that a run may use."""

    reference_files: Sequence[str] = ()
    sources: dict[str, str] = field(default_factory=dict)  # reference key -> source text
    retractions_path: str | None = None  # Retraction Watch CSV or a DOI list
    against: Sequence[Document] = ()  # documents whose claims this one should agree with


SOURCE_SUFFIXES = (".txt", ".md", ".abstract")


def read_sources(folder: Path) -> dict[str, str]:
    """``--sources DIR``: one file per reference key (``12.txt``, ``smith2020.md``)."""
    if not folder.is_dir():
        raise InputError(f"{folder}: --sources needs a folder with one file per reference key")
    out: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in SOURCE_SUFFIXES:
            out[path.stem] = path.read_text(encoding="utf-8", errors="replace")
    return out


def describe_claims(doc: Document) -> Document:
    """Fill each claim's features: certainty, causality, population, direction, quantities,
    check-worthiness; and record which unmarked claims continue a cited one.

    The copies are built with ``with_updates`` and every field of a described claim and of its
    features is set (``continues`` too, ``None`` when it continues nothing), so all claims and
    all features share one fields-set each instead of a 728-byte set per model."""
    lines = LineIndex(doc.text)
    kinds = {s.span.start: s.kind for s in doc.sentences}
    described: list[Claim] = []
    for claim in doc.claims:
        view = claim_view(doc.text, lines, claim)
        features = describe(view)
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


def grade_references(refs: list[Reference], retractions_path: str | None) -> list[Reference]:
    graded = [assess(r) for r in refs]
    if retractions_path:
        graded = apply(graded, retraction_index(retractions_path))
    return graded


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


def compare_against(ctx: RuleContext, others: Sequence[Document], rules: list[Rule]) -> list[Finding]:
    """``--against``: A's claims checked against each other document's claims or text,
    with the configured instances of the source-comparing rules (so selection and
    severities apply)."""
    wanted = tuple(r for r in rules if type(r) in AGAINST_RULES)
    if not wanted:
        return []
    findings: list[Finding] = []
    for other in others:
        described = describe_claims(analyze_document(other, exclude=_reference_ranges(other)))
        findings.extend(compare_documents(ctx, described, wanted))
    return findings


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
    reflist = find_reference_list(doc.text)
    doc = analyze_document(doc, exclude=[(reflist.start, reflist.end)] if reflist else [])
    doc = doc.model_copy(
        update={"reference_section": LineIndex(doc.text).span(reflist.start, reflist.end) if reflist else None}
    )
    doc = describe_claims(doc)

    external, skipped = load_references(inputs.reference_files)
    in_document = list(reflist.entries) if reflist else []
    references = grade_references(external or in_document, inputs.retractions_path)

    result = link(doc.claims, references)
    links = list(result.links)
    links.extend(continuation_links(doc, links))
    links.sort(key=lambda lk: (lk.marker_span.start, lk.claim_id))

    sources = {r.key: r.abstract for r in references if r.abstract}
    sources.update(inputs.sources)
    ctx = RuleContext.build(
        doc,
        references,
        links,
        has_reference_list=bool(references),
        sources=sources,
        judge=config.judge,
        judge_model=config.judge_model,
    )
    rules = active_rules(config, doc.path)
    if any(isinstance(rule, AGAINST_RULES) for rule in rules):
        get_judge(config.judge, config.judge_model)  # a bad judge setting is a configuration error, not a skipped rule
    engine = run_rules(ctx, rules, warn_unused_ignores=config.warn_unused_ignores)
    findings = engine.findings
    skipped.extend(engine.skipped)
    if inputs.against:
        findings = sorted(
            [*findings, *compare_against(ctx, inputs.against, rules)],
            key=lambda f: (f.span.start, f.span.end, f.code),
        )

    summary = Summary(
        claims=len(doc.claims),
        checkworthy_claims=sum(c.checkworthy for c in doc.claims),
        markers=sum(len(c.markers) for c in doc.claims),
        references=len(references),
        findings_by_code=dict(sorted(Counter(f.code for f in findings).items())),
        findings_by_severity=dict(sorted(Counter(f.severity.value for f in findings).items())),
    )
    return Report(
        tool=ToolInfo(name="verifier", version=__version__),
        input=InputInfo(
            path=doc.path,
            sha256=doc.sha256,
            format=doc.format,
            encoding=doc.encoding,
            size=len(doc.text),
            reference_files=[str(Path(p)) for p in inputs.reference_files],
        ),
        claims=doc.claims,
        references=references,
        links=links,
        findings=findings,
        skipped=skipped,
        summary=summary,
    )
