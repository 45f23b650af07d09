"""``verifier claims``: the claims found in a manuscript, with markers and features."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from verifier.cli.common import read_document, resolve_config


def claims(
    file: Annotated[str, typer.Argument(help="Manuscript, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or text.")] = "text",
    all_units: Annotated[bool, typer.Option("--all", help="Also list claims that are not check-worthy.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="Configuration file.")] = None,  # noqa: UP007
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")] = 25_000_000,
) -> None:
    """List the claims of a manuscript."""
    from claims.errors import InputError
    from reports.listing import render_claims_json, render_claims_text
    from verifier.pipeline import analyze

    if fmt not in ("json", "text"):
        raise InputError(f"unknown format '{fmt}' (json, text)")
    cfg = resolve_config(file, config).model_copy(update={"select": [], "extend_select": []})  # no rules
    report = analyze(read_document(file, max_bytes), cfg)
    if fmt == "json":
        render_claims_json(report, sys.stdout)
    else:
        render_claims_text(report, sys.stdout, include_all=all_units)
