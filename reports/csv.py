"""CSV for audits: one row per finding, or (``by="reference"``) one row per
reference with its evidence level and how often and where it is cited.

Every row starts with the input path and sha256, so CSVs from many manuscripts
concatenate into one table. Free-text cells that a spreadsheet would run as a
formula (leading ``= + - @``, tab or CR) get a leading apostrophe, the OWASP
advice against CSV injection; numbers and codes are never altered.
"""

from __future__ import annotations

import csv as _csv
from typing import TextIO

from references.models import LinkStatus, Reference
from reports.options import RenderOptions
from verifier.models import Report

FINDING_COLUMNS = (
    "path",
    "sha256",
    "code",
    "name",
    "severity",
    "confidence",
    "line",
    "column",
    "end_line",
    "end_column",
    "start",
    "end",
    "claim_id",
    "reference_keys",
    "message",
    "quoted",
    "suggestion",
)
REFERENCE_COLUMNS = (
    "path",
    "sha256",
    "key",
    "number",
    "raw",
    "authors",
    "year",
    "title",
    "venue",
    "doi",
    "source_type",
    "evidence_level",
    "design",
    "species",
    "sample_size",
    "peer_reviewed",
    "retracted",
    "confidence",
    "reasons",
    "times_cited",
    "cited_in_claims",
    "cited_at_lines",
    "finding_codes",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: str) -> str:
    """Neutralize a free-text cell a spreadsheet would evaluate as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _finding_rows(report: Report) -> list[list[object]]:
    rows: list[list[object]] = []
    for f in sorted(report.findings, key=lambda f: (f.span.start, f.code)):
        s = f.span
        rows.append(
            [
                defuse(report.input.path),
                report.input.sha256,
                f.code,
                f.name,
                f.severity.value,
                f.confidence.value,
                s.line,
                s.column,
                s.end_line,
                s.end_column,
                s.start,
                s.end,
                f.claim_id or "",
                defuse(";".join(f.reference_keys)),
                defuse(f.message),
                defuse(f.quoted),
                defuse(f.suggestion.title) if f.suggestion else "",
            ]
        )
    return rows


def _optional_bool(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


def _reference_rows(report: Report) -> list[list[object]]:
    cited_claims: dict[str, list[str]] = {}
    cited_lines: dict[str, list[str]] = {}
    for link in report.links:
        if link.reference_key is None or link.status is not LinkStatus.LINKED:
            continue
        cited_claims.setdefault(link.reference_key, []).append(link.claim_id)
        cited_lines.setdefault(link.reference_key, []).append(str(link.marker_span.line))
    codes: dict[str, set[str]] = {}
    for f in report.findings:
        for key in f.reference_keys:
            codes.setdefault(key, set()).add(f.code)
    rows: list[list[object]] = []
    for ref in report.references:
        rows.append(_reference_row(report, ref, cited_claims, cited_lines, codes))
    return rows


def _reference_row(
    report: Report,
    ref: Reference,
    cited_claims: dict[str, list[str]],
    cited_lines: dict[str, list[str]],
    codes: dict[str, set[str]],
) -> list[object]:
    ev = ref.evidence
    claims = cited_claims.get(ref.key, [])
    reasons = " | ".join(f"{r.field}: {r.cue} -> {r.conclusion}" for r in ev.reasons)
    authors = ";".join(a.family for a in ref.authors)
    return [
        defuse(report.input.path),
        report.input.sha256,
        defuse(ref.key),
        "" if ref.number is None else ref.number,
        defuse(" ".join(ref.raw.split())),
        defuse(authors),
        ref.year or "",
        defuse(ref.title or ""),
        defuse(ref.venue or ""),
        ref.doi or "",
        ref.source_type.value,
        ev.level.value,
        ev.design.value,
        ev.species.value,
        "" if ev.sample_size is None else ev.sample_size,
        _optional_bool(ev.peer_reviewed),
        str(ev.retracted).lower(),
        f"{ev.confidence:.2f}",
        defuse(reasons),
        len(claims),
        ";".join(dict.fromkeys(claims)),
        ";".join(dict.fromkeys(cited_lines.get(ref.key, []))),
        ";".join(sorted(codes.get(ref.key, ()))),
    ]


def render(report: Report, out: TextIO, *, options: RenderOptions) -> None:
    """Write a header row and one row per finding (``by="finding"``) or per reference."""
    header: tuple[str, ...]
    if options.by == "finding":
        header, rows = FINDING_COLUMNS, _finding_rows(report)
    elif options.by == "reference":
        header, rows = REFERENCE_COLUMNS, _reference_rows(report)
    else:
        raise ValueError(f"csv rows by {options.by!r}: expected 'finding' or 'reference'")
    writer = _csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
