"""CON002 contradicts-source."""

from __future__ import annotations

from collections.abc import Iterator

from verifier.models import Confidence, Finding, Severity
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.con import document_abbreviations, source_disagreements, source_trigger


class ContradictsSource(Rule):
    """A claim's direction or finding opposes the cited source's own text.

    ## What it flags
    A cited claim whose direction (increase, decrease, no change, with
    negation handled) is opposed to the closest sentence of a cited work whose
    abstract or text is known (BibTeX/CSL abstract, metadata record, or a
    `--sources` folder): the claim says a treatment reduced an outcome, the
    source says it did not change.

    ## Why it matters
    Citing a work for the opposite of what it found is the most damaging
    citation error: readers trust the citation and never open the source.

    ## Example
    ```
    Ketamine reduced suicidal ideation within one day [1].

    Source [1]: Ketamine did not reduce suicidal ideation compared with midazolam.
    ```
    Use instead:
    ```
    In one trial, ketamine did not reduce suicidal ideation more than midazolam [1].
    ```

    ## Known problems
    Only the source sentence that shares most words with the claim is read;
    a source that reports both a null primary outcome and a positive secondary
    one may be matched to the wrong sentence. Without a subject and outcome
    match the finding has low confidence.

    ## Options
    None.

    ## References
    Sarol et al. (2024), "Assessing citation integrity in biomedical publications", Bioinformatics 40(7).
    """

    code = "CON002"
    name = "contradicts-source"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    needs_references = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        abbreviations = document_abbreviations(ctx)
        for claim in ctx.claims:
            for key, match, found in source_disagreements(ctx, claim, abbreviations):
                for d in found:
                    if d.kind != "direction":
                        continue
                    yield self.finding(
                        ctx,
                        start=claim.span.start,
                        end=claim.span.end,
                        message=f"The claim opposes its cited source [{key}]: {d.detail}.",
                        claim_id=claim.id,
                        reference_keys=[key],
                        evidence=[source_trigger(key, match, d.detail)],
                        suggestion="restate the claim as the source reports it, or cite a source for it",
                        confidence=Confidence.MEDIUM if d.strong else Confidence.LOW,
                    )
