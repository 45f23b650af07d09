"""Rendering a report to its destinations: stdout, or files written atomically.

All formatting lives in ``reports/``; this module only passes the rule
registry's documentation to the renderers and chooses where output goes.
"""

from __future__ import annotations

import io
import sys
from functools import cache
from pathlib import Path

from claims.errors import InputError
from verifier.cli.common import Format
from verifier.models import Report


@cache
def rule_infos() -> tuple[object, ...]:
    """The rules' documentation for the renderers, built once per run (a many-paper audit renders
    many reports)."""
    from reports.options import RuleInfo
    from verifier.registry import all_rules
    from verifier.rule_docs import sections

    infos = []
    for rule in all_rules():
        doc = sections(rule)
        infos.append(
            RuleInfo(
                code=rule.code,
                name=rule.name,
                summary=rule.summary(),
                why=doc.get("Why it matters", ""),
                help=doc.get("What it flags", ""),
                default_severity=rule.default_severity,
            )
        )
    return tuple(infos)


def render_all(report: Report, source_text: str, targets: list[tuple[Format, Path | None]], *, by: str) -> None:
    from reports import render
    from reports.options import RenderOptions, should_color
    from reports.writer import write_atomic

    rules = rule_infos()
    for fmt, path in targets:
        options = RenderOptions(
            source_text=source_text, color=path is None and should_color(sys.stdout), by=by, rules=rules
        )
        buffer = io.StringIO()
        render(fmt.value, report, buffer, options)
        if path is None:
            sys.stdout.write(buffer.getvalue())
            sys.stdout.flush()
        else:
            try:
                write_atomic(path, buffer.getvalue())
            except BrokenPipeError:
                raise  # -o /dev/stdout into "| head": the reader left, as on stdout
            except OSError as err:
                raise InputError(f"cannot write {path}: {err.strerror or err}") from None
