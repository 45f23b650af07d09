"""A real HTTP server on 127.0.0.1 that answers like the registries, from the recorded bytes in
``../shared/registry/`` (its README and index.jsonl say where each file comes from).

Each registry sits under its own prefix (``/crossref``, ``/pubmed``, ``/openalex``, ``/europepmc``) so
one server stands in for all four through ``[tool.verifier.lookup-urls]``. Routing:

- Crossref ``/works/{doi}``: the recorded response for that URL; any other DOI gets the recorded
  404 body ("Resource not found.", Crossref's answer to every unknown DOI). ``/works?query.bibliographic``
  gets the recorded answer to that query, or, for a query the recordings lack, the recorded answer to
  another bibliographic query: Crossref always returns its nearest works, which for a work it does not
  hold are unrelated ones.
- PubMed ``efetch.fcgi?id=``: the recorded PubmedArticleSet holding that PMID, else the recorded empty
  set (metapub's 37909814.xml); ``esearch.fcgi``: the recorded no-hit answer (Biopython's esearch8.xml).
- OpenAlex ``/works/W…``, ``/works/doi:…``, ``/works/pmid:…``: the recorded single work with that id,
  DOI or PMID; otherwise 404 with a one-line JSON body (OpenAlex 404s are not in the recordings: written
  here as an error case). ``/works?search=`` gets a recorded work list.
- Europe PMC ``/search``: the recorded ``query=cancer`` core answer for "cancer", else the recorded
  no-results answer.

``faults`` injects what the recordings lack, per registry (``fault_limit``: only the first n requests): ``"500"`` (Crossref's recorded 500 body),
``"429"`` (with ``Retry-After: 0``), ``"timeout"`` (answers after ``delay`` seconds), ``"malformed"``
(a recorded body cut in half), ``"gzip"`` (a recorded body gzip-compressed and truncated). Every
request's path is kept in ``requests`` so tests can count them.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from helpers import SHARED

REGISTRY = SHARED / "registry"
_PMID = re.compile(rb"<PMID[^>]*>(\d+)</PMID>")


def _index() -> list[dict]:
    path = REGISTRY / "index.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Recordings:
    """The recorded bodies, indexed the way the server looks them up."""

    crossref_works: dict[str, tuple[int, Path]] = field(default_factory=dict)  # doi -> (status, file)
    crossref_queries: dict[str, Path] = field(default_factory=dict)  # query.bibliographic -> file
    pubmed_by_pmid: dict[str, Path] = field(default_factory=dict)
    openalex_by_key: dict[str, Path] = field(default_factory=dict)  # "W…", "doi:…", "pmid:…"

    @classmethod
    def load(cls) -> Recordings:
        rec = cls()
        for row in _index():
            url, path = row.get("url") or "", REGISTRY / row["file"]
            parts = urlsplit(url)
            if row["registry"] == "crossref" and parts.netloc == "api.crossref.org":
                if parts.path.startswith("/works/") and not parts.query and "/transform" not in parts.path:
                    if not parts.path.endswith("/agency"):
                        rec.crossref_works[unquote(parts.path[len("/works/") :]).lower()] = (row["status"], path)
                elif parts.path == "/works" and "query.bibliographic" in parts.query:
                    query = parse_qs(parts.query).get("query.bibliographic", [""])[0]
                    if "rows=1" not in parts.query:
                        rec.crossref_queries[query.lower()] = path
            elif row["registry"] == "pubmed" and row["file"].endswith(".xml") and "esearch" not in row["file"]:
                body = path.read_bytes()
                if b"<PubmedArticle" in body:
                    for pmid in _PMID.findall(body)[:1]:
                        rec.pubmed_by_pmid.setdefault(pmid.decode(), path)
            elif row["registry"] == "openalex" and row["file"].endswith(".json"):
                try:
                    work = json.loads(path.read_bytes())
                except ValueError:
                    continue
                if isinstance(work, dict) and str(work.get("id", "")).startswith("https://openalex.org/W"):
                    rec.openalex_by_key.setdefault(work["id"].rsplit("/", 1)[-1].lower(), path)
                    if work.get("doi"):
                        rec.openalex_by_key.setdefault("doi:" + work["doi"].split("doi.org/", 1)[-1].lower(), path)
                    pmid = (work.get("ids") or {}).get("pmid")
                    if pmid:
                        rec.openalex_by_key.setdefault("pmid:" + pmid.rstrip("/").rsplit("/", 1)[-1], path)
        return rec


CROSSREF_404 = "crossref/responses/habanero/works_10.1371_notarealdoi__404.txt"
CROSSREF_500 = "crossref/responses/rcrossref/works_cursor=5__500.json"
CROSSREF_OTHER_QUERY = (
    "crossref/responses/encoda/works_query.bibliographic=Carlsson+and+Ekre_+Tensor+Computations+in+Julia__200.json"
)
PUBMED_EMPTY = "pubmed/efetch/metapub__metapub/37909814.xml"
PUBMED_NO_HITS = "pubmed/eutils/biopython__biopython/esearch8.xml"
OPENALEX_LIST = (
    "openalex/responses/openalexPro/works_filter=openalex_W3045921891_W3046863325_per-page=200_cursor=__200.json"
)
EUROPEPMC_CANCER = "europepmc/responses/JonasHeinickeBio__pyEuropePMC/search_cancer_core.json"
EUROPEPMC_NONE = "europepmc/responses/JonasHeinickeBio__pyEuropePMC/search_no_results.json"


class RegistryServer:
    """The server; ``base_urls`` is what ``[tool.verifier.lookup-urls]`` needs."""

    def __init__(self, recordings: Recordings) -> None:
        self.recordings = recordings
        self.requests: list[str] = []
        self.user_agents: list[str] = []
        self.faults: dict[str, str] = {}
        self.fault_limit: int | None = None  # how many requests the faults hit (None: all)
        self._faulted = 0
        self.delay = 1.0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.handle(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def base_urls(self) -> dict[str, str]:
        return {name: f"{self.url}/{name}" for name in ("crossref", "pubmed", "openalex", "europepmc")}

    def start(self) -> RegistryServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def count(self, registry: str | None = None) -> int:
        with self._lock:
            return sum(1 for p in self.requests if registry is None or p.startswith(f"/{registry}/"))

    # routing ---------------------------------------------------------------------------------------------

    def route(self, registry: str, path: str, query: dict[str, list[str]]) -> tuple[int, bytes, str]:
        rec = self.recordings

        def file(name: str | Path, status: int = 200, ctype: str = "application/json") -> tuple[int, bytes, str]:
            p = name if isinstance(name, Path) else REGISTRY / name
            return status, p.read_bytes(), ctype

        if registry == "crossref":
            if path.startswith("/works/"):
                doi = unquote(path[len("/works/") :]).lower()
                if doi in rec.crossref_works:
                    status, p = rec.crossref_works[doi]
                    return file(p, status, "application/json" if status == 200 else "text/plain")
                return file(CROSSREF_404, 404, "text/plain")
            if path == "/works":
                q = query.get("query.bibliographic", [""])[0].lower()
                return file(rec.crossref_queries.get(q, REGISTRY / CROSSREF_OTHER_QUERY))
        if registry == "pubmed":
            if path == "/efetch.fcgi":
                ids = query.get("id", [""])[0].split(",")
                found = [rec.pubmed_by_pmid[i] for i in ids if i in rec.pubmed_by_pmid]
                return file(found[0] if found else REGISTRY / PUBMED_EMPTY, ctype="text/xml")
            if path == "/esearch.fcgi":
                return file(PUBMED_NO_HITS, ctype="text/xml")
        if registry == "openalex":
            if path.startswith("/works/"):
                key = unquote(path[len("/works/") :]).lower()
                if key in rec.openalex_by_key:
                    return file(rec.openalex_by_key[key])
                return 404, b'{"error": "Not Found"}', "application/json"
            if path == "/works":
                return file(OPENALEX_LIST)
        if registry == "europepmc" and path == "/search":
            q = query.get("query", [""])[0].lower()
            return file(EUROPEPMC_CANCER if "cancer" in q else EUROPEPMC_NONE)
        return 404, b"not a recorded route", "text/plain"

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        registry, _, rest = parts.path.lstrip("/").partition("/")
        with self._lock:
            self.requests.append(h.path)
            self.user_agents.append(h.headers.get("User-Agent", ""))
        with self._lock:
            fault = self.faults.get(registry)
            if fault and self.fault_limit is not None:
                if self._faulted >= self.fault_limit:
                    fault = None
                else:
                    self._faulted += 1
        headers: dict[str, str] = {}
        if fault == "timeout":
            time.sleep(self.delay)
        if fault == "500":
            status, body, ctype = 500, (REGISTRY / CROSSREF_500).read_bytes(), "application/json"
        elif fault == "429":
            status, body, ctype = 429, b"Too Many Requests", "text/plain"
            headers["Retry-After"] = "0"
        else:
            status, body, ctype = self.route(registry, "/" + rest, parse_qs(parts.query))
            if fault == "malformed":
                body = body[: len(body) // 2]
            elif fault == "gzip":
                body = gzip.compress(body)[:60]
                headers["Content-Encoding"] = "gzip"
        try:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
            pass


_RECORDINGS: Recordings | None = None


def recordings_or_skip() -> Recordings:
    global _RECORDINGS
    if not (REGISTRY / "index.jsonl").is_file():
        pytest.skip("../shared/registry recordings not present")
    if _RECORDINGS is None:
        _RECORDINGS = Recordings.load()
    return _RECORDINGS
