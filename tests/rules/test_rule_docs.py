"""Meta-tests over the rule registry (sqlfluff's docstring tests, pylint's
message-documentation test, ruff's registry checks): every rule is documented
in the same sections, named consistently, and its Example really flags and its
fix really passes."""

from __future__ import annotations

import re

import pytest

from claims.loading import decode
from claims.models import Document
from verifier.config import VerifierConfig
from verifier.pipeline import Inputs, analyze
from verifier.registry import RULES, all_rules
from verifier.rule_docs import REQUIRED_SECTIONS, example, sections
from verifier.rules.base import Rule

CODE = re.compile(r"^(CIT|SUP|OVR|CON|STA)\d{3}$")
NAME = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def test_registry_is_sorted_unique_and_well_named():
    codes = [r.code for r in RULES]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert CODE.match(rule.code), rule.code
        assert NAME.match(rule.name), rule.name
        assert issubclass(rule, Rule)
        # the module is named for the code and the problem: ovr002_causal_from_correlational
        module = rule.__module__.rsplit(".", 1)[-1]
        assert module == f"{rule.code.lower()}_{rule.name.replace('-', '_')}", module
        assert rule.__module__.split(".")[-2] == rule.code[:3].lower()
        # the class name spells the name: causal-from-correlational -> CausalFromCorrelational
        assert rule.__name__.lower() == rule.name.replace("-", ""), rule.__name__


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docstring_has_every_section_in_order(rule: type[Rule]):
    found = list(sections(rule))
    assert found == list(REQUIRED_SECTIONS), f"{rule.code}: sections {found}"
    assert rule.summary(), f"{rule.code}: no summary line"
    assert all(sections(rule)[s] for s in REQUIRED_SECTIONS), f"{rule.code}: empty section"


SOURCE_LINE = re.compile(r"^Source \[(\w+)\]: (.+)$", re.MULTILINE)


def _split_sources(text: str) -> tuple[str, dict[str, str]]:
    """Examples of source-comparing rules give the cited text as 'Source [1]: …' lines."""
    sources = {m.group(1): m.group(2) for m in SOURCE_LINE.finditer(text)}
    return SOURCE_LINE.sub("", text).strip() + "\n", sources


def _run(rule: type[Rule], text: str, sources: dict[str, str], lookups: dict | None = None):
    if sources and "References" not in text:
        keys = [*sources, str(len(sources) + 1)]  # a second entry, so the list reads as numbered
        entries = "\n".join(f"{key}. Source A, Source B. The cited study {key}. J Example. 2020;1:1-9." for key in keys)
        text = f"{text}\nReferences\n\n{entries}\n"
    decoded, encoding = decode(text.encode("utf-8"))
    doc = Document(path="example.md", text=decoded, sha256="0" * 64, format="md", encoding=encoding)
    config = VerifierConfig.model_validate({"select": [rule.code], "preview": True, **(lookups or {})})
    return analyze(doc, config, Inputs(sources=sources)), decoded


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_example_flags_and_fix_passes(rule: type[Rule], request: pytest.FixtureRequest):
    # Rules that read registry verdicts run their Example against the recorded-registry server.
    lookups = request.getfixturevalue("lookup_config") if rule.needs_lookups else None
    flagged, fixed = example(rule)
    flagged, sources = _split_sources(flagged)
    fixed, _ = _split_sources(fixed)
    bad, flagged = _run(rule, flagged, sources, lookups)
    assert any(f.code == rule.code for f in bad.findings), f"{rule.code}: Example not flagged"
    good, fixed = _run(rule, fixed, sources, lookups)
    assert not [f for f in good.findings if f.code == rule.code], f"{rule.code}: 'Use instead' flagged: {good.findings}"
    for report, text in ((bad, flagged), (good, fixed)):
        for f in report.findings:
            assert text[f.span.start : f.span.end] == f.quoted


def test_all_rules_includes_the_builtin_table():
    assert set(RULES) <= set(all_rules())
