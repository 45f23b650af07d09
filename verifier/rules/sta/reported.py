"""What the statistics rules share: the units they read, clauses, the
document's declared alpha, and evidence triggers for reported numbers.

The statistics rules read reported numbers wherever statcheck would find
them, not only in prose claims: ``statistic_units`` adds headings and
metadata units (one-line inputs, lines without a final stop, table rows,
captions, footnotes, number-dense sentences that ``claims.boilerplate`` calls
"mostly symbols"). The prose-only rules (SUP, OVR, CON) keep reading claims.
Rules compute everything from a unit's text, normalized the way the pipeline
normalizes it (hard wraps joined, hyphenation repaired), through the
context's shared ``SentenceView`` (``RuleContext.view``) whose
``original_range`` gives document offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from claims.features.cues import Match, scan
from claims.models import Claim, Sentence, UnitKind
from claims.spans import SentenceView
from claims.statistics import Interval, PValue, find_intervals, find_p_values
from verifier.models import Trigger
from verifier.rules.base import RuleContext
from verifier.stats import ALPHA

__all__ = [
    "attached",
    "claim_views",
    "clause_statistics",
    "clauses",
    "declared_alpha",
    "fmt_p",
    "significance_cues",
    "statistic_units",
    "trigger",
]

# Lexicon -> cue kind for the wording rules; longest match wins, negations scope to the clause end.
_WORDING = {
    "negations": "negation",
    "stats_significance": "significant",
    "stats_no_difference": "no_difference",
    "stats_uncertainty_admissions": "admission",
    "stats_effect_cues": "effect",
}

# Contrastive joints split a sentence into clauses that may report different results.
_JOINT_RE = re.compile(r";|,?\s(?:but|whereas|while|whilst|although|though|however|yet|in contrast)\b", re.IGNORECASE)
_BRACKET_RE = re.compile(r"[()\[\]]")
# "α = .10", "alpha level of 0.01", "p < 0.10 was considered significant", "significance was set at p < .01".
_ALPHA_RE = re.compile(
    r"(?:\bα|\balpha(?:\s+level)?|significance\s+(?:level|threshold))\s?(?:=|of|was set at|was|at)\s?(?:p\s?[<=≤]\s?)?"
    r"(?P<a>0?\.\d+)"
    r"|\b[pP]\s?(?:<|≤|<=)\s?(?P<b>0?\.\d+)\s+(?:was|were)\s+(?:considered|deemed|regarded as|taken as)"
    r"(?:\s+(?:statistically|to be|to indicate|as))*\s+significan",
    re.IGNORECASE,
)


def claim_views(ctx: RuleContext) -> Iterator[tuple[Claim, SentenceView]]:
    """Every claim with a normalized view of its own text whose offsets map into the document."""
    for claim in ctx.claims:
        yield claim, ctx.view(claim)


# Units besides claims that may report statistics. Reference-list lines (page numbers, years, volumes) and
# boilerplate (navigation, teasers of other pages) are not the document's results.
_NON_PROSE_KINDS = frozenset({UnitKind.HEADING, UnitKind.METADATA})
# Every test result and p-value the rules pair has a comparator: a cheap screen before a unit is normalized.
_COMPARATOR_RE = re.compile(r"[=<>≤≥⩽⩾]")


def statistic_units(ctx: RuleContext) -> list[tuple[str | None, SentenceView]]:
    """``(claim id or None, view)`` of every unit the statistics rules read, in document order.

    Every claim, plus every heading or metadata unit holding a comparator
    (``=``, ``<``, ``≤`` ...), whose findings carry no claim id. Built once
    per context and shared by the three rules.
    """
    return ctx.memo("sta.statistic_units", lambda: _statistic_units(ctx))


def _statistic_units(ctx: RuleContext) -> list[tuple[str | None, SentenceView]]:
    units: list[tuple[int, str | None, Claim | Sentence]] = [(c.span.start, c.id, c) for c in ctx.claims]
    units.extend(
        (s.span.start, None, s)
        for s in ctx.document.sentences
        if s.kind in _NON_PROSE_KINDS and _COMPARATOR_RE.search(s.text)
    )
    units.sort(key=lambda u: u[0])
    # ``RuleContext.view`` reads only a unit's ``text`` and ``span``, which a Sentence has as a Claim does
    # (its hint says Claim; widening it is left to the merge, as ``claim_view`` moved on main).
    return [(claim_id, ctx.view(unit)) for _, claim_id, unit in units]  # type: ignore[arg-type]


def clauses(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each clause: split at ``;`` and contrastive conjunctions outside brackets."""
    out: list[tuple[int, int]] = []
    start = 0
    brackets = _BRACKET_RE.finditer(text)
    bracket = next(brackets, None)
    depth = 0
    for m in _JOINT_RE.finditer(text):
        while bracket is not None and bracket.start() < m.start():  # the depth just before the joint
            if bracket.group() in "([":
                depth += 1
            elif depth:
                depth -= 1
            bracket = next(brackets, None)
        if depth == 0 and m.start() > start:
            out.append((start, m.start()))
            start = m.start()
    out.append((start, len(text)))
    return out


def attached(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, between a cue and a reported number, stays within one statement.

    Commas outside brackets start a new statement ("where no effect was seen,
    migration was greater (P = 0.01)") unless what follows them is itself a
    reported value ("was significant, t(23) = 1.10, p = .28").
    """
    depth = 0
    parts: list[str] = []
    last = start
    for i in range(start, end):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:end])
    return all(any(c in part for c in "=<>≤≥") for part in parts[1:] if part.strip())


def clause_statistics(view: SentenceView) -> Iterator[tuple[int, int, list[PValue], list[Interval]]]:
    """``(start, end, p-values, intervals)`` of each clause of ``view.text`` (``clauses``) that reports a
    statistic, local offsets."""
    ps = find_p_values(view)
    intervals = find_intervals(view)
    if not ps and not intervals:
        return
    for start, end in clauses(view.text):
        local_p = [p for p in ps if start <= p.start < end]
        local_ci = [iv for iv in intervals if start <= iv.start < end]
        if local_p or local_ci:
            yield start, end, local_p, local_ci


def significance_cues(text: str) -> list[Match]:
    """Wording cues in ``text``: significant, no_difference, admission, effect (and negation), with negation scope."""
    return scan(text, _WORDING)


@lru_cache(maxsize=8)
def declared_alpha(text: str) -> float:
    """The significance level the document declares (first mention), or .05 when it declares none.

    Memoized: three rules ask for it, and each search reads the whole document."""
    m = _ALPHA_RE.search(text)
    if m is None:
        return ALPHA
    value = float(m.group("a") or m.group("b"))
    return value if 0 < value < 0.5 else ALPHA


def fmt_p(p: float) -> str:
    """A p-value as a reader would write it: ``.048``, ``< .001``."""
    if p < 0.001:
        return "< .001"
    return f"{p:.3f}".rstrip("0").lstrip("0") or "0"


def trigger(
    ctx: RuleContext, view: SentenceView, i: int, j: int, detail: str | None = None, *, kind: str = "statistic"
) -> Trigger:
    """A trigger quoting the local range ``[i, j)`` of a claim's view."""
    return Trigger(kind=kind, text=view.quote(i, j), span=ctx.span(*view.original_range(i, j)), detail=detail)
