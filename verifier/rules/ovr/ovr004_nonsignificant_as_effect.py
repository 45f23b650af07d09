"""OVR004 nonsignificant-as-effect."""

from __future__ import annotations

from collections.abc import Iterator

from claims.models import Claim
from claims.spans import SentenceView
from claims.statistics import Interval, PValue
from verifier.models import Confidence, Finding
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.ovr.ovr004_restated_results import restated_nonsignificant
from verifier.rules.sta.reported import (
    attached,
    claim_views,
    clause_statistics,
    declared_alpha,
    fmt_p,
    significance_cues,
    trigger,
)
from verifier.stats import interval_excludes_null, is_significant

# An effect word right after one of these describes a group, not a result ("patients with reduced sleep").
_ATTRIBUTIVE = frozenset({"with", "without", "of", "in", "for", "to", "by", "from", "among", "had", "have", "has"})


class NonsignificantAsEffect(Rule):
    """An effect stated as real while its p-value is not significant or its interval includes the null.

    ## What it flags
    A clause that states an increase, decrease, improvement, difference or
    association flatly ("increased", "reduced", "was associated with", "were
    higher") while every p-value in it is at or above alpha and every
    confidence interval in it includes the null (0, or 1 for ratios).
    Across sentences: a conclusion (a Conclusions part, an inline
    "Conclusions:", a Discussion sentence opened by "In summary") that states
    as an effect ("a dose-dependent increase in X") an outcome whose result
    the same document reports with such a statistic; the finding quotes the
    result sentence and its statistic (``ovr004_restated_results``).

    ## Why it matters
    A non-significant estimate is compatible with no effect. Writing it up as
    an effect ("nominally increased … p = 0.06") is the commonest spin in
    abstracts (Boutron et al. 2010) and travels into citing papers as an
    established finding.

    ## Example
    ```
    Active stimulation nominally increased glutamate levels (d = 0.15 [95% CI: −0.01, 0.30], p = 0.06).
    ```
    Use instead:
    ```
    Glutamate levels did not increase significantly with active stimulation (d = 0.15 [95% CI: −0.01, 0.30], p = 0.06).
    ```

    ## Known problems
    Decided on purpose: words that qualify the size or manner of an effect
    ("nominally", "numerically", "slightly") do not stop the flag, because the
    verb still states the effect as fact; a sentence that concedes the result
    ("did not reach significance", "not significant", "a trend toward",
    "tended to", "marginally") or hedges it ("may", "might", "could") is not
    flagged, even when it also uses a flat verb, since the reader is told.
    Negated effects ("did not increase") and clauses that also say "no
    difference" are skipped. A clause whose evidence is mixed or undecided (a
    p that rounds to alpha, ``p = .05``; a bound on the null) is left alone,
    and so is an effect word that its p or interval does not follow in the
    same statement (a comma outside brackets ends it).
    An effect word describing a group ("patients with reduced sleep") is
    skipped when a preposition precedes it, but other attributive uses can
    be flagged.

    ## Options
    None; the cue lists are `claims/lexicons/stats_effect_cues.txt` and
    `stats_uncertainty_admissions.txt`.

    ## References
    Boutron, Dutton, Ravaud & Altman (2010), "Reporting and interpretation of
    randomized controlled trials with statistically nonsignificant results for
    primary outcomes", JAMA 303: 2058–2064; Amrhein, Greenland & McShane
    (2019), "Retire statistical significance", Nature 567: 305–307.
    """

    code = "OVR004"
    name = "nonsignificant-as-effect"
    scope = Scope.CLAIM

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        alpha = declared_alpha(ctx.document.text)
        for claim, view in claim_views(ctx):
            text = view.text
            statistics = list(clause_statistics(view))
            if not statistics:
                continue
            cues = significance_cues(text)
            if any(c.kind == "admission" and not c.negated for c in cues):
                continue
            for start, end, local_p, local_ci in statistics:
                states = [is_significant(p, alpha) for p in local_p]
                states += [interval_excludes_null(iv) for iv in local_ci]
                if not states or any(s is not False for s in states):
                    continue
                in_clause = [c for c in cues if start <= c.start < end]
                if any(c.kind == "no_difference" for c in in_clause):
                    continue
                starts = [p.start for p in local_p] + [iv.start for iv in local_ci]
                effect = next(
                    (
                        c
                        for c in in_clause
                        if c.kind == "effect"
                        and not c.negated
                        and not _attributive(text, c.start)
                        and any(s >= c.end and attached(text, c.end, s) for s in starts)
                    ),
                    None,
                )
                if effect is None:
                    continue
                yield self._finding(ctx, claim, view, effect.start, effect.end, local_p, local_ci, alpha)
        yield from restated_nonsignificant(self, ctx, alpha)

    def _finding(
        self,
        ctx: RuleContext,
        claim: Claim,
        view: SentenceView,
        cue_start: int,
        cue_end: int,
        local_p: list[PValue],
        local_ci: list[Interval],
        alpha: float,
    ) -> Finding:
        ends = [p.end for p in local_p] + [iv.end for iv in local_ci]
        start, end = view.original_range(cue_start, max(max(ends), cue_end))
        word = view.quote(cue_start, cue_end)
        reasons = [f"{view.quote(p.start, p.end)} is not below {fmt_p(alpha)}" for p in local_p]
        reasons += [
            f"the interval {view.quote(iv.ci_start, iv.ci_end)} includes {'1' if iv.ratio else '0'}" for iv in local_ci
        ]
        evidence = [trigger(ctx, view, cue_start, cue_end, "effect stated", kind="cue")]
        evidence += [trigger(ctx, view, p.start, p.end, "reported p-value") for p in local_p]
        evidence += [trigger(ctx, view, iv.ci_start, iv.ci_end, "confidence interval") for iv in local_ci]
        return self.finding(
            ctx,
            start=start,
            end=end,
            message=f"'{word}' states an effect, but {' and '.join(reasons)}.",
            claim_id=claim.id,
            evidence=evidence,
            suggestion=f"say the effect was not statistically significant instead of '{word}', or report it as an estimate with its uncertainty",
            confidence=Confidence.MEDIUM,
        )


def _attributive(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].lower().split()
    return bool(before) and before[-1] in _ATTRIBUTIVE
