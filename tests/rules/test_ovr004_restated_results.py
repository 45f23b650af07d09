"""OVR004 across sentences: a conclusion that states as an effect what the document's own Results report as
not significant. Abstracts written for these tests, structured inline and with headed parts."""

from __future__ import annotations

import pytest
from helpers import analyze_text

from claims.features.checkworthy import article_parts
from claims.features.roles import sentence_roles
from claims.models import Document

RESULTS = (
    "Results: Sleep was recorded in 80 adults. "
    "Melatonin nominally increased total sleep time (d = 0.12 [95% CI: -0.02, 0.26], p = 0.07). "
    "Sleep time was associated with the melatonin dose (p = 0.05), suggesting dose dependence. "
)


def abstract(conclusion: str, results: str = RESULTS) -> str:
    return "Methods: Adults took melatonin or placebo for four weeks. " + results + "Conclusions: " + conclusion


def ovr004(text: str) -> list:
    report = analyze_text(text, ["OVR004"])
    for f in report.findings:
        assert text[f.span.start : f.span.end] == f.quoted
    return report.findings


def test_a_conclusion_restating_nonsignificant_results_as_an_effect_is_flagged_with_the_results_it_restates():
    text = abstract("Melatonin produces a dose-dependent increase in total sleep time.")
    findings = [f for f in ovr004(text) if f.message.startswith("The conclusion")]
    [finding] = findings
    assert finding.quoted == "increase in total sleep time"
    assert "p = 0.07 is not below .05" in finding.message and "p = 0.05 is not below .05" in finding.message
    assert len(finding.related_claim_ids) == 2
    sentences = [t.text for t in finding.evidence if t.kind == "sentence"]
    assert any("nominally increased total sleep time" in s for s in sentences)
    assert [t.text for t in finding.evidence if t.detail == "reported p-value"] == ["p = 0.07", "p = 0.05"]


@pytest.mark.parametrize(
    "conclusion",
    [
        "Melatonin may increase total sleep time.",  # hedged
        "Melatonin did not significantly increase total sleep time.",  # negated
        "Melatonin was well tolerated by most adults.",  # another outcome
        "Melatonin increased total sleep time (p = 0.07).",  # its own statistic: the one-sentence case
    ],
)
def test_hedged_negated_unrelated_or_self_contained_conclusions_are_not_flagged_across_sentences(conclusion):
    assert [f for f in ovr004(abstract(conclusion)) if "Conclusions" in f.message or "conclusion" in f.message] == []


def test_a_significant_result_on_the_same_outcome_lets_the_conclusion_rest_on_it():
    results = RESULTS + "In the per-protocol set, melatonin increased total sleep time (p = 0.01). "
    assert [
        f for f in ovr004(abstract("Melatonin increases total sleep time.", results)) if "conclusion" in f.message
    ] == []


def test_results_that_already_concede_nonsignificance_are_not_restated_effects():
    results = "Results: Melatonin increased total sleep time, but this did not reach significance (p = 0.07). "
    assert ovr004(abstract("Melatonin increases total sleep time.", results)) == []


def test_headed_parts_work_like_inline_labels():
    text = (
        "# Methods\n\nAdults took melatonin or placebo.\n\n"
        "# Results\n\nMelatonin nominally increased total sleep time (p = 0.07).\n\n"
        "# Conclusions\n\nMelatonin increases total sleep time in adults.\n"
    )
    findings = [f for f in ovr004(text) if "conclusion" in f.message]
    assert [f.quoted for f in findings] == ["increases total sleep time in adults"]


def test_inline_labels_carry_to_the_end_of_their_paragraph():
    text = abstract("Melatonin increases sleep.") + "\n\nMelatonin is sold over the counter in many countries."
    doc = _document(text)
    roles = sentence_roles(doc, article_parts(doc))
    by_text = {s.text: roles.get(s.span.start) for s in doc.sentences}
    assert by_text["Methods: Adults took melatonin or placebo for four weeks."] == "methods"
    assert by_text["Results: Sleep was recorded in 80 adults."] == "results"
    assert (
        by_text["Sleep time was associated with the melatonin dose (p = 0.05), suggesting dose dependence."]
        == "results"
    )
    assert by_text["Conclusions: Melatonin increases sleep."] == "conclusions"
    assert by_text["Melatonin is sold over the counter in many countries."] is None


def _document(text: str) -> Document:
    from claims.document import analyze_document

    return analyze_document(Document(path="case.md", text=text, sha256="0" * 64, format="md", encoding="utf-8"))
