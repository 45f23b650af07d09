"""SARIF 2.1.0 (OASIS), for code-scanning dashboards and editors.

Regions carry both line/column and ``charOffset``/``charLength``; the run states
``columnKind: "unicodeCodePoints"`` because our offsets are Python ``str``
indices (code points), not UTF-16 units, which is SARIF's other choice.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, TextIO
from urllib.parse import quote

from reports.options import RenderOptions, RuleInfo
from verifier.models import Finding, Report, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative, absolute ones become file URIs."""
    if PureWindowsPath(path).drive:
        return "file:///" + quote(PureWindowsPath(path).as_posix(), safe="/:")
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return "file://" + quote(posix.as_posix(), safe="/")
    return quote(posix.as_posix(), safe="/")


def _rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary or info.name},
        "fullDescription": {"text": info.why or info.summary or info.name},
        "defaultConfiguration": {"level": _LEVELS[info.default_severity]},
    }
    help_text = info.help or info.why or info.summary
    if help_text:
        descriptor["help"] = {"text": help_text, "markdown": help_text}
    if info.url:
        descriptor["helpUri"] = info.url
    return descriptor


def _rules(report: Report, options: RenderOptions) -> list[RuleInfo]:
    """The registry's rules, plus a minimal entry for any code a finding uses that was not passed."""
    rules = list(options.rules)
    known = {r.code for r in rules}
    for finding in report.findings:
        if finding.code not in known:
            known.add(finding.code)
            rules.append(
                RuleInfo(
                    code=finding.code,
                    name=finding.name,
                    summary=finding.name,
                    default_severity=finding.severity,
                    url=finding.url,
                )
            )
    return rules


def _result(finding: Finding, rule_index: int, uri: str) -> dict[str, Any]:
    span = finding.span
    region = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
        "charOffset": span.start,
        "charLength": span.end - span.start,
        "snippet": {"text": finding.quoted},
    }
    message = finding.message
    if finding.suggestion is not None:
        message += f" Fix: {finding.suggestion.title}"
    properties: dict[str, Any] = {"confidence": finding.confidence.value, "name": finding.name}
    if finding.claim_id:
        properties["claimId"] = finding.claim_id
    if finding.reference_keys:
        properties["referenceKeys"] = list(finding.reference_keys)
    if finding.evidence:
        properties["evidence"] = [t.model_dump(mode="json", exclude_none=True) for t in finding.evidence]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "index": 0}, "region": region}}],
        "properties": properties,
    }
    return result


def to_sarif(report: Report, options: RenderOptions) -> dict[str, Any]:
    """The SARIF log as a dict (one run, one artifact: the manuscript)."""
    rules = _rules(report, options)
    index = {r.code: i for i, r in enumerate(rules)}
    uri = artifact_uri(report.input.path)
    artifact: dict[str, Any] = {
        "location": {"uri": uri},
        "length": report.input.size,
        "encoding": report.input.encoding,
        "sourceLanguage": report.input.format,
    }
    if report.input.sha256:
        artifact["hashes"] = {"sha-256": report.input.sha256}
    findings = sorted(report.findings, key=lambda f: (f.span.start, f.code))
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": report.tool.name,
                        "version": report.tool.version,
                        "rules": [_rule_descriptor(r) for r in rules],
                    }
                },
                "artifacts": [artifact],
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.code], uri) for f in findings],
            }
        ],
    }


def render(report: Report, out: TextIO, *, options: RenderOptions) -> None:
    """Write the SARIF 2.1.0 log as indented JSON."""
    json.dump(to_sarif(report, options), out, indent=2, ensure_ascii=False)
    out.write("\n")
