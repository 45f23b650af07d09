"""Arithmetic behind the statistics rules: recomputing p from a reported test
statistic, and checking a p-value against a confidence interval.

Recomputation follows statcheck (Nuijten et al. 2016; ``R/compute_p.R``,
``R/error_test.R``, ``R/decision_error_test.R``, ``R/process_stats.R``) so
its published error rates carry over: the reported statistic may have been
rounded, so every p between the p-values of ``stat ± half a unit in its last
reported digit`` counts as consistent; ``p = .000`` is an error (it should be
``p < .001``); ``p = alpha`` counts as significant; and when the text says a
test was one-tailed, a result that is consistent as a one-tailed test is
consistent. A decision error is an inconsistency that flips significance at
alpha. Distributions come from ``verifier.distributions`` (pure Python, checked against
scipy in the tests), so a check never pays scipy's import.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from claims.statistics import Interval, PValue, TestResult
from verifier.distributions import chi2_sf, f_sf, norm_ppf, norm_sf, t_sf

__all__ = [
    "CICheck",
    "PCheck",
    "Verdict",
    "check_ci_p",
    "compute_p",
    "interval_excludes_null",
    "is_significant",
    "recompute_p",
]

ALPHA = 0.05


class Verdict(str, Enum):
    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    DECISION_ERROR = "decision_error"


def compute_p(test: str, value: float, df1: float | None, df2: float | None, *, two_tailed: bool = True) -> float:
    """The p-value of a test statistic: t, r, z two- or one-tailed; F, χ², Q, H upper-tailed.

    An r is converted to t with ``t = r / sqrt((1 - r²) / df)``, as statcheck does.
    """
    if test == "t":
        assert df2 is not None
        p = t_sf(abs(value), df2)
    elif test == "r":
        assert df2 is not None
        if abs(value) >= 1:
            return 0.0
        t = value / math.sqrt((1 - value * value) / df2)
        p = t_sf(abs(t), df2)
    elif test == "z":
        p = norm_sf(abs(value))
    elif test == "F":
        assert df1 is not None and df2 is not None
        return f_sf(value, df1, df2)
    elif test in ("chi2", "Q", "H"):
        assert df1 is not None
        return chi2_sf(value, df1)
    else:
        raise ValueError(f"unknown test type {test!r}")
    return 2 * p if two_tailed else p


@dataclass(frozen=True, slots=True)
class PCheck:
    """The outcome of recomputing one reported result.

    ``computed_p`` comes from the statistic as printed; ``lower``/``upper``
    bound the p-values its rounding allows. ``one_tailed`` is true when the
    verdict assumed a one-tailed test because the text said so.
    """

    computed_p: float
    lower: float
    upper: float
    error: bool
    decision_error: bool
    one_tailed: bool

    @property
    def verdict(self) -> Verdict:
        if self.decision_error:
            return Verdict.DECISION_ERROR
        return Verdict.INCONSISTENT if self.error else Verdict.CONSISTENT


def _bounds(result: TestResult, two_tailed: bool) -> tuple[float, float]:
    half = 0.5 / (10**result.value_decimals)
    v = result.value
    small, large = (v - half, v + half) if v >= 0 else (v + half, v - half)
    if result.test in ("F", "chi2", "Q", "H"):
        small = max(small, 0.0)
    if result.test == "r":
        large = max(-0.999999, min(0.999999, large))
    upper = compute_p(result.test, small, result.df1, result.df2, two_tailed=two_tailed)
    lower = compute_p(result.test, large, result.df1, result.df2, two_tailed=two_tailed)
    return lower, upper


def _error(p: PValue, test_cmp: str, lower: float, upper: float, alpha: float) -> bool:
    reported, cmp = (alpha, ">") if p.comparator == "ns" else (p.value, p.comparator[0])
    if reported <= 0:  # statcheck's pZeroError: p = .000 is never right
        return True
    if test_cmp == "=":
        if cmp == "=":
            return reported > round(upper, p.decimals) or reported < round(lower, p.decimals)
        if cmp == "<":
            return reported < lower
        return reported > upper
    if test_cmp == "<":
        if cmp == "=":
            return reported < round(upper, p.decimals)
        return reported < upper if cmp == "<" else False
    if cmp == "=":
        return reported > round(lower, p.decimals)
    return False if cmp == "<" else reported > lower


def _decision_error(p: PValue, test_cmp: str, computed: float, alpha: float) -> bool:
    """statcheck's decision_error_test with pEqualAlphaSig = TRUE."""
    reported, cmp = (alpha, ">") if p.comparator == "ns" else (p.value, p.comparator[0])
    if test_cmp == "=":
        if cmp == "=":
            return (reported <= alpha < computed) or (reported > alpha >= computed)
        if cmp == "<":
            return reported <= alpha < computed
        return reported >= alpha >= computed
    if test_cmp == "<":
        return reported <= alpha <= computed if cmp in ("=", "<") else False
    if cmp == "=":
        return reported > alpha >= computed
    return False if cmp == "<" else reported >= alpha >= computed


