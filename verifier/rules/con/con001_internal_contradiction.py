"""CON001 internal-contradiction."""

from __future__ import annotations

from collections.abc import Iterator

from claims.propositions import PropositionIndex, conflict
from references.plain_words import direction_words
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._parts import parts
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.con import claim_propositions, document_abbreviations


class InternalContradiction(Rule):
    """Two claims in the document give opposite directions for the same subject and outcome.

    ## What it flags
    A claim whose subject and outcome match an earlier claim of the same
    document while the direction is opposed: one says the outcome rises and
    the other that it falls, or one reports an effect and the other no change.
    Subjects are matched through the document's own abbreviations
    ("electroconvulsive therapy (ECT)", "ECT"), outcomes by shared content
    words. The finding sits on the later sentence and names the earlier one.

    ## Why it matters
    A reader cannot tell which of two opposed statements the authors stand
    behind; often one of them misreports its source or the two concern
    different measures that the text does not tell apart.

    ## Example
    ```
    Neuroimaging studies of ECT show no change in frontal metabolism [1]. Bilateral ECT reduced frontal metabolism in depressed patients [2].
    ```
    Use instead:
    ```
    Early neuroimaging studies of ECT found no change in frontal metabolism [1], whereas a later PET study found that bilateral ECT reduced it [2].
    ```

    ## Known problems
    Subjects are read from the words before the direction verb (or after
    "by / after" in the passive) and matched exactly, so "ECT" and "bilateral
    ECT" meet but "ketamine" and "ketamine infusion" do not. Hedged claims
    and claims about different populations (human against animal) are not
    compared. A sentence that explains an apparent contradiction ("unlike
    earlier reports ...") is still flagged. A claim is compared with at most
    the first eight earlier propositions per subject and outcome word, so a
    document that repeats one finding dozens of times is not checked against
    every repetition.

    Two sentences that both report the authors' experiments (Methods,
    Results, figure and table captions, published peer review) are not compared: they describe
    different conditions, strains or time points ("RHAMM depletion increased
    AURKA activity" in one assay, a decrease in another), which the
    propositions cannot tell apart. A Results sentence is still compared
    with the abstract, the introduction and the discussion.
    A proposition is read only where the subject is plain: not from a
    clause-long left side (an abbreviation in a relative clause is not the
    subject), not when the subject is a pronoun, or the absence or fall of
    something ("X depletion", "low X", "reduced X": its effect reads
    reversed), not from a direction word used attributively ("and decreased
    radial organization", "an elevated frequency of"), an intransitive verb
    ("increased rapidly") or a comparison ("lower than expected by chance").
    Contradictions stated in those forms are missed.

    ## Options
    None.

    ## References
    Schwartz & Hearst (2003), abbreviation definitions in biomedical text, PSB 2003.
    """

    code = "CON001"
    name = "internal-contradiction"
    default_severity = Severity.WARNING
    scope = Scope.DOCUMENT

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        abbreviations = document_abbreviations(ctx)
        index = PropositionIndex()
        by_id = {c.id: c for c in ctx.claims}
        reported: set[tuple[str, str]] = set()
        structure = parts(ctx)
        experiment = {c.id for c in ctx.claims if structure.describes_procedure(c.span.start)}
        for claim in ctx.claims:
            props = claim_propositions(ctx, claim, abbreviations)
            for prop in props:
                for other in index.matches(prop):
                    why = conflict(prop, other)
                    pair = (other.claim_id, claim.id)
                    if why is None or pair in reported or (claim.id in experiment and other.claim_id in experiment):
                        continue
                    reported.add(pair)
                    earlier = by_id[other.claim_id]
                    yield self.finding(
                        ctx,
                        start=claim.span.start,
                        end=claim.span.end,
                        message=f"This claim and an earlier one disagree about '{prop.outcome_text}' for "
                        f"'{prop.subject_text}' ({why}: {direction_words(prop.direction)} here, {direction_words(other.direction)} "
                        f"there).",
                        claim_id=claim.id,
                        related_claim_ids=[earlier.id],
                        evidence=[
                            Trigger(
                                kind="sentence",
                                text=earlier.text,
                                span=earlier.span,
                                detail=f"{direction_words(other.direction)}: {other.outcome_text}",
                            )
                        ],
                        suggestion="reconcile the two statements, or say what differs between the findings "
                        "(measure, population, timing)",
                        confidence=Confidence.MEDIUM,
                    )
            for prop in props:
                index.add(prop)
