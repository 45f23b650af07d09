"""Rendering a report to its destinations: stdout, or files written atomically.

All formatting lives in ``reports/``; this module only passes the rule
registry's documentation to the renderers and chooses where output goes.
"""

from __future__ import annotations

import io
import sys
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from claims.errors import InputError
from verifier.cli.common import OutputFormat
from verifier.models import Report

if TYPE_CHECKING:
    from reports.options import RuleInfo


@cache
def rule_infos(docs_url_template: str = "") -> tuple[RuleInfo, ...]:
    """The rules' documentation for the renderers, with their ``docs-url`` links (SARIF ``helpUri``),
    built once per run and template (a many-paper audit renders many reports)."""
    from reports.options import RuleInfo
    from verifier.config import docs_url
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
                url=docs_url(docs_url_template, rule.code, rule.name),
            )
        )
    return tuple(infos)


def render_all(
    report: Report,
    source_text: str,
    targets: list[tuple[OutputFormat, Path | None]],
    *,
    by: str,
    docs_url: str = "",
    captured: dict[str, str] | None = None,
) -> None:
    """Render to each target: stdout, or a file written atomically and streamed into (the report
    is never held as one string); into ``captured`` (path -> text) instead when it is given, for a
    worker that cannot write where the run's reports go. ``docs_url``: the ``docs-url`` template
    for the rules' links."""
    from reports import render
    from reports.options import RenderOptions, should_color
    from reports.writer import write_atomic_with

    rules = rule_infos(docs_url)
    for fmt, path in targets:
        options = RenderOptions(
            source_text=source_text, color=path is None and should_color(sys.stdout), by=by, rules=rules
        )
        if path is None or captured is not None:
            buffer = io.StringIO()
            render(fmt.value, report, buffer, options)
            if path is not None and captured is not None:
                captured[str(path)] = buffer.getvalue()
                continue
            sys.stdout.write(buffer.getvalue())
            sys.stdout.flush()
            continue
        try:
            write_atomic_with(path, partial(render, fmt.value, report, options=options))
        except BrokenPipeError:
            raise  # -o /dev/stdout into "| head": the reader left, as on stdout
        except OSError as err:
            raise InputError(f"cannot write {path}: {err.strerror or err}") from None
