"""CON002 contradicts-source."""

from __future__ import annotations

from collections.abc import Iterator

from verifier.judges import Label
from verifier.models import Confidence, Finding, Severity
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.con import MIN_MATCH, document_abbreviations, source_trigger, source_verdicts

HIGH_CONFIDENCE = 0.9  # calibrated probability of "contradicts" above which the finding has high confidence


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

    The decision is the claim-vs-source judge's (`judge` in the configuration,
    `builtin` by default; see `verifier.judges`): the cited text's sentences
    most aligned with the claim are read for opposed propositions, negation,
    antonyms, numbers, hedging and population, and the finding is made only
    when the judge says "contradicts" with a probability above the threshold
    chosen on the Citation-Integrity dev split, on a passage sharing enough of
    the claim's words. The message gives the judge's reasons and probability.

    ## Known problems
    Only the three source sentences most aligned with the claim are read; a
    source that reports both a null primary outcome and a positive secondary
    one may be matched to the wrong sentence. The built-in judge is trained
    on biomedical citing sentences (Citation-Integrity) and is far from
    perfect on unseen text: most inaccurate citations are not found.

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
            for key, verdict in source_verdicts(ctx, claim, abbreviations):
                passage = verdict.passage
                if verdict.label is not Label.CONTRADICTS or passage is None or passage.score < MIN_MATCH:
                    continue
                why = "; ".join(verdict.reasons)
                yield self.finding(
                    ctx,
                    start=claim.span.start,
                    end=claim.span.end,
                    message=f"The claim opposes its cited source [{key}]: {why}.",
                    claim_id=claim.id,
                    reference_keys=[key],
                    evidence=[source_trigger(key, passage, why)],
                    suggestion="restate the claim as the source reports it, or cite a source for it",
                    confidence=Confidence.HIGH if verdict.score >= HIGH_CONFIDENCE else Confidence.MEDIUM,
                )
