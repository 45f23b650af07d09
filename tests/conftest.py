"""Shared fixtures: the report schema validator."""

from __future__ import annotations

import json

import pytest
from helpers import SCHEMA_FILE


@pytest.fixture(scope="session")
def report_validator():
    """Validates any JSON report against the committed schema (draft 2020-12)."""
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture
def registry_server():
    """A local HTTP server answering like the registries from ``../shared/registry`` (skips when absent)."""
    from registry_server import RegistryServer, recordings_or_skip

    server = RegistryServer(recordings_or_skip()).start()
    yield server
    server.stop()


@pytest.fixture
def lookup_config(registry_server, tmp_path, monkeypatch):
    """``[tool.verifier]`` lookup keys pointing at the local server, with a fresh store and fast retries."""
    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(tmp_path / "cache"))
    return {
        "lookups": ["crossref", "pubmed", "openalex", "europepmc"],
        "lookup-urls": registry_server.base_urls,
        "lookup-rates": {"crossref": 1000, "pubmed": 1000, "openalex": 1000, "europepmc": 1000},
        "lookup-timeout": 2.0,
    }
