"""The HTTP client every registry module asks through.

httpx rather than urllib: per-request timeouts, one pooled connection per
host shared by the worker threads, and an injectable transport. On top of it:

- retries with exponential backoff on 429 and 5xx and on transport errors
  (connect, read, timeout), honouring ``Retry-After`` (seconds or an HTTP
  date, capped at ``max_retry_after``); ``retries`` bounds the attempts;
- per-registry rate limits (NCBI: 3 requests/s, 10 with an API key; Crossref's
  polite pool when a ``mailto`` is given), shared by all threads;
- a User-Agent naming the tool, its version and the contact address;
- base URLs from configuration, so a mirror or a local test server stands in.

Every failure becomes a ``FetchError`` whose message is the one-phrase reason
the report shows ("timeout after 3 attempts", "HTTP 503 after 3 attempts");
nothing here raises anything else.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

import httpx

__all__ = ["DEFAULT_BASE_URLS", "Fetch", "FetchError", "RateLimiter", "RegistryClient", "Response", "quote_path"]

DEFAULT_BASE_URLS = {
    "crossref": "https://api.crossref.org",
    "pubmed": "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
    "openalex": "https://api.openalex.org",
    "europepmc": "https://www.ebi.ac.uk/europepmc/webservices/rest",
}
# Requests per second: NCBI's documented limits; Crossref's public and polite pools; OpenAlex asks for
# at most 10/s; Europe PMC states no number, so the same.
_RATES = {"crossref": 5.0, "pubmed": 3.0, "openalex": 10.0, "europepmc": 10.0}
_RATES_WITH_CREDENTIALS = {"crossref": 10.0, "pubmed": 10.0}


class FetchError(Exception):
    """A registry could not be asked: the message is the reason shown in the report."""


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes
    cached: bool = False


Fetch = Callable[[str, Mapping[str, str]], Response]  # (path, params) -> response, for one registry


def quote_path(value: str) -> str:
    """A DOI or id as one path segment: ``/`` kept (Crossref and OpenAlex expect it), the rest escaped."""
    return quote(value, safe="/:()[];,.-_")


class RateLimiter:
    """At most ``rate`` calls per second across threads: each caller reserves the next free slot."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()
        self._clock = clock

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(when.timestamp() - time.time(), 0.0), cap)


class RegistryClient:
    """GET requests to the configured registries, with the politeness rules above."""

    def __init__(
        self,
        base_urls: Mapping[str, str] | None = None,
        *,
        tool_version: str = "0",
        mailto: str | None = None,
        ncbi_api_key: str | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_retry_after: float = 30.0,
        rates: Mapping[str, float] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_urls = {**DEFAULT_BASE_URLS, **(base_urls or {})}
        self.mailto = mailto
        self.ncbi_api_key = ncbi_api_key
        self.retries = max(1, retries)
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        credentials = {"crossref": bool(mailto), "pubmed": bool(ncbi_api_key)}
        self._limiters = {
            name: RateLimiter(
                (rates or {}).get(name)
                or (_RATES_WITH_CREDENTIALS[name] if credentials.get(name) else _RATES.get(name, 5.0))
            )
            for name in self.base_urls
        }
        contact = f"; mailto:{mailto}" if mailto else ""
        self.user_agent = f"verifier/{tool_version} (citation-claim-verifier{contact})"
        self._http = httpx.Client(
            timeout=timeout, headers={"User-Agent": self.user_agent}, transport=transport, follow_redirects=True
        )
        self.requests = 0  # sent, retries included: the benchmark's cold/warm figure
        self._count_lock = threading.Lock()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def polite_params(self, registry: str) -> dict[str, str]:
        """The contact and key parameters each registry asks for."""
        out: dict[str, str] = {}
        if registry in ("crossref", "openalex") and self.mailto:
            out["mailto"] = self.mailto
        if registry == "pubmed":
            out["tool"] = "verifier"
            if self.mailto:
                out["email"] = self.mailto
            if self.ncbi_api_key:
                out["api_key"] = self.ncbi_api_key
        return out

    def get(self, registry: str, path: str, params: Mapping[str, str]) -> Response:
        """The response for ``base_urls[registry] + path``; 2xx, 3xx and 4xx come back, the rest raises."""
        url = self.base_urls[registry].rstrip("/") + path
        query = {**params, **self.polite_params(registry)}
        why = "no attempt"
        delay = 0.0
        for attempt in range(self.retries):
            if attempt:
                time.sleep(delay)
            self._limiters[registry].wait()
            with self._count_lock:
                self.requests += 1
            delay = self.backoff * (2**attempt)
            try:
                resp = self._http.get(url, params=query)
                body = resp.read()
            except httpx.TimeoutException:
                why = "timeout"
                continue
            except httpx.TransportError as err:
                why = f"cannot connect ({type(err).__name__})"
                continue
            except httpx.HTTPError as err:  # decoding errors: a truncated or corrupt compressed body
                raise FetchError(f"unreadable response ({type(err).__name__})") from None
            if resp.status_code == 429 or resp.status_code >= 500:
                why = f"HTTP {resp.status_code}"
                wait = _retry_after(resp.headers.get("Retry-After"), self.max_retry_after)
                if wait is not None:
                    delay = wait
                continue
            return Response(resp.status_code, body)
        attempts = f" after {self.retries} attempts" if self.retries > 1 else ""
        raise FetchError(f"{why}{attempts}")
