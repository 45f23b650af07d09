"""Runs the selected rules over one document's context and applies suppressions.

Each rule is a pure function of the read-only ``RuleContext``; the engine
collects what they yield, drops what the manuscript suppresses, and returns the
findings in document order. A rule that raises is a bug in that rule: the
engine reports it as skipped input rather than losing the whole report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from references.models import SkippedInput
from verifier.deadline import Deadline
from verifier.models import Finding
from verifier.rules.base import Rule, RuleContext
from verifier.suppressions import parse_suppressions


@dataclass
class EngineResult:
    findings: list[Finding] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)


def run_rules(
    ctx: RuleContext, rules: list[Rule], *, warn_unused_ignores: bool = False, deadline: Deadline | None = None
) -> EngineResult:
    result = EngineResult()
    suppressions = parse_suppressions(ctx.document.text, ctx.document.claims)
    for line, why in suppressions.problems:
        result.skipped.append(SkippedInput(what="suppression comment", where=f"line {line}", why=why))
    for index, rule in enumerate(rules):
        if deadline is not None and deadline.expired():
            codes = " ".join(r.code for r in rules[index:])
            result.skipped.append(SkippedInput(what=f"rules {codes}", where=ctx.document.path, why=deadline.why()))
            break
        if rule.needs_references and not ctx.references:
            continue
        try:
            found = list(rule.check(ctx))
        except Exception as err:  # noqa: BLE001 - one broken rule must not lose the report
            result.skipped.append(
                SkippedInput(what=f"rule {rule.code}", where=ctx.document.path, why=f"internal error: {err!r}")
            )
            continue
        result.findings.extend(f for f in found if not suppressions.silences(f.code, f.span.start))
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
