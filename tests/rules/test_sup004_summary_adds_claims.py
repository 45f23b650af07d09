"""SUP004 summary-adds-claims on sections written for these tests: a summary item whose distinctive words
the section never states is flagged, with those words named; restatements are not."""

from __future__ import annotations

import pytest
from helpers import analyze_text

REFS = "\n\nReferences\n\n1. Stone A. Exercise and depression: a randomized controlled trial. J Psychiatr Res. 2019;12:1-9.\n"
BODY = (
    "# Exercise and mood\n\n"
    "Exercise lowers depressive symptoms in adults [1].\n\n"
    "Exercise raises plasma BDNF levels in older adults [1].\n\n"
    "Regular exercise improves sleep quality and serotonergic neurotransmission [1].\n\n"
)


def sup004(summary: str, body: str = BODY) -> list:
    text = body + summary + REFS
    report = analyze_text(text, ["SUP004"])
    for f in report.findings:
        assert text[f.span.start : f.span.end] == f.quoted
    return report.findings


def test_a_summary_item_the_section_never_states_is_flagged_with_its_new_words():
    [finding] = sup004("In summary, exercise lowers depressive symptoms, raises BDNF and restores dopamine signalling.")
    assert finding.quoted == "restores dopamine signalling"
    assert (
        "'dopamine', 'signalling' appear nowhere else" in finding.message and "'Exercise and mood'" in finding.message
    )
    assert [t.text for t in finding.evidence] == ["dopamine", "signalling"]


def test_a_new_modifier_in_a_coordination_is_an_item_of_its_own():
    [finding] = sup004("Taken together, exercise enhances serotonergic and opioid transmission.")
    assert finding.quoted == "opioid transmission"
    assert "'opioid' appears nowhere else" in finding.message


@pytest.mark.parametrize(
    "summary",
    [
        "In summary, exercise lowers depressive symptoms and raises BDNF.",  # restated
        "In summary, exercise raises serum BDNF.",  # a new modifier of a stated term
        "In summary, exercise elevates mood and improves sleep.",  # a paraphrase through the concept groups
        "Overall, exercise improves neurotransmission.",  # a compound states its part
        "In summary, our results show that exercise restores dopamine signalling.",  # the authors' own voice
        "In summary, exercise restores dopamine signalling [1].",  # cited
        "Exercise also restores dopamine signalling.",  # not a summary
    ],
)
def test_restatements_own_voice_cited_and_ordinary_sentences_are_not_flagged(summary):
    assert sup004(summary) == []


def test_a_section_without_citations_or_too_short_is_not_judged():
    uncited = BODY.replace(" [1]", "")
    assert sup004("In summary, exercise restores dopamine signalling.", body=uncited) == []
    short = "# Exercise and mood\n\nExercise lowers depressive symptoms in adults [1].\n\n"
    assert sup004("In summary, exercise restores dopamine signalling.", body=short) == []


def test_a_reporting_frame_is_not_an_item():
    assert sup004("Taken together, biochemical findings suggest that exercise raises BDNF.") == []
