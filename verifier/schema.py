"""The report's JSON Schema, generated from the models.

The committed copy lives at ``reports/schema/report.schema.json``; a test fails
when it differs from what the models generate and rewrites it under
``VERIFIER_UPDATE_SCHEMA=1`` (ruff's generate_json_schema).
"""

from __future__ import annotations

from typing import Any

from verifier.models import SCHEMA_VERSION, Report


def report_schema() -> dict[str, Any]:
    schema = Report.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://verifier.invalid/schema/report-{SCHEMA_VERSION}.json",
        **schema,
    }
