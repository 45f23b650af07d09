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
