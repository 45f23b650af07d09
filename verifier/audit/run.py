"""One audit run: walk, plan (resume), check in workers, record, export, and the exit code.

The parent is the store's only writer. Papers are recorded as they finish, so a killed run loses
at most the papers in flight, and Ctrl-C (or SIGTERM) stops the workers, writes the tables from
what the store holds, says how many papers were done and exits 130.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from verifier import __version__
from verifier.audit.export import export, write_tables
from verifier.audit.lock import folder_lock
from verifier.audit.paper import Job, PaperResult, PaperTask
from verifier.audit.progress import Progress
from verifier.audit.store import STORE_NAME, AuditStore, Recorded, config_digest
from verifier.cli.batch import paper_targets, skip_line, walk_inputs
from verifier.cli.common import Format, OutputFormat, check_targets, resolve_config
from verifier.config import VerifierConfig
from verifier.models import Severity
from verifier.pipeline import Inputs

INTERRUPTED = 130


@dataclass(frozen=True)
class AuditOptions:
    folder: Path
    formats: Sequence[Format] = (Format.json,)
    jobs: int = 1
    dask: str | None = None
    force: bool = False
    time_limit: float = 120.0
    every: int = 0  # plain progress line every N papers (0: about every 5 %)
    export: str | None = None
    config_path: Path | None = None
    flags: dict[str, object] = field(default_factory=dict)
    max_bytes: int = 25_000_000
    by: str = "finding"
    exit_zero: bool = False


def audit(arguments: list[str], options: AuditOptions) -> int:
    """Audit the manuscripts under ``arguments`` into ``options.folder``; return the exit code."""
    folder = options.folder
    with folder_lock(folder):
        store = AuditStore(folder / STORE_NAME, __version__)
        try:
            if not arguments:  # --export alone: the tables of the store as it is
                _finish(store, options)
                return 0
            return _run(arguments, options, store)
        finally:
            store.close()


def _run(arguments: list[str], options: AuditOptions, store: AuditStore) -> int:
    folder = options.folder
    papers, skipped = walk_inputs(arguments, exclude=folder)
    targets = paper_targets(papers, list(options.formats), folder)
    configs = _configs(papers, options)
    inputs = [*papers, *{c.retractions for c in configs if c.retractions}]
    check_targets([t for per in targets for t in per], inputs)
    tasks, resumed = _plan(papers, targets, configs, options, store.recorded())
    for s in skipped:
        store.record(PaperResult(s.path, "skipped", error=s.reason, manuscript=False))
    job = Job(formats=list(options.formats), inputs=Inputs(), max_bytes=options.max_bytes, by=options.by)
    progress = Progress(len(papers), done=resumed, every=options.every)
    if resumed:
        progress.note(f"verifier: audit: {resumed} of {len(papers)} papers already in {store.path}, resumed")
    results = _results(tasks, job, options)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        for result in results:
            store.record(result)
            if result.unreadable:
                progress.note(skip_line(result.path, result.error))
            progress.advance(result.unreadable)
    except KeyboardInterrupt:
        results.close()  # stops the workers; the papers in flight are not recorded
        progress.close()
        _finish(store, options)
        print(
            f"verifier: interrupted: {progress.done} of {len(papers)} papers done and stored in {store.path}; "
            "run the same command again to resume",
            file=sys.stderr,
        )
        return INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
        progress.close()
    _finish(store, options)
    code = _exit_code(store, papers, configs, options)
    print(_closing_line(store, papers, skipped=len(skipped)))
    return code


def _closing_line(store: AuditStore, papers: list[str], *, skipped: int) -> str:
    """What the run ends with on stdout: how many of its papers were checked, and where the tables are."""
    wanted = set(papers)
    checked = errors = 0
    for path, status, n_errors in store.query("SELECT path, status, errors FROM papers WHERE manuscript = 1"):
        if path in wanted and status == "checked":
            checked += 1
            errors += n_errors > 0
    others = f", {skipped} other file{'s' if skipped != 1 else ''} skipped" if skipped else ""
    return (
        f"{checked} of {len(papers)} manuscripts checked, {errors} with errors{others}; "
        f"store {store.path}, table {store.path.parent / 'summary.csv'}"
    )


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _results(tasks: list[PaperTask], job: Job, options: AuditOptions) -> Generator[PaperResult, None, None]:
    if options.dask:
        from verifier.audit.cluster import run_dask

        return run_dask(tasks, job, address=options.dask)
    from verifier.audit.local import run_local

    return run_local(tasks, job, jobs=options.jobs, time_limit=options.time_limit)


def _configs(papers: list[str], options: AuditOptions) -> list[VerifierConfig]:
    """Each paper's configuration (its nearest config file, then the flags), resolved once per folder."""
    by_folder: dict[str, VerifierConfig] = {}
    out = []
    for path in papers:
        parent = os.path.dirname(path)
        if parent not in by_folder:
            by_folder[parent] = resolve_config(path, options.config_path, **options.flags)
        out.append(by_folder[parent])
    return out


def _plan(
    papers: list[str],
    targets: list[list[tuple[OutputFormat, Path | None]]],
    configs: list[VerifierConfig],
    options: AuditOptions,
    recorded: dict[str, Recorded],
) -> tuple[list[PaperTask], int]:
    """The tasks to run, and how many papers are resumed: recorded as checked (or unreadable) with
    the same bytes, tool version and configuration, and with their reports still in place."""
    digests: dict[int, str] = {}
    tasks, resumed = [], 0
    for path, per, cfg in zip(papers, targets, configs):
        if id(cfg) not in digests:
            digests[id(cfg)] = config_digest(
                cfg.model_dump(mode="json"), [f.value for f in options.formats], options.by, _stamp(cfg.retractions)
            )
        digest = digests[id(cfg)]
        old = recorded.get(path)
        if (
            not options.force
            and old is not None
            and old.status in ("checked", "skipped")
            and old.tool_version == __version__
            and old.config_hash == digest
            and old.sha256
            and old.sha256 == _sha256(path)
            and all(os.path.exists(o) for o in old.outputs)
        ):
            resumed += 1
            continue
        tasks.append(PaperTask(path, tuple(per), cfg, digest))
    return tasks, resumed


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def _stamp(path: str | None) -> object:
    """A file that changes results (the retraction list) enters the hash by size and mtime."""
    if not path:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return path
    return [path, info.st_size, info.st_mtime_ns]


def _finish(store: AuditStore, options: AuditOptions) -> None:
    write_tables(store, options.folder)
    if options.export:
        export(store, options.folder, options.export)


def _exit_code(store: AuditStore, papers: list[str], configs: list[VerifierConfig], options: AuditOptions) -> int:
    """2 when a manuscript of this run could not be checked; else 1 when one has findings at its
    ``fail-on`` severity (resumed papers count, from their stored counts); else 0."""
    rows = {
        path: (status, errors, warnings, infos)
        for path, status, errors, warnings, infos in store.query(
            "SELECT path, status, errors, warnings, infos FROM papers"
        )
    }
    fails = False
    for path, cfg in zip(papers, configs):
        status, *counts = rows.get(path, ("failed", 0, 0, 0))
        if status != "checked":
            return 2
        rank = Severity(cfg.fail_on).rank  # counts are error, warning, info: ranks 2, 1, 0
        fails = fails or any(n for n, level in zip(counts, (2, 1, 0)) if level >= rank)
    return 0 if options.exit_zero or not fails else 1
