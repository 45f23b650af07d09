"""Runs the selected rules over one document's context and applies suppressions.

Each rule is a pure function of the read-only ``RuleContext``; the engine
collects what they yield, drops what the manuscript suppresses, and returns the
findings in document order. A rule that raises is a bug in that rule: the
engine reports it as skipped input rather than losing the whole report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from references.models import SkippedInput
from verifier.deadline import Deadline
from verifier.models import Finding
from verifier.rules.base import Rule, RuleContext
from verifier.suppressions import Suppressions, parse_suppressions


@dataclass
class EngineResult:
    findings: list[Finding] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    ran: list[Rule] = field(default_factory=list)  # the rules that ran to the end on the manuscript


def run_rules(
    ctx: RuleContext,
    rules: Sequence[Rule],
    *,
    warn_unused_ignores: bool = False,
    also: Sequence[tuple[RuleContext, Sequence[Rule]]] = (),
    deadline: Deadline | None = None,
) -> EngineResult:
    """The findings of ``rules`` on ``ctx``, and of each ``also`` pair: further contexts over the same
    manuscript (``--against``: its claims read as citing another document). The manuscript's
    suppression comments apply to all of them, a rule that raises is reported as skipped, and
    so are the rules left when the document's ``deadline`` has passed."""
    result = EngineResult()
    suppressions = parse_suppressions(ctx.document.text, ctx.document.claims)
    for line, why in suppressions.problems:
        result.skipped.append(SkippedInput(what="suppression comment", where=f"line {line}", why=why))
    result.ran = _run(ctx, rules, suppressions, result, deadline)
    for context, active in also:
        _run(context, active, suppressions, result, deadline)
    if warn_unused_ignores:
        for s in suppressions.active:
            if not s.used:
                result.skipped.append(
                    SkippedInput(
                        what="suppression comment",
                        where=f"line {s.line}",
                        why=f"unused: silenced nothing ({' '.join(s.codes) or 'all rules'})",
                    )
                )
    result.findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    return result


def _run(
    ctx: RuleContext,
    rules: Sequence[Rule],
    suppressions: Suppressions,
    result: EngineResult,
    deadline: Deadline | None = None,
) -> list[Rule]:
    """Run ``rules`` on ``ctx`` into ``result``; returns those that ran to the end."""
    ran: list[Rule] = []
    for index, rule in enumerate(rules):
        if deadline is not None and deadline.expired():
            codes = " ".join(r.code for r in rules[index:])
            result.skipped.append(SkippedInput(what=f"rules {codes}", where=ctx.document.path, why=deadline.why()))
            break
        if rule.needs_references and not (ctx.references or ctx.described_unlisted):
            continue
        try:
            found = list(rule.check(ctx))
        except Exception as err:  # noqa: BLE001 - one broken rule must not lose the report
            result.skipped.append(
                SkippedInput(what=f"rule {rule.code}", where=ctx.document.path, why=f"internal error: {err!r}")
            )
            continue
        result.findings.extend(f for f in found if not suppressions.silences(f.code, f.span.start))
        ran.append(rule)
    return ran
