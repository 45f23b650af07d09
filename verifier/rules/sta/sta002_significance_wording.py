"""STA002 significance-wording."""

from __future__ import annotations

from collections.abc import Iterator

from claims.statistics import find_p_values
from verifier.models import Confidence, Finding
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.sta.reported import (
    attached,
    clauses,
    declared_alpha,
    fmt_p,
    significance_cues,
    statistic_units,
    trigger,
)
from verifier.stats import is_significant

# "clinically significant" is about importance, not a test.
_NOT_STATISTICAL = ("clinically", "practically", "biologically", "economically", "socially")
# "*p < .05, **p < .01": a table's significance legend states thresholds, not results.
_LEGEND_MARKS = "*†‡§"


def _legend(text: str, start: int) -> bool:
    """Whether the p-value at ``start`` is a legend threshold (an asterisk or dagger right before it)."""
    return start > 0 and text[start - 1] in _LEGEND_MARKS


class SignificanceWording(Rule):
    """Wording about significance that the reported p-value contradicts.

    ## What it flags
    A clause that calls a result "significant" while every p-value in it is
    above alpha (``significantly improved, p = .12``), or that says "no
    difference", "did not differ", "no change" or "not associated" while every
    p-value in it is below alpha (``did not differ, p = .003``).

    ## Why it matters
    Readers take the words, not the numbers, into abstracts, reviews and press
    releases. Wording that contradicts its own p-value turns a null result into
    a finding, or hides a real difference.

    ## Example
    ```
    Depression scores improved significantly after treatment (p = .12).
    ```
    Use instead:
    ```
    Depression scores did not change significantly after treatment (p = .12).
    ```

    ## Known problems
    The sentence is split into clauses at semicolons and contrastive words
    ("but", "whereas", "while", "although"); a clause with p-values on both
    sides of alpha, or with a p that rounds to alpha (``p = .05``), or that
    holds both "significant" and "no difference", is left alone. The p must
    follow the cue within the same statement: a comma outside brackets ends it
    unless a reported value follows ("where no effect was seen, X was greater
    (P = .01)" is not flagged). "Marginally significant", "a trend toward significance" and other
    conceded wordings are not flagged here (they are honest about p);
    "clinically significant" is not a statistical claim. Alpha is .05 unless
    the document declares another. Captions, table rows and footnotes are
    read too; a p right after an asterisk or dagger (``*p < .05``) is a
    legend's threshold and is skipped. "Significant" meaning "large" next to a
    non-significant p can be flagged.

    ## Options
    None; cue lists are `claims/lexicons/stats_significance.txt`,
    `stats_no_difference.txt` and `stats_uncertainty_admissions.txt`.

    ## References
    Wasserstein & Lazar (2016), "The ASA statement on p-values", The American
    Statistician 70: 129–133; Gelman & Stern (2006), "The difference between
    'significant' and 'not significant' is not itself statistically significant".
    """

    code = "STA002"
    name = "significance-wording"
    scope = Scope.CLAIM

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        alpha = declared_alpha(ctx.document.text)
        for claim_id, view in statistic_units(ctx):
            text = view.text
            ps = [p for p in find_p_values(view) if not _legend(text, p.start)]
            if not ps:
                continue
            cues = significance_cues(text)
            conceded = any(c.kind == "admission" and not c.negated for c in cues)
            for start, end in clauses(text):
                local = [p for p in ps if start <= p.start < end]
                if not local:
                    continue
                sig = [is_significant(p, alpha) for p in local]
                in_clause = [c for c in cues if start <= c.start < end and not c.negated]
                if {"significant", "no_difference"} <= {c.kind for c in in_clause}:
                    continue  # both claims in one clause: which p belongs to which is unclear
                for cue in in_clause:
                    if not any(p.start >= cue.end and attached(text, cue.end, p.start) for p in local):
                        continue
                    if cue.kind == "significant":
                        before = text[max(0, cue.start - 16) : cue.start].lower().split()
                        if conceded or (before and before[-1] in _NOT_STATISTICAL) or any(s is not False for s in sig):
                            continue
                        story = f"called significant, but p is not below {fmt_p(alpha)}"
                    elif cue.kind == "no_difference":
                        if any(s is not True for s in sig):
                            continue
                        story = f"reported as no difference, but p is below {fmt_p(alpha)}"
                    else:
                        continue
                    lo = min(cue.start, local[0].start)
                    hi = max(cue.end, local[-1].end)
                    word = view.quote(cue.start, cue.end)
                    orig_start, orig_end = view.original_range(lo, hi)
                    yield self.finding(
                        ctx,
                        start=orig_start,
                        end=orig_end,
                        message=f"'{word}': {story} ({', '.join(view.quote(p.start, p.end) for p in local)}).",
                        claim_id=claim_id,
                        evidence=[
                            trigger(ctx, view, cue.start, cue.end, cue.kind, kind="cue"),
                            *(trigger(ctx, view, p.start, p.end, "reported p-value") for p in local),
                        ],
                        suggestion="make the wording match the p-value, or correct the p-value",
                        confidence=Confidence.HIGH,
                    )
                    break
