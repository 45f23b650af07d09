"""One marker count, named consistently: citation markers (they cite) and author mentions (they
name authors and cite nothing) are counted apart, and findings, the summary and every format agree.
Seed 000 once said "60 citation markers" in CIT001 and "68 markers" in the summary."""

from __future__ import annotations

import io
import re

from helpers import analyze_text, corpus_file

from reports import RenderOptions, render

TEXT = (
    "Ketamine lifts mood within hours in adults [1]. Nobler and colleagues found less metabolism after ECT. "
    "Relapse is common within a month (Smith, 2020).\n"
)


def _rendered(report, fmt: str) -> str:
    out = io.StringIO()
    render(fmt, report, out, RenderOptions(source_text=TEXT))
    return out.getvalue()


def test_citation_markers_and_author_mentions_are_counted_apart():
    report = analyze_text(TEXT, ["CIT001"])
    s = report.summary
    assert (s.markers, s.citation_markers, s.author_mentions) == (3, 2, 1)
    assert [f.message.split(",")[0] for f in report.findings] == ["2 citation markers"]
    assert "2 citation markers, 1 author mention," in _rendered(report, "text")
    assert "| 2 | 1 |" in _rendered(report, "markdown")
    html = _rendered(report, "html")
    assert "<dt>Citation markers</dt><dd>2</dd>" in html and "<dt>Author mentions</dt><dd>1</dd>" in html


def test_seed_000_says_the_same_count_everywhere():
    from claims.loading import load_document
    from verifier.config import VerifierConfig
    from verifier.pipeline import analyze

    report = analyze(load_document(str(corpus_file("000"))), VerifierConfig())
    cit001 = [f for f in report.findings if f.code == "CIT001"]
    stated = int(re.match(r"(\d+) citation markers", cit001[0].message).group(1))
    assert stated == report.summary.citation_markers == 60
    assert report.summary.markers == report.summary.citation_markers + report.summary.author_mentions
