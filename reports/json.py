"""The schema'd JSON report: the stable contract other tools parse."""

from __future__ import annotations

from typing import TextIO

from reports.options import RenderOptions
from verifier.models import Report

_LISTS = ("claims", "references", "links", "findings", "skipped")


def render(report: Report, out: TextIO, *, options: RenderOptions) -> None:
    """Write ``report`` as indented JSON; ``Report.model_validate_json`` reads it back unchanged.

    Streamed: the report without its lists is serialized once, and each list is written item by
    item where the shell has ``[]``, each item indented as ``model_dump_json(indent=2)`` nests it.
    The bytes equal ``report.model_dump_json(indent=2)`` (a test checks it on the corpus), but the
    largest string held is one claim, not the whole report (25x the input on a thesis)."""
    shell = report.model_copy(update={name: [] for name in _LISTS}).model_dump_json(indent=2)
    position = 0
    for name in _LISTS:
        items = getattr(report, name)
        anchor = f'\n  "{name}": []'
        at = shell.index(anchor, position) + len(anchor) - 2
        out.write(shell[position:at])
        position = at + 2
        if not items:
            out.write("[]")
            continue
        out.write("[\n")
        for i, item in enumerate(items):
            if i:
                out.write(",\n")
            out.write("    ")
            out.write(item.model_dump_json(indent=2).replace("\n", "\n    "))
        out.write("\n  ]")
    out.write(shell[position:])
    out.write("\n")
