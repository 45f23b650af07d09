"""The lookup store: one SQLite file that caches registry responses and holds imported records.

Where it lives: ``VERIFIER_CACHE_DIR`` (a folder; the file is
``lookups.sqlite`` inside), else ``lookup-cache`` from the configuration (a
file path), else the user's cache folder (``platformdirs``:
``~/.cache/verifier/lookups.sqlite`` on Linux). The environment wins so a CI
job or a test can point every run elsewhere.

Tables:

- ``responses``: a registry response (status and body bytes) and when it was
  fetched, keyed by the normalised request (registry, path, sorted parameters,
  lower case, credentials left out). A response younger than the TTL answers
  the same request again with no network; ``--refresh`` fetches anew.
  200 and 404 are kept (a "not found" is an answer); errors are not.
- ``records``: works imported from dumps (``verifier lookups import``), by
  registry and id, indexed by DOI, PMID and first-author family name, so the
  stage answers from them before asking the network (offline mode).
- ``notices``: retraction, correction and expression-of-concern notices by
  paper DOI, imported from a Retraction Watch CSV (or a DOI list).

Imports are streamed (MEDLINE XML through ``iterparse``, JSON Lines line by
line) and each file goes in one transaction: a truncated gzip or a broken
file leaves the store as it was and says how far it got.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from references.errors import ReferenceParseError
from references.lookup import crossref, openalex, pubmed
from references.lookup.match import fold
from references.lookup.records import Notice, WorkRecord
from references.models import RetractionStatus
from references.retractions import RetractionIndex

__all__ = ["ImportResult", "LookupStore", "default_store_path", "family_key", "request_key"]

_CREDENTIALS = {"api_key", "mailto", "email", "tool"}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY, registry TEXT NOT NULL, url TEXT NOT NULL,
    status INTEGER NOT NULL, body BLOB NOT NULL, fetched_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    source TEXT NOT NULL, id TEXT NOT NULL, doi TEXT, pmid TEXT, family TEXT, year INTEGER,
    data TEXT NOT NULL, imported_from TEXT, PRIMARY KEY (source, id));
CREATE INDEX IF NOT EXISTS records_doi ON records (doi);
CREATE INDEX IF NOT EXISTS records_pmid ON records (pmid);
CREATE INDEX IF NOT EXISTS records_family ON records (family);
CREATE TABLE IF NOT EXISTS notices (
    doi TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL, source TEXT NOT NULL,
    PRIMARY KEY (doi, status, detail));
CREATE TABLE IF NOT EXISTS imports (path TEXT, kind TEXT, records INTEGER, imported_at REAL);
"""


def default_store_path(configured: str | None = None) -> Path:
    """``VERIFIER_CACHE_DIR``/lookups.sqlite, else ``configured``, else the platform cache folder."""
    env = os.environ.get("VERIFIER_CACHE_DIR")
    if env:
        return Path(env).expanduser() / "lookups.sqlite"
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("verifier")) / "lookups.sqlite"


def request_key(registry: str, path: str, params: Mapping[str, str]) -> str:
    """``"crossref /works/10.1/x"`` or ``"pubmed /esearch.fcgi?db=pubmed&term=..."``: one key per question."""
    query = "&".join(f"{k}={' '.join(str(v).split())}" for k, v in sorted(params.items()) if k not in _CREDENTIALS)
    return f"{registry} {path}{'?' + query if query else ''}".lower()


@dataclass(frozen=True)
class ImportResult:
    path: str
    kind: str  # medline | openalex | crossref | retractions
    records: int


def family_key(name: str | None) -> str | None:
    """The blocking key of a first author: the last word of the folded family name ("van der Berg" -> "berg")."""
    words = fold(name).split()
    return words[-1] if words else None


