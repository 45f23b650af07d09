"""Shared test helpers (importable as ``helpers``: pytest puts tests/ on the path)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCHEMA_FILE = ROOT / "reports" / "schema" / "report.schema.json"


def corpus_file(prefix: str) -> Path:
    """A file of the shared corpus by its number prefix ('000'), or skip the test."""
    folder = SHARED / "corpus" / "seeds"
    found = sorted(folder.glob(f"{prefix}_*.txt")) if folder.is_dir() else []
    if not found:
        pytest.skip(f"shared corpus file {prefix}_*.txt not present")
    return found[0]
