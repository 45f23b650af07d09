"""Where ``check`` writes and what it says: the format inferred from ``-o``'s suffix, one line
naming what was written, ``-o DIR/`` created, and plugin formats chosen with ``-f``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ROOT
from helpers import run_cli as run

EXAMPLE = ROOT / "examples" / "manuscript.md"


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("report.json", lambda text: json.loads(text)["schema_version"]),
        ("report.html", lambda text: text.startswith("<!DOCTYPE html>")),
        ("report.sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
        ("report.md", lambda text: text.startswith("#")),
        ("report.csv", lambda text: text.startswith("code,") or "," in text.splitlines()[0]),
    ],
)
def test_output_suffix_decides_the_format_without_f(name, check, capsys, tmp_path: Path):
    target = tmp_path / name
    code, out, err = run(["check", str(EXAMPLE), "-o", str(target), "--exit-zero"], capsys)
    assert code == 0 and out == ""
    text = target.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert check(text)


def test_writing_a_file_prints_one_line_with_the_finding_count(capsys, tmp_path: Path):
    target = tmp_path / "report.json"
    code, out, err = run(["check", str(EXAMPLE), "-o", str(target)], capsys)
    report = json.loads(target.read_text(encoding="utf-8"))
    total = len(report["findings"])
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"verifier: wrote {target}: {total} findings (")
    errors = report["summary"]["findings_by_severity"]["error"]
    assert f"{errors} error" in lines[0]


def test_stdout_output_prints_no_wrote_line(capsys):
    code, out, err = run(["check", str(EXAMPLE), "-f", "json", "--exit-zero"], capsys)
    assert json.loads(out) and err == ""


def test_output_folder_with_a_slash_is_created(capsys, tmp_path: Path):
    folder = tmp_path / "new" / "reports"
    code, out, err = run(["check", str(EXAMPLE), "-f", "json", "-f", "html", "-o", f"{folder}/", "--exit-zero"], capsys)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["manuscript.html", "manuscript.json"]
    assert err.count("\n") == 1 and "manuscript.json" in err and "manuscript.html" in err


def test_several_formats_into_a_missing_folder_without_slash(capsys, tmp_path: Path):
    folder = tmp_path / "out"
    code, _, err = run(["check", str(EXAMPLE), "-f", "json", "-f", "sarif", "-o", str(folder), "--exit-zero"], capsys)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["manuscript.json", "manuscript.sarif"]


def test_unknown_format_is_one_line_listing_the_known_ones(capsys):
    code, _, err = run(["check", str(EXAMPLE), "-f", "yaml"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "unknown format 'yaml'" in err and "sarif" in err


def _install_plugin(folder: Path) -> None:
    """A distribution on ``sys.path`` with one ``verifier.reporters`` entry point, as pip would install it."""
    (folder / "countfmt.py").write_text(
        "def render(report, out, *, options):\n    out.write(f'{len(report.findings)} findings\\n')\n",
        encoding="utf-8",
    )
    info = folder / "countfmt-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: countfmt\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[verifier.reporters]\ncount = countfmt:render\n", encoding="utf-8")


def test_plugin_format_is_chosen_with_f(capsys, tmp_path: Path, monkeypatch):
    _install_plugin(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    code, out, err = run(["check", str(EXAMPLE), "-f", "count", "--exit-zero"], capsys)
    assert code == 0, err
    assert out.strip().endswith("findings") and int(out.split()[0]) > 0
    folder = tmp_path / "out"
    code, _, err = run(["check", str(EXAMPLE), "-f", "count", "-f", "json", "-o", f"{folder}/", "--exit-zero"], capsys)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["manuscript.count", "manuscript.json"]
