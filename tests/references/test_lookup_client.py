"""The HTTP client against a real local server: retries, Retry-After, timeouts, bad bodies, rate limits."""

from __future__ import annotations

import pytest

from references.lookup import client as client_module
from references.lookup import crossref
from references.lookup.client import FetchError, RateLimiter, RegistryClient
from references.models import Reference

DOI = "/works/10.1371/journal.pone.0033693"


def make(server, **kw) -> RegistryClient:
    kw.setdefault("backoff", 0.0)
    kw.setdefault("rates", {"crossref": 1000, "pubmed": 1000, "openalex": 1000, "europepmc": 1000})
    return RegistryClient(server.base_urls, tool_version="9.9", **kw)


def test_get_sends_user_agent_and_polite_params(registry_server):
    with make(registry_server, mailto="lab@example.org") as c:
        resp = c.get("crossref", DOI, {})
    assert resp.status == 200 and b"Methylphenidate" in resp.body
    assert registry_server.user_agents[-1] == "verifier/9.9 (citation-claim-verifier; mailto:lab@example.org)"
    assert "mailto=lab%40example.org" in registry_server.requests[-1]


def test_ncbi_key_goes_with_pubmed_requests_only(registry_server):
    with make(registry_server, ncbi_api_key="k123") as c:
        c.get("pubmed", "/esearch.fcgi", {"db": "pubmed", "term": "x"})
        c.get("crossref", DOI, {})
    assert "api_key=k123" in registry_server.requests[0] and "api_key" not in registry_server.requests[1]


def test_5xx_is_retried_a_bounded_number_of_times(registry_server):
    registry_server.faults["crossref"] = "500"
    with make(registry_server, retries=3) as c, pytest.raises(FetchError, match=r"HTTP 500 after 3 attempts"):
        c.get("crossref", DOI, {})
    assert registry_server.count("crossref") == 3


def test_429_honours_retry_after_then_succeeds(registry_server, monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr(client_module.time, "sleep", waits.append)
    registry_server.faults["crossref"] = "429"
    registry_server.fault_limit = 1
    with make(registry_server, backoff=5.0) as c:
        assert c.get("crossref", DOI, {}).status == 200
    assert registry_server.count("crossref") == 2
    assert waits == [0.0]  # Retry-After: 0 replaced the 5 s backoff


def test_timeout_is_reported(registry_server):
    registry_server.faults["crossref"] = "timeout"
    registry_server.delay = 0.5
    with (
        make(registry_server, timeout=0.1, retries=2) as c,
        pytest.raises(FetchError, match="timeout after 2 attempts"),
    ):
        c.get("crossref", DOI, {})


def test_unreachable_registry_is_reported():
    c = RegistryClient({"crossref": "http://127.0.0.1:9"}, retries=1, backoff=0.0)
    with c, pytest.raises(FetchError, match="cannot connect"):
        c.get("crossref", DOI, {})


def test_malformed_json_and_truncated_gzip(registry_server):
    ref = Reference(key="1", doi="10.1371/journal.pone.0033693")
    with make(registry_server) as c:
        registry_server.faults["crossref"] = "malformed"
        with pytest.raises(FetchError, match="malformed JSON from crossref"):
            crossref.lookup(ref, lambda path, params: c.get("crossref", path, params))
        # httpx hands back what a truncated gzip stream decodes to; the body then fails to parse
        registry_server.faults["crossref"] = "gzip"
        with pytest.raises(FetchError, match="malformed JSON from crossref|unreadable response"):
            crossref.lookup(ref, lambda path, params: c.get("crossref", path, params))


def test_rate_limiter_spaces_calls(monkeypatch):
    now = [100.0]
    slept: list[float] = []
    monkeypatch.setattr(client_module.time, "sleep", slept.append)
    limiter = RateLimiter(3.0, clock=lambda: now[0])
    for _ in range(4):
        limiter.wait()
    assert [round(s, 3) for s in slept] == [0.333, 0.667, 1.0]  # NCBI's 3 per second without a key


def test_ncbi_rate_depends_on_the_key():
    assert RegistryClient()._limiters["pubmed"].interval == pytest.approx(1 / 3)
    assert RegistryClient(ncbi_api_key="k")._limiters["pubmed"].interval == pytest.approx(1 / 10)
