"""CIT002 on a lab's master bibliography: 999 entries, 58 cited, gives one summary finding naming
the file and the counts with every uncited entry in its evidence, not 941 warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verifier.cli import main

WORDS = (
    "ketamine mood sleep memory cortex trial cohort outcome dose relapse anxiety stress insulin glucose lipid "
    "exercise diet smoking alcohol pain fatigue cognition ageing infant school workplace rural urban"
).split()


def _bib(path: Path, n: int) -> None:
    """``n`` distinct entries (titles drawn with a fixed seed, so none looks like a duplicate of another)."""
    import random

    rng = random.Random(17)
    entries = [
        f"@article{{k{i:03d},\n  author = {{Surname{i}, A.}},\n  title = {{{' '.join(rng.sample(WORDS, 6))}}},\n"
        f"  journal = {{J Psychiatr Res}},\n  year = {{{1950 + i % 70}}}\n}}\n"
        for i in range(1, n + 1)
    ]
    path.write_text("\n".join(entries), encoding="utf-8")


def _check(tmp_path: Path, capsys, n_entries: int, n_cited: int) -> list[dict]:
    bib = tmp_path / "master.bib"
    _bib(bib, n_entries)
    paper = tmp_path / "paper.md"
    sentences = [f"Ketamine finding number {i} held in adults [@k{i:03d}]." for i in range(1, n_cited + 1)]
    paper.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["check", str(paper), "--refs", str(bib), "-f", "json", "--select", "CIT002"])
    out, _ = capsys.readouterr()
    return json.loads(out)["findings"]


def test_a_mostly_uncited_master_bib_gets_one_summary_finding(tmp_path: Path, capsys):
    found = _check(tmp_path, capsys, 999, 58)
    assert len(found) == 1
    summary = found[0]
    assert summary["severity"] == "info"
    uncited = 999 - 58 - summary["message"].count("repeating another entry")  # a random title may repeat one
    assert f"{uncited} of the 999 entries" in summary["message"] and "master.bib" in summary["message"]
    assert "(58 cited" in summary["message"]
    assert len(summary["evidence"]) == uncited and len(summary["reference_keys"]) == uncited
    assert summary["evidence"][0]["reference_key"] == "k059"


def test_a_bib_with_a_few_uncited_entries_keeps_one_warning_each(tmp_path: Path, capsys):
    found = _check(tmp_path, capsys, 30, 25)
    assert [f["severity"] for f in found] == ["warning"] * 5
    assert all("is not cited" in f["message"] for f in found)
