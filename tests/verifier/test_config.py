"""Configuration: prefix selection, precedence, and errors that name the file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.config import ConfigError, VerifierConfig, find_config_file, is_selected, load_config, override
from verifier.models import Severity

# flake8's DecisionEngine cases, in our terms: (code, select, ignore, selected?)
SELECTION = [
    ("OVR002", ["ALL"], [], True),
    ("OVR002", ["OVR"], [], True),
    ("OVR002", ["OVR00"], [], True),
    ("OVR002", ["SUP"], [], False),
    ("OVR002", ["ALL"], ["OVR"], False),  # ignore more specific than select
    ("OVR002", ["OVR002"], ["OVR"], True),  # select more specific than ignore
    ("OVR002", ["OVR"], ["OVR002"], False),
    ("OVR002", ["OVR"], ["OVR"], False),  # a tie: ignore wins
    ("OVR005", ["OVR"], ["OVR002"], True),
    ("CIT001", [], [], False),
    ("CIT001", ["cit"], [], True),  # case-insensitive prefixes
]


@pytest.mark.parametrize(("code", "select", "ignore", "expected"), SELECTION)
def test_selection_follows_the_most_specific_prefix(code, select, ignore, expected):
    assert is_selected(code, select, ignore) is expected


def test_pyproject_table_is_read(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.verifier]\nignore = ["OVR005"]\nfail-on = "warning"\n'
        '[tool.verifier.severity]\nSUP001 = "info"\n[tool.verifier.rules.OVR001]\nmin-evidence-level = 2\n',
        encoding="utf-8",
    )
    found = find_config_file(tmp_path / "sub" / "dir")
    assert found == tmp_path / "pyproject.toml"
    cfg = load_config(found)
    assert cfg.ignore == ["OVR005"]
    assert cfg.fail_on is Severity.WARNING
    assert cfg.severity == {"SUP001": Severity.INFO}
    assert cfg.rules == {"OVR001": {"min-evidence-level": 2}}


def test_pyproject_without_table_is_not_a_config(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config_file(tmp_path) is None


def test_verifier_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.verifier]\nignore = ['A']\n", encoding="utf-8")
    (tmp_path / "verifier.toml").write_text("ignore = ['SUP']\n", encoding="utf-8")
    assert load_config(find_config_file(tmp_path)).ignore == ["SUP"]


def test_unknown_key_names_file_and_key(tmp_path: Path):
    path = tmp_path / "verifier.toml"
    path.write_text("selcet = ['OVR']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"verifier\.toml: unknown key 'selcet'"):
        load_config(path)


def test_bad_value_and_bad_toml_are_one_line_errors(tmp_path: Path):
    path = tmp_path / "verifier.toml"
    path.write_text("fail-on = 'sometimes'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad value for 'fail-on'"):
        load_config(path)
    path.write_text("select = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(path)


def test_flags_override_file_and_merge_tables():
    base = VerifierConfig.model_validate(
        {"ignore": ["OVR005"], "severity": {"SUP001": "info"}, "rules": {"OVR001": {"min-evidence-level": 2}}}
    )
    cfg = override(
        base,
        ignore=["SUP"],
        select=[],
        severity={"OVR002": Severity.ERROR},
        rules={"OVR001": {"small-study": 30}},
        fail_on=None,
    )
    assert cfg.ignore == ["SUP"]  # a flag replaces the file's list
    assert cfg.select == ["ALL"]  # an empty flag leaves the default
    assert cfg.severity == {"SUP001": Severity.INFO, "OVR002": Severity.ERROR}
    assert cfg.rules == {"OVR001": {"min-evidence-level": 2, "small-study": 30}}
