"""The judge interface: the built-in learned judge, judge selection and plugins, and the shared loop."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, analyze_text

from claims.abbreviations import Abbreviations
from claims.antonyms import antonym_pairs
from claims.spans import SentenceView
from verifier import judges
from verifier.config import ConfigError, parse_config
from verifier.judges import Label, Verdict, get_judge
from verifier.judges.builtin import MODEL_FILE, BuiltinJudge
from verifier.judges.features import FEATURES
from verifier.source_match import SourceIndex

SRC = "Ketamine did not reduce suicidal ideation compared with midazolam. Remission was achieved by 32% of patients."


def verdict(judge, claim: str, source: str) -> Verdict:
    sentences = [s.strip() + "." for s in source.split(".") if s.strip()]
    index = SourceIndex(sentences, Abbreviations.of([claim, source]))
    return judge.judge(SentenceView.of(claim), index.best(claim, k=3), index.abbreviations)


def test_builtin_says_contradicts_with_passage_and_reasons() -> None:
    v = verdict(BuiltinJudge(), "Ketamine reduced suicidal ideation in the trial.", SRC)
    assert v.label is Label.CONTRADICTS
    assert v.passage is not None and v.passage.sentence.startswith("Ketamine did not reduce")
    assert any("no_change" in r for r in v.reasons)
    assert v.score == pytest.approx(v.probabilities["contradicts"]) or v.decisive
    assert sum(v.probabilities.values()) == pytest.approx(1.0)


def test_builtin_does_not_contradict_an_agreeing_source() -> None:
    v = verdict(BuiltinJudge(), "Ketamine did not reduce suicidal ideation more than midazolam.", SRC)
    assert v.label is not Label.CONTRADICTS
    assert v.passage is not None and v.passage.sentence.startswith("Ketamine did not reduce")


def test_builtin_without_aligned_passage_says_not_enough_info() -> None:
    v = BuiltinJudge().judge(SentenceView.of("Lithium lowers suicide rates."), [], Abbreviations())
    assert v.label is Label.NOT_ENOUGH_INFO and v.passage is None and v.reasons


def test_builtin_is_deterministic() -> None:
    a = verdict(BuiltinJudge(), "Ketamine reduced suicidal ideation in the trial.", SRC)
    b = verdict(BuiltinJudge(), "Ketamine reduced suicidal ideation in the trial.", SRC)
    assert a == b


def test_model_file_is_small_versioned_and_matches_the_features() -> None:
    assert MODEL_FILE.stat().st_size < 5_000_000
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["version"] and tuple(data["features"]) == FEATURES
    assert "Citation-Integrity train" in data["trained_on"]
    assert 0.0 < data["contradicts_threshold"] < 1.0


def test_bad_model_file_is_a_one_line_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "judge.json"
    bad.write_text(json.dumps({"format": "verifier-judge-linear/1", "features": ["x"]}), encoding="utf-8")
    with pytest.raises(ConfigError, match="features differ"):
        verdict(BuiltinJudge(bad), "Ketamine reduced suicidal ideation in the trial.", SRC)
    with pytest.raises(ConfigError, match="cannot read judge model"):
        _ = BuiltinJudge(tmp_path / "missing.json").model


def test_model_and_training_libraries_are_not_loaded_by_a_run_that_never_judges() -> None:
    code = (
        "import sys; from verifier.pipeline import analyze; import verifier.registry; "
        "print(sorted(m for m in ('sklearn', 'torch', 'transformers', 'verifier.judges.builtin') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_config_keys_and_unknown_judge() -> None:
    config = parse_config({"judge": "nli", "judge-model": "/models/x"}, "verifier.toml")
    assert config.judge == "nli" and config.judge_model == "/models/x"
    with pytest.raises(ConfigError, match="unknown judge 'nope'"):
        get_judge("nope")


class _EntryPoint:
    def __init__(self, name: str, factory) -> None:
        self.name = name
        self._factory = factory

    def load(self):
        return self._factory


class CountingJudge:
    """A plugin judge that always says contradicts, and counts how often it is asked."""

    name = "counting"
    calls = 0

    def judge(self, claim, passages, abbreviations) -> Verdict:
        type(self).calls += 1
        p = {"supports": 0.0, "contradicts": 1.0, "not_enough_info": 0.0}
        return Verdict(Label.CONTRADICTS, 1.0, p, passages[0], ("plugin says so",), (), passages[0], self.name)


def test_plugin_judge_from_entry_point_is_used_once_per_claim_and_source(monkeypatch) -> None:
    monkeypatch.setattr(judges, "entry_points", lambda group: [_EntryPoint("counting", CountingJudge)])
    get_judge.cache_clear()
    text = (
        "Remission was achieved by 32% of patients given ketamine in the trial [1].\n\nReferences\n\n"
        "1. Stone A, Reed B. Ketamine infusion in adults: a randomized controlled trial. J Psychiatr Res. 2019;12:1-9.\n"
    )
    try:
        CountingJudge.calls = 0
        report = analyze_text(text, ["CON002", "OVR006", "CON003"], sources={"stone2019": SRC}, judge="counting")
        assert CountingJudge.calls == 1
        assert [f.code for f in report.findings] == ["CON002"] and "plugin says so" in report.findings[0].message
        assert "counting" in judges.judge_names()
    finally:
        get_judge.cache_clear()


def test_antonyms_across_sentences_only() -> None:
    assert ("increased", "decreased") in antonym_pairs("Lithium increased volume.", "Lithium decreased volume.")
    assert antonym_pairs("High and low doses were given.", "Low doses were given.") == []


@pytest.mark.parametrize(
    ("setting", "needle"),
    [('judge = "nope"', "unknown judge 'nope'"), ('judge = "nli"', "nli judge needs")],
)
def test_bad_judge_setting_is_a_one_line_error_with_exit_2(
    setting: str, needle: str, tmp_path: Path, capsys, monkeypatch
) -> None:
    from verifier.cli import main

    monkeypatch.delenv("VERIFIER_JUDGE_MODEL", raising=False)
    (tmp_path / "verifier.toml").write_text(setting + "\n", encoding="utf-8")
    doc = tmp_path / "paper.md"
    doc.write_text(
        "Ketamine reduced suicidal ideation in the trial [1].\n\nReferences\n\n1. Stone A. Ketamine. J Psy. 2019;1:1-9.\n"
    )
    with pytest.raises(SystemExit) as done:
        main(["check", str(doc), "-f", "json"])
    err = capsys.readouterr().err.strip().splitlines()
    assert done.value.code == 2 and len(err) == 1 and needle in err[0]
