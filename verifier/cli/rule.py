"""``verifier rule CODE``: a rule's full documentation (``ruff rule B006``)."""

from __future__ import annotations

import inspect
from typing import Annotated

import typer


def rule(code: Annotated[str, typer.Argument(help="Rule code (OVR002) or name (causal-from-correlational).")]) -> None:
    """Print a rule's documentation."""
    from claims.errors import InputError
    from verifier.registry import rule_by_code

    found = rule_by_code(code)
    if found is None:
        raise InputError(f"no rule '{code}' (see 'verifier rules')")
    print(f"# {found.code} {found.name}")
    print(f"\nDefault severity: {found.default_severity.value}. Status: {found.status.value} since {found.since}.")
    print()
    print(inspect.cleandoc(found.__doc__ or ""))
