"""``verifier check``: the main job — claims, references, links, findings, rendered."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

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


def check(
    file: Annotated[str, typer.Argument(help="Manuscript (.txt .md .tex .xml .html), or - for stdin.")],
    refs: Annotated[list[str], typer.Option("--refs", "-r", help="Reference file (.bib .json .ris); repeatable.")] = [],  # noqa: B006
    fmt: Annotated[list[Format], typer.Option("--format", "-f", help="Output format; repeatable.")] = [],  # noqa: B006
    output: Annotated[list[str], typer.Option("--output", "-o", help="Output path, directory, or FMT=PATH; repeatable.")] = [],  # noqa: B006
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")] = None,  # noqa: UP007
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    select: Annotated[list[str], typer.Option("--select", help="Rule codes or prefixes to run (ALL, OVR, OVR002).")] = [],  # noqa: B006
    extend_select: Annotated[list[str], typer.Option("--extend-select", help="Add to the selection.")] = [],  # noqa: B006
    ignore: Annotated[list[str], typer.Option("--ignore", help="Rule codes or prefixes to skip.")] = [],  # noqa: B006
    severity: Annotated[list[str], typer.Option("--severity", help="CODE=error|warning|info; repeatable.")] = [],  # noqa: B006
    rule_option: Annotated[list[str], typer.Option("--rule-option", help="CODE.option=value; repeatable.")] = [],  # noqa: B006
    preview: Annotated[bool, typer.Option("--preview", help="Also run preview rules.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", help="verifier.toml or pyproject.toml to use.")] = None,  # noqa: UP007
    retractions: Annotated[Optional[str], typer.Option("--retractions", help="Retraction Watch CSV or a list of DOIs.")] = None,  # noqa: UP007
    sources: Annotated[Optional[Path], typer.Option("--sources", help="Folder of cited sources, one file per reference key.")] = None,  # noqa: UP007
    against: Annotated[list[str], typer.Option("--against", help="Compare the claims with another document; repeatable.")] = [],  # noqa: B006
    by: Annotated[str, typer.Option("--by", help="CSV rows: finding or reference.")] = "finding",
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")] = 25_000_000,
) -> None:
    """Check a manuscript: unsupported, overstated and contradictory claims, broken citations."""
    from verifier.cli.output import render_all
    from verifier.models import Severity
    from verifier.pipeline import Inputs, analyze, read_sources

    cfg = resolve_config(
        file,
        config,
        select=split_codes(select),
        extend_select=split_codes(extend_select),
        ignore=split_codes(ignore),
        severity=parse_severities(severity),
        rules=parse_rule_options(rule_option),
        preview=preview or None,
        fail_on=fail_on.value if fail_on else None,
        retractions=retractions,
    )
    formats = fmt or [Format.text]
    doc = read_document(file, max_bytes)
    targets = output_targets(formats, output, Path(doc.path).stem if file != "-" else "stdin")
    check_targets(targets, [file, *refs, *against, *([cfg.retractions] if cfg.retractions else [])])
    inputs = Inputs(
        reference_files=refs,
        sources=read_sources(sources) if sources else {},
        retractions_path=cfg.retractions,
        against=[read_document(p, max_bytes) for p in against],
    )
    report = analyze(doc, cfg, inputs)
    render_all(report, doc.text, targets, by=by)
    if exit_zero:
        raise typer.Exit(0)
    threshold = Severity(cfg.fail_on).rank
    raise typer.Exit(1 if any(f.severity.rank >= threshold for f in report.findings) else 0)
