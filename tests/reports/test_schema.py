"""The committed report schema matches the models (ruff's generate_json_schema check).

Run with ``VERIFIER_UPDATE_SCHEMA=1`` to rewrite the committed file after a
deliberate change to the models (and bump ``SCHEMA_VERSION`` when a field is
renamed or removed).
"""

from __future__ import annotations

import json
import os

from helpers import SCHEMA_FILE

from verifier.schema import report_schema


def test_committed_schema_is_current():
    generated = json.dumps(report_schema(), indent=2, sort_keys=True) + "\n"
    if os.environ.get("VERIFIER_UPDATE_SCHEMA") == "1":
        SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
        SCHEMA_FILE.write_text(generated, encoding="utf-8")
    committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
    assert committed == generated, (
        "report schema changed: run VERIFIER_UPDATE_SCHEMA=1 pytest tests/reports/test_schema.py"
    )


def test_schema_declares_the_contract_fields():
    schema = report_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    for field in ("schema_version", "tool", "input", "claims", "references", "links", "findings", "skipped", "summary"):
        assert field in schema["properties"], field
    finding = schema["$defs"]["Finding"]["properties"]
    for field in (
        "code",
        "name",
        "severity",
        "confidence",
        "message",
        "span",
        "quoted",
        "claim_id",
        "reference_keys",
        "evidence",
        "suggestion",
    ):
        assert field in finding, field
