"""The audit's results store: SQLite at ``DIR/audit.sqlite``.

One writer, the parent process; WAL mode with one transaction per paper, so a killed run loses
at most the papers in flight and a reader (a notebook, ``sqlite3``) can query while it runs.

Tables (columns may be added, never renamed):

* ``papers``: ``path`` (key), ``sha256``, ``status`` (checked | failed | skipped), ``reason``,
  ``seconds``, ``claims``, ``findings``, plus ``checkworthy_claims``, ``markers``,
  ``reference_entries``, ``errors``, ``warnings``, ``infos``, ``format``, ``venue``, ``outputs``
  (report paths joined by ``;``), ``manuscript`` (0 for a non-manuscript file of a folder),
  ``tool_version``, ``config_hash``, ``peak_rss_mb`` (the worker's peak so far), ``recorded_at``;
* ``findings``: ``path``, ``code``, ``severity``, ``line``, ``quoted``, plus ``name``, ``column``,
  ``claim_id``, ``reference_keys`` (joined by ``;``), ``message``.

A paper is resumed (not checked again) when its row says ``checked`` or ``skipped`` with the same
sha256, tool version and configuration hash and its reports still exist. Nothing reads the store
per paper: the rows a run needs are loaded once into a dict.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from claims.errors import InputError
from verifier.audit.paper import PaperResult

STORE_NAME = "audit.sqlite"
STORE_VERSION = "1"

_PAPER_COLUMNS = (
    "path",
    "sha256",
    "status",
    "reason",
    "seconds",
    "claims",
    "findings",
    "checkworthy_claims",
    "markers",
    "reference_entries",
    "errors",
    "warnings",
    "infos",
    "format",
    "venue",
    "outputs",
    "manuscript",
    "tool_version",
    "config_hash",
    "peak_rss_mb",
    "recorded_at",
)
_FINDING_COLUMNS = (
    "path",
    "code",
    "name",
    "severity",
    "line",
    "column",
    "quoted",
    "claim_id",
    "reference_keys",
    "message",
)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS papers (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL DEFAULT '', status TEXT NOT NULL
        CHECK (status IN ('checked', 'failed', 'skipped')),
    reason TEXT NOT NULL DEFAULT '', seconds REAL NOT NULL DEFAULT 0,
    claims INTEGER NOT NULL DEFAULT 0, findings INTEGER NOT NULL DEFAULT 0,
    checkworthy_claims INTEGER NOT NULL DEFAULT 0, markers INTEGER NOT NULL DEFAULT 0,
    reference_entries INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0, infos INTEGER NOT NULL DEFAULT 0,
    format TEXT NOT NULL DEFAULT '', venue TEXT NOT NULL DEFAULT '', outputs TEXT NOT NULL DEFAULT '',
    manuscript INTEGER NOT NULL DEFAULT 1, tool_version TEXT NOT NULL DEFAULT '',
    config_hash TEXT NOT NULL DEFAULT '', peak_rss_mb REAL NOT NULL DEFAULT 0, recorded_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS findings (
    path TEXT NOT NULL REFERENCES papers(path) ON DELETE CASCADE, code TEXT NOT NULL, name TEXT NOT NULL,
    severity TEXT NOT NULL, line INTEGER NOT NULL, "column" INTEGER NOT NULL, quoted TEXT NOT NULL,
    claim_id TEXT NOT NULL, reference_keys TEXT NOT NULL, message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_by_path ON findings(path);
CREATE INDEX IF NOT EXISTS findings_by_code ON findings(code);
INSERT OR IGNORE INTO meta VALUES ('store_version', '{STORE_VERSION}');
"""


@dataclass(frozen=True)
class Recorded:
    """What resuming needs to know of a paper already in the store."""

    sha256: str
    status: str
    tool_version: str
    config_hash: str
    outputs: tuple[str, ...]


class StoreError(InputError):
    """The store cannot be opened or is not one of ours (one line, exit 2)."""


class AuditStore:
    """The SQLite store of one output folder."""

    def __init__(self, path: Path, tool_version: str) -> None:
        self.path = path
        self.tool_version = tool_version
        try:
            self.db = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at each checkpoint, never corrupt
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"{path}: cannot be used as the audit store ({err}); move it away or choose another -o"
            ) from None

    def close(self) -> None:
        self.db.close()

    def recorded(self) -> dict[str, Recorded]:
        """Every paper in the store, loaded once (a dict lookup per paper, never a query)."""
        rows = self.db.execute("SELECT path, sha256, status, tool_version, config_hash, outputs FROM papers")
        return {
            path: Recorded(sha, status, version, config, tuple(o for o in outputs.split(";") if o))
            for path, sha, status, version, config, outputs in rows
        }

    def record(self, result: PaperResult) -> None:
        """Replace the paper's row and findings in one transaction, with SIGINT/SIGTERM held back
        until it is committed, so an interrupt never leaves a paper half written."""
        sev = result.by_severity
        paper = (
            result.path,
            result.sha256,
            result.status,
            result.error,
            result.seconds,
            result.claims,
            len(result.findings),
            result.checkworthy_claims,
            result.markers,
            result.references,
            sev.get("error", 0),
            sev.get("warning", 0),
            sev.get("info", 0),
            result.format,
            result.venue,
            ";".join(result.outputs),
            int(result.manuscript),
            self.tool_version,
            result.config_hash,
            result.peak_rss_mb,
            time.time(),
        )
        with _signals_held():
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.execute("DELETE FROM findings WHERE path = ?", (result.path,))
                self.db.execute(
                    f"INSERT OR REPLACE INTO papers ({', '.join(_PAPER_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_PAPER_COLUMNS))})",
                    paper,
                )
                self.db.executemany(
                    f"INSERT INTO findings ({', '.join(_quoted(c) for c in _FINDING_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_FINDING_COLUMNS))})",
                    [(result.path, *f) for f in result.findings],
                )
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def papers(self) -> Iterator[sqlite3.Row]:
        cursor = self.db.cursor()
        cursor.row_factory = sqlite3.Row
        yield from cursor.execute(f"SELECT {', '.join(_PAPER_COLUMNS)} FROM papers ORDER BY path")

    def codes_by_paper(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for path, code, n in self.db.execute("SELECT path, code, COUNT(*) FROM findings GROUP BY path, code"):
            out.setdefault(path, {})[code] = n
        return out

    def query(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def findings(self) -> Iterator[tuple[object, ...]]:
        columns = ", ".join(_quoted(c) for c in _FINDING_COLUMNS)
        yield from self.db.execute(f'SELECT {columns} FROM findings ORDER BY path, line, "column", code')

    @staticmethod
    def finding_columns() -> tuple[str, ...]:
        return _FINDING_COLUMNS

    @staticmethod
    def paper_columns() -> tuple[str, ...]:
        return _PAPER_COLUMNS


def _quoted(column: str) -> str:
    return f'"{column}"'


@contextmanager
def _signals_held() -> Iterator[None]:
    """Block SIGINT and SIGTERM for the block (delivered right after it); a no-op where the
    platform or thread cannot."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def config_digest(*parts: object) -> str:
    """A stable hash of what decides a paper's results besides its bytes and the tool version."""
    import hashlib

    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]
