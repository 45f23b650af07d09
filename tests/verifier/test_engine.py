"""The engine end to end: suppressions in the manuscript, unused-ignore reports,
and a rule that raises is reported as skipped instead of losing the report."""

from __future__ import annotations

from collections.abc import Iterator

from helpers import analyze_text

from claims.models import Document
from references.models import SkippedInput
from verifier.engine import run_rules
from verifier.models import Finding
from verifier.rules.base import Rule, RuleContext

TEXT = (
    "Intro text here is fine.\n\n<!-- verifier: ignore OVR005 -->\nKetamine cures depression in all patients.\n\n"
    "<!-- verifier: ignore -->\nTMS always works in every case.\n\n<!-- verifier: ignore SUP003 -->\nA plain sentence.\n"
)


def test_named_suppression_silences_only_its_sentence_and_bare_ones_are_reported():
    report = analyze_text(TEXT, ["OVR005"], **{"warn-unused-ignores": True})
    assert [f.quoted for f in report.findings] == ["always", "in every case"]
    whys = [s.why for s in report.skipped if s.what == "suppression comment"]
    assert any("names no rule codes" in why for why in whys)
    assert any("unused" in why and "SUP003" in why for why in whys)
    assert not any(c.text.startswith("<!--") for c in report.claims if c.checkworthy)


class Broken(Rule):
    """Raises."""

    code = "STA999"
    name = "broken"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        raise RuntimeError("boom")


def test_a_rule_that_raises_is_reported_as_skipped():
    doc = Document(path="x.md", text="A sentence.", sha256="0" * 64, format="md", encoding="utf-8")
    result = run_rules(RuleContext.build(doc, [], [], has_reference_list=False), [Broken()])
    assert result.findings == []
    assert result.skipped == [
        SkippedInput(what="rule STA999", where="x.md", why="internal error: RuntimeError('boom')")
    ]
