"""Presentation facts every human-readable format shares: severity order, labels
and icons, and a claim's verdict (its worst finding). Nothing here judges a claim."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from verifier.models import Finding, Report, Severity


class Verdict(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    SUPPORTED = "supported"
    NOT_CHECKWORTHY = "not-checkworthy"


SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)

LABELS: dict[Verdict, str] = {
    Verdict.ERROR: "error",
    Verdict.WARNING: "warning",
    Verdict.INFO: "info",
    Verdict.SUPPORTED: "no finding",
    Verdict.NOT_CHECKWORTHY: "not check-worthy",
}

# Shapes differ as well as colours, so no reader depends on colour alone.
ICONS: dict[Verdict, str] = {
    Verdict.ERROR: "\u2716",  # heavy multiplication x
    Verdict.WARNING: "\u26a0",  # warning sign
    Verdict.INFO: "\u2139",  # information source
    Verdict.SUPPORTED: "\u2713",  # check mark
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
    ``claim_id`` or a related claim), else supported / not check-worthy."""
    worst: dict[str, Severity] = {}
    for finding in report.findings:
        ids = [finding.claim_id] if finding.claim_id else []
        for claim_id in [*ids, *finding.related_claim_ids]:
            current = worst.get(claim_id)
            if current is None or finding.severity.rank > current.rank:
                worst[claim_id] = finding.severity
    verdicts: dict[str, Verdict] = {}
    for claim in report.claims:
        if claim.id in worst:
            verdicts[claim.id] = Verdict(worst[claim.id].value)
        else:
            verdicts[claim.id] = Verdict.SUPPORTED if claim.checkworthy else Verdict.NOT_CHECKWORTHY
    return verdicts
