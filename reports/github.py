"""GitHub Actions workflow annotations, one line per finding.

Escaping follows @actions/core ``command.ts``: data escapes ``% \\r \\n``;
property values also escape ``:`` and ``,``. Column bounds are left out when a
span crosses lines, because GitHub then ignores or misplaces them (as ruff's
``github.rs`` notes).
"""

from __future__ import annotations

from typing import TextIO

from reports.options import RenderOptions
from verifier.models import Finding, Report, Severity

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, path: str) -> str:
    """The ``::warning title=…,file=…::message`` line for one finding."""
    span = finding.span
    props = [
        ("title", f"verifier ({finding.code})"),
        ("file", path),
        ("line", str(span.line)),
    ]
    if span.end_line == span.line:
        props.append(("col", str(span.column)))
        props.append(("endLine", str(span.end_line)))
        props.append(("endColumn", str(span.end_column)))
    else:
        props.append(("endLine", str(span.end_line)))
    message = f"{finding.code} {finding.name}: {finding.message}"
    if finding.suggestion is not None:
        message += f"\nFix: {finding.suggestion.title}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{_COMMANDS[finding.severity]} {joined}::{escape_data(message)}"


def render(report: Report, out: TextIO, *, options: RenderOptions) -> None:
    """One annotation line per finding, in document order."""
    path = report.input.path
    for finding in sorted(report.findings, key=lambda f: (f.span.start, f.code)):
        out.write(annotation(finding, path))
        out.write("\n")
