"""Presentation facts every human-readable format shares: severity order, labels
and icons, and a claim's verdict (its worst finding). Nothing here judges a claim."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from verifier.models import Finding, Report, Severity, Summary


class Verdict(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    SUPPORTED = "supported"  # checked, nothing found (the value is kept: CSS classes and tools use it)
    NOT_CHECKED = "not-checked"
    NOT_CHECKWORTHY = "not-checkworthy"


SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)

LABELS: dict[Verdict, str] = {
    Verdict.ERROR: "error",
    Verdict.WARNING: "warning",
    Verdict.INFO: "info",
    Verdict.SUPPORTED: "checked, nothing found",
    Verdict.NOT_CHECKED: "not checked",
    Verdict.NOT_CHECKWORTHY: "not check-worthy",
}

# Shapes differ as well as colours, so no reader depends on colour alone.
ICONS: dict[Verdict, str] = {
    Verdict.ERROR: "\u2716",  # heavy multiplication x
    Verdict.WARNING: "\u26a0",  # warning sign
    Verdict.INFO: "\u2139",  # information source
    Verdict.SUPPORTED: "\u25cb",  # white circle: looked at, nothing found (a check mark read as "verified")
    Verdict.NOT_CHECKED: "\u2013",  # en dash: not looked at
    Verdict.NOT_CHECKWORTHY: "\u00b7",  # middle dot
}


def by_severity(findings: Iterable[Finding]) -> list[tuple[Severity, list[Finding]]]:
    """Findings grouped worst first, each group in document order; empty groups left out."""
    groups: dict[Severity, list[Finding]] = {s: [] for s in SEVERITY_ORDER}
    for finding in findings:
        groups[finding.severity].append(finding)
    return [
        (sev, sorted(items, key=lambda f: (f.span.start, f.span.end, f.code))) for sev, items in groups.items() if items
    ]


def claim_verdicts(report: Report) -> dict[str, Verdict]:
    """Each claim's verdict: the worst severity of the findings that name it (as
    ``claim_id`` or a related claim); else not check-worthy, not checked (the
    report's ``unchecked_claims``), or checked with nothing found."""
    worst: dict[str, Severity] = {}
    for finding in report.findings:
        ids = [finding.claim_id] if finding.claim_id else []
        for claim_id in [*ids, *finding.related_claim_ids]:
            current = worst.get(claim_id)
            if current is None or finding.severity.rank > current.rank:
                worst[claim_id] = finding.severity
    unchecked = {u.claim_id for u in report.unchecked_claims}
    verdicts: dict[str, Verdict] = {}
    for claim in report.claims:
        if claim.id in worst:
            verdicts[claim.id] = Verdict(worst[claim.id].value)
        elif not claim.checkworthy:
            verdicts[claim.id] = Verdict.NOT_CHECKWORTHY
        else:
            verdicts[claim.id] = Verdict.NOT_CHECKED if claim.id in unchecked else Verdict.SUPPORTED
    return verdicts


def marker_counts(summary: Summary) -> tuple[int, int]:
    """``(citation markers, author mentions)``: one definition for every format (``Summary``'s docstring).
    A report written before the two were counted apart has all its markers counted as citations."""
    if summary.citation_markers + summary.author_mentions == summary.markers:
        return summary.citation_markers, summary.author_mentions
    return summary.markers, 0


def marker_phrase(summary: Summary) -> str:
    """'60 citation markers, 8 author mentions' (the mentions left out when there are none)."""
    cited, mentions = marker_counts(summary)
    phrase = f"{cited} citation marker{'' if cited == 1 else 's'}"
    return phrase + (f", {mentions} author mention{'' if mentions == 1 else 's'}" if mentions else "")


def document_level(finding: Finding) -> bool:
    """A finding that names no claim and no reference is about the whole document ("60 citation
    markers, but no reference list"): reports put these first."""
    return finding.claim_id is None and not finding.related_claim_ids and not finding.reference_keys
