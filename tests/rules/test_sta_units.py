"""The statistics rules read results wherever they appear; the prose-only rules still skip non-prose units."""

from __future__ import annotations

import pytest
from helpers import analyze_text

from verifier.models import Finding


def findings(text: str, select: list[str]) -> list[Finding]:
    report = analyze_text(text, select)
    for f in report.findings:
        assert text[f.span.start : f.span.end] == f.quoted
        for t in f.evidence:
            assert t.span is not None and text[t.span.start : t.span.end] == t.text
    return report.findings


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("t(28) = 2.20, p = .47", "t(28) = 2.20, p = .47"),  # a one-line input without a stop
        ("Intro line.\n\nt(28) = 2.20, p = .47\n\nMore prose follows here.", "t(28) = 2.20, p = .47"),
        ("Study 2: t(28) = 2.20, p = .47; F(2, 56) = 1.20, p = .31.", "t(28) = 2.20, p = .47"),  # "mostly symbols"
        ("| Study 1 | t(28) = 2.20 | p = .47 |", "t(28) = 2.20 | p = .47"),  # a table row
        ("Study 1\tt(28) = 2.20\tp = .47\tn = 30", "t(28) = 2.20\tp = .47"),  # a tab-separated row
        ("Figure 2. Accuracy by condition, t(28) = 2.20, p = .47.", "t(28) = 2.20, p = .47"),  # a caption
        ("Intro line.\n\n(2(1) = 3.90, p = .48)", "2(1) = 3.90, p = .48"),  # χ lost in extraction
        ("x2(1) = 6.63, p = .10", "x2(1) = 6.63, p = .10"),
    ],
)
def test_sta003_reads_results_outside_prose(text: str, quoted: str):
    (f,) = findings(text, ["STA003"])
    assert f.quoted == quoted and f.claim_id is None


def test_results_in_claims_keep_their_claim_id():
    (f,) = findings("The effect was reliable, t(28) = 2.20, p = .47.", ["STA003"])
    assert f.claim_id == "c1"


def test_spaced_out_html_text_is_flagged_with_the_exact_characters():
    (f,) = findings("A typo such as “   F    (2,56) = 1.203,    p     <    .001” misleads.", ["STA003"])
    assert f.quoted == "F    (2,56) = 1.203,    p     <    .001"


def test_prose_rules_still_skip_a_caption():
    caption = "Figure 2. Treatment always cures depression, F(2, 56) = 3.40, p = .40."
    assert [f.code for f in findings(caption, ["SUP", "OVR", "CON", "STA"])] == ["STA003"]
    prose = "Treatment always cures depression, F(2, 56) = 3.40, p = .40."
    assert "OVR005" in [f.code for f in findings(prose, ["SUP", "OVR", "CON", "STA"])]


def test_sta002_reads_a_caption_but_not_a_legend_threshold():
    assert [f.code for f in findings("Figure 3. Scores improved significantly (p = .12).", ["STA002"])] == ["STA002"]
    assert findings("Groups that did not differ are unmarked: *p < .05, **p < .01", ["STA002"]) == []


def test_sta001_reads_a_table_row():
    (f,) = findings("| Remission | OR 1.80, 95% CI 1.20–2.70, p = .21 |", ["STA001"])
    assert f.quoted == "OR 1.80, 95% CI 1.20–2.70, p = .21" and f.claim_id is None


@pytest.mark.parametrize(
    "text",
    [
        "Data were collected from 2001-2005 (N = 240).",
        "Group\tMean\tSD\tp\nA\t12.1\t3.4\t0.03\nB\t11.0\t2.9\t0.41",  # a table of plain numbers
        "Fig. 2(3) = 0.45, p. 12",
        "Study 2 (N = 120)",
        "t(28) = 2.20, p = .036",  # consistent
    ],
)
def test_no_finding_on_near_misses(text: str):
    assert findings(text, ["STA"]) == []


def test_directional_anywhere_lets_a_one_tailed_result_pass():
    result = "t(28) = 1.80, p = .041"
    assert len(findings(result, ["STA003"])) == 1
    assert findings(f"Hypotheses were directional.\n\n{result}", ["STA003"]) == []
    assert len(findings(f"Hypotheses were non-directional.\n\n{result}", ["STA003"])) == 1


@pytest.mark.parametrize("p", ["p < . 001", "p <. 001"])
def test_a_spaced_decimal_point_does_not_end_the_sentence(p: str):
    text = f"Scores rose, t(191) = 0.50, {p}. Next we tested recall."
    (f,) = findings(text, ["STA003"])
    assert f.quoted == f"t(191) = 0.50, {p}" and f.claim_id == "c1"
