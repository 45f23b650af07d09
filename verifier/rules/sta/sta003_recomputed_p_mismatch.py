"""STA003 recomputed-p-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from claims.statistics import find_test_results, mentions_one_tailed
from verifier.models import Confidence, Finding, Severity
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.sta.reported import declared_alpha, fmt_p, statistic_units, trigger
from verifier.stats import Verdict, recompute_p

_TEST_LABEL = {"chi2": "χ²"}


class RecomputedPMismatch(Rule):
    """A test statistic with degrees of freedom whose recomputed p-value differs from the reported one.

    ## What it flags
    A reported t, F, χ², r, z, Q or H result with its degrees of freedom and
    p-value (``t(23) = 2.10, p = .47``) where no value of the statistic that
    rounds to the printed one gives the printed p. When the recomputed p falls
    on the other side of alpha from the reported one (significant versus not),
    it is a decision error and the finding is an error; otherwise a warning.

    ## Why it matters
    About half of psychology papers contain at least one such inconsistency,
    and one in eight a decision error (Nuijten et al. 2016). A mistyped
    statistic, df or p changes what a reader, or a meta-analysis, concludes.

    ## Example
    ```
    Patients improved more than controls, t(23) = 2.10, p = .47.
    ```
    Use instead:
    ```
    Patients improved more than controls, t(23) = 2.10, p = .047.
    ```

    ## Known problems
    Follows statcheck: any p inside the rounding range of the statistic is
    accepted; ``p = .000`` is reported as an inconsistency (write ``p < .001``);
    ``p = alpha`` counts as significant. Results are read as two-tailed unless
    the p is labelled one-tailed, or the document mentions a one-tailed,
    one-sided or directional test and the result fits one. Corrected p-values
    (Bonferroni, Greenhouse-Geisser with df left uncorrected, Welch df written
    as integers) and statistics from mixed or robust models look inconsistent
    and may be flagged. Alpha is .05 unless the document declares another
    ("α = .01", "p < .10 was considered significant").

    Results are read wherever statcheck finds them: sentences, one-line
    inputs, lines without a final stop, table rows, captions and footnotes
    (headings and metadata units holding a comparator), never reference-list
    lines or page furniture. Forms that could be something else are read only
    when a p-value follows: df in square or curly brackets (``t[28] = 2.2``)
    and a χ² whose letter was lost in extraction (``(2(1) = 0.03, p = .86``,
    straight after a bracket only). A document that says "directional"
    anywhere lets a result that fits a one-tailed test pass, as statcheck's
    ``OneTailedTxt`` does ("non-directional" and "bidirectional" do not count).

    ## Options
    None.

    ## References
    Nuijten, Hartgerink, van Assen, Epskamp & Wicherts (2016), "The prevalence
    of statistical reporting errors in psychology (1985–2013)", Behavior
    Research Methods 48: 1205–1226; statcheck (R package, MicheleNuijten/statcheck):
    ``compute_p``, ``error_test``, ``decision_error_test``.
    """

    code = "STA003"
    name = "recomputed-p-mismatch"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        alpha = declared_alpha(ctx.document.text)
        one_tailed_doc = mentions_one_tailed(ctx.document.text)
        for claim_id, view in statistic_units(ctx):
            for result in find_test_results(view):
                check = recompute_p(result, one_tailed_in_text=one_tailed_doc, alpha=alpha)
                if check is None or check.verdict is Verdict.CONSISTENT or result.p is None:
                    continue
                p = result.p
                stat = view.quote(result.start, result.end)
                reported = view.quote(p.start, p.end)
                tails = "one-tailed" if check.one_tailed else "two-tailed"
                label = _TEST_LABEL.get(result.test, result.test)
                detail = (
                    f"recomputed p = {fmt_p(check.computed_p)} ({tails}); a {label} rounding to the printed value "
                    f"gives p from {fmt_p(check.lower)} to {fmt_p(check.upper)}"
                )
                decision = check.verdict is Verdict.DECISION_ERROR
                what = "a decision error: significance at alpha flips" if decision else "inconsistent"
                start, end = view.original_range(result.start, p.end)
                yield self.finding(
                    ctx,
                    start=start,
                    end=end,
                    message=f"'{stat}' gives p = {fmt_p(check.computed_p)} ({tails}), but '{reported}' is reported: {what}.",
                    claim_id=claim_id,
                    evidence=[
                        trigger(ctx, view, result.start, result.end, detail),
                        trigger(ctx, view, p.start, p.end, "reported p-value"),
                    ],
                    suggestion="check the test statistic, its degrees of freedom and the p-value against the analysis output",
                    confidence=Confidence.HIGH if decision else Confidence.MEDIUM,
                    severity=Severity.ERROR if decision else None,
                )
