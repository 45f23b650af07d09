"""The rule interface: declared metadata plus a pure ``check`` over a read-only context.

A rule is a class with a stable ``code`` (``^(CIT|SUP|OVR|CON|STA)\\d{3}$``), a
kebab-case ``name`` naming the problem, a default severity, a scope, and a
docstring with the sections ``## What it flags``, ``## Why it matters``,
``## Example`` (a flagged sentence, ``Use instead:``, a fixed one),
``## Known problems``, ``## Options`` and ``## References``. ``check`` yields
findings and never prints, reads files or touches the network.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict

from claims.features.certainty import NO_EXTRA_CUES, ExtraCues
from claims.models import Claim, Document, Span
from claims.normalize import claim_view
from claims.spans import LineIndex, SentenceView, build_valid
from references.models import DocumentDesign, InTextEvidence, Link, LinkStatus, Reference
from verifier.models import Confidence, Finding, Severity, Suggestion, Trigger

T = TypeVar("T")


class Scope(str, Enum):
    DOCUMENT = "document"
    CLAIM = "claim"
    REFERENCE = "reference"
    PAIR = "pair"


class Status(str, Enum):
    PREVIEW = "preview"
    STABLE = "stable"
    DEPRECATED = "deprecated"
    REMOVED = "removed"


class NoOptions(BaseModel):
    """Options model for a rule that takes none."""

    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may read, built once per document by the engine."""

    document: Document
    references: list[Reference]
    links: list[Link]
    lines: LineIndex
    has_reference_list: bool = False
    sources: Mapping[str, str] = field(default_factory=dict)  # reference key -> source text (abstract)
    extra_cues: ExtraCues = NO_EXTRA_CUES  # the configuration's own certainty words, for reading sources too
    references_by_key: dict[str, Reference] = field(default_factory=dict)
    links_by_claim: dict[str, list[Link]] = field(default_factory=dict)
    # Works cited but not in any reference list, as the manuscript's own sentences describe them.
    described_unlisted: dict[str, Reference] = field(default_factory=dict)
    design: DocumentDesign = field(default_factory=DocumentDesign)  # the document's own study (references.own_design)
    judge: str = "builtin"  # the claim-vs-source judge (``verifier.judges``) the source rules ask
    judge_model: str | None = None  # its model file, folder or name, when not the default
    # Normalized views of claims, built on first use by ``view`` and shared by every rule.
    _views: dict[tuple[int, str], SentenceView] = field(default_factory=dict, init=False, repr=False, compare=False)
    _memo: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        document: Document,
        references: list[Reference],
        links: list[Link],
        *,
        has_reference_list: bool,
        sources: Mapping[str, str] | None = None,
        described: list[InTextEvidence] | None = None,
        extra_cues: ExtraCues = NO_EXTRA_CUES,
        design: DocumentDesign | None = None,
        judge: str = "builtin",
        judge_model: str | None = None,
    ) -> RuleContext:
        by_claim: dict[str, list[Link]] = {}
        for link in links:
            by_claim.setdefault(link.claim_id, []).append(link)
        return cls(
            document=document,
            references=references,
            links=links,
            lines=LineIndex(document.text),
            has_reference_list=has_reference_list,
            sources=dict(sources or {}),
            extra_cues=extra_cues,
            references_by_key={r.key: r for r in references},
            links_by_claim=by_claim,
            described_unlisted={
                d.key: Reference(key=d.key, evidence=d.evidence) for d in described or () if d.reference_key is None
            },
            design=design or DocumentDesign(),
            judge=judge,
            judge_model=judge_model,
        )

    @property
    def claims(self) -> list[Claim]:
        return self.document.claims

    def span(self, start: int, end: int) -> Span:
        return self.lines.span(start, end)

    def view(self, claim: Claim) -> SentenceView:
        """The claim's text normalized (hard wraps joined, hyphenation repaired), with spans that
        index the whole document. Built once per claim and shared: rules asked for it again and
        again, and normalizing was a tenth of the rules' run time."""
        key = (claim.span.start, claim.text)
        view = self._views.get(key)
        if view is None:
            view = self._views[key] = claim_view(self.document.text, self.lines, claim)
        return view

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """A value derived from this context, built on the first request and shared by every rule
        asking with the same ``key`` (the document's abbreviations, a claim's propositions), so
        rules that read the same thing do not each compute it again."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = build()
            return value

    def cited_references(self, claim: Claim, *, include_continuation: bool = True) -> list[Reference]:
        """The entries a claim's links resolve to, in order, without repeats."""
        seen: set[str] = set()
        out: list[Reference] = []
        for link in self.links_by_claim.get(claim.id, []):
            if link.reference_key is None or link.reference_key in seen:
                continue
            if link.status is LinkStatus.CONTINUATION and not include_continuation:
                continue
            if link.status in (LinkStatus.LINKED, LinkStatus.CONTINUATION):
                ref = self.references_by_key.get(link.reference_key)
                if ref is not None:
                    seen.add(ref.key)
                    out.append(ref)
        return out

    def cited_evidence(self, claim: Claim, *, include_continuation: bool = True) -> list[Reference]:
        """The works a claim cites as the evidence rules weigh them: its listed entries (with what
        the manuscript says about them merged in), and for citations no list resolves, what the
        manuscript's own sentences say about them ("[13]" described as "in rhesus monkeys").
        A claim citing an unlisted work the text does not describe gets nothing for it."""
        out = self.cited_references(claim, include_continuation=include_continuation)
        seen = {r.key for r in out}
        for link in self.links_by_claim.get(claim.id, []):
            if link.status is LinkStatus.DANGLING and link.cited not in seen:
                described = self.described_unlisted.get(link.cited)
                if described is None:
                    return []  # one cited work is unknown: rules that weigh evidence stay silent
                seen.add(link.cited)
                out.append(described)
        return out