class LookupStore:
    """The SQLite store (see module docstring); safe to share between the stage's threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")  # several runs may share one store
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as err:
            raise ReferenceParseError(f"{self.path}: cannot open the lookup store: {err}") from None
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> LookupStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # responses -------------------------------------------------------------------------------------------

    def cached(self, key: str, ttl_seconds: float) -> tuple[int, bytes] | None:
        """The kept response for ``key`` younger than the TTL; a store that cannot be read answers None."""
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT status, body, fetched_at FROM responses WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.Error:
            return None
        if row is None or time.time() - row[2] > ttl_seconds:
            return None
        return int(row[0]), bytes(row[1])

    def keep(self, key: str, registry: str, url: str, status: int, body: bytes) -> None:
        """Keep a response; when the store is locked or full the run goes on uncached."""
        try:
            with self._lock:
                self._db.execute(
                    "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?)",
                    (key, registry, url, status, body, time.time()),
                )
        except sqlite3.Error:
            pass

    # records ---------------------------------------------------------------------------------------------

    def _rows(self, sql: str, args: tuple[Any, ...]) -> list[WorkRecord]:
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [WorkRecord.model_validate_json(r[0]) for r in rows]

    def by_doi(self, source: str, doi: str) -> list[WorkRecord]:
        return self._rows("SELECT data FROM records WHERE source = ? AND doi = ?", (source, doi))

    def by_pmid(self, source: str, pmid: str) -> list[WorkRecord]:
        return self._rows("SELECT data FROM records WHERE source = ? AND pmid = ?", (source, pmid))

    def by_author_year(self, source: str, family: str, year: int | None) -> list[WorkRecord]:
        """Records sharing the first author's family name, with the year within one when known."""
        if year is None:
            return self._rows("SELECT data FROM records WHERE source = ? AND family = ?", (source, family))
        return self._rows(
            "SELECT data FROM records WHERE source = ? AND family = ? AND (year IS NULL OR year BETWEEN ? AND ?)",
            (source, family, year - 1, year + 1),
        )

    def notices(self, doi: str) -> list[tuple[Notice, str]]:
        """Imported notices about the paper with ``doi``, each with the list it came from."""
        with self._lock:
            rows = self._db.execute("SELECT status, detail, source FROM notices WHERE doi = ?", (doi,)).fetchall()
        return [(Notice(status=RetractionStatus(s), detail=d), src) for s, d, src in rows]

    def has_records(self) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM records LIMIT 1").fetchone() is not None

    def stats(self) -> dict[str, Any]:
        """What the store holds: records per registry, notices, cached responses per registry, imports."""
        with self._lock:
            db = self._db
            return {
                "path": str(self.path),
                "records": dict(db.execute("SELECT source, COUNT(*) FROM records GROUP BY source ORDER BY source")),
                "notices": dict(db.execute("SELECT status, COUNT(*) FROM notices GROUP BY status ORDER BY status")),
                "responses": dict(
                    db.execute("SELECT registry, COUNT(*) FROM responses GROUP BY registry ORDER BY registry")
                ),
                "imports": [
                    {"path": p, "kind": k, "records": n, "imported_at": time.strftime("%Y-%m-%d %H:%M", time.gmtime(t))}
                    for p, k, n, t in db.execute("SELECT path, kind, records, imported_at FROM imports ORDER BY rowid")
                ],
            }

    # imports ---------------------------------------------------------------------------------------------

    def import_file(self, path: str | Path) -> ImportResult:
        """Load one dump (kind told by its name and first bytes) in one transaction."""
        path = Path(path)
        kind = _kind_of(path)
        count = 0
        with self._lock:
            db = self._db
            db.execute("BEGIN")
            try:
                if kind == "retractions":
                    count = self._insert_notices(_retraction_notices(path))
                else:
                    count = self._insert_records(_records_of(path, kind), str(path))
                db.execute("INSERT INTO imports VALUES (?, ?, ?, ?)", (str(path), kind, count, time.time()))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return ImportResult(str(path), kind, count)

    def _insert_records(self, records: Iterable[WorkRecord], origin: str) -> int:
        count = 0
        batch: list[tuple[Any, ...]] = []
        sql = "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        for rec in records:
            batch.append(
                (
                    rec.source,
                    rec.id,
                    rec.doi,
                    rec.pmid,
                    family_key(rec.first_author),
                    rec.year,
                    rec.model_dump_json(),
                    origin,
                )
            )
            count += 1
            if len(batch) >= 1000:
                self._db.executemany(sql, batch)
                batch.clear()
        self._db.executemany(sql, batch)
        return count

    def _insert_notices(self, notices: Iterable[tuple[str, Notice, str]]) -> int:
        rows = [(doi, n.status.value, n.detail, src) for doi, n, src in notices]
        self._db.executemany("INSERT OR IGNORE INTO notices VALUES (?, ?, ?, ?)", rows)
        return len(rows)


