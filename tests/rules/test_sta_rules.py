"""STA001-STA003 and OVR004: flagged and clean sentences, offsets, and the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.document import analyze_document
from claims.loading import decode
from claims.models import Claim, Document
from claims.spans import LineIndex
from verifier.models import Finding, Severity
from verifier.rules.base import Rule, RuleContext
from verifier.rules.ovr.ovr004_nonsignificant_as_effect import NonsignificantAsEffect
from verifier.rules.sta import PCiInconsistent, RecomputedPMismatch, SignificanceWording

RULES: list[type[Rule]] = [PCiInconsistent, SignificanceWording, RecomputedPMismatch, NonsignificantAsEffect]
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


def run(rule: type[Rule], *sentences: str, prefix: str = "Intro line.\n") -> tuple[str, list[Finding]]:
    """Each sentence becomes a claim of one document, after a prefix so offsets are not zero-based."""
    text = prefix + "\n".join(sentences)
    lines = LineIndex(text)
    claims, pos = [], len(prefix)
    for i, s in enumerate(sentences):
        claims.append(Claim(id=f"c{i}", text=s, span=lines.span(pos, pos + len(s))))
        pos += len(s) + 1
    doc = Document(path="t.md", text=text, sha256="0" * 64, format="md", encoding="utf-8", claims=claims)
    findings = list(rule().check(RuleContext.build(doc, [], [], has_reference_list=False)))
    for f in findings:
        assert text[f.span.start : f.span.end] == f.quoted
        for t in f.evidence:
            assert t.span is not None and text[t.span.start : t.span.end] == t.text
    return text, findings


# --- STA001 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Remission was more frequent (OR 1.80, 95% CI 1.20–2.70, p = .21).",
        "Pain fell (mean difference −2.3, 95% CI −4.1 to 0.5, p = .01).",
        "Mortality was lower, HR 0.75 (0.60–0.94), p = 0.20.",
    ],
)
def test_sta001_flags_interval_and_p_that_disagree(sentence: str):
    _, findings = run(PCiInconsistent, sentence)
    assert [f.code for f in findings] == ["STA001"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Remission was more frequent (OR 1.80, 95% CI 1.20–2.70, p = .005).",
        "Glx rose (d = 0.15 [95% CI: −0.01, 0.30], p = 0.06).",
        "The effect was small (d = 0.30, 95% CI [0.00, 0.60], p = .04).",  # bound on the null: undecided
        "Exposure mattered (OR 1.50 (99% CI 0.95–2.37), p = .02).",  # 99% interval: alpha .01
    ],
)
def test_sta001_clean(sentence: str):
    assert run(PCiInconsistent, sentence)[1] == []


# --- STA002 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "quoted_start"),
    [
        ("Depression scores improved significantly after treatment (p = .12).", "significantly"),
        ("The groups did not differ in relapse (p = .003).", "did not differ"),
        ("The effect was significant, t(23) = 1.10, p = .28.", "significant"),
    ],
)
def test_sta002_flags_wording_against_p(sentence: str, quoted_start: str):
    _, findings = run(SignificanceWording, sentence)
    assert len(findings) == 1 and findings[0].quoted.startswith(quoted_start)


@pytest.mark.parametrize(
    "sentence",
    [
        "No change was found in clinical nonresponders (p = 0.8) or sham participants (p = 0.4).",
        "A significant increase was identified in Glx (p = 0.01), but not Glu (p = 0.6).",
        "The difference was marginally significant (p = .07).",
        "The change was clinically significant but not statistically so (p = .20).",
        "In contrast to controls where no effect was seen, migration was significantly (P = 0.01) greater.",
        "Scores differed significantly (p = .05).",  # p rounds to alpha
    ],
)
def test_sta002_clean(sentence: str):
    assert run(SignificanceWording, sentence)[1] == []


def test_sta002_uses_the_declared_alpha():
    _, findings = run(
        SignificanceWording, "An alpha level of .01 was used.", "Scores improved significantly (p = .03)."
    )
    assert len(findings) == 1


# --- STA003 -----------------------------------------------------------------------------------------


def test_sta003_decision_error_is_an_error_and_inconsistency_a_warning():
    _, findings = run(
        RecomputedPMismatch,
        "Patients improved more than controls, t(23) = 2.10, p = .47.",
        "Patients improved more than controls, t(23) = 2.10, p = .03.",
    )
    assert [(f.code, f.severity) for f in findings] == [
        ("STA003", Severity.ERROR),
        ("STA003", Severity.WARNING),
    ]
    assert findings[0].quoted == "t(23) = 2.10, p = .47"
    assert "p = .047" in findings[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients improved more than controls, t(23) = 2.10, p = .047.",
        "Recall was higher, F(1, 52) = 4.53, p < .05, η2 = .08.",
        "Endorsement differed (χ²(2, N = 300) = 11.52, p = .003).",
    ],
)
def test_sta003_clean(sentence: str):
    assert run(RecomputedPMismatch, sentence)[1] == []


def test_sta003_one_tailed_mentioned_elsewhere_in_the_document():
    flagged = "Training improved accuracy, t(28) = 1.80, p = .041."
    assert len(run(RecomputedPMismatch, flagged)[1]) == 1
    assert run(RecomputedPMismatch, "All tests were one-tailed.", flagged)[1] == []


# --- OVR004 -----------------------------------------------------------------------------------------


def test_ovr004_flags_nominal_increase_with_nonsignificant_p_and_interval():
    sentence = "Active rTMS nominally increased glutamate (d = 0.15 [95% CI: −0.01, 0.30], p = 0.06)."
    _, findings = run(NonsignificantAsEffect, sentence)
    assert len(findings) == 1
    assert findings[0].quoted.startswith("increased") and findings[0].quoted.endswith("p = 0.06")
    assert {t.text for t in findings[0].evidence} >= {"increased", "p = 0.06", "95% CI: −0.01, 0.30"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Active rTMS increased glutamate (d = 0.35 [95% CI: 0.10, 0.60], p = 0.006).",
        "Glutamate did not increase (p = 0.30).",
        "There was a trend toward increased glutamate (p = 0.06).",
        "Glutamate increased, although this did not reach significance (p = 0.08).",
        "Effect sizes were associated with the number of pulses (p = 0.05).",  # rounds to alpha
        "Patients with reduced sleep had similar scores (p = 0.40).",
    ],
)
def test_ovr004_clean(sentence: str):
    assert run(NonsignificantAsEffect, sentence)[1] == []


# --- shared corpus ----------------------------------------------------------------------------------


def test_seed_002_gets_ovr004_once_and_no_statistics_error():
    found = sorted(SEEDS.glob("002_*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.skip("shared corpus file 002_*.txt not present")
    text, encoding = decode(found[0].read_bytes())
    doc = analyze_document(Document(path="002.txt", text=text, sha256="0" * 64, format="txt", encoding=encoding))
    ctx = RuleContext.build(doc, [], [], has_reference_list=False)
    findings = [f for rule in RULES for f in rule().check(ctx)]
    # once on the Results sentence, and once on the Conclusions that restate it (issue 12)
    assert [f.code for f in findings] == ["OVR004", "OVR004"]
    assert "nominally" in text[findings[0].span.start - 12 : findings[0].span.start]
    assert findings[0].quoted.endswith("p = 0.06")
    assert (
        findings[1].quoted == "is associated with a nominal, dose-dependent increase in glutamatergic neurometabolites"
    )
