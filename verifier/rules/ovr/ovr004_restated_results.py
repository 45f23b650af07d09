"""OVR004 across sentences: a conclusion that restates as an effect a result the document reports as non-significant.

The Results (a part, or a structured abstract's "Results:") give a statistic that is not
below alpha ("nominally increased … (d = 0.15 [95% CI: −0.01, 0.30], p = 0.06)"); the
Conclusions (a part, an inline "Conclusions:", or a Discussion sentence opened by "In
summary" / "Taken together") state the same outcome as an effect, without a statistic of
their own ("associated with a nominal, dose-dependent increase in glutamatergic
neurometabolites"). The same outcome is read from shared content stems (Snowball, through
``claims.propositions.stems``, hyphenated words split: "dose-dependent" meets "dose
dependence"): at least ``_MIN_SHARED`` stems of the conclusion's effect statement, its
subject and the effect words themselves left out, appear in the result's clause.

Precision: a result counts only when its clause states an effect itself (an effect cue, no
"no change"), every statistic in it is not below alpha (``p = .05`` counts: it is not
``p < .05``) and it is not conceded ("did not reach significance", "a trend"); a conclusion
that hedges ("may", "might") or concedes the effect before it ends is left alone; and when a
significant result of the same document matches the conclusion as well, the conclusion may
rest on that one, so nothing is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claims.features.roles import CONCLUSIONS, DISCUSSION, RESULTS
from claims.models import Claim
from claims.propositions import stems
from claims.spans import SentenceView
from claims.statistics import Interval, PValue, find_intervals, find_p_values
from verifier.models import Confidence, Finding, Trigger
from verifier.rules._parts import roles
from verifier.rules.base import Rule, RuleContext
from verifier.rules.sta.reported import clause_statistics, clauses, fmt_p, significance_cues, trigger
from verifier.stats import interval_excludes_null, is_significant

__all__ = ["restated_nonsignificant"]

_MIN_SHARED = 2
# Stems that say *that* something changed or how it was tested, not *what*: they never make two outcomes one.
_GENERIC = frozenset(
    stems(
        "increase increased increases decrease decreased reduce reduced reduction improve improved improvement "
        "associated association correlated correlation change changes effect effects significant significantly "
        "nominal nominally higher lower greater difference differed elevated enhanced predicted level levels "
        "suggesting suggest suggests result results found observed showed data across conditions importantly "
        "patients participants"
    )
)
_SUMMARY_OPENER = re.compile(r"^\W*(?:in\s+summary|in\s+conclusion|taken\s+together|overall|collectively)\b", re.I)
# Where a conclusion's effect statement ends: a new clause ("…, suggesting", "…, which") or a sentence stop.
_STATEMENT_END = re.compile(r";|\.\s|,\s+(?:\w+ing|which|and|but|whereas|while)\b|\s+(?:which|whereas)\b", re.I)
_MAX_WORDS = 14
_DOSE = re.compile(r"(?<![\w-])doses?(?![\w-])", re.IGNORECASE)
_WORD = re.compile(r"[\w'\u2019-]+")


@dataclass(frozen=True)
class _Result:
    """One Results clause with a statistic not below alpha, and the stems of what it is about."""

    claim: Claim
    view: SentenceView
    start: int
    end: int
    significant: bool
    stems: frozenset[str]
    p_values: tuple[PValue, ...]
    intervals: tuple[Interval, ...]


def restated_nonsignificant(rule: Rule, ctx: RuleContext, alpha: float) -> Iterator[Finding]:
    """Findings for conclusions that restate a non-significant result as an effect (see the module docstring)."""
    role_of = roles(ctx)
    results = [
        r for claim in ctx.claims if role_of.get(claim.span.start) == RESULTS for r in _results(ctx, claim, alpha)
    ]
    if not any(not r.significant for r in results):
        return
    for claim in ctx.claims:
        role = role_of.get(claim.span.start)
        if not (role == CONCLUSIONS or (role == DISCUSSION and _SUMMARY_OPENER.match(claim.text))):
            continue
        view = ctx.view(claim)
        if find_p_values(view) or find_intervals(view):
            continue  # a conclusion with its own statistic is the one-sentence case
        found = _restatement(view)
        if found is None:
            continue
        cue_start, end, outcome = found
        matched = [r for r in results if len(outcome & r.stems) >= _MIN_SHARED]
        if not matched or any(r.significant for r in matched):
            continue
        yield _finding(rule, ctx, claim, view, cue_start, end, matched, outcome, alpha)


def _results(ctx: RuleContext, claim: Claim, alpha: float) -> Iterator[_Result]:
    """The clauses of a Results sentence that state an effect with a statistic, significant or not."""
    view = ctx.view(claim)
    text = view.text
    cues = significance_cues(text)
    for start, end, local_p, local_ci in clause_statistics(view):
        here = [c for c in cues if start <= c.start < end]
        if any(c.kind == "no_difference" or (c.kind == "effect" and c.negated) for c in here):
            continue
        if not any(c.kind == "effect" and not c.negated for c in here):
            continue
        states = [_below(p, alpha) for p in local_p] + [interval_excludes_null(iv) for iv in local_ci]
        if all(s is True for s in states):
            significant = True
        elif all(s is False for s in states):
            if any(c.kind == "admission" and not c.negated for c in here):
                continue  # the Results already say it was not significant
            significant = False
        else:
            continue
        stems_here = _outcome_stems(text[start:end])
        yield _Result(claim, view, start, end, significant, stems_here, tuple(local_p), tuple(local_ci))


def _below(p: PValue, alpha: float) -> bool | None:
    """``is_significant``, except that a p reported as exactly alpha ("p = 0.05") is not below it."""
    state = is_significant(p, alpha)
    if state is None and p.comparator == "=" and abs(p.value - alpha) < 1e-9:
        return False
    return state


def _restatement(view: SentenceView) -> tuple[int, int, frozenset[str]] | None:
    """``(cue start, statement end, outcome stems)`` of the first unhedged effect a conclusion states, or None."""
    text = view.text
    cues = significance_cues(text)
    for start, end in clauses(text):
        effect = next((c for c in cues if start <= c.start < end and c.kind == "effect" and not c.negated), None)
        if effect is None:
            continue
        stop = _STATEMENT_END.search(text, effect.end, end)
        words = list(_WORD.finditer(text, effect.end, stop.start() if stop else end))
        if not words:
            continue
        statement_end = words[min(len(words), _MAX_WORDS) - 1].end()
        if any(
            c.kind in ("admission", "no_difference") and not c.negated and start <= c.start < statement_end
            for c in cues
        ):
            return None
        outcome = _outcome_stems(text[effect.start : statement_end])
        return (effect.start, statement_end, outcome) if outcome else None
    return None


def _outcome_stems(text: str) -> frozenset[str]:
    """Content stems of ``text`` with hyphenated words split, the change and test words left out.

    "dose" is a generic word for propositions (``proposition_stopwords``), but here it names the
    outcome of a dose-response result ("dose-dependent" meets "dose dependence"), so it is kept."""
    split = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    kept = {"dose"} if _DOSE.search(split) else set()
    return (stems(split) | kept) - _GENERIC


def _finding(
    rule: Rule,
    ctx: RuleContext,
    claim: Claim,
    view: SentenceView,
    cue_start: int,
    end: int,
    matched: list[_Result],
    outcome: frozenset[str],
    alpha: float,
) -> Finding:
    start, stop = view.original_range(cue_start, end)
    said = " ".join(view.quote(cue_start, end).split())
    reasons: list[str] = []
    evidence: list[Trigger] = [trigger(ctx, view, cue_start, end, "effect stated in the conclusions", kind="cue")]
    for r in matched:
        stats = [f"{_flat(r.view.quote(p.start, p.end))} is not below {fmt_p(alpha)}" for p in r.p_values]
        stats += [
            f"the interval {_flat(r.view.quote(iv.ci_start, iv.ci_end))} includes {'1' if iv.ratio else '0'}"
            for iv in r.intervals
        ]
        shared = ", ".join(sorted(outcome & r.stems))
        reasons.append(f"'{_short(r.view.quote(r.start, r.end))}' ({' and '.join(stats)})")
        evidence.append(
            trigger(
                ctx,
                r.view,
                r.start,
                r.end,
                f"result reported as not significant; shared stems: {shared}",
                kind="sentence",
            )
        )
        evidence += [trigger(ctx, r.view, p.start, p.end, "reported p-value") for p in r.p_values]
        evidence += [trigger(ctx, r.view, iv.ci_start, iv.ci_end, "confidence interval") for iv in r.intervals]
    return rule.finding(
        ctx,
        start=start,
        end=stop,
        message=f"The conclusion '{said}' states as an effect what the Results report as not significant: "
        + "; ".join(reasons)
        + ".",
        claim_id=claim.id,
        related_claim_ids=list(dict.fromkeys(r.claim.id for r in matched)),
        evidence=evidence,
        suggestion="conclude what the result supports: say the effect was not statistically significant "
        "(or give the estimate with its interval) instead of stating it as an effect",
        confidence=Confidence.MEDIUM,
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def _short(text: str, words: int = 18) -> str:
    parts = _flat(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
