"""SARIF 2.1.0 output, validated against the OASIS schema from ../shared/schemas."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from reports import sarif
from reports.options import RenderOptions

SCHEMA = Path(__file__).resolve().parents[2] / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    if not SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _log(sample, rules=()):
    buf = io.StringIO()
    sarif.render(sample.report, buf, options=RenderOptions(rules=rules))
    return json.loads(buf.getvalue())


def test_sarif_validates(sample, rules, validator):
    log = _log(sample, rules)
    validator.validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(sample.report.findings)


def test_broken_log_fails_validation(sample, validator):
    log = _log(sample)
    del log["version"]
    assert not validator.is_valid(log)
    log = _log(sample)
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(log)


def test_rules_carry_descriptions_and_help(sample, rules):
    driver = _log(sample, rules)["runs"][0]["tool"]["driver"]
    by_id = {r["id"]: r for r in driver["rules"]}
    ovr = by_id["OVR002"]
    assert ovr["name"] == "causal-from-correlational"
    assert ovr["shortDescription"]["text"] == "Causal wording resting on correlational evidence."
    assert ovr["fullDescription"]["text"] == "Correlation does not show cause."
    assert ovr["help"]["text"] == "Say 'is associated with'."
    assert ovr["helpUri"] == "https://verifier.invalid/rules/OVR002"
    assert by_id["CIT001"]["defaultConfiguration"]["level"] == "error"


def test_codes_missing_from_registry_still_get_a_rule(sample, validator):
    log = _log(sample, rules=())
    validator.validate(log)
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_regions_point_at_the_quoted_code_points(sample):
    run = _log(sample)["runs"][0]
    assert run["artifacts"][0]["location"]["uri"] == "papers/sleep%20notes.txt"
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        start, length = region["charOffset"], region["charLength"]
        assert sample.text[start : start + length] == region["snippet"]["text"]
    multi = next(r for r in run["results"] if r["ruleId"] == "OVR003")["locations"][0]["physicalLocation"]["region"]
    assert (multi["startLine"], multi["endLine"]) == (5, 6)
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["CIT002"] == "note" and levels["CIT001"] == "error" and levels["OVR002"] == "warning"


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("a b/c.txt", "a%20b/c.txt"),
        ("/abs/x#1.md", "file:///abs/x%231.md"),
        ("C:\\docs\\p.tex", "file:///C:/docs/p.tex"),
    ],
)
def test_artifact_uri(path, uri):
    assert sarif.artifact_uri(path) == uri
