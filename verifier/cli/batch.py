"""``verifier check`` over many manuscripts: a citation audit across papers.

Folders are walked for manuscripts; every manuscript gets its own reports in the
output folder and one row in ``summary.csv``. A manuscript that cannot be read
is skipped with its one-line reason (on stderr and in its row) and the others are
still checked: the run then exits 2, so a script notices, but the audit is whole
for every paper that could be read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from claims.errors import InputError
from claims.loading import MANUSCRIPT_SUFFIXES
from verifier.cli.common import EXTENSIONS, Format

if TYPE_CHECKING:
    from reports.audit import AuditRow

STDOUT_FORMATS = frozenset({Format.text, Format.github})  # these concatenate into one readable stream
SUMMARY_NAME = "summary.csv"


def expand_inputs(arguments: list[str]) -> list[str]:
    """Files as given, in order; a folder contributes its manuscripts (by suffix, hidden ones
    skipped), walked in sorted order so two runs list papers alike. Duplicates are dropped."""
    found: list[str] = []
    for argument in arguments:
        if argument != "-" and Path(argument).is_dir():
            found.extend(_walk(Path(argument)))
        else:
            found.append(argument)
    if "-" in found and len(found) > 1:
        raise InputError("'-' (stdin) cannot be checked together with other manuscripts")
    if not found:
        raise InputError(
            f"no manuscripts ({', '.join(sorted(MANUSCRIPT_SUFFIXES))}) in directory {', '.join(arguments)}"
        )
    return list(dict.fromkeys(found))


def _walk(folder: Path) -> list[str]:
    out: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(
            str(Path(root) / name)
            for name in sorted(files)
            if not name.startswith(".") and Path(name).suffix.lower() in MANUSCRIPT_SUFFIXES
        )
    return out


def report_names(paths: list[str]) -> list[str]:
    """A file-name stem per manuscript: its own stem, or, where stems clash (``x/a/paper.md`` and
    ``x/b/paper.md``), its path below the clashing papers' common folder with ``__`` between the
    parts (``a__paper``, ``b__paper``)."""
    stems = [Path(p).stem for p in paths]
    clashing = {s for s in stems if stems.count(s) > 1}
    absolute = [os.path.abspath(p) for p in paths]
    common = os.path.commonpath([a for a, s in zip(absolute, stems) if s in clashing]) if clashing else ""
    names = []
    for full, stem in zip(absolute, stems):
        if stem not in clashing:
            names.append(stem)
            continue
        names.append("__".join(Path(os.path.relpath(full, common)).with_suffix("").parts))
    return names


def batch_targets(
    paths: list[str], formats: list[Format], outputs: list[str]
) -> tuple[list[list[tuple[Format, Path | None]]], Path | None]:
    """Destinations per manuscript, and the summary's path. Several manuscripts write into one folder
    (``-o DIR``); without it only formats that concatenate (text, github) go to stdout."""
    if not outputs:
        wrong = [f.value for f in formats if f not in STDOUT_FORMATS]
        if wrong:
            raise InputError(f"several manuscripts with --format {', '.join(wrong)} need --output DIR")
        return [[(f, None) for f in formats] for _ in paths], None
    if len(outputs) != 1 or "=" in outputs[0]:
        raise InputError("several manuscripts need one --output DIR (a folder for their reports and summary.csv)")
    folder = Path(outputs[0])
    if not folder.is_dir():
        raise InputError(f"--output {outputs[0]}: not an existing folder (several manuscripts write one report each)")
    names = report_names(paths)
    return [[(f, folder / f"{name}.{EXTENSIONS[f.value]}") for f in formats] for name in names], folder / SUMMARY_NAME


def skip_line(path: str, error: Exception) -> str:
    """The one line a skipped manuscript gets on stderr (the message usually names the path already)."""
    message = str(error).replace("\n", " ")
    return f"verifier: error: {message if message.startswith(path) else f'{path}: {message}'}"


def write_summary(rows: list[AuditRow], summary_path: Path | None) -> None:
    """The audit table on stdout, and as ``summary.csv`` in the output folder when there is one."""
    import io

    from reports.audit import render_audit, render_audit_text
    from reports.writer import write_atomic

    if summary_path is not None:
        table = io.StringIO()
        render_audit(rows, table)
        write_atomic(summary_path, table.getvalue())
    render_audit_text(rows, sys.stdout)
