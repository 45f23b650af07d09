"""Folder runs: every paper's reports get a distinct name, and the pre-flight checks stay linear."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claims.errors import InputError
from verifier.cli.batch import paper_targets, report_names
from verifier.cli.common import Format, check_targets


def test_same_stem_in_one_folder_keeps_the_suffix():
    assert report_names(["p/a.md", "p/a.txt", "p/b.md"]) == ["a_md", "a_txt", "b"]
    assert report_names(["p/Paper1.htm", "p/Paper1.txt"]) == ["Paper1_htm", "Paper1_txt"]


def test_stems_differing_only_in_case_do_not_share_a_file_on_a_case_blind_disk():
    names = report_names(["p/x/Paper.md", "p/y/paper.md"])
    assert len({n.casefold() for n in names}) == 2


def test_names_the_run_writes_itself_are_never_a_papers_name():
    assert report_names(["p/summary.md", "p/audit.txt", "p/other.md"]) == ["summary_md", "audit_txt", "other"]


def test_a_clash_left_after_the_rules_gets_a_number():
    # "a_md" the paper and "a.md" renamed to a_md: the second becomes a_md-2
    names = report_names(["p/a_md.txt", "p/a.md", "p/a.txt"])
    assert len(set(names)) == 3 and names[0] == "a_md"


def test_text_and_github_reports_of_one_paper_get_distinct_files(tmp_path):
    targets = paper_targets(["p/a.md"], [Format.text, Format.github, Format.json], tmp_path)
    assert [p.name for _, p in targets[0]] == ["a.txt", "a.github.txt", "a.json"]


def test_report_names_are_linear_in_the_papers():
    paths = [f"p/{i % 50}/paper.md" for i in range(20_000)] + [f"q/own{i}.md" for i in range(20_000)]
    names = report_names(paths)
    assert len(set(names)) == len(names) == 40_000


def test_check_targets_stats_each_file_once(tmp_path, monkeypatch):
    """Comparing every target with every input was quadratic (49 s at 1,000 papers rerun into a full folder)."""
    inputs, targets = [], []
    for i in range(300):
        paper = tmp_path / f"p{i}.md"
        paper.write_text("x")
        report = tmp_path / f"p{i}.json"
        report.write_text("{}")
        inputs.append(str(paper))
        targets.append((Format.json, report))
    calls = []
    real = os.stat

    def counting(path, *args, **kwargs):
        calls.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", counting)
    check_targets(targets, inputs)
    assert len(calls) <= len(inputs) + len(targets) + 10
    with pytest.raises(InputError, match="is an input file"):
        check_targets([(Format.json, Path(inputs[7]))], inputs)
