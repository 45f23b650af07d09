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


def analyze_text(text: str, select: list[str], *, sources: dict[str, str] | None = None, **config: object):
    """Run the whole pipeline on ``text`` with only ``select`` rules; returns the report."""
    from claims.models import Document
    from verifier.config import VerifierConfig
    from verifier.pipeline import Inputs, analyze

    doc = Document(path="case.md", text=text, sha256="0" * 64, format="md", encoding="utf-8")
    cfg = VerifierConfig.model_validate({"select": select, "preview": True, **config})
    return analyze(doc, cfg, Inputs(sources=sources or {}))


# A reference list of one trial in adults, one rat study and one narrative review, for rule tests
# that need cited sentences inside a small article.
ARTICLE_REFS = (
    "\n\nReferences\n\n"
    "1. Stone A, Reed B. Ketamine infusion and depressive symptoms in adults: a randomized controlled trial. "
    "J Psychiatr Res. 2019;12:1-9.\n"
    "2. Hale C. Dendritic spine loss after chronic stress in rats. Neuron. 2018;40:10-20.\n"
    "3. Moss D. Antidepressant drugs: a narrative review. Drugs. 2017;5:3-9.\n"
)


def codes(text: str, select: list[str]) -> list[str]:
    """The codes of the findings the ``select`` rules make on ``text``."""
    return [f.code for f in analyze_text(text, select).findings]


def run_cli(argv: list[str], capsys) -> tuple[int, str, str]:
    """``verifier ARGV`` in this process: its exit code, stdout and stderr."""
    from verifier.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err
