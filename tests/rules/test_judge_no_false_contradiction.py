"""A text never contradicts itself: no CON002 on the seeds read against their own copies, nor on the examples.

- seed 002 checked ``--against`` itself;
- seed 004's text (its abstract) checked against the abstract of its own JSON record, HTML removed;
- the example manuscripts with their BibTeX (abstracts included) as a user would run them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import ROOT, corpus_file

from verifier.cli import main


def run_json(argv: list[str], capsys) -> dict:
    with pytest.raises(SystemExit):
        main([*argv, "-f", "json"])
    return json.loads(capsys.readouterr().out)


def contradictions(report: dict) -> list[str]:
    return [f["quoted"] for f in report["findings"] if f["code"] == "CON002"]


def test_seed_002_against_itself(capsys) -> None:
    path = corpus_file("002")
    report = run_json(["check", str(path), "--against", str(path), "--select", "CON002"], capsys)
    assert report["claims"] and contradictions(report) == []


def test_seed_004_abstract_against_its_json_copy(capsys, tmp_path: Path) -> None:
    path = corpus_file("004")
    text = path.read_text(encoding="utf-8")
    record = json.loads(text[text.index("{") : text.rindex("}") + 1])
    abstract = " ".join(re.sub(r"<[^>]+>", " ", record["abstract"]).split())
    copy = tmp_path / "004_abstract.txt"
    copy.write_text(abstract + "\n", encoding="utf-8")
    report = run_json(["check", str(path), "--against", str(copy), "--select", "CON002"], capsys)
    assert report["claims"] and contradictions(report) == []


@pytest.mark.parametrize("name", ["manuscript.md", "manuscript-pandoc.md"])
def test_examples_have_no_contradiction_finding(name: str, capsys) -> None:
    examples = ROOT / "examples"
    report = run_json(["check", str(examples / name), "--refs", str(examples / "references.bib")], capsys)
    assert report["claims"] and contradictions(report) == []
