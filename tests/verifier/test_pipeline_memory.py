"""What the memory fixes keep: described claims still validate and share their fields-sets,
frozen findings share theirs, and a many-paper run keeps only each paper's summary."""

from __future__ import annotations

from helpers import analyze_text

from claims.models import Claim, ClaimFeatures
from claims.spans import LineIndex, build_valid
from reports.audit import AuditRow
from verifier.models import Confidence, Finding, Severity

TEXT = (
    "Introduction\n\nKetamine reduced depressive symptoms in 45% of patients [1]. It also lowered\n"
    "suicidal ideation. Studies have shown that ketamine cures depression in all patients.\n\n"
    "References\n\n1. Smith J. A randomized controlled trial of ketamine. J Affect Disord. 2020;1:1-9.\n"
)


def test_described_claims_validate_and_share_their_fields_sets() -> None:
    report = analyze_text(TEXT, ["ALL"])
    claims = report.claims
    assert len(claims) >= 3
    for claim in claims:
        assert Claim.model_validate(claim.model_dump()) == claim
        assert claim.model_fields_set is claims[0].model_fields_set == set(Claim.model_fields)
        assert claim.features.model_fields_set is claims[0].features.model_fields_set
        assert claim.features.model_fields_set == set(ClaimFeatures.model_fields)
        assert TEXT[claim.span.start : claim.span.end] == claim.text


def test_frozen_findings_share_a_partial_fields_set() -> None:
    lines = LineIndex("Ketamine cures depression.")
    values = {
        "code": "OVR005",
        "name": "absolute-language",
        "severity": Severity.WARNING,
        "confidence": Confidence.MEDIUM,
        "message": "m",
        "span": lines.span(9, 14),
        "quoted": "cures",
        "claim_id": "c1",
        "related_claim_ids": [],
        "reference_keys": [],
        "evidence": [],
        "suggestion": None,
    }
    first = build_valid(Finding, {**values, "url": None}, set(values))
    second = build_valid(Finding, {**values, "url": None}, set(values))
    assert first.model_fields_set is second.model_fields_set
    assert first == Finding(**values) and first.model_fields_set == Finding(**values).model_fields_set


def test_audit_rows_keep_counts_only_of_what_the_table_reads() -> None:
    """A many-paper run keeps one row per paper until it writes the table: counts, never the report."""
    report = analyze_text(TEXT, ["ALL"])
    assert report.claims and report.findings and report.links
    row = AuditRow.from_report("case.md", report, ("out/case.json",))
    summary = report.summary
    assert (row.claims, row.checkworthy_claims, row.markers, row.references) == (
        summary.claims,
        summary.checkworthy_claims,
        summary.markers,
        summary.references,
    )
    assert row.by_code == summary.findings_by_code and row.by_severity == summary.findings_by_severity
    assert row.sha256 == report.input.sha256 and row.checked
    assert not any(isinstance(v, list) for v in vars(row).values())  # no claims, links or findings kept
