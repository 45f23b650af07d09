"""The README's example manuscript as DOCX and PDF (made by examples/make_formats.py) gives the
findings the Markdown gives, and every span quotes the extracted text."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT

from verifier.cli import main

EXAMPLES = ROOT / "examples"


def findings(path, capsys, report_validator) -> tuple[dict, list[tuple[str, str]]]:
    with pytest.raises(SystemExit):
        main(["check", str(path), "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    report_validator.validate(report)
    return report, sorted((f["code"], " ".join(f["quoted"].split())) for f in report["findings"])


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_docx_and_pdf_give_the_markdown_findings(suffix, capsys, report_validator):
    _, expected = findings(EXAMPLES / "manuscript.md", capsys, report_validator)
    report, got = findings(EXAMPLES / f"manuscript.{suffix}", capsys, report_validator)
    assert report["input"]["format"] == suffix
    assert got == expected
    with pytest.raises(SystemExit) as exit_info:
        main(["text", str(EXAMPLES / f"manuscript.{suffix}")])
    assert exit_info.value.code in (0, None)
    text = capsys.readouterr().out
    for finding in report["findings"]:
        span = finding["span"]
        assert text[span["start"] : span["end"]] == finding["quoted"]
        assert ("page" in span) == (suffix == "pdf")
