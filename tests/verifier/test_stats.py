"""Recomputing p-values and checking intervals, cross-checked against statcheck's own test cases."""

from __future__ import annotations

import pytest

from claims.spans import SentenceView
from claims.statistics import PValue, find_intervals, find_test_results
from verifier.stats import Verdict, check_ci_p, compute_p, interval_excludes_null, is_significant, recompute_p


def verdict(text: str, *, one_tailed_in_text: bool = False, alpha: float = 0.05) -> Verdict:
    (result,) = find_test_results(SentenceView.of(text))
    check = recompute_p(result, one_tailed_in_text=one_tailed_in_text, alpha=alpha)
    assert check is not None
    return check.verdict


def test_compute_p_matches_textbook_values():
    assert compute_p("z", 1.96, None, None) == pytest.approx(0.05, abs=1e-4)
    assert compute_p("t", 2.10, None, 23) == pytest.approx(0.0469, abs=1e-4)
    assert compute_p("t", 2.10, None, 23, two_tailed=False) == pytest.approx(0.0234, abs=1e-4)
    assert compute_p("F", 3.20, 2, 45) == pytest.approx(0.0502, abs=1e-4)
    assert compute_p("chi2", 3.84, 1, None) == pytest.approx(0.05, abs=1e-3)
    assert compute_p("r", 0.30, None, 48) == pytest.approx(0.0343, abs=1e-4)


@pytest.mark.parametrize(
    "text",
    [  # statcheck tests/testthat/test-decisionerror.R: every one is a decision error
        "t(28) = 2.20, p = .06",
        "t(28) = 1.20, p = .03",
        "F(2, 28) = 22.20, p = .06",
        "F(2, 28) = 2.20, p = .03",
        "r(28) = .22, p = .03",
        "r(28) = .52, p = .06",
        "chi2(28) = 2.20, p = .03",
        "chi2(28) = 52.20, p = .06",
        " z = 1.20, p = .03",
        " z = 2.20, p = .06",
        "Q(28) = 2.20, p = .03",
        "Q(28) = 52.20, p = .06",
        "The effect was very significant (t(48) = 1.02, p < .05)",
    ],
)
def test_statchecks_decision_errors(text: str):
    assert verdict(text) is Verdict.DECISION_ERROR


def test_p_equal_alpha_is_significant_as_in_statcheck():
    # statcheck: an error, but not a decision error, with pEqualAlphaSig = TRUE
    assert verdict("t(28) = 2.20, p = .05") is Verdict.INCONSISTENT


@pytest.mark.parametrize(
    "text",
    [
        "t(23) = 2.10, p = .047",
        "t(10) = 2.2, p = .049",
        "F(2, 120) = 3.1, p = .049",
        "t(30) = 4.50, p < .001",
        "F(3, 96) = 0.85, p > .05",
        "F(1, 48) = 3.95, ns",
        "z = 4.23, p = 2.3 × 10−5",
        "t(97.7) = 2.9, p = 0.005",
    ],
)
def test_consistent_within_rounding(text: str):
    assert verdict(text) is Verdict.CONSISTENT


def test_p_equals_zero_is_an_inconsistency_not_a_decision_error():
    assert verdict("t(50) = 5.20, p = .000") is Verdict.INCONSISTENT


def test_one_tailed_only_when_the_text_says_so_and_never_for_f():
    assert verdict("t(28) = 1.80, p = .041") is Verdict.DECISION_ERROR
    assert verdict("t(28) = 1.80, p = .041", one_tailed_in_text=True) is Verdict.CONSISTENT
    assert verdict("t(28) = 1.80, p (one-tailed) = .041") is Verdict.CONSISTENT
    assert verdict("F(1, 28) = 3.24, p = .041", one_tailed_in_text=True) is Verdict.DECISION_ERROR


def test_declared_alpha_moves_the_decision():
    # statcheck: t(28) = 1.20, p = .09 is a decision error at alpha = .10 (computed p = .24)
    assert verdict("t(28) = 1.20, p = .09", alpha=0.10) is Verdict.DECISION_ERROR
    assert verdict("t(28) = 1.20, p = .09") is Verdict.INCONSISTENT


def test_no_p_means_nothing_to_check():
    (result,) = find_test_results(SentenceView.of("t(23) = 2.10 in the first block"))
    assert recompute_p(result) is None


@pytest.mark.parametrize(
    ("cmp", "value", "decimals", "expected"),
    [
        ("=", 0.06, 2, False),
        ("=", 0.05, 2, None),
        ("=", 0.049, 3, True),
        ("=", 0.0, 3, True),
        ("<", 0.001, 3, True),
        ("<", 0.10, 2, None),
        (">", 0.05, 2, False),
        ("ns", 0.05, 2, False),
    ],
)
def test_is_significant_respects_rounding(cmp, value, decimals, expected):
    assert is_significant(PValue(cmp, value, decimals, 0, 1)) is expected


def test_interval_null_with_rounding_and_ratios():
    (iv,) = find_intervals(SentenceView.of("d = 0.15 [95% CI: −0.01, 0.30]"))
    assert interval_excludes_null(iv) is False
    (iv,) = find_intervals(SentenceView.of("d = 0.30, 95% CI [0.00, 0.60]"))
    assert interval_excludes_null(iv) is None
    (iv,) = find_intervals(SentenceView.of("OR 1.8, 95% CI 1.2–2.7"))
    assert interval_excludes_null(iv) is True


def test_check_ci_p_agreement_and_implied_p():
    (iv,) = find_intervals(SentenceView.of("OR 1.80, 95% CI 1.20–2.70, p = .005"))
    ok = check_ci_p(iv, iv.p)
    assert ok.consistent is True and ok.implied_p == pytest.approx(0.0045, abs=0.001)
    (iv,) = find_intervals(SentenceView.of("OR 1.80, 95% CI 1.20–2.70, p = .21"))
    assert check_ci_p(iv, iv.p).consistent is False
    (iv,) = find_intervals(SentenceView.of("OR 1.50 (99% CI 0.95–2.37), p = .02"))
    assert check_ci_p(iv, iv.p).alpha == 0.01 and check_ci_p(iv, iv.p).consistent is True