def _check(result: TestResult, p: PValue, two_tailed: bool, alpha: float) -> PCheck:
    computed = compute_p(result.test, result.value, result.df1, result.df2, two_tailed=two_tailed)
    lower, upper = _bounds(result, two_tailed)
    error = _error(p, result.comparator, lower, upper, alpha)
    decision = error and _decision_error(p, result.comparator, computed, alpha)
    return PCheck(computed, lower, upper, error, decision, not two_tailed)


def recompute_p(result: TestResult, *, one_tailed_in_text: bool = False, alpha: float = ALPHA) -> PCheck | None:
    """Recompute a reported result's p and classify it; ``None`` when it has no p-value.

    A label such as ``p (one-tailed)`` makes the test one-tailed outright. When
    the surrounding text merely mentions a one-tailed test, the two-tailed
    verdict stands unless the result is consistent as one-tailed (statcheck's
    ``OneTailedTxt``); F, χ², Q and H are never halved.
    """
    p = result.p
    if p is None:
        return None
    directional = result.test in ("t", "r", "z")
    if p.tail == "one" and directional:
        return _check(result, p, False, alpha)
    two = _check(result, p, True, alpha)
    if two.error and one_tailed_in_text and directional:
        one = _check(result, p, False, alpha)
        if not one.error:
            return one
    return two


def is_significant(p: PValue, alpha: float = ALPHA) -> bool | None:
    """Whether a reported p is below ``alpha`` whatever its rounding; ``None`` when it cannot be told.

    ``p = .06`` (really .055 to .065) is not significant at .05; ``p = .05``
    straddles it and is undecided, as is ``p < .10``; ``p = .000`` is
    significant.
    """
    if p.comparator == "ns":
        return False
    half = 0.5 / (10**p.decimals)
    cmp = p.comparator
    if cmp == "=":
        if p.value + half <= alpha and p.value < alpha:
            return True
        if p.value - half >= alpha and p.value > alpha:
            return False
        return None
    if cmp in ("<", "<="):
        return True if p.value <= alpha else None
    return False if p.value >= alpha else None


def interval_excludes_null(iv: Interval) -> bool | None:
    """Whether the interval excludes its null (0, or 1 for ratios) whatever the rounding of its bounds.

    ``None`` when a bound sits on the null within rounding (``0.00`` to ``0.30``).
    """
    null = iv.null
    lo_half = 0.5 / (10**iv.low_decimals)
    hi_half = 0.5 / (10**iv.high_decimals)
    if iv.low - lo_half > null or iv.high + hi_half < null:
        return True
    if iv.low + lo_half < null < iv.high - hi_half:
        return False
    return None


@dataclass(frozen=True, slots=True)
class CICheck:
    """A confidence interval against its p-value.

    ``alpha`` is implied by the interval's level (95% -> .05). ``implied_p``
    is the p a normal approximation gives from the estimate and interval
    (Altman & Bland 2011, on the log scale for ratios), shown to the reader,
    never used to decide. ``consistent`` is ``None`` when either side is undecided.
    """

    alpha: float
    excludes_null: bool | None
    significant: bool | None
    implied_p: float | None

    @property
    def consistent(self) -> bool | None:
        if self.excludes_null is None or self.significant is None:
            return None
        return self.excludes_null == self.significant


def _implied_p(iv: Interval) -> float | None:
    if iv.estimate is None:
        return None
    z_crit = norm_ppf(1 - (1 - iv.level / 100) / 2)
    if iv.ratio:
        if iv.low <= 0 or iv.estimate <= 0:
            return None
        low, high, est = math.log(iv.low), math.log(iv.high), math.log(iv.estimate)
    else:
        low, high, est = iv.low, iv.high, iv.estimate
    se = (high - low) / (2 * z_crit)
    if se <= 0:
        return None
    return 2 * norm_sf(abs(est) / se)


def check_ci_p(iv: Interval, p: PValue) -> CICheck:
    """Check that an interval and a p-value tell the same story about the null."""
    alpha = round(1 - iv.level / 100, 4)
    return CICheck(alpha, interval_excludes_null(iv), is_significant(p, alpha), _implied_p(iv))
