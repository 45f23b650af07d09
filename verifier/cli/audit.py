"""``verifier audit``: many papers in parallel, resumable, with progress (``verifier.audit``)."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from claims.errors import InputError
from verifier.cli.common import FailOn, Format, config_flags


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    parquet = "parquet"


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def audit(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Manuscripts and folders of them (none with --export: export the store).", metavar="PATHS..."
        ),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the store, reports and tables.")] = ...,  # type: ignore[assignment]
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: the CPUs available).")
    ] = None,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Run on a Dask cluster: the scheduler's address (tcp://host:8786).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Check every paper again, even those already stored.")] = False,
    export: Annotated[
        ExportFormat | None, typer.Option("--export", help="Also write papers.EXT and findings.EXT from the store.")
    ] = None,
    fmt: Annotated[list[Format], typer.Option("--format", "-f", help="Report format per paper; repeatable.")] = [],  # noqa: B006
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds one paper may take before it is stopped and failed.", min=1)
    ] = 120.0,
    progress_every: Annotated[
        int, typer.Option("--progress-every", help="Without a terminal: a progress line every N papers.", min=0)
    ] = 0,
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
    ] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    select: Annotated[list[str], typer.Option("--select", help="Rule codes or prefixes to run.")] = [],  # noqa: B006
    extend_select: Annotated[list[str], typer.Option("--extend-select", help="Add to the selection.")] = [],  # noqa: B006
    ignore: Annotated[list[str], typer.Option("--ignore", help="Rule codes or prefixes to skip.")] = [],  # noqa: B006
    severity: Annotated[list[str], typer.Option("--severity", help="CODE=error|warning|info; repeatable.")] = [],  # noqa: B006
    rule_option: Annotated[list[str], typer.Option("--rule-option", help="CODE.option=value; repeatable.")] = [],  # noqa: B006
    preview: Annotated[bool, typer.Option("--preview", help="Also run preview rules.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="verifier.toml or pyproject.toml to use.")] = None,
    retractions: Annotated[
        str | None, typer.Option("--retractions", help="Retraction Watch CSV or a list of DOIs.")
    ] = None,
    by: Annotated[str, typer.Option("--by", help="CSV report rows: finding or reference.")] = "finding",
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse papers larger than this.")] = 25_000_000,
) -> None:
    """Audit many papers: worker processes, a resumable SQLite store (DIR/audit.sqlite), summary tables.

    Exit codes as for check: 2 when some paper could not be checked (after the others are done),
    1 on findings at --fail-on, 130 when interrupted (the store stays consistent; rerun to resume).
    """
    from verifier.audit.run import AuditOptions
    from verifier.audit.run import audit as run_audit

    if not output.is_dir():
        raise InputError(f"--output {output}: not an existing folder (the audit writes its store and reports there)")
    if not paths and export is None:
        raise InputError("give the manuscripts or folders to audit (or --export to export the store)")
    if jobs is not None and jobs < 1:
        raise InputError(f"--jobs {jobs}: give at least 1 worker process")
    if jobs and dask:
        raise InputError("--jobs and --dask exclude each other (the cluster decides how many run at once)")
    options = AuditOptions(
        folder=output,
        formats=tuple(dict.fromkeys(fmt or [Format.json])),
        jobs=jobs or _cpus(),
        dask=dask,
        force=force,
        time_limit=time_limit,
        every=progress_every,
        export=export.value if export else None,
        config_path=config,
        flags=config_flags(
            select=select,
            extend_select=extend_select,
            ignore=ignore,
            severity=severity,
            rule_option=rule_option,
            preview=preview,
            fail_on=fail_on,
            retractions=retractions,
        ),
        max_bytes=max_bytes,
        by=by,
        exit_zero=exit_zero,
    )
    raise typer.Exit(run_audit(list(paths or []), options))
