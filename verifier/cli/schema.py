"""``verifier schema``: print the JSON Schema of the report."""

from __future__ import annotations

import json


def schema() -> None:
    """Print the report's JSON Schema (draft 2020-12)."""
    from verifier.schema import report_schema

    print(json.dumps(report_schema(), indent=2))
