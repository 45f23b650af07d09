"""``verifier check`` over several manuscripts: per-paper reports, the audit table,
skipped papers, and the errors that must come before any work."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import ROOT

from verifier.cli import main
from verifier.cli.batch import expand_inputs, report_names

UNSUPPORTED = "Studies have shown that ketamine cures depression in all patients.\n"
CLEAN = "We thank the participants.\n"


def summary_rows(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader((folder / "summary.csv").read_text(encoding="utf-8").splitlines()))


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    (folder / "a" / "paper.md").write_text(UNSUPPORTED, encoding="utf-8")
    (folder / "b" / "paper.md").write_text(CLEAN, encoding="utf-8")
    (folder / "third.txt").write_text(UNSUPPORTED + CLEAN, encoding="utf-8")
    (folder / "notes.csv").write_text("not,a,manuscript\n", encoding="utf-8")
    (folder / ".hidden.md").write_text(UNSUPPORTED, encoding="utf-8")
    return folder


def test_a_folder_gives_one_report_per_manuscript_and_a_summary(papers, tmp_path, capsys, report_validator):
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, err = run(["check", str(papers), "-f", "json", "-o", str(out), "--fail-on", "warning"], capsys)
    assert code == 1, err  # warnings in two papers, fail-on warning
    assert sorted(p.name for p in out.iterdir()) == ["a__paper.json", "b__paper.json", "summary.csv", "third.json"]
    for report_file in ("a__paper.json", "b__paper.json", "third.json"):
        report_validator.validate(json.loads((out / report_file).read_text(encoding="utf-8")))
    rows = summary_rows(out)
    # issue 15: the folder's other file gets a skipped row saying why (it was silently left out before)
    assert [Path(r["path"]).name for r in rows] == ["third.txt", "paper.md", "paper.md", "notes.csv"]
    assert [r["status"] for r in rows] == ["checked", "checked", "checked", "skipped"]
    assert "not a manuscript" in rows[3]["error"] and "'.csv'" in rows[3]["error"]
    rows = rows[:3]
    by_name = {Path(r["reports"]).name: r for r in rows}
    assert int(by_name["a__paper.json"]["SUP001"]) == 1
    assert int(by_name["b__paper.json"]["SUP001"]) == 0 and by_name["b__paper.json"]["warnings"] == "0"
    assert "3 of 3 manuscripts checked" in stdout


def test_an_unreadable_manuscript_is_skipped_with_its_reason_and_exit_2(papers, tmp_path, capsys):
    (papers / "broken.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, err = run(["check", str(papers), "-f", "csv", "-o", str(out)], capsys)
    assert code == 2
    assert err.strip().startswith("verifier: error: ") and "broken.txt" in err and len(err.strip().splitlines()) == 1
    rows = {Path(r["path"]).name: r for r in summary_rows(out)}
    assert rows["broken.txt"]["status"] == "skipped" and rows["broken.txt"]["error"]
    assert rows["third.txt"]["status"] == "checked"
    assert (out / "third.csv").exists() and not (out / "broken.csv").exists()
    assert "skipped" in stdout and "3 of 4 manuscripts checked" in stdout


def test_several_manuscripts_to_stdout_only_in_formats_that_concatenate(papers, capsys):
    files = [str(papers / "third.txt"), str(papers / "a" / "paper.md")]
    code, stdout, _ = run(["check", *files, "--exit-zero"], capsys)
    assert code == 0
    assert stdout.count("SUP001") == 2 and "2 of 2 manuscripts checked" in stdout
    code, _, err = run(["check", *files, "-f", "json"], capsys)
    assert code == 2 and "need --output DIR" in err


@pytest.mark.parametrize(
    "extra, needle",
    [
        (["-o", "json=x.json"], "one --output DIR"),
        (["-o", "missing-folder/"], "not an existing folder"),
    ],
)
def test_output_errors_come_before_any_work(papers, tmp_path, capsys, extra, needle, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, stdout, err = run(["check", str(papers), "-f", "json", *extra], capsys)
    assert code == 2 and needle in err and stdout == ""
    assert not list(tmp_path.glob("*.json"))


def test_stdin_cannot_join_other_manuscripts(papers, capsys):
    code, _, err = run(["check", "-", str(papers / "third.txt")], capsys)
    assert code == 2 and "stdin" in err


def test_a_folder_without_manuscripts_is_an_error(tmp_path, capsys):
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    code, _, err = run(["check", str(tmp_path)], capsys)
    assert code == 2 and "no manuscripts" in err


def test_expand_inputs_walks_sorted_skips_hidden_and_dedupes(papers):
    found = expand_inputs([str(papers), str(papers / "third.txt")])
    assert [Path(p).relative_to(papers).as_posix() for p in found] == ["third.txt", "a/paper.md", "b/paper.md"]


def test_report_names_keep_stems_unless_they_clash():
    assert report_names(["x/a/paper.md", "x/b/paper.md", "y/other.txt"]) == ["a__paper", "b__paper", "other"]
    assert report_names(["one.md", "two.md"]) == ["one", "two"]


def test_one_retraction_list_is_read_once_for_many_papers(papers, tmp_path, capsys, monkeypatch):
    from references.retractions import RetractionIndex

    calls = []
    original = RetractionIndex.load.__func__

    def counting(cls, path, **kwargs):
        calls.append(path)
        return original(cls, path, **kwargs)

    monkeypatch.setattr(RetractionIndex, "load", classmethod(counting))
    code, _, err = run(
        ["check", str(papers), "--retractions", str(ROOT / "examples" / "retractions.csv"), "--exit-zero"], capsys
    )
    assert code == 0, err
    assert len(calls) <= 1
