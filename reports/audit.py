"""The audit table of a many-manuscript run: one row per manuscript.

A research-integrity office checking a journal issue or a lab's output wants
one sheet that says, per paper, how much was read and what was found, and which
papers could not be read and why. The per-paper reports carry the detail; this
table is the index into them. Cells that a spreadsheet would run as a formula
are defused as in ``reports.csv``.
"""

from __future__ import annotations

import csv as _csv
from dataclasses import dataclass
from typing import TextIO

from reports.csv import defuse
from reports.text import clean
from verifier.models import Report

BASE_COLUMNS = (
    "path",
    "sha256",
    "status",
    "error",
    "claims",
    "checkworthy_claims",
    "markers",
    "references",
    "errors",
    "warnings",
    "infos",
    "reports",
)


@dataclass(frozen=True)
class AuditRow:
    """One manuscript of the run: its report, or the one-line reason it was skipped."""

    path: str
    report: Report | None = None
    error: str = ""
    outputs: tuple[str, ...] = ()


def render_audit(rows: list[AuditRow], out: TextIO) -> None:
    """Write the table: the base columns, then one column per rule code that fired in any manuscript."""
    codes = sorted({code for row in rows if row.report for code in row.report.summary.findings_by_code})
    writer = _csv.writer(out, lineterminator="\n")
    writer.writerow([*BASE_COLUMNS, *codes])
    for row in rows:
        writer.writerow(_cells(row, codes))


def _cells(row: AuditRow, codes: list[str]) -> list[object]:
    report = row.report
    if report is None:
        return [defuse(row.path), "", "skipped", defuse(row.error), *[""] * (len(BASE_COLUMNS) - 4), *[""] * len(codes)]
    summary = report.summary
    by_severity = summary.findings_by_severity
    return [
        defuse(row.path),
        report.input.sha256,
        "checked",
        "",
        summary.claims,
        summary.checkworthy_claims,
        summary.markers,
        summary.references,
        by_severity.get("error", 0),
        by_severity.get("warning", 0),
        by_severity.get("info", 0),
        defuse(";".join(row.outputs)),
        *[summary.findings_by_code.get(code, 0) for code in codes],
    ]


def render_audit_text(rows: list[AuditRow], out: TextIO) -> None:
    """The same table for a terminal: a line per manuscript and a closing count."""
    paths = [clean(row.path) for row in rows]
    width = max((len(p) for p in paths), default=10)
    out.write(f"{'manuscript':<{width}}  claims  errors  warnings  infos\n")
    for row, path in zip(rows, paths):
        if row.report is None:
            out.write(f"{path:<{width}}  skipped: {clean(row.error)}\n")
            continue
        s = row.report.summary
        sev = s.findings_by_severity
        out.write(
            f"{path:<{width}}  {s.claims:>6}  {sev.get('error', 0):>6}  {sev.get('warning', 0):>8}"
            f"  {sev.get('info', 0):>5}\n"
        )
    checked = sum(row.report is not None for row in rows)
    flagged = sum(bool(row.report and row.report.summary.findings_by_severity.get("error")) for row in rows)
    out.write(f"{checked} of {len(rows)} manuscripts checked, {flagged} with errors\n")
