"""The JSON report is streamed to its file, and its bytes equal ``model_dump_json(indent=2)``."""

from __future__ import annotations

import io
import json

import pytest
from helpers import SHARED, analyze_text

from reports import render
from reports.options import RenderOptions
from verifier.cli.common import Format
from verifier.cli.output import render_all

SEEDS = sorted((SHARED / "corpus" / "seeds").glob("*.txt")) if (SHARED / "corpus" / "seeds").is_dir() else []
ARTICLES = sorted((SHARED / "bench" / "fulltext_citations" / "jats_plos").glob("*.xml"))[:3]


def whole(report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def streamed(report) -> str:
    out = io.StringIO()
    render("json", report, out, RenderOptions())
    return out.getvalue()


def test_a_report_with_empty_and_full_lists_streams_the_same_bytes():
    report = analyze_text("Studies have shown that ketamine cures depression in all patients (Smith, 2020).\n", ["ALL"])
    assert report.claims and report.findings and not report.references
    assert streamed(report) == whole(report)
    assert json.loads(streamed(report)) == json.loads(whole(report))


@pytest.mark.parametrize("path", SEEDS + ARTICLES, ids=lambda p: p.name)
def test_the_streamed_report_is_byte_identical_on_real_papers(path, tmp_path):
    from claims.loading import load_document
    from verifier.config import VerifierConfig
    from verifier.pipeline import analyze

    doc = load_document(str(path))
    report = analyze(doc, VerifierConfig())
    target = tmp_path / "report.json"
    render_all(report, doc.text, [(Format.json, target)], by="finding")
    assert target.read_text(encoding="utf-8") == whole(report)
