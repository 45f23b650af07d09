"""The plain-text formats: json, text, markdown, csv, github; the registry and the writer."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reports
from reports import github, markdown
from reports.csv import FINDING_COLUMNS, REFERENCE_COLUMNS, defuse
from reports.options import RenderOptions, should_color
from reports.writer import write_atomic
from verifier.models import Report

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "reports" / "schema" / "report.schema.json"


def run(fmt: str, report: Report, **kw) -> str:
    buf = io.StringIO()
    reports.render(fmt, report, buf, RenderOptions(**kw))
    return buf.getvalue()


def test_every_span_quotes_the_manuscript(sample):
    for f in sample.report.findings:
        assert sample.text[f.span.start : f.span.end] == f.quoted
    for c in sample.report.claims:
        assert sample.text[c.span.start : c.span.end] == c.text


def test_json_round_trips_and_matches_schema(sample):
    out = run("json", sample.report)
    assert Report.model_validate_json(out) == sample.report
    schema = (
        json.loads(SCHEMA_FILE.read_text()) if SCHEMA_FILE.exists() else Report.model_json_schema(mode="serialization")
    )
    jsonschema.Draft202012Validator(schema).validate(json.loads(out))


def test_text_groups_worst_first_and_keeps_markup_literal(sample):
    out = run("text", sample.report)
    assert out.index("ERROR (2)") < out.index("WARNING (2)") < out.index("INFO (3)")
    assert "\x1b[" not in out
    assert "(see [4])" in out  # would vanish if read as rich markup
    assert "papers/sleep notes.txt:3:19: OVR002 [warning]" in out
    assert "= fix: soften 'causes' to 'is associated with' -> is associated with" in out
    assert "refs.bib:12: bib entry: unbalanced braces <b>" in out


def test_text_does_not_interpret_manuscript_markup(sample):
    finding = sample.report.findings[0].model_copy(update={"message": "[@smith2020] [bold]x[/bold] :smile:"})
    report = sample.report.model_copy(update={"findings": [finding]})
    out = run("text", report, color=True)
    assert "[@smith2020] [bold]x[/bold] :smile:" in out
    assert "\x1b[" in out  # colour was asked for


def test_text_cannot_carry_terminal_escapes(sample):
    finding = sample.report.findings[0].model_copy(update={"quoted": "ok\x1b]0;pwned\x07\x9b31m"})
    report = sample.report.model_copy(update={"findings": [finding]})
    out = run("text", report, color=False)
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "ok\ufffd]0;pwned\ufffd\ufffd31m" in out


def test_markdown_escapes_manuscript_text(sample, rules):
    out = run("markdown", sample.report, rules=rules)
    assert "## ✖ Error (2)" in out
    assert "\\<b\\>" in out and "<b>" not in out
    assert "\\[4\\]" in out
    assert out.count("\n## ") == 5  # error, warning, info, rules, skipped
    assert "- **OVR002** `causal-from-correlational`: Causal wording" in out


@given(st.text())
def test_md_escape_leaves_no_active_character(text):
    escaped = markdown.md_escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    i = 0
    while i < len(escaped):
        ch = escaped[i]
        if ch == "\\":
            assert escaped[i + 1] in "\\`*_[]<>|~&$!#"
            i += 2
            continue
        assert ch not in "`*_[]<>|~&$!#"
        i += 1


def test_csv_by_finding(sample):
    rows = list(csv.reader(io.StringIO(run("csv", sample.report))))
    assert tuple(rows[0]) == FINDING_COLUMNS
    assert len(rows) == 1 + len(sample.report.findings)
    by = {r[2] + "@" + r[6]: dict(zip(FINDING_COLUMNS, r)) for r in rows[1:]}
    multi = by["OVR003@5"]
    assert multi["quoted"] == "Melatonin was\nwell tolerated"  # kept exactly, newline and all
    assert (multi["line"], multi["end_line"]) == ("5", "6")
    assert by["OVR005@7"]["quoted"].startswith("'=HYPERLINK")  # defused formula


def test_csv_by_reference_counts_citations(sample):
    rows = list(csv.DictReader(io.StringIO(run("csv", sample.report, by="reference"))))
    assert tuple(rows[0].keys()) == REFERENCE_COLUMNS
    by_key = {r["key"]: r for r in rows}
    assert by_key["1"]["evidence_level"] == "4" and by_key["1"]["times_cited"] == "1"
    assert by_key["1"]["cited_at_lines"] == "3" and by_key["1"]["finding_codes"] == "OVR002"
    assert by_key["3"]["peer_reviewed"] == "false" and by_key["3"]["evidence_level"] == "non_scholarly"
    assert by_key["5"]["times_cited"] == "0" and by_key["5"]["finding_codes"] == "CIT002"
    assert by_key["4"]["reasons"] == "title: mice -> species=animal"


def test_csv_rejects_unknown_grouping(sample):
    with pytest.raises(ValueError, match="'claim'"):
        run("csv", sample.report, by="claim")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("=1+1", "'=1+1"), ("-2 points", "'-2 points"), ("@SUM(A1)", "'@SUM(A1)"), ("plain", "plain"), ("a=b", "a=b")],
)
def test_defuse(cell, expected):
    assert defuse(cell) == expected


def test_github_annotations(sample):
    lines = run("github", sample.report).splitlines()
    assert len(lines) == len(sample.report.findings)
    assert lines[0].startswith(
        "::warning title=verifier (OVR002),file=papers/sleep notes.txt,line=3,col=19,endLine=3,endColumn=25::"
    )
    multi = next(line for line in lines if "(OVR003)" in line)
    assert ",line=5,endLine=6::" in multi and "col=" not in multi and "endColumn=" not in multi
    assert "100%25 of cited work" in multi
    assert any(line.startswith("::notice ") for line in lines)
    assert any(line.startswith("::error ") for line in lines)


@given(st.text())
def test_github_escaping_keeps_one_line(value):
    data = github.escape_data(value)
    prop = github.escape_property(value)
    assert "\n" not in data and "\r" not in data
    assert "," not in prop and ":" not in prop and "\n" not in prop
    unescaped = (
        prop.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
    )
    # decoding in GitHub's order gives the original back when the value holds no escape-like text
    if "%" not in value:
        assert unescaped == value


def test_registry_lists_formats_and_rejects_unknown(sample):
    assert set(reports.FORMATS) == {"text", "json", "markdown", "html", "sarif", "csv", "github"}
    with pytest.raises(ValueError, match="known formats: csv, github, html"):
        run("yaml", sample.report)


def test_entry_point_reporter(sample, monkeypatch):
    calls = []

    class FakeEntryPoint:
        name = "count"

        def load(self):
            def render(report, out, *, options):
                calls.append(options)
                out.write(f"{len(report.findings)}\n")

            return render

    def fake_entry_points(group):
        assert group == "verifier.reporters"
        return [FakeEntryPoint()]

    monkeypatch.setattr(reports, "entry_points", fake_entry_points)
    assert "count" in reports.available_formats()
    assert run("count", sample.report) == "7\n"
    assert isinstance(calls[0], RenderOptions)


def test_write_atomic_replaces_whole_file(tmp_path):
    target = tmp_path / "report.html"
    write_atomic(target, "old")
    write_atomic(target, "new ✓\r\n")
    assert target.read_bytes() == "new ✓\r\n".encode()
    assert os.listdir(tmp_path) == ["report.html"]


def test_write_atomic_keeps_old_file_on_failure(tmp_path):
    target = tmp_path / "report.json"
    write_atomic(target, "old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "bad \ud800 surrogate")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["report.json"]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "env", "force", "expected"),
    [
        (_Tty(), {}, None, True),
        (io.StringIO(), {}, None, False),
        (_Tty(), {"NO_COLOR": "1"}, None, False),
        (_Tty(), {"NO_COLOR": ""}, None, True),
        (io.StringIO(), {"FORCE_COLOR": "1"}, None, True),
        (_Tty(), {"NO_COLOR": "1"}, True, True),
        (_Tty(), {}, False, False),
    ],
)
def test_should_color(stream, env, force, expected):
    assert should_color(stream, env, force) is expected
