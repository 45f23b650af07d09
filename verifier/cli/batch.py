"""Many manuscripts at once: walking folders, naming each paper's reports, the audit table.

Shared by ``verifier check`` over several manuscripts (the small case, in one process) and
``verifier audit`` (worker processes, a resumable store). Folders are walked for manuscripts;
every other file met in a folder gets a skipped row saying why it was not read (a FIFO or a
device is never opened, so it cannot hang the run). A manuscript that cannot be read is
skipped with its one-line reason (on stderr and in its row) and the others are still checked:
the run then exits 2, so a script notices, but the audit is whole for every paper that could
be read.
"""

from __future__ import annotations

import os
import stat
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claims.errors import InputError
from claims.loading import MANUSCRIPT_SUFFIXES
from verifier.cli.common import EXTENSIONS, Format, OutputFormat

if TYPE_CHECKING:
    from reports.audit import AuditRow

STDOUT_FORMATS = frozenset({Format.text, Format.github})  # these concatenate into one readable stream
SUMMARY_NAME = "summary.csv"
# Files the runs themselves write into the output folder; a paper's reports never take these names.
RESERVED_STEMS = frozenset({"summary", "summary-by-rule", "summary-by-venue", "audit", "papers", "findings"})


@dataclass(frozen=True)
class Skipped:
    """A file met in a folder that is not read, and why."""

    path: str
    reason: str


def expand_inputs(arguments: list[str], *, exclude: Path | None = None) -> list[str]:
    """The manuscripts of ``walk_inputs``, without the skipped files."""
    return walk_inputs(arguments, exclude=exclude)[0]


