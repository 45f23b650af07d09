"""``verifier audit``: the store, resuming, worker faults, Ctrl-C, the lock, names and exports.

Workers are forked from the test process, so a function patched here is patched in them too:
that is how a crash, a hang and an interrupt are staged without special inputs.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from helpers import run_cli

from verifier.audit import paper as paper_module
from verifier.audit.lock import folder_lock

UNSUPPORTED = "Studies have shown that ketamine cures depression in all patients.\n"
CLEAN = "We thank the participants.\n"
CITED = "Ketamine reduced depressive symptoms in adults [1].\n\nReferences\n\n1. Stone A. A trial. J Psy. 2019;1:1-9.\n"


run = run_cli


def rows(folder: Path, name: str = "summary.csv") -> list[dict[str, str]]:
    return list(csv.DictReader((folder / name).read_text(encoding="utf-8").splitlines()))


def store(folder: Path) -> sqlite3.Connection:
    db = sqlite3.connect(folder / "audit.sqlite")
    db.row_factory = sqlite3.Row
    return db


def papers_table(folder: Path) -> dict[str, sqlite3.Row]:
    return {Path(r["path"]).name: r for r in store(folder).execute("SELECT * FROM papers")}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.md").write_text(UNSUPPORTED, encoding="utf-8")
    (folder / "two.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "sub" / "three.md").write_text(CITED, encoding="utf-8")
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_audit_fills_the_store_reports_and_tables(corpus, out, capsys, report_validator):
    code, stdout, err = run(["audit", str(corpus), "-o", str(out), "--jobs", "2", "--fail-on", "warning"], capsys)
    assert code == 1, err  # SUP001 in one.md is a warning
    assert stdout.startswith("3 of 3 manuscripts checked, 0 with errors, 1 other file skipped; store ")
    table = papers_table(out)
    assert set(table) == {"one.md", "two.txt", "three.md", "notes.csv"}
    assert {table[n]["status"] for n in ("one.md", "two.txt", "three.md")} == {"checked"}
    assert table["notes.csv"]["status"] == "skipped" and "not a manuscript" in table["notes.csv"]["reason"]
    assert table["notes.csv"]["manuscript"] == 0
    one = table["one.md"]
    assert len(one["sha256"]) == 64 and one["claims"] == 1 and one["findings"] >= 1 and one["seconds"] > 0
    findings = store(out).execute("SELECT * FROM findings WHERE path = ?", (one["path"],)).fetchall()
    assert len(findings) == one["findings"]
    sup = next(f for f in findings if f["code"] == "SUP001")
    assert sup["severity"] == "warning" and sup["line"] == 1 and sup["quoted"] in UNSUPPORTED
    for name in ("one", "two", "three"):
        report_validator.validate(json.loads((out / f"{name}.json").read_text(encoding="utf-8")))
    summary = {Path(r["path"]).name: r for r in rows(out)}
    assert summary["one.md"]["SUP001"] == "1" and summary["two.txt"]["status"] == "checked"
    assert summary["notes.csv"]["status"] == "skipped"
    by_rule = {r["code"]: r for r in rows(out, "summary-by-rule.csv")}
    assert by_rule["SUP001"]["papers"] == "1"
    by_venue = rows(out, "summary-by-venue.csv")
    assert by_venue == [
        {
            "venue": "(not stated)",
            "papers": "3",
            "checked": "3",
            "not_checked": "0",
            "claims": str(sum(table[n]["claims"] for n in ("one.md", "two.txt", "three.md"))),
            "findings": str(sum(table[n]["findings"] for n in ("one.md", "two.txt", "three.md"))),
            "errors": by_venue[0]["errors"],
            "warnings": by_venue[0]["warnings"],
            "infos": by_venue[0]["infos"],
            "findings_per_checked_paper": by_venue[0]["findings_per_checked_paper"],
        }
    ]
    assert "3/3 papers" in err  # the plain progress line (stderr is not a terminal here)
    assert not (out / ".verifier.lock").exists()


def test_store_is_in_wal_mode_with_the_contract_columns(corpus, out, capsys):
    run(["audit", str(corpus), "-o", str(out), "--jobs", "1"], capsys)
    db = store(out)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    papers = {r[1] for r in db.execute("PRAGMA table_info(papers)")}
    assert {"path", "sha256", "status", "reason", "seconds", "claims", "findings"} <= papers
    findings = {r[1] for r in db.execute("PRAGMA table_info(findings)")}
    assert {"path", "code", "severity", "line", "quoted"} <= findings


def test_a_rerun_resumes_and_redoes_only_what_changed(corpus, out, capsys):
    run(["audit", str(corpus), "-o", str(out), "--jobs", "2"], capsys)
    first = {n: r["recorded_at"] for n, r in papers_table(out).items()}
    code, _, err = run(["audit", str(corpus), "-o", str(out), "--jobs", "2"], capsys)
    assert code == 0 and "3 of 3 papers already in" in err
    assert {n: r["recorded_at"] for n, r in papers_table(out).items() if n != "notes.csv"} == {
        n: t for n, t in first.items() if n != "notes.csv"
    }
    (corpus / "two.txt").write_text(CLEAN + UNSUPPORTED, encoding="utf-8")  # new bytes
    (out / "three.json").unlink()  # a report gone
    run(["audit", str(corpus), "-o", str(out), "--jobs", "2"], capsys)
    second = papers_table(out)
    assert second["one.md"]["recorded_at"] == first["one.md"]
    assert second["two.txt"]["recorded_at"] > first["two.txt"] and second["two.txt"]["claims"] == 2
    assert second["three.md"]["recorded_at"] > first["three.md"] and (out / "three.json").exists()
    run(["audit", str(corpus), "-o", str(out), "--jobs", "2", "--select", "SUP"], capsys)  # new configuration
    assert all(r["recorded_at"] > second[n]["recorded_at"] for n, r in papers_table(out).items() if n != "notes.csv")
    third = papers_table(out)
    run(["audit", str(corpus), "-o", str(out), "--jobs", "2", "--select", "SUP", "--force"], capsys)
    assert all(r["recorded_at"] > third[n]["recorded_at"] for n, r in papers_table(out).items() if n != "notes.csv")


def _staged(original):
    """A ``_check`` that crashes, dies, hangs or interrupts the run for papers named so."""

    def staged(task, job):
        name = Path(task.path).stem
        if name == "bug":
            raise RuntimeError("a rule tripped")
        if name == "dies":
            os.kill(os.getpid(), signal.SIGKILL)
        if name == "hangs":
            time.sleep(60)
        if name == "interrupt":
            os.kill(os.getppid(), signal.SIGINT)
            time.sleep(60)
        return original(task, job)

    return staged


def test_a_crash_a_dead_worker_and_a_hang_fail_their_paper_only(corpus, out, capsys, monkeypatch):
    from helpers import analyze_text

    analyze_text(CITED, ["ALL"])  # warm this process's caches, so the forked workers' first papers are quick
    monkeypatch.setattr(paper_module, "_check", _staged(paper_module._check))
    for name in ("bug", "dies", "hangs"):
        (corpus / f"{name}.md").write_text(CLEAN, encoding="utf-8")
    code, _, err = run(["audit", str(corpus), "-o", str(out), "--jobs", "2", "--time-limit", "5"], capsys)
    assert code == 2  # some papers could not be checked, after the others were
    table = papers_table(out)
    assert table["bug.md"]["status"] == "failed" and "RuntimeError: a rule tripped" in table["bug.md"]["reason"]
    assert table["dies.md"]["status"] == "failed" and "SIGKILL" in table["dies.md"]["reason"]
    assert table["hangs.md"]["status"] == "failed" and "time limit of 5 s" in table["hangs.md"]["reason"]
    assert {table[n]["status"] for n in ("one.md", "two.txt", "three.md")} == {"checked"}
    assert all(len(line) < 300 for line in err.splitlines())
    assert "SIGKILL" in err and "time limit" in err
    summary = {Path(r["path"]).name: r["status"] for r in rows(out)}
    assert summary["bug.md"] == summary["dies.md"] == summary["hangs.md"] == "failed"


def test_ctrl_c_stops_cleanly_keeps_the_store_and_a_rerun_resumes(corpus, out, capsys, monkeypatch):
    for i in range(6):
        (corpus / f"p{i}.md").write_text(UNSUPPORTED + f"Paper {i}.\n", encoding="utf-8")
    (corpus / "sub" / "interrupt.md").write_text(CLEAN, encoding="utf-8")  # walked after the top folder's papers
    monkeypatch.setattr(paper_module, "_check", _staged(paper_module._check))
    code, _, err = run(["audit", str(corpus), "-o", str(out), "--jobs", "1"], capsys)
    assert code == 130
    assert "interrupted:" in err and "run the same command again to resume" in err
    done = papers_table(out)
    assert "interrupt.md" not in done and {r["status"] for r in done.values() if r["manuscript"]} == {"checked"}
    assert store(out).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert (out / "summary.csv").exists() and len([r for r in rows(out) if r["status"] == "checked"]) == len(done) - 1
    monkeypatch.undo()
    code, _, err = run(["audit", str(corpus), "-o", str(out), "--jobs", "1"], capsys)
    assert code == 0, err
    after = papers_table(out)
    redone = [n for n, r in after.items() if n not in done or r["recorded_at"] != done[n]["recorded_at"]]
    assert set(redone) <= {"interrupt.md", "three.md", "notes.csv"}  # the paper in flight and those after it


def test_a_second_run_into_a_locked_folder_is_refused(corpus, out, capsys):
    with folder_lock(out):
        code, _, err = run(["audit", str(corpus), "-o", str(out)], capsys)
        assert code == 2 and "another verifier run" in err and len(err.strip().splitlines()) == 1
        code, _, err = run(["check", str(corpus), "-f", "json", "-o", str(out)], capsys)
        assert code == 2 and "another verifier run" in err
    assert not list(out.glob("*.json"))


def test_every_paper_gets_its_own_report_names(tmp_path, out, capsys):
    folder = tmp_path / "names"
    folder.mkdir()
    for name in ("a.md", "a.txt", "Paper1.htm", "Paper1.txt", "summary.md"):
        body = "<p>We thank the participants.</p>" if name.endswith(".htm") else CLEAN
        (folder / name).write_text(body, encoding="utf-8")
    code, _, err = run(["audit", str(folder), "-o", str(out), "-f", "csv", "-f", "text", "-f", "github"], capsys)
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir() if p.suffix in (".csv", ".txt") and not p.name.startswith("summary"))
    stems = {"a_md", "a_txt", "Paper1_htm", "Paper1_txt"}
    assert names == sorted(f"{s}.{ext}" for s in stems for ext in ("csv", "txt", "github.txt"))
    assert (out / "summary_md.csv").exists() and (out / "summary_md.github.txt").exists()
    summary = rows(out)
    assert len(summary) == 5 and {r["status"] for r in summary} == {"checked"}  # summary.csv is the audit table


def test_a_fifo_in_the_folder_is_skipped_not_opened(corpus, out, capsys):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(corpus / "pipe.md")
    code, _, err = run(["audit", str(corpus), "-o", str(out), "--jobs", "1"], capsys)
    assert code == 0, err
    row = papers_table(out)["pipe.md"]
    assert row["status"] == "skipped" and "FIFO" in row["reason"]
    code, _, err = run(["check", str(corpus), "-f", "json", "-o", str(out), "--exit-zero"], capsys)
    assert code == 0 and "FIFO" in (out / "summary.csv").read_text(encoding="utf-8")


def test_the_output_folder_inside_the_audited_folder_is_not_read_back(corpus, capsys):
    inner = corpus / "reports"
    inner.mkdir()
    for _ in range(2):
        code, _, err = run(["audit", str(corpus), "-o", str(inner), "-f", "markdown"], capsys)
        assert code == 0, err
    assert {Path(r["path"]).name for r in rows(inner)} == {"one.md", "two.txt", "three.md", "notes.csv"}


def test_export_writes_both_tables(corpus, out, capsys):
    run(["audit", str(corpus), "-o", str(out), "--jobs", "1", "--export", "csv"], capsys)
    papers = rows(out, "papers.csv")
    assert {Path(r["path"]).name for r in papers} == {"one.md", "two.txt", "three.md", "notes.csv"}
    assert {r["code"] for r in rows(out, "findings.csv")} >= {"SUP001"}
    code, _, err = run(["audit", "-o", str(out), "--export", "json"], capsys)  # export alone, from the store
    assert code == 0, err
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert {f["code"] for f in findings} >= {"SUP001"} and {"path", "line", "quoted"} <= set(findings[0])
    assert {Path(p["path"]).name for p in json.loads((out / "papers.json").read_text(encoding="utf-8"))} >= {"one.md"}


def test_parquet_export_needs_pyarrow(corpus, out, capsys):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        run(["audit", str(corpus), "-o", str(out), "--jobs", "1"], capsys)
        code, _, err = run(["audit", "-o", str(out), "--export", "parquet"], capsys)
        assert code == 2 and "pyarrow" in err
        return
    run(["audit", str(corpus), "-o", str(out), "--jobs", "1", "--export", "parquet"], capsys)
    assert "SUP001" in pq.read_table(out / "findings.parquet").column("code").to_pylist()


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["audit", "x.md"], "--output"),
        (["audit", "-o", "missing-folder", "x.md"], "not an existing folder"),
        (["audit", "-o", "."], "give the manuscripts"),
        (["audit", "-o", ".", "--jobs", "2", "--dask", "tcp://127.0.0.1:1", "x.md"], "exclude each other"),
    ],
)
def test_usage_errors_are_one_line(argv, needle, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(argv, capsys)
    assert code == 2 and needle in err and len(err.strip().splitlines()) == 1


def test_a_store_that_is_not_sqlite_is_one_line_and_untouched(corpus, out, capsys):
    (out / "audit.sqlite").write_bytes(b"not a database" * 100)
    code, _, err = run(["audit", str(corpus), "-o", str(out)], capsys)
    assert code == 2 and "cannot be used as the audit store" in err and len(err.strip().splitlines()) == 1
    assert (out / "audit.sqlite").read_bytes() == b"not a database" * 100


def test_check_of_a_folder_isolates_a_crashing_paper_too(corpus, out, capsys, monkeypatch):
    """``verifier check DIR`` shares ``check_paper``: a rule that raises fails that paper's row only."""
    monkeypatch.setattr(paper_module, "_check", _staged(paper_module._check))
    (corpus / "bug.md").write_text(CLEAN, encoding="utf-8")
    code, stdout, err = run(["check", str(corpus), "-f", "json", "-o", str(out)], capsys)
    assert code == 2 and "RuntimeError: a rule tripped" in err
    summary = {Path(r["path"]).name: r for r in rows(out)}
    assert summary["bug.md"]["status"] == "failed" and summary["one.md"]["status"] == "checked"
    assert (out / "one.json").exists() and not (out / "bug.json").exists()
    assert "3 of 4 manuscripts checked" in stdout
