"""End-to-end CLI tests: exit codes, outputs validated against the schema, and bad
input that always gets one line on stderr and exit 2 (never a traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

from verifier.cli import main

EXAMPLE = ROOT / "examples" / "manuscript.md"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("verifier: error: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_check_json_is_valid_and_spans_quote_the_input(capsys, report_validator):
    code, out, _ = run(
        ["check", str(EXAMPLE), "-f", "json", "--retractions", str(ROOT / "examples" / "retractions.csv")], capsys
    )
    assert code == 1  # the example has error findings and fail-on defaults to error
    report = json.loads(out)
    report_validator.validate(report)
    text = EXAMPLE.read_text(encoding="utf-8")
    assert report["findings"], "the example should exercise the rules"
    for finding in report["findings"]:
        assert text[finding["span"]["start"] : finding["span"]["end"]] == finding["quoted"]
    for claim in report["claims"]:
        assert text[claim["span"]["start"] : claim["span"]["end"]] == claim["text"]
        for marker in claim["markers"]:
            assert text[marker["span"]["start"] : marker["span"]["end"]] == marker["text"]
    codes = {f["code"] for f in report["findings"]}
    for expected in (
        "SUP001",
        "SUP002",
        "SUP003",
        "OVR001",
        "OVR002",
        "OVR003",
        "OVR004",
        "OVR005",
        "CIT001",
        "CIT003",
        "CIT004",
        "CIT006",
        "CIT007",
        "CIT008",
        "CIT009",
        "STA003",
    ):
        assert expected in codes, expected


def test_exit_codes_follow_fail_on_and_exit_zero(capsys, tmp_path: Path):
    clean = tmp_path / "clean.md"
    clean.write_text("Depression is common, and the reasons for it are many and varied.\n", encoding="utf-8")
    assert run(["check", str(clean)], capsys)[0] == 0
    assert run(["check", str(EXAMPLE), "--exit-zero"], capsys)[0] == 0
    assert run(["check", str(EXAMPLE), "--select", "OVR005"], capsys)[0] == 0  # warnings only
    assert run(["check", str(EXAMPLE), "--select", "OVR005", "--fail-on", "warning"], capsys)[0] == 1


def test_several_formats_to_a_directory(capsys, tmp_path: Path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, _ = run(
        [
            "check",
            str(EXAMPLE),
            "-f",
            "json",
            "-f",
            "sarif",
            "-f",
            "html",
            "-f",
            "csv",
            "-o",
            str(out_dir),
            "--exit-zero",
        ],
        capsys,
    )
    assert code == 0 and out == ""
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == ["manuscript.csv", "manuscript.html", "manuscript.json", "manuscript.sarif"]
    sarif = json.loads((out_dir / "manuscript.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"


def test_format_path_pairs_and_missing_pair(capsys, tmp_path: Path):
    target = tmp_path / "r.md"
    code, _, _ = run(["check", str(EXAMPLE), "-f", "markdown", "-o", f"markdown={target}", "--exit-zero"], capsys)
    assert code == 0 and target.read_text(encoding="utf-8").strip()
    code, _, err = run(["check", str(EXAMPLE), "-f", "json", "-f", "html"], capsys)
    assert_one_line_error(code, err, "--output")


def test_stdin(capsys, monkeypatch):
    import io

    data = b"Studies have shown that ketamine cures depression in all patients.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["check", "-", "-f", "json", "--fail-on", "warning"], capsys)
    assert code == 1
    assert {f["code"] for f in json.loads(out)["findings"]} >= {"OVR005", "SUP001"}


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "directory"),
        (lambda p: (p / "empty.txt").write_bytes(b"") and None or p / "empty.txt", "empty"),
        (
            lambda p: (
                (p / "bin.txt").write_bytes(b"\x00\x01\x02\x03" * 200 + b"\xff\xfe\x00") and None or p / "bin.txt"
            ),
            "binary",
        ),
        (
            lambda p: (p / "doc.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n") and None or p / "doc.pdf",
            "PDF",
        ),
    ],
    ids=["missing", "directory", "empty", "binary", "pdf"],
)
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path: Path, make, needle):
    path = make(tmp_path)
    code, out, err = run(["check", str(path)], capsys)
    assert_one_line_error(code, err)
    assert needle.lower() in err.lower(), err
    assert out == ""


def test_a_50_mb_file_is_refused_before_it_is_read(capsys, tmp_path: Path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    code, _, err = run(["check", str(big)], capsys)
    assert_one_line_error(code, err, "MB")


def test_invalid_utf8_gives_a_complete_report_naming_the_encoding(capsys, tmp_path: Path, report_validator):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 patients improved after treatment in a small study.\n".encode("cp1252"))
    code, out, _ = run(["check", str(path), "-f", "json"], capsys)
    assert code == 0
    report = json.loads(out)
    report_validator.validate(report)
    assert report["input"]["encoding"] == "cp1252"
    assert report["claims"][0]["text"].startswith("Café")


def test_usage_and_config_errors_are_one_line(capsys, tmp_path: Path):
    code, _, err = run(["check", str(EXAMPLE), "-f", "yaml"], capsys)
    assert_one_line_error(code, err)
    config = tmp_path / "verifier.toml"
    config.write_text("selcet = ['OVR']\n", encoding="utf-8")
    code, _, err = run(["check", str(EXAMPLE), "--config", str(config)], capsys)
    assert_one_line_error(code, err, "verifier.toml", "selcet")
    code, _, err = run(["check", str(EXAMPLE), "--severity", "OVR005=loud"], capsys)
    assert_one_line_error(code, err, "--severity")
    code, _, err = run(["check", str(EXAMPLE), "--rule-option", "OVR001.no-such-option=3"], capsys)
    assert_one_line_error(code, err, "OVR001", "no-such-option")


def test_severity_override_and_rule_option(capsys):
    code, out, _ = run(
        ["check", str(EXAMPLE), "-f", "json", "--select", "OVR005", "--severity", "OVR005=error"], capsys
    )
    assert code == 1
    assert {f["severity"] for f in json.loads(out)["findings"]} == {"error"}


def test_rules_and_rule_commands(capsys):
    code, out, _ = run(["rules", "--format", "json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert {"CIT001", "SUP001", "OVR002", "STA003"} <= {r["code"] for r in rows}
    code, out, _ = run(["rule", "OVR002"], capsys)
    assert code == 0 and "## Why it matters" in out
    code, out, _ = run(["rule", "causal-from-correlational"], capsys)
    assert code == 0 and "OVR002" in out
    code, _, err = run(["rule", "XYZ999"], capsys)
    assert_one_line_error(code, err, "XYZ999")


def test_claims_and_refs_commands(capsys, report_validator):
    code, out, _ = run(["claims", str(EXAMPLE), "-f", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["claims"] and all("features" in c for c in data["claims"])
    code, out, _ = run(["refs", str(EXAMPLE), "-f", "json"], capsys)
    assert code == 0
    refs = json.loads(out)["references"]
    assert len(refs) == 14
    assert refs[0]["cited_by"] and refs[0]["evidence"]["level"]
    code, out, _ = run(["refs", str(EXAMPLE)], capsys)
    assert code == 0 and "evidence: level" in out


def test_readme_table_is_current(capsys):
    code, out, _ = run(["rules", "--format", "markdown"], capsys)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert out.strip() in readme, "README rule table is stale: paste `verifier rules --format markdown`"


def test_python_dash_m_and_version():
    done = subprocess.run([sys.executable, "-m", "verifier", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("verifier ")


def test_against_compares_with_another_document(capsys, tmp_path: Path, report_validator):
    review = tmp_path / "review.md"
    review.write_text("Vitamin D reduces the severity of COVID-19 in adults.\n", encoding="utf-8")
    meta = tmp_path / "meta.txt"
    meta.write_text("Vitamin D may reduce the severity of COVID-19 in adults.\n", encoding="utf-8")
    code, out, _ = run(["check", str(review), "--against", str(meta), "-f", "json", "--select", "CON,OVR006"], capsys)
    report = json.loads(out)
    report_validator.validate(report)
    found = [f for f in report["findings"] if f["code"] == "OVR006"]
    assert found, report["findings"]
    assert any(t["kind"] == "source_sentence" and "may reduce" in t["text"] for t in found[0]["evidence"])


def test_pandoc_example_with_bibtex(capsys, report_validator):
    manuscript = ROOT / "examples" / "manuscript-pandoc.md"
    code, out, _ = run(
        ["check", str(manuscript), "--refs", str(ROOT / "examples" / "references.bib"), "-f", "json"], capsys
    )
    assert code == 1
    report = json.loads(out)
    report_validator.validate(report)
    assert {r["key"] for r in report["references"]} >= {"moxon2023", "li2010", "berlim2014"}
    codes = {f["code"] for f in report["findings"]}
    assert {"CIT001", "CIT002", "OVR002", "OVR003", "OVR006"} <= codes
    styles = {m["style"] for c in report["claims"] for m in c["markers"]}
    assert {"pandoc", "latex", "author_year"} <= styles


def test_malformed_bibtex_keeps_the_rest_and_reports_the_line(capsys, tmp_path: Path, report_validator):
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{good1, author={Lee, Ann}, title={A randomized trial of ketamine}, journal={J}, year={2020}}\n"
        "@article{broken, author={Oops, title={Missing brace}, year=2019\n\n"
        "@article{good2, author={Kim, Bo}, title={A cohort study}, journal={J}, year={2018}}\n",
        encoding="utf-8",
    )
    doc = tmp_path / "paper.md"
    doc.write_text("Ketamine helps [@good1; @good2].\n", encoding="utf-8")
    code, out, err = run(["check", str(doc), "--refs", str(bib), "-f", "json", "--exit-zero"], capsys)
    assert code == 0, err
    report = json.loads(out)
    report_validator.validate(report)
    assert {"good1", "good2"} <= {r["key"] for r in report["references"]}
    assert any("refs.bib:" in s["where"] for s in report["skipped"]), report["skipped"]


def test_unreadable_reference_file_is_one_line(capsys, tmp_path: Path):
    bib = tmp_path / "refs.json"
    bib.write_text("42", encoding="utf-8")
    code, _, err = run(["check", str(EXAMPLE), "--refs", str(bib)], capsys)
    assert_one_line_error(code, err, "refs.json")


def test_output_into_a_missing_folder_is_one_line(capsys, tmp_path: Path):
    target = tmp_path / "missing" / "report.json"
    code, _, err = run(["check", str(EXAMPLE), "-f", "json", "-o", str(target)], capsys)
    assert_one_line_error(code, err, "cannot write")
    assert not target.parent.exists()


def test_report_files_get_the_usual_mode(capsys, tmp_path: Path):
    import os

    target = tmp_path / "report.json"
    run(["check", str(EXAMPLE), "-f", "json", "-o", str(target), "--exit-zero"], capsys)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
