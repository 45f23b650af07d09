"""``verifier check``: the main job — claims, references, links, findings, rendered."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claims.errors import InputError, VerifierError
from verifier.cli.common import (
    FailOn,
    Format,
    check_targets,
    output_targets,
    parse_rule_options,
    parse_severities,
    read_document,
    resolve_config,
    split_codes,
)

if TYPE_CHECKING:
    from reports.audit import AuditRow
    from verifier.config import VerifierConfig
    from verifier.models import Report
    from verifier.pipeline import Inputs


def check(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Manuscripts (.txt .md .tex .xml .html), folders of them, or - for stdin.", metavar="FILE..."
        ),
    ],
    refs: Annotated[list[str], typer.Option("--refs", "-r", help="Reference file (.bib .json .ris); repeatable.")] = [],  # noqa: B006
    fmt: Annotated[list[Format], typer.Option("--format", "-f", help="Output format; repeatable.")] = [],  # noqa: B006
    output: Annotated[
        list[str], typer.Option("--output", "-o", help="Output path, directory, or FMT=PATH; repeatable.")
    ] = [],  # noqa: B006
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
    ] = None,  # noqa: UP007
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    select: Annotated[
        list[str], typer.Option("--select", help="Rule codes or prefixes to run (ALL, OVR, OVR002).")
    ] = [],  # noqa: B006
    extend_select: Annotated[list[str], typer.Option("--extend-select", help="Add to the selection.")] = [],  # noqa: B006
    ignore: Annotated[list[str], typer.Option("--ignore", help="Rule codes or prefixes to skip.")] = [],  # noqa: B006
    severity: Annotated[list[str], typer.Option("--severity", help="CODE=error|warning|info; repeatable.")] = [],  # noqa: B006
    rule_option: Annotated[list[str], typer.Option("--rule-option", help="CODE.option=value; repeatable.")] = [],  # noqa: B006
    preview: Annotated[bool, typer.Option("--preview", help="Also run preview rules.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="verifier.toml or pyproject.toml to use.")] = None,  # noqa: UP007
    retractions: Annotated[
        str | None, typer.Option("--retractions", help="Retraction Watch CSV or a list of DOIs.")
    ] = None,  # noqa: UP007
    sources: Annotated[
        Path | None, typer.Option("--sources", help="Folder of cited sources, one file per reference key.")
    ] = None,  # noqa: UP007
    against: Annotated[
        list[str], typer.Option("--against", help="Compare the claims with another document; repeatable.")
    ] = [],  # noqa: B006
    by: Annotated[str, typer.Option("--by", help="CSV rows: finding or reference.")] = "finding",
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")] = 25_000_000,
) -> None:
    """Check manuscripts: unsupported, overstated and contradictory claims, broken citations."""
    from verifier.cli.batch import batch_targets, expand_inputs, write_summary
    from verifier.cli.output import render_all
    from verifier.pipeline import Inputs, read_sources, source_files

    flags = dict(
        select=split_codes(select),
        extend_select=split_codes(extend_select),
        ignore=split_codes(ignore),
        severity=parse_severities(severity),
        rules=parse_rule_options(rule_option),
        preview=preview or None,
        fail_on=fail_on.value if fail_on else None,
        retractions=retractions,
    )
    if by not in ("finding", "reference"):
        raise InputError(f"--by expects finding or reference, got '{by}'")
    formats = fmt or [Format.text]
    paths = expand_inputs(files)
    single = len(paths) == 1 and not any(Path(f).is_dir() for f in files if f != "-")
    if single:
        stem = "stdin" if paths[0] == "-" else Path(paths[0]).stem
        per_paper, summary_path = [output_targets(formats, output, stem)], None
    else:
        per_paper, summary_path = batch_targets(paths, formats, output)
    configs = [resolve_config(p, config, **flags) for p in paths]  # each paper's nearest config file
    every_input = [
        *paths,
        *refs,
        *against,
        *{c.retractions for c in configs if c.retractions},
        *{c.source for c in configs if c.source},
        *source_files(sources),
    ]
    summary_target = [(Format.csv, summary_path)] if summary_path is not None else []
    check_targets([t for targets in per_paper for t in targets] + summary_target, every_input)
    inputs = Inputs(
        reference_files=refs,
        sources=read_sources(sources) if sources else {},
        against=[read_document(p, max_bytes) for p in against],
    )
    if single:
        report, text = _analyze(paths[0], configs[0], inputs, max_bytes)
        render_all(report, text, per_paper[0], by=by)
        raise typer.Exit(0 if exit_zero or not _fails(report, configs[0]) else 1)
    rows, failed = [], False
    for path, cfg, targets in zip(paths, configs, per_paper):
        row, fails = _check_one(path, cfg, inputs, targets, max_bytes, by)
        rows.append(row)
        failed = failed or fails
    write_summary(rows, summary_path)
    if any(row.report is None for row in rows):
        raise typer.Exit(2)
    raise typer.Exit(0 if exit_zero or not failed else 1)


def _analyze(path: str, cfg: VerifierConfig, inputs: Inputs, max_bytes: int) -> tuple[Report, str]:
    """The report of one manuscript and the text its spans index; ``--retractions`` or the paper's config."""
    from verifier.pipeline import analyze

    doc = read_document(path, max_bytes)
    return analyze(doc, cfg, replace(inputs, retractions_path=cfg.retractions)), doc.text


def _check_one(
    path: str, cfg: VerifierConfig, inputs: Inputs, targets: list[tuple[Format, Path | None]], max_bytes: int, by: str
) -> tuple[AuditRow, bool]:
    """One manuscript of a many-paper run: its reports written, its row of the audit table, and
    whether it fails. Its own function so the report is freed before the next paper is read."""
    from reports.audit import AuditRow
    from verifier.cli.batch import skip_line
    from verifier.cli.output import render_all

    try:
        report, text = _analyze(path, cfg, inputs, max_bytes)
    except VerifierError as err:
        print(skip_line(path, err), file=sys.stderr)
        return AuditRow(path, error=str(err).replace("\n", " ")), False
    render_all(report, text, targets, by=by)
    outputs = tuple(str(p) for _, p in targets if p is not None)
    return AuditRow(path, _summary_only(report), outputs=outputs), _fails(report, cfg)


def _summary_only(report: Report) -> Report:
    """The report as the audit table reads it (input and summary), without claims, references,
    links and findings: a run over a folder keeps one per paper until it writes the table, and
    whole reports made its memory grow with the folder (~200 MB per MB of manuscript)."""
    return report.model_copy(update={"claims": [], "references": [], "links": [], "findings": [], "skipped": []})


def _fails(report: Report, cfg: VerifierConfig) -> bool:
    """A finding at or above the paper's ``fail_on`` severity."""
    from verifier.models import Severity

    threshold = Severity(cfg.fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)
