"""Cross-document mode: ``verifier check A.txt --against B.txt``.

Every check-worthy claim of A is read as if it cited B: B's claims (or its
whole text when it has none, such as a bare abstract) become the source text,
and the source rules run unchanged: CON002 (a direction opposed to B), OVR006
(B hedges what A states as fact) and CON003 (a number that differs from B's).
Each finding quotes the sentence of B it relied on, with B's path as the
reference key. Reusing the rules keeps one definition of disagreement.
"""

from __future__ import annotations

from pathlib import Path

from claims.models import Document
from references.models import Link, LinkStatus, Reference
from verifier.engine import run_rules
from verifier.models import Finding
from verifier.rules.base import Rule, RuleContext
from verifier.rules.con.con002_contradicts_source import ContradictsSource
from verifier.rules.con.con003_number_mismatch import NumberMismatch
from verifier.rules.ovr.ovr006_hedge_dropped import HedgeDropped

__all__ = ["AGAINST_RULES", "against_context", "compare_documents"]

AGAINST_RULES: tuple[type[Rule], ...] = (ContradictsSource, HedgeDropped, NumberMismatch)


def compare_documents(a_ctx: RuleContext, b_doc: Document, rules: tuple[Rule, ...] | None = None) -> list[Finding]:
    """Findings on A's claims where they disagree with document B, sorted by position, run through
    the engine (A's suppression comments apply; a rule that raises is dropped, not fatal).

    ``b_doc`` may be analysed (its claims are used as its statements) or only
    loaded (its text is used). ``rules`` defaults to one instance of each of
    ``AGAINST_RULES``; pass configured instances to honour severities.
    """
    active = rules if rules is not None else tuple(rule() for rule in AGAINST_RULES)
    return run_rules(against_context(a_ctx, b_doc), active).findings


def against_context(a_ctx: RuleContext, b_doc: Document) -> RuleContext:
    """A's claims as if every check-worthy one cited B: B is the one reference, its claims (or its
    text) the source, keyed by B's file name."""
    key = Path(b_doc.path).name or "against"
    statements = [c.text for c in b_doc.claims if c.checkworthy]
    source = "\n".join(" ".join(s.split()) for s in statements) if statements else b_doc.text
    reference = Reference(key=key, raw=b_doc.path, title=Path(b_doc.path).name, source_path=b_doc.path)
    links = [
        Link(
            claim_id=c.id,
            marker_text="--against",
            marker_span=c.span,
            cited=key,
            reference_key=key,
            status=LinkStatus.LINKED,
            note=f"compared with {b_doc.path}",
        )
        for c in a_ctx.claims
        if c.checkworthy
    ]
    return RuleContext.build(
        a_ctx.document,
        [reference],
        links,
        has_reference_list=True,
        sources={key: source},
        extra_cues=a_ctx.extra_cues,
        judge=a_ctx.judge,
        judge_model=a_ctx.judge_model,
    )
