"""CON003 number-mismatch."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from claims.models import Claim, Quantity
from claims.propositions import Proposition, outcome_overlap
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.con import (
    aligned_disagreements,
    claim_propositions,
    document_abbreviations,
    source_trigger,
    source_verdicts,
)
from verifier.source_match import COMPARABLE


class NumberMismatch(Rule):
    """A number in a claim differs from the same quantity in the cited source or elsewhere in the document.

    ## What it flags
    A percentage, sample size, dose or effect size in a cited claim that the
    closest sentence of the cited source reports with a different value; or
    two claims citing the same work, about the same subject and outcome, that
    give the same kind of quantity different values.

    ## Why it matters
    Miscopied numbers (a response rate of 45% reported as 54%, 28 patients as
    128) are the commonest misquotation, and numbers are what readers reuse.

    ## Example
    ```
    rTMS produced remission in 45% of patients [1].

    Source [1]: Remission was achieved by 32% of patients receiving rTMS.
    ```
    Use instead:
    ```
    rTMS produced remission in 32% of patients [1].
    ```

    ## Known problems
    Only quantities of the same kind and unit are compared, and only against
    the source sentence that shares most words with the claim; a source giving
    several rates (per arm, per time point) can be matched to the wrong one.
    Within the document, a value is compared with the first 32 values kept
    for the same cited work and subject; later ones are not kept.

    ## Options
    None.

    ## References
    Sarol et al. (2024), "Assessing citation integrity in biomedical publications", Bioinformatics 40(7).
    """

    code = "CON003"
    name = "number-mismatch"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    needs_references = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        abbreviations = document_abbreviations(ctx)
        seen: dict[tuple[str, str], list[tuple[Proposition, Claim, Quantity]]] = {}
        for claim in ctx.claims:
            for key, verdict in source_verdicts(ctx, claim, abbreviations):
                read = aligned_disagreements(verdict)
                if read is None:
                    continue
                match, found = read
                for d in found:
                    if d.kind == "number":
                        yield self.finding(
                            ctx,
                            start=claim.span.start,
                            end=claim.span.end,
                            message=f"A number differs from the cited source [{key}]: {d.detail}.",
                            claim_id=claim.id,
                            reference_keys=[key],
                            evidence=[source_trigger(key, match, d.detail)],
                            suggestion="check the number against the source",
                            confidence=Confidence.MEDIUM,
                        )
            yield from self._within_document(ctx, claim, abbreviations, seen)

    def _within_document(self, ctx, claim, abbreviations, seen) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        """Two claims citing the same work about the same subject and outcome, with different values."""
        keys = [r.key for r in ctx.cited_references(claim, include_continuation=False)]
        if not keys:
            return
        for prop in claim_propositions(ctx, claim, abbreviations):
            own = _single_quantities(prop.quantities)
            for key in keys:
                bucket = seen.setdefault((key, prop.subject), [])
                for other, other_claim, q_other in bucket:
                    if other_claim.id == claim.id or outcome_overlap(prop.outcome, other.outcome) < 0.5:
                        continue
                    q = own.get((q_other.kind, (q_other.unit or "").lower()))
                    if q is None or q.value is None or q_other.value is None:
                        continue
                    if math.isclose(q.value, q_other.value, rel_tol=0.02, abs_tol=0.051):
                        continue
                    yield self.finding(
                        ctx,
                        start=q.span.start,
                        end=q.span.end,
                        message=f"'{q.text}' differs from '{q_other.text}' given for the same finding of "
                        f"[{key}] earlier in the document.",
                        claim_id=claim.id,
                        related_claim_ids=[other_claim.id],
                        reference_keys=[key],
                        evidence=[Trigger(kind="sentence", text=other_claim.text, span=other_claim.span)],
                        suggestion="use one value for the same result throughout",
                        confidence=Confidence.MEDIUM,
                    )
                    return
                room = _MAX_BUCKET - len(bucket)
                if room > 0:
                    bucket.extend(itertools.islice(((prop, claim, q) for q in own.values()), room))


# Earlier values kept per (cited work, subject): later claims are compared with the first ones
# only, so a document citing one work for one subject hundreds of times still costs linear time.
_MAX_BUCKET = 32


def _single_quantities(quantities: tuple[Quantity, ...]) -> dict[tuple[str, str], Quantity]:
    """Comparable quantities by (kind, unit), leaving out any kind the claim gives more than once."""
    out: dict[tuple[str, str], Quantity] = {}
    twice: set[tuple[str, str]] = set()
    for q in quantities:
        if q.kind not in COMPARABLE:
            continue
        k = (q.kind, (q.unit or "").lower())
        if k in out:
            twice.add(k)
        out[k] = q
    return {k: q for k, q in out.items() if k not in twice}
