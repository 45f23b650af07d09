"""Checking one paper of a many-paper run: the report(s) written, and a compact result.

The same function serves ``verifier check DIR`` (in the CLI's process) and ``verifier audit``
(in worker processes or on Dask workers). What comes back is small and picklable — counts and
one tuple per finding, never the report — so a worker's result crosses a pipe or the network
cheaply and the parent's memory does not grow with the papers' contents.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from claims.errors import VerifierError
from reports.audit import AuditRow
from verifier.cli.common import OutputFormat

if TYPE_CHECKING:
    from claims.models import Document
    from verifier.config import VerifierConfig
    from verifier.models import Report
    from verifier.pipeline import Inputs

# (code, name, severity, line, column, quoted, claim_id, reference keys joined by ";", message)
FindingRow = tuple[str, str, str, int, int, str, str, str, str]

# The journal of a JATS article or of an HTML page with Highwire meta tags: the audit's "venue".
_VENUE = re.compile(
    rb"<journal-title[^>]*>(?P<jats>[^<]{1,300})</journal-title>"
    rb"|<meta\s+name=[\"']citation_journal_title[\"']\s+content=[\"'](?P<html>[^\"']{1,300})[\"']",
    re.IGNORECASE,
)
_VENUE_BYTES = 200_000  # the journal title sits in the front matter


@dataclass(frozen=True)
class Job:
    """What every paper of a run shares."""

    formats: Sequence[OutputFormat]
    inputs: Inputs
    max_bytes: int
    by: str = "finding"
    write_reports: bool = True  # False on a cluster: the rendered reports travel back in the result


@dataclass(frozen=True)
class PaperTask:
    """One paper to check: where it is, its report targets, its configuration."""

    path: str
    targets: tuple[tuple[OutputFormat, Path | None], ...]
    config: VerifierConfig
    config_hash: str = ""
    data: bytes | None = None  # the file's bytes, shipped to a worker that may not see the path


@dataclass(frozen=True)
class PaperResult(AuditRow):
    """What the store records of one paper: its row of the audit table (counts; ``error`` is the
    store's ``reason``), and what the store keeps besides."""

    seconds: float = 0.0
    findings: tuple[FindingRow, ...] = ()
    format: str = ""
    venue: str = ""
    config_hash: str = ""
    fails: bool = False  # a finding at or above the paper's fail-on severity
    peak_rss_mb: float = 0.0  # the worker's peak resident set so far
    rendered: Mapping[str, str] = field(default_factory=dict)  # report path -> text, when not written by the worker

    @property
    def unreadable(self) -> bool:
        """A manuscript that could not be checked: the run's exit code is 2."""
        return self.status != "checked"


def check_paper(task: PaperTask, job: Job) -> PaperResult:
    """Read, analyze and render one paper. An unreadable input is ``skipped`` with its one-line
    reason; any other exception (a rule that crashes) is ``failed`` with its type and message, so
    one bad paper never ends the run."""
    started = time.perf_counter()
    try:
        result = _check(task, job)
    except VerifierError as err:
        result = PaperResult(task.path, "skipped", error=_one_line(err))
    except MemoryError:
        result = PaperResult(task.path, "failed", error="out of memory")
    except Exception as err:  # noqa: BLE001 - crash isolation: the paper fails, the run goes on
        result = PaperResult(task.path, "failed", error=f"internal error: {type(err).__name__}: {_one_line(err)}")
    seconds = round(time.perf_counter() - started, 4)
    return replace(result, seconds=seconds, config_hash=task.config_hash, peak_rss_mb=peak_rss_mb())


def _check(task: PaperTask, job: Job) -> PaperResult:
    from verifier.cli.output import render_all
    from verifier.models import Severity
    from verifier.pipeline import analyze

    doc = _load(task, job.max_bytes)
    cfg = task.config
    report = analyze(doc, cfg, replace(job.inputs, retractions_path=cfg.retractions))
    rendered: dict[str, str] = {}
    render_all(
        report,
        doc.text,
        list(task.targets),
        by=job.by,
        docs_url=task.config.docs_url,
        captured=None if job.write_reports else rendered,
    )
    threshold = Severity(cfg.fail_on).rank
    return PaperResult(
        path=task.path,
        status="checked",
        sha256=report.input.sha256,
        claims=report.summary.claims,
        checkworthy_claims=report.summary.checkworthy_claims,
        markers=report.summary.markers,
        references=report.summary.references,
        by_severity=dict(report.summary.findings_by_severity),
        by_code=dict(report.summary.findings_by_code),
        findings=tuple(finding_rows(report)),
        outputs=tuple(str(p) for _, p in task.targets if p is not None),
        format=doc.format,
        venue=_venue(task),
        fails=any(f.severity.rank >= threshold for f in report.findings),
        rendered=rendered,
    )


def finding_rows(report: Report) -> list[FindingRow]:
    return [
        (
            f.code,
            f.name,
            f.severity.value,
            f.span.line,
            f.span.column,
            f.quoted,
            f.claim_id or "",
            ";".join(f.reference_keys),
            f.message,
        )
        for f in report.findings
    ]


def _load(task: PaperTask, max_bytes: int) -> Document:
    """The paper as a ``Document``: from its path, or from shipped bytes written to a private
    temporary file of the same name (so the format is detected from the suffix as usual)."""
    from claims.errors import InputError
    from claims.loading import load_document

    if task.data is None:
        return load_document(task.path, max_bytes=max_bytes)
    with tempfile.TemporaryDirectory(prefix="verifier-") as tmp:
        local = os.path.join(tmp, os.path.basename(task.path) or "paper")
        with open(local, "wb") as handle:
            handle.write(task.data)
        try:
            doc = load_document(local, max_bytes=max_bytes)
        except InputError as err:
            raise InputError(str(err).replace(local, task.path)) from None
    return doc.model_copy(update={"path": task.path})


def _venue(task: PaperTask) -> str:
    """The journal the paper appeared in, from JATS or HTML front matter; '' when it does not say."""
    head = task.data[:_VENUE_BYTES] if task.data is not None else _head(task.path)
    match = _VENUE.search(head)
    if not match:
        return ""
    raw = (match.group("jats") or match.group("html")).decode("utf-8", "replace")
    return " ".join(html.unescape(raw).split())


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(_VENUE_BYTES)
    except OSError:
        return b""


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (``ru_maxrss`` is in kB on Linux)."""
    try:
        import resource
    except ImportError:
        return 0.0
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
