"""``verifier check``: the main job — claims, references, links, findings, rendered."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claims.errors import InputError
from verifier.cli.common import (
    FailOn,
    Format,
    OutputFormat,
    check_targets,
    config_flags,
    infer_formats,
    output_targets,
    parse_format,
    read_document,
    resolve_config,
    wrote_line,
)

_REGISTRIES = ("crossref", "pubmed", "openalex", "europepmc")

if TYPE_CHECKING:
    from verifier.cli.batch import Skipped
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
    fmt: Annotated[
        list[str],
        typer.Option(
            "--format",
            "-f",
            help="Output format: json text markdown html sarif csv github, or an installed plugin's; repeatable."
            " Without it, -o FILE's suffix decides (.json .html .md .sarif .csv), else text.",
        ),
    ] = [],  # noqa: B006
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
    lookup: Annotated[
        bool, typer.Option("--lookup", help="Look each reference up in Crossref, PubMed, OpenAlex and Europe PMC.")
    ] = False,
    refresh: Annotated[bool, typer.Option("--refresh", help="With --lookup: ask again instead of the cache.")] = False,
    by: Annotated[str, typer.Option("--by", help="CSV rows: finding or reference.")] = "finding",
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")] = 25_000_000,
) -> None:
    """Check manuscripts: unsupported, overstated and contradictory claims, broken citations."""
    from verifier.cli.batch import batch_targets, walk_inputs
    from verifier.cli.output import render_all
    from verifier.pipeline import Inputs, read_sources, source_files

    flags = config_flags(
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        severity=severity,
        rule_option=rule_option,
        preview=preview,
        fail_on=fail_on,
        retractions=retractions,
    )
    if by not in ("finding", "reference"):
        raise InputError(f"--by expects finding or reference, got '{by}'")
    formats = [parse_format(f) for f in fmt] or infer_formats(output) or [Format.text]
    out_folder = Path(output[0]) if len(output) == 1 and "=" not in output[0] else None
    paths, skipped = walk_inputs(files, exclude=out_folder)
    single = len(paths) == 1 and not skipped and not any(Path(f).is_dir() for f in files if f != "-")
    if single:
        stem = "stdin" if paths[0] == "-" else Path(paths[0]).stem
        per_paper, summary_path = [output_targets(formats, output, stem)], None
    else:
        per_paper, summary_path = batch_targets(paths, formats, output)
    configs = [resolve_config(p, config, **flags) for p in paths]  # each paper's nearest config file
    if lookup:  # all registries unless the configuration chose some
        configs = [c if c.lookups else c.model_copy(update={"lookups": list(_REGISTRIES)}) for c in configs]
    every_input = [
        *paths,
        *refs,
        *against,
        *{c.retractions for c in configs if c.retractions},
        *{c.source for c in configs if c.source},
        *source_files(sources),
    ]
    summary_target: list[tuple[OutputFormat, Path | None]] = (
        [(Format.csv, summary_path)] if summary_path is not None else []
    )
    check_targets([t for targets in per_paper for t in targets] + summary_target, every_input)
    inputs = Inputs(
        reference_files=refs,
        sources=read_sources(sources) if sources else {},
        against=[read_document(p, max_bytes) for p in against],
        lookup_refresh=refresh,
    )
    if single:
        report, text = _analyze(paths[0], configs[0], inputs, max_bytes)
        render_all(report, text, per_paper[0], by=by, docs_url=configs[0].docs_url)
        written = [path for _, path in per_paper[0] if path is not None]
        if written:
            print(wrote_line(written, report.summary.findings_by_severity), file=sys.stderr)
        raise typer.Exit(0 if exit_zero or not _fails(report, configs[0]) else 1)
    raise typer.Exit(_check_many(paths, skipped, configs, per_paper, summary_path, inputs, max_bytes, by, exit_zero))


def _check_many(
    paths: list[str],
    skipped: list[Skipped],
    configs: list[VerifierConfig],
    per_paper: list[list[tuple[OutputFormat, Path | None]]],
    summary_path: Path | None,
    inputs: Inputs,
    max_bytes: int,
    by: str,
    exit_zero: bool,
) -> int:
    """Several manuscripts in this process, one after another (``verifier audit`` is the large
    case): each paper's reports, then the audit table; the output folder is locked meanwhile.
    Exit 2 when a manuscript could not be checked, else 1 on findings at ``fail-on``."""
    from verifier.audit.lock import folder_lock
    from verifier.audit.paper import Job, PaperTask, check_paper
    from verifier.cli.batch import skip_line, skipped_rows, write_summary

    job = Job(formats=[f for f, _ in per_paper[0]] if per_paper else [], inputs=inputs, max_bytes=max_bytes, by=by)
    rows, failed, unreadable = [], False, False
    with folder_lock(summary_path.parent) if summary_path is not None else nullcontext():
        for path, cfg, targets in zip(paths, configs, per_paper):
            result = check_paper(PaperTask(path, tuple(targets), cfg), job)
            if result.unreadable:
                print(skip_line(path, result.error), file=sys.stderr)
            rows.append(result)  # counts only: the report is freed before the next paper is read
            failed, unreadable = failed or result.fails, unreadable or result.unreadable
        write_summary([*rows, *skipped_rows(skipped)], summary_path)
    if unreadable:
        return 2
    return 0 if exit_zero or not failed else 1


def _analyze(path: str, cfg: VerifierConfig, inputs: Inputs, max_bytes: int) -> tuple[Report, str]:
    """The report of one manuscript and the text its spans index; ``--retractions`` or the paper's config."""
    from verifier.pipeline import analyze

    doc = read_document(path, max_bytes)
    report = analyze(doc, cfg, replace(inputs, retractions_path=cfg.retractions))
    _warn_lookups(report)
    return report, doc.text


def _warn_lookups(report: Report) -> None:
    """Registry trouble is never silent: one line on stderr naming each registry that failed."""
    trouble = [s for s in report.skipped if s.what == "registry lookup"]
    if trouble:
        where = "; ".join(f"{s.where}: {s.why}" for s in trouble)
        print(
            f"verifier: warning: {report.input.path}: registry lookups incomplete ({where}); "
            "those references say 'not checked'",
            file=sys.stderr,
        )


def _fails(report: Report, cfg: VerifierConfig) -> bool:
    """A finding at or above the paper's ``fail_on`` severity."""
    from verifier.models import Severity

    threshold = Severity(cfg.fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)
