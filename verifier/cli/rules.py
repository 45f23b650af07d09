"""``verifier rules``: every rule with its code, name, severity and status."""

from __future__ import annotations

import json
from typing import Annotated

import typer


def rules(
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown (the README table).")] = "text",
) -> None:
    """List every rule."""
    from claims.errors import InputError
    from verifier.registry import all_rules

    rows = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.default_severity.value,
            "status": r.status.value,
            "since": r.since,
            "summary": r.summary(),
        }
        for r in all_rules()
    ]
    if fmt == "json":
        print(json.dumps(rows, indent=2))
    elif fmt == "markdown":
        print("| code | name | default severity | what it flags |")
        print("|---|---|---|---|")
        for r in rows:
            print(f"| {r['code']} | {r['name']} | {r['severity']} | {r['summary']} |")
    elif fmt == "text":
        for r in rows:
            print(f"{r['code']}  {r['name']:<32} {r['severity']:<8} {r['summary']}")
    else:
        raise InputError(f"unknown format '{fmt}' (text, json, markdown)")