def _kind_of(path: Path) -> str:
    name = path.name.lower()
    if not path.is_file():
        raise ReferenceParseError(f"{path}: no such file")
    if name.endswith((".xml", ".xml.gz")):
        return "medline"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return "openalex"
    if name.endswith((".json", ".json.gz")):
        return "crossref"
    if name.endswith((".csv", ".txt")):
        return "retractions"
    raise ReferenceParseError(
        f"{path}: unknown dump (expected MEDLINE .xml/.xml.gz, OpenAlex .jsonl, Crossref .json or a Retraction Watch .csv)"
    )


def _open(path: Path) -> io.BufferedIOBase:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _records_of(path: Path, kind: str) -> Iterator[WorkRecord]:
    count = 0
    try:
        with _open(path) as fh:
            if kind == "medline":
                for rec in _medline(fh):
                    count += 1
                    yield rec
            elif kind == "openalex":
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            work = json.loads(line)
                        except ValueError:
                            raise ReferenceParseError(f"{path}:{n}: not a JSON line; nothing imported") from None
                        for rec in openalex.parse_works(work) if isinstance(work, dict) else []:
                            count += 1
                            yield rec
            else:
                try:
                    data = json.load(fh)
                except ValueError:
                    raise ReferenceParseError(f"{path}: not JSON; nothing imported") from None
                items = data if isinstance(data, list) else [data]
                for item in items:
                    for rec in crossref.parse_works(item) if isinstance(item, dict) else []:
                        count += 1
                        yield rec
    except (EOFError, gzip.BadGzipFile, OSError) as err:
        raise ReferenceParseError(
            f"{path}: truncated or corrupt ({err}) after {count} records; nothing imported"
        ) from None
    except (ParseError, DefusedXmlException) as err:
        raise ReferenceParseError(f"{path}: malformed XML ({err}) after {count} records; nothing imported") from None


def _medline(fh: io.BufferedIOBase) -> Iterator[WorkRecord]:
    """``MedlineCitation`` records of a baseline or update file, one at a time.

    Only "end" events are asked for (half the parser's callbacks). A citation inside a
    ``PubmedArticle`` is read when the article ends (its ``PubmedData`` holds the DOI); a bare one
    (``MedlineCitationSet``) when the next begins or the file ends. Each record is cleared once
    read, so memory stays flat apart from one empty element per record."""
    pending = None
    for _, elem in iterparse(fh, events=("end",), forbid_dtd=False):
        if elem.tag == "MedlineCitation":
            if pending is not None and (rec := pubmed.parse_article(pending)):
                yield rec  # the previous citation had no PubmedArticle around it
            if pending is not None:
                pending.clear()
            pending = elem
        elif elem.tag == "PubmedArticle":
            if pending is not None and (rec := pubmed.parse_article(pending, elem.find("PubmedData"))):
                yield rec
            elem.clear()
            pending = None
    if pending is not None and (rec := pubmed.parse_article(pending)):
        yield rec


def _retraction_notices(path: Path) -> Iterator[tuple[str, Notice, str]]:
    index = RetractionIndex.load(path)
    for rec in index.effective_records():
        if rec.doi:
            when = f", {rec.date}" if rec.date else ""
            yield (
                rec.doi,
                Notice(status=rec.status, detail=f"{index.source} record {rec.record_id}{when}"),
                index.source,
            )
