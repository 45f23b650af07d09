"""The schema'd JSON report: the stable contract other tools parse."""

from __future__ import annotations

from typing import TextIO

from reports.options import RenderOptions
from verifier.models import Report


def render(report: Report, out: TextIO, *, options: RenderOptions) -> None:
    """Write ``report`` as indented JSON; ``Report.model_validate_json`` reads it back unchanged."""
    out.write(report.model_dump_json(indent=2))
    out.write("\n")
