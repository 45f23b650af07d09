"""Markdown summary (pull-request comments, issue trackers, GitHub job summaries).

Manuscript text is escaped so it cannot open links, images, HTML or tables:
every character CommonMark or GitHub treats specially inline gets a
backslash, and line breaks are flattened, so quoted text never starts a block.
"""

from __future__ import annotations

from typing import TextIO

from references.plain_words import cue_words, level_value_words
from reports.options import RenderOptions
from reports.verdicts import ICONS, Verdict, by_severity, marker_counts
from verifier.models import Finding, Report

_SPECIAL = set("\\`*_[]<>|~&$!#")
_QUOTE_LIMIT = 300


def md_escape(text: str) -> str:
    """Inline-safe Markdown for arbitrary text, on one line."""
    flat = " ".join(text.split())
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in flat)


def _clip(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_LIMIT else flat[: _QUOTE_LIMIT - 1] + "\u2026"


def _finding_block(finding: Finding) -> list[str]:
    span = finding.span
    lines = [
        f"- **{finding.code}** `{finding.name}` (line {span.line}, column {span.column}; "
        f"confidence {finding.confidence.value}): {md_escape(finding.message)}"
    ]
    if finding.quoted:
        lines.append(f"  - Quoted: \u201c{md_escape(_clip(finding.quoted))}\u201d")
    for trigger in finding.evidence:
        level = f" ({md_escape(level_value_words(trigger.evidence_level))})" if trigger.evidence_level else ""
        lines.append(f"  - Evidence, {md_escape(cue_words(trigger.kind))}: {md_escape(_clip(trigger.text))}{level}")
    if finding.suggestion is not None:
        fix = md_escape(finding.suggestion.title)
        if finding.suggestion.replacement:
            fix += f" \u2192 {md_escape(finding.suggestion.replacement)}"
        lines.append(f"  - Fix: {fix}")
    return lines


def render(report: Report, out: TextIO, *, options: RenderOptions) -> None:
    """A heading, a summary table, findings by severity, and the rules that fired."""
    s = report.summary
    cited, mentions = marker_counts(s)
    lines = [
        f"# Claim verification: {md_escape(report.input.path)}",
        "",
        f"{md_escape(report.tool.name)} {md_escape(report.tool.version)}, "
        f"report schema {md_escape(report.schema_version)}.",
        "",
        "| claims | check-worthy | citation markers | author mentions | references | findings |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {s.claims} | {s.checkworthy_claims} | {cited} | {mentions} | {s.references} | {len(report.findings)} |",
        "",
    ]
    if not report.findings:
        lines.append("No findings.")
    for severity, findings in by_severity(report.findings):
        icon = ICONS[Verdict(severity.value)]
        lines += [f"## {icon} {severity.value.capitalize()} ({len(findings)})", ""]
        for finding in findings:
            lines += _finding_block(finding)
        lines.append("")
    fired = sorted({f.code for f in report.findings})
    described = [info for code in fired if (info := options.rule(code)) is not None]
    if described:
        lines += ["## Rules", ""]
        for info in described:
            why = f" {md_escape(info.why)}" if info.why else ""
            lines.append(f"- **{info.code}** `{info.name}`: {md_escape(info.summary)}{why}")
        lines.append("")
    if report.skipped:
        lines += ["## Skipped input", ""]
        lines += [f"- {md_escape(x.where)}: {md_escape(x.what)}: {md_escape(x.why)}" for x in report.skipped]
        lines.append("")
    out.write("\n".join(lines).rstrip("\n") + "\n")
