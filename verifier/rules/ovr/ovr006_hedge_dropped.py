"""OVR006 hedge-dropped."""

from __future__ import annotations

from collections.abc import Iterator

from claims.models import Certainty
from verifier.models import Confidence, Finding, Severity
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.con import aligned_disagreements, document_abbreviations, source_trigger, source_verdicts

SAME_FINDING = 0.6  # the hedged source sentence must share this much of the claim to speak of the same finding


class HedgeDropped(Rule):
    """The claim is more certain than the cited source's own conclusion.

    ## What it flags
    A cited claim stated as fact while the closest sentence of the cited
    work's abstract or text hedges the same finding ("may", "suggests",
    "preliminary", "appears to").

    ## Why it matters
    Dropping the source's hedge turns a tentative result into an established
    one; overstatement of this kind in abstracts and press releases is common
    and travels into the news (Sumner et al. 2014).

    ## Example
    ```
    Vitamin D reduces the severity of COVID-19 [1].

    Source [1]: Vitamin D may reduce the severity of COVID-19.
    ```
    Use instead:
    ```
    Vitamin D may reduce the severity of COVID-19 [1].
    ```

    ## Known problems
    Only the source sentence that shares most words with the claim is read:
    a source that hedges in its discussion but states the result plainly in
    its results section may be matched to the hedged sentence.

    ## Options
    None.

    ## References
    Sumner et al. (2014), BMJ 349:g7015; Sarol et al. (2024), Bioinformatics 40(7) ("oversimplify").
    """

    code = "OVR006"
    name = "hedge-dropped"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    needs_references = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        abbreviations = document_abbreviations(ctx)
        for claim in ctx.claims:
            if claim.features.certainty is Certainty.HEDGED:
                continue
            for key, verdict in source_verdicts(ctx, claim, abbreviations):
                read = aligned_disagreements(verdict)
                if read is None or read[0].score < SAME_FINDING:
                    continue
                match, found = read
                for d in found:
                    if d.kind != "hedge":
                        continue
                    yield self.finding(
                        ctx,
                        start=claim.span.start,
                        end=claim.span.end,
                        message=f"Stated more firmly than the cited source [{key}]: {d.detail}.",
                        claim_id=claim.id,
                        reference_keys=[key],
                        evidence=[source_trigger(key, match, d.detail)],
                        suggestion="keep the source's hedge ('may', 'suggests')",
                        confidence=Confidence.MEDIUM,
                    )
                    break
