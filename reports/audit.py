"""The audit table of a many-manuscript run: one row per manuscript.

A research-integrity office checking a journal issue or a lab's output wants
one sheet that says, per paper, how much was read and what was found, and which
papers could not be read and why. The per-paper reports carry the detail; this
table is the index into them. Cells that a spreadsheet would run as a formula
are defused as in ``reports.csv``.

A row holds counts only, never a report: ``verifier check DIR`` keeps one row per
paper until it writes the table, and ``verifier audit`` builds the rows from its
SQLite store, so memory does not grow with what the papers contain.
"""

from __future__ import annotations

import csv as _csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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
    """One manuscript of the run: its counts, or the one-line reason it was not checked.

    ``status`` is ``checked``, ``failed`` (a crash or the time limit) or ``skipped`` (unreadable,
    or not a manuscript at all: ``manuscript`` is false for a file of a folder that was not read)."""

    path: str
    status: str = "checked"
    error: str = ""
    sha256: str = ""
    claims: int = 0
    checkworthy_claims: int = 0
    markers: int = 0
    references: int = 0
    by_severity: Mapping[str, int] = field(default_factory=dict)
    by_code: Mapping[str, int] = field(default_factory=dict)
    outputs: tuple[str, ...] = ()
    manuscript: bool = True

    @classmethod
    def from_report(cls, path: str, report: Report, outputs: tuple[str, ...] = ()) -> AuditRow:
        summary = report.summary
        return cls(
            path=path,
            sha256=report.input.sha256,
            claims=summary.claims,
            checkworthy_claims=summary.checkworthy_claims,
            markers=summary.markers,
            references=summary.references,
            by_severity=dict(summary.findings_by_severity),
            by_code=dict(summary.findings_by_code),
            outputs=outputs,
        )

    @property
    def checked(self) -> bool:
        return self.status == "checked"


def render_audit(rows: Iterable[AuditRow], out: TextIO) -> None:
    """Write the table: the base columns, then one column per rule code that fired in any manuscript."""
    rows = list(rows)
    codes = sorted({code for row in rows for code in row.by_code})
    writer = _csv.writer(out, lineterminator="\n")
    writer.writerow([*BASE_COLUMNS, *codes])
    for row in rows:
        writer.writerow(_cells(row, codes))


def _cells(row: AuditRow, codes: list[str]) -> list[object]:
    if not row.checked:
        blanks = [""] * (len(BASE_COLUMNS) - 4 + len(codes))
        return [defuse(row.path), row.sha256, row.status, defuse(row.error), *blanks]
    by_severity = row.by_severity
    return [
        defuse(row.path),
        row.sha256,
        "checked",
        "",
        row.claims,
        row.checkworthy_claims,
        row.markers,
        row.references,
        by_severity.get("error", 0),
        by_severity.get("warning", 0),
        by_severity.get("info", 0),
        defuse(";".join(row.outputs)),
        *[row.by_code.get(code, 0) for code in codes],
    ]


def render_audit_text(rows: Iterable[AuditRow], out: TextIO) -> None:
    """The same table for a terminal: a line per manuscript and a closing count."""
    rows = list(rows)
    paths = [clean(row.path) for row in rows]
    width = max((len(p) for p in paths), default=10)
    out.write(f"{'manuscript':<{width}}  claims  errors  warnings  infos\n")
    for row, path in zip(rows, paths):
        if not row.checked:
            out.write(f"{path:<{width}}  {row.status}: {clean(row.error)}\n")
            continue
        sev = row.by_severity
        out.write(
            f"{path:<{width}}  {row.claims:>6}  {sev.get('error', 0):>6}  {sev.get('warning', 0):>8}"
            f"  {sev.get('info', 0):>5}\n"
        )
    papers = [row for row in rows if row.manuscript]
    checked = sum(row.checked for row in papers)
    flagged = sum(bool(row.checked and row.by_severity.get("error")) for row in papers)
    others = len(rows) - len(papers)
    tail = f", {others} other file{'s' if others != 1 else ''} skipped" if others else ""
    out.write(f"{checked} of {len(papers)} manuscripts checked, {flagged} with errors{tail}\n")
