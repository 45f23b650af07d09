"""``verifier refs``: reference entries with parsed fields, evidence and the markers citing them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from verifier.cli.common import read_document, resolve_config


def refs(
    file: Annotated[str, typer.Argument(help="Manuscript, or - for stdin.")],
    ref_files: Annotated[
        list[str], typer.Option("--refs", "-r", help="Reference file (.bib .json .ris); repeatable.")
    ] = [],  # noqa: B006
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or text.")] = "text",
    retractions: Annotated[str | None, typer.Option("--retractions", help="Retraction Watch CSV or DOI list.")] = None,  # noqa: UP007
    config: Annotated[Path | None, typer.Option("--config", help="Configuration file.")] = None,  # noqa: UP007
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")] = 25_000_000,
) -> None:
    """List the reference entries of a manuscript and what cites them."""
    from claims.errors import InputError
    from reports.listing import render_refs_json, render_refs_text
    from verifier.pipeline import Inputs, analyze

    if fmt not in ("json", "text"):
        raise InputError(f"unknown format '{fmt}' (json, text)")
    cfg = resolve_config(file, config, retractions=retractions).model_copy(update={"select": [], "extend_select": []})
    report = analyze(
        read_document(file, max_bytes), cfg, Inputs(reference_files=ref_files, retractions_path=cfg.retractions)
    )
    if fmt == "json":
        render_refs_json(report, sys.stdout)
    else:
        render_refs_text(report, sys.stdout)
