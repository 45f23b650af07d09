"""The terminal report: findings grouped by severity, worst first.

Plain lines with optional ANSI SGR colour (``options.color``; callers decide it
with ``reports.options.should_color``, which honours ``NO_COLOR`` and isatty).
No markup language is involved, so manuscript text such as ``[@smith2020]``
or ``:smile:`` prints as written; control characters in it (ESC, C1 codes)
and bidi controls are replaced (``reports.safe_text``), so a manuscript cannot send escape sequences to the terminal.
Written directly rather than through rich: rich took 4 s on a 2 MB report.
"""

from __future__ import annotations

from typing import TextIO

from references.plain_words import cue_words, level_value_words
from reports.options import RenderOptions
from reports.safe_text import UNSAFE
from reports.verdicts import ICONS, SEVERITY_ORDER, Verdict, by_severity, marker_phrase
from verifier.models import Finding, Report, Severity

_SGR = {"bold": "1", "dim": "2", "underline": "4", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_STYLES = {Severity.ERROR: ("bold", "red"), Severity.WARNING: ("yellow",), Severity.INFO: ("cyan",)}
_CONTROL = UNSAFE  # white space is flattened first, so only the unsafe characters are left to replace
_QUOTE_LIMIT = 160


def clean(text: str, limit: int | None = None) -> str:
    """One line of text safe for a terminal, clipped to ``limit`` characters."""
    flat = " ".join(text.split()).translate(_CONTROL)
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1] + "\u2026"
    return flat


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles:
            return text
        return f"\x1b[{';'.join(_SGR[s] for s in styles)}m{text}\x1b[0m"


def _finding_lines(finding: Finding, path: str, paint: _Painter) -> list[str]:
    span = finding.span
    style = _STYLES[finding.severity]
    head = (
        paint(f"{clean(path)}:{span.line}:{span.column}:", "bold")
        + " "
        + paint(f"{finding.code} [{finding.severity.value}]", *style)
        + f" {clean(finding.message)}  "
        + paint(f"({finding.name}, confidence {finding.confidence.value})", "dim")
    )
    lines = [head]
    if finding.quoted:
        lines.append(paint("    | ", "dim") + clean(finding.quoted, _QUOTE_LIMIT))
    for trigger in finding.evidence:
        level = f" ({clean(level_value_words(trigger.evidence_level))})" if trigger.evidence_level else ""
        lines.append(paint(f"    = {clean(cue_words(trigger.kind))}: ", "dim") + clean(trigger.text, 100) + level)
    if finding.suggestion is not None:
        fix = clean(finding.suggestion.title)
        if finding.suggestion.replacement:
            fix += " -> " + paint(clean(finding.suggestion.replacement), "green")
        lines.append(paint("    = fix: ", "green") + fix)
    return lines


def _summary_lines(report: Report, paint: _Painter) -> list[str]:
    s = report.summary
    counts = {sev: 0 for sev in SEVERITY_ORDER}
    for finding in report.findings:
        counts[finding.severity] += 1
    parts = ", ".join(f"{counts[sev]} {sev.value}" for sev in SEVERITY_ORDER)
    lines = [
        paint(f"{len(report.findings)} finding(s)", "bold")
        + f" ({parts}) in {s.claims} claims ({s.checkworthy_claims} check-worthy), "
        f"{marker_phrase(s)}, {s.references} references."
    ]
    if report.skipped:
        lines.append(paint(f"{len(report.skipped)} input part(s) skipped:", "yellow"))
        lines += [f"  {clean(x.where)}: {clean(x.what)}: {clean(x.why)}" for x in report.skipped]
    return lines


def render(report: Report, out: TextIO, *, options: RenderOptions) -> None:
    """Print findings grouped error, warning, info, then a summary."""
    paint = _Painter(options.color)
    lines: list[str] = []
    for severity, findings in by_severity(report.findings):
        header = f"{ICONS[Verdict(severity.value)]} {severity.value.upper()} ({len(findings)})"
        lines.append(paint(header, *_STYLES[severity], "underline"))
        for finding in findings:
            lines += _finding_lines(finding, report.input.path, paint)
        lines.append("")
    lines += _summary_lines(report, paint)
    out.write("\n".join(lines) + "\n")