def walk_inputs(arguments: list[str], *, exclude: Path | None = None) -> tuple[list[str], list[Skipped]]:
    """Files as given, in order; a folder contributes its manuscripts (by suffix, hidden ones
    ignored), walked in sorted order so two runs list papers alike, and a skipped row for each
    other file in it. A given path that is a FIFO, socket or device is skipped too. ``exclude``
    (the output folder) is never walked, so a run's own reports are not read back as papers.
    Duplicates are dropped."""
    found: list[str] = []
    skipped: list[Skipped] = []
    excluded = _identity(exclude) if exclude is not None else None
    for argument in arguments:
        if argument != "-" and Path(argument).is_dir():
            _walk(argument, found, skipped, excluded)
            continue
        reason = _special_file(argument) if argument != "-" else None
        if reason:
            skipped.append(Skipped(argument, reason))
        else:
            found.append(argument)
    if "-" in found and len(found) > 1:
        raise InputError("'-' (stdin) cannot be checked together with other manuscripts")
    if not found and not skipped:
        raise InputError(
            f"no manuscripts ({', '.join(sorted(MANUSCRIPT_SUFFIXES))}) in directory {', '.join(arguments)}"
        )
    if not found:
        raise InputError(f"no manuscripts in {', '.join(arguments)}: {skipped[0].path}: {skipped[0].reason}")
    return list(dict.fromkeys(found)), list({s.path: s for s in skipped}.values())


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _special_file(path: str) -> str | None:
    """Why a path that exists is not a regular file, or None (missing paths are the loader's to report)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"not a regular file ({_kind(mode)}); it is never opened"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _walk(folder: str, found: list[str], skipped: list[Skipped], excluded: tuple[int, int] | None) -> None:
    """Depth-first, files of a folder before its subfolders, each level sorted (``os.walk``'s order),
    with the file types from ``scandir`` so a folder of 10^4 papers costs one listing, not 10^4 stats."""
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    subfolders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                info = entry.stat(follow_symlinks=False)
                if (info.st_dev, info.st_ino) != excluded:
                    subfolders.append(path)
                continue
            mode = entry.stat(follow_symlinks=True).st_mode
        except OSError as err:
            skipped.append(Skipped(path, f"cannot read ({err.strerror or err})"))
            continue
        suffix = Path(entry.name).suffix.lower()
        if not stat.S_ISREG(mode):
            if not stat.S_ISDIR(mode):  # a symbolic link to a folder is not followed, and not reported
                skipped.append(Skipped(path, f"not a regular file ({_kind(mode)}); it is never opened"))
        elif suffix in MANUSCRIPT_SUFFIXES:
            found.append(path)
        else:
            what = f"'{suffix}' files" if suffix else "files without a suffix"
            skipped.append(Skipped(path, f"not a manuscript: {what} are not read (reads {_suffix_list()})"))
    for sub in subfolders:
        _walk(sub, found, skipped, excluded)


def _suffix_list() -> str:
    return " ".join(sorted(MANUSCRIPT_SUFFIXES))


def report_names(paths: list[str]) -> list[str]:
    """A distinct file-name stem per manuscript, so no report overwrites another.

    A paper keeps its own stem where that is unique; where stems clash (``x/a/paper.md`` and
    ``x/b/paper.md``, compared without case) it gets its path below the clashing papers' common
    folder with ``__`` between the parts (``a__paper``, ``b__paper``); where that still clashes
    (``a.md`` beside ``a.txt``, ``Paper1.htm`` beside ``Paper1.txt``) its suffix is kept
    (``a_md``, ``a_txt``). A stem the run writes itself (``summary``: ``summary.csv``) gets its
    suffix too (``summary_md``), and any clash left gets ``-2``, ``-3``. Linear in the papers."""
    stems = [Path(p).stem for p in paths]
    counts = Counter(s.casefold() for s in stems)
    groups: dict[str, list[int]] = {}
    for i, stem in enumerate(stems):
        if counts[stem.casefold()] > 1:
            groups.setdefault(stem.casefold(), []).append(i)
    names = list(stems)
    for members in groups.values():
        absolute = [os.path.abspath(paths[i]) for i in members]
        common = os.path.commonpath([os.path.dirname(a) for a in absolute])
        relative = [Path(os.path.relpath(a, common)) for a in absolute]
        joined = ["__".join(r.with_suffix("").parts) for r in relative]
        inner = Counter(j.casefold() for j in joined)
        for i, rel, name in zip(members, relative, joined):
            names[i] = _with_suffix(name, rel.suffix) if inner[name.casefold()] > 1 else name
    names = [_with_suffix(n, Path(p).suffix) if n.casefold() in RESERVED_STEMS else n for n, p in zip(names, paths)]
    seen: Counter[str] = Counter()
    taken = {n.casefold() for n in names}
    out = []
    for name in names:
        seen[name.casefold()] += 1
        if seen[name.casefold()] > 1:
            number = seen[name.casefold()]
            while f"{name}-{number}".casefold() in taken:
                number += 1
            name = f"{name}-{number}"
            taken.add(name.casefold())
        out.append(name)
    return out


def _with_suffix(name: str, suffix: str) -> str:
    return f"{name}_{suffix.lstrip('.').lower()}" if suffix else f"{name}_"


def output_folder(outputs: list[str]) -> Path:
    """The one ``-o DIR`` that several manuscripts write into."""
    if len(outputs) != 1 or "=" in outputs[0]:
        raise InputError("several manuscripts need one --output DIR (a folder for their reports and summary.csv)")
    folder = Path(outputs[0])
    if not folder.is_dir():
        raise InputError(f"--output {outputs[0]}: not an existing folder (several manuscripts write one report each)")
    return folder


def batch_targets(
    paths: list[str], formats: list[OutputFormat], outputs: list[str]
) -> tuple[list[list[tuple[OutputFormat, Path | None]]], Path | None]:
    """Destinations per manuscript, and the summary's path. Several manuscripts write into one folder
    (``-o DIR``); without it only formats that concatenate (text, github) go to stdout."""
    if not outputs:
        wrong = [f.value for f in formats if f not in STDOUT_FORMATS]
        if wrong:
            raise InputError(f"several manuscripts with --format {', '.join(wrong)} need --output DIR")
        return [[(f, None) for f in formats] for _ in paths], None
    folder = output_folder(outputs)
    return paper_targets(paths, formats, folder), folder / SUMMARY_NAME


def paper_targets(
    paths: list[str], formats: list[OutputFormat], folder: Path
) -> list[list[tuple[OutputFormat, Path | None]]]:
    """``DIR/<name>.<ext>`` per paper and format; two formats with one extension (text and github
    both write ``.txt``) keep the format's name in the second (``<name>.github.txt``)."""
    suffixes: dict[str, str] = {}
    for f in formats:
        ext = EXTENSIONS[f.value]
        suffixes[f.value] = ext if ext not in suffixes.values() else f"{f.value}.{ext}"
    return [[(f, folder / f"{name}.{suffixes[f.value]}") for f in formats] for name in report_names(paths)]


def skip_line(path: str, error: Exception | str) -> str:
    """The one line a skipped manuscript gets on stderr (the message usually names the path already)."""
    message = str(error).replace("\n", " ")
    return f"verifier: error: {message if message.startswith(path) else f'{path}: {message}'}"


def skipped_rows(skipped: Iterable[Skipped]) -> list[AuditRow]:
    from reports.audit import AuditRow

    return [AuditRow(s.path, status="skipped", error=s.reason, manuscript=False) for s in skipped]


def write_summary(rows: list[AuditRow], summary_path: Path | None, *, terminal: bool = True) -> None:
    """The audit table as ``summary.csv`` in the output folder when there is one, and on stdout."""
    from reports.audit import render_audit, render_audit_text
    from reports.writer import write_atomic_with

    if summary_path is not None:
        write_atomic_with(summary_path, lambda out: render_audit(rows, out))
    if terminal:
        render_audit_text(rows, sys.stdout)
