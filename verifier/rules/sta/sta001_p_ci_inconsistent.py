"""STA001 p-ci-inconsistent."""

from __future__ import annotations

from collections.abc import Iterator

from claims.statistics import Interval, find_intervals
from verifier.models import Confidence, Finding
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.sta.reported import fmt_p, statistic_units, trigger
from verifier.stats import check_ci_p


class PCiInconsistent(Rule):
    """A confidence interval and a p-value that cannot both hold.

    ## What it flags
    An estimate with a confidence interval followed by its p-value where the
    two disagree about the null: the interval excludes the null (0 for
    differences, d, g, β; 1 for odds, risk and hazard ratios) but p is above
    alpha, or the interval includes the null but p is below alpha. Alpha is
    taken from the interval's level (95% CI: .05).

    ## Why it matters
    For the usual tests a 95% interval excludes the null exactly when the
    two-sided p is below .05. When they disagree, one of the numbers was
    mistyped, or the interval and the p come from different analyses, and a
    reader cannot tell which to believe.

    ## Example
    ```
    Remission was more frequent with active treatment (OR 1.80, 95% CI 1.20–2.70, p = .21).
    ```
    Use instead:
    ```
    Remission was more frequent with active treatment (OR 1.80, 95% CI 1.20–2.70, p = .005).
    ```

    ## Known problems
    Only a p-value written directly after the interval is paired with it.
    Rounding is respected: a bound that rounds to the null (``0.00``,
    ``1.00``) or a p that rounds to alpha (``p = .05``) leaves the pair
    undecided and unflagged. Intervals from bootstrap, exact or profile
    likelihood methods can legitimately disagree with a Wald p near the
    boundary; those cases sit close to the null and are rare. The implied p
    in the message is a normal approximation (Altman & Bland 2011), on the log
    scale for ratios, shown for orientation only.

    An interval whose estimate is not named ("a summary effect of 1.11 (95%
    CI 0.99–1.24)", "the risk ratio ... was 1.01 (95% CI: 0.58 to 1.75)")
    with positive bounds around 1 may be a ratio, whose null is 1: its null
    is unknown and it is not judged.

    Table rows, captions and footnotes are read as well as sentences, so an
    interval and a p in neighbouring cells of one row are paired when the p
    directly follows the interval.

    ## Options
    None.

    ## References
    Altman & Bland (2011), "How to obtain the P value from a confidence
    interval", BMJ 343: d2304; Greenland et al. (2016), "Statistical tests, P
    values, confidence intervals, and power", Eur J Epidemiol 31: 337–350.
    """

    code = "STA001"
    name = "p-ci-inconsistent"
    scope = Scope.CLAIM

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for claim_id, view in statistic_units(ctx):
            for iv in find_intervals(view):
                if iv.p is None or _maybe_unnamed_ratio(iv):
                    continue
                result = check_ci_p(iv, iv.p)
                if result.consistent is not False:
                    continue
                interval = view.quote(iv.start, iv.end)
                reported = view.quote(iv.p.start, iv.p.end)
                null = "1" if iv.ratio else "0"
                if result.excludes_null:
                    story = f"the interval excludes {null}, yet p is not below {fmt_p(result.alpha)}"
                else:
                    story = f"the interval includes {null}, yet p is below {fmt_p(result.alpha)}"
                implied = "" if result.implied_p is None else f"; the interval implies p ≈ {fmt_p(result.implied_p)}"
                start, end = view.original_range(iv.start, iv.p.end)
                yield self.finding(
                    ctx,
                    start=start,
                    end=end,
                    message=f"'{interval}' and '{reported}' disagree: {story}{implied}.",
                    claim_id=claim_id,
                    evidence=[
                        trigger(ctx, view, iv.ci_start, iv.ci_end, f"{iv.level:g}% interval, null {null}"),
                        trigger(ctx, view, iv.p.start, iv.p.end, "reported p-value"),
                    ],
                    suggestion="check the interval bounds and the p-value against the analysis output",
                    confidence=Confidence.HIGH,
                )


def _maybe_unnamed_ratio(iv: Interval) -> bool:
    """No estimate name to tell the null, and positive bounds around 1: the measure may be a ratio."""
    return iv.name is None and 0 < iv.low <= 1 <= iv.high