class Rule:
    """Base class for every rule; subclasses declare metadata and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    scope: ClassVar[Scope] = Scope.CLAIM
    status: ClassVar[Status] = Status.STABLE
    since: ClassVar[str] = "0.1.0"
    # Needs cited works to weigh: listed entries, or unlisted ones the manuscript describes.
    needs_references: ClassVar[bool] = False
    needs_lookups: ClassVar[bool] = False  # reads ``Reference.registry``: silent unless lookups are on
    options_model: ClassVar[type[BaseModel]] = NoOptions

    def __init__(self, options: BaseModel | None = None, severity: Severity | None = None) -> None:
        self.options = options if options is not None else self.options_model()
        self.severity = severity or self.default_severity
        self.url: str | None = None  # the rule's documentation, set from ``docs-url`` by the registry

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring: the rule's short description."""
        return (cls.__doc__ or "").strip().splitlines()[0].strip()

    def finding(
        self,
        ctx: RuleContext,
        *,
        start: int,
        end: int,
        message: str,
        claim_id: str | None = None,
        reference_keys: list[str] | None = None,
        evidence: list[Trigger] | None = None,
        suggestion: str | None = None,
        replacement: str | None = None,
        confidence: Confidence = Confidence.MEDIUM,
        severity: Severity | None = None,
        related_claim_ids: list[str] | None = None,
    ) -> Finding:
        """Build a finding whose ``quoted`` text is exactly ``document.text[start:end]``.

        When every argument already has the declared type (the usual case) the finding is built
        without re-validation (``claims.spans.build_valid``); anything else goes through the
        validating constructor, which coerces or rejects it."""
        values: dict[str, Any] = {  # Any: values of unexpected types go to the validating constructor
            "code": self.code,
            "name": self.name,
            "severity": severity or self.severity,
            "confidence": confidence,
            "message": message,
            "span": ctx.span(start, end),
            "quoted": ctx.document.text[start:end],
            "claim_id": claim_id,
            "related_claim_ids": list(related_claim_ids) if related_claim_ids else [],
            "reference_keys": list(reference_keys) if reference_keys else [],
            "evidence": list(evidence) if evidence else [],
            "suggestion": Suggestion(title=suggestion, replacement=replacement) if suggestion else None,
            "url": self.url,
        }
        if self.url is None:
            del values["url"]  # left unset, as the constructor leaves it
        if not _valid_finding_values(values):
            return Finding(**values)
        return build_valid(Finding, {**values, "url": self.url}, fields_set=set(values))


def _valid_finding_values(v: dict[str, object]) -> bool:
    """Whether ``Rule.finding``'s values have exactly the types ``Finding`` declares."""
    return (
        type(v["code"]) is str
        and type(v["name"]) is str
        and type(v["message"]) is str
        and type(v["severity"]) is Severity
        and type(v["confidence"]) is Confidence
        and type(v["span"]) is Span
        and (v["claim_id"] is None or type(v["claim_id"]) is str)
        and type(v.get("url", "")) is str
        and type(v["related_claim_ids"]) is list
        and all(type(x) is str for x in v["related_claim_ids"])  # type: ignore[attr-defined]
        and type(v["reference_keys"]) is list
        and all(type(x) is str for x in v["reference_keys"])  # type: ignore[attr-defined]
        and type(v["evidence"]) is list
        and all(type(x) is Trigger for x in v["evidence"])  # type: ignore[attr-defined]
    )
