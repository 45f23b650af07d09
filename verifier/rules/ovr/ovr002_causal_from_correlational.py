"""OVR002 causal-from-correlational."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.features.continuation import PARAGRAPH_BREAK
from claims.models import Causality, Certainty, Claim
from claims.propositions import stems
from references.models import StudyDesign
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._evidence import describe_levels, reference_trigger
from verifier.rules._parts import parts
from verifier.rules.base import Rule, RuleContext, Scope

OBSERVATIONAL = {StudyDesign.COHORT, StudyDesign.CASE_CONTROL, StudyDesign.CROSS_SECTIONAL}

# "affects one in six adults", "impacts millions of people": a prevalence, not a causal claim.
# Possessive white space: "\s+...?\s*" was quadratic on a long run of spaces after "affects".
PREVALENCE = re.compile(
    r"\s++(?:(?:roughly|about|approximately|nearly|almost|over|more\s+than|up\s+to|an\s+estimated|some|around)\s*+)?"
    r"(?:\d|one\b|two\b|three\b|four\b|five\b|ten\b|a\s+(?:third|quarter|fifth)|half|millions?|thousands?|"
    r"hundreds?|many|most|few)",
    re.IGNORECASE,
)


# "a significant decrease of CD4 cells", "an increase in uptake": a change measured, no cause named.
_MEASURED_CHANGE_BEFORE = re.compile(r"(?<![\w-])(?:a|an|the)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_MEASURED_CHANGE_AFTER = re.compile(r"\s+(?:of|in)(?![\w-])", re.IGNORECASE)
# "mediated" states a cause with its agent ("mediated by IL-6") or its object ("mediated the effect");
# "cell-mediated rejection", "were antibody mediated (AMR)" name a kind of process.
_MEDIATED_CAUSAL = re.compile(r"\s+(?:by|the|a|an|this|these|its|their)(?![\w-])", re.IGNORECASE)


def _causal_cue(claim, text: str):
    """The first causal cue that states a cause: not a prevalence verb ('affects one in six adults'),
    not a change noun with no cause ('a significant decrease of B cells'), not a kind of process
    ('cell mediated')."""
    for cue in claim.features.cues:
        if cue.kind != "causal":
            continue
        word = cue.text.lower()
        if PREVALENCE.match(text, cue.span.end) and word.startswith(("affect", "impact", "afflict")):
            continue
        if _MEASURED_CHANGE_BEFORE.search(
            text, max(0, cue.span.start - 40), cue.span.start
        ) and _MEASURED_CHANGE_AFTER.match(text, cue.span.end):
            continue
        if word == "mediated" and not _MEDIATED_CAUSAL.match(text, cue.span.end):
            continue
        return cue
    return None


class CausalFromCorrelational(Rule):
    """Direct causal wording resting only on observational (correlational) studies.

    ## What it flags
    A claim in direct causal language ("causes", "produces", "reverses",
    "leads to", "increases the risk") whose every cited work is a cohort,
    case-control or cross-sectional study — or whose own paragraph reports
    the same subject and outcome, leaning on the same citation, as a
    correlation ("Studies have found symptoms of depression to be correlated
    with irregularities in neural networks … Dysfunction in these networks
    produces the symptoms of depression (3,4,5)"): the text itself says what
    the cited work showed.

    ## Why it matters
    Observational designs show association, not causation: confounding and
    reverse causation remain open. Turning "associated with" into "causes" is
    the most common exaggeration in health research reporting.

    ## Example
    ```
    Social media use causes depression in adolescents [1].

    References
    1. Twenge JM, Martin GN. Gender differences in associations between digital media use and psychological well-being: evidence from three large cross-sectional datasets. J Adolesc. 2020;79:91-102.
    ```
    Use instead:
    ```
    Social media use is associated with depression in adolescents [1].

    References
    1. Twenge JM, Martin GN. Gender differences in associations between digital media use and psychological well-being: evidence from three large cross-sectional datasets. J Adolesc. 2020;79:91-102.
    ```

    ## Known problems
    Causal strength is read from cue words (Yu et al. 2019 scheme), so
    mechanistic verbs used loosely may count as causal. A cited systematic
    review of observational studies is treated as a review, not as
    observational, and the rule stays silent when any cited design is unknown.
    Prevalence wording ("affects one in six adults"), a change noun with no
    cause ("a significant decrease of B cells in ...") and "mediated" naming a
    kind of process ("cell mediated rejection") are not taken as causal.
    Hedged claims ("possible links", "whether") are skipped, as are Methods,
    Results, captions and peer-review letters, where causal verbs describe the
    authors' procedure ("which leads to over-sampling of cases").
    Uncontrolled single-arm studies are left to OVR001. The paragraph reading
    needs the correlational sentence to lean on the causal sentence's citation
    (the paragraph closes with it), within three sentences, sharing two
    content stems; a correlation reported with a citation of its own is
    another work's.

    ## Options
    None.

    ## References
    Yu B, Li Y, Wang J (2019), "Detecting causal language use in science findings", EMNLP-IJCNLP;
    Sumner et al. (2014), BMJ 349:g7015.
    """

    code = "OVR002"
    name = "causal-from-correlational"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    needs_references = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        structure = parts(ctx)
        for claim in ctx.claims:
            if claim.features.causality is not Causality.DIRECT_CAUSAL or not claim.checkworthy:
                continue
            if claim.features.certainty is Certainty.HEDGED:
                continue  # "Because of its possible links ..., it would be important to determine whether ..."
            if structure.describes_procedure(claim.span.start):
                continue  # Methods and Results describe the authors' procedure ("which leads to over-sampling")
            refs = ctx.cited_references(claim)
            if not refs:
                continue
            observational = all(r.evidence.design in OBSERVATIONAL for r in refs)
            reported = None if observational else _reported_as_correlation(ctx, claim)
            if not observational and reported is None:
                continue
            cue = _causal_cue(claim, ctx.document.text)
            if cue is None:
                continue
            start, end, word = cue.span.start, cue.span.end, cue.text
            if reported is not None:
                line = ctx.lines.position(reported.span.start)[0]
                message = (
                    f"Causal wording '{word}' restates as a cause what its own paragraph reports as a "
                    f"correlation (line {line}: '{_shorten(reported.text)}'), citing the same works "
                    f"({describe_levels(refs)})."
                )
            else:
                message = f"Causal wording '{word}' rests only on observational studies ({describe_levels(refs)})."
            yield self.finding(
                ctx,
                start=start,
                end=end,
                message=message,
                claim_id=claim.id,
                reference_keys=[r.key for r in refs],
                evidence=[
                    Trigger(kind="cue", text=cue.text, span=cue.span, detail="direct causal"),
                    *(
                        [
                            Trigger(
                                kind="sentence",
                                text=reported.text,
                                span=reported.span,
                                detail="reported as correlation",
                            )
                        ]
                        if reported is not None
                        else []
                    ),
                    *(reference_trigger(r) for r in refs),
                ],
                suggestion=f"replace '{word}' with correlational wording such as 'is associated with'",
                confidence=Confidence.MEDIUM,
            )


_LOOK_BACK = 3  # sentences of the same paragraph, as for continuations


def _reported_as_correlation(ctx: RuleContext, claim: Claim) -> Claim | None:
    """An earlier sentence of the claim's paragraph that reports the same subject and outcome as a
    correlation and leans on the same citation ("Studies have found symptoms of depression to be
    correlated with irregularities in neural networks …" before "Dysfunction in these networks
    produces the symptoms of depression (3,4,5)"): the paragraph itself says what the cited work
    showed, and the causal sentence goes beyond it."""
    claims = ctx.claims
    i = next((k for k, c in enumerate(claims) if c.id == claim.id), None)
    if i is None:
        return None
    own = stems(claim.text)
    text = ctx.document.text
    for j in range(i - 1, max(-1, i - 1 - _LOOK_BACK), -1):
        before = claims[j]
        if PARAGRAPH_BREAK.search(text, before.span.end, claims[j + 1].span.start):
            return None
        if before.markers and before.continues is None:
            return None  # a sentence with citations of its own speaks for other works
        if (
            before.features.causality is Causality.CORRELATIONAL
            and before.continues == claim.id
            and _ASSOCIATION.search(before.text)
            and len(own & stems(before.text)) >= _SHARED_TERMS
        ):
            return before
    return None


# The paragraph must say "correlation" in so many words; the correlational class of the causality
# scheme also holds conditionals and comparisons ("So if a site … occurred", "did not show").
_ASSOCIATION = re.compile(r"\b(?:correlat\w*|associat\w*|linked\s+(?:to|with)|relationship\s+between)", re.IGNORECASE)
_SHARED_TERMS = 2  # content stems shared by the two sentences: the same subject and outcome


def _shorten(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
