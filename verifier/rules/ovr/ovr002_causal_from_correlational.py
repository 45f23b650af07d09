"""OVR002 causal-from-correlational."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.models import Causality, Certainty
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
    case-control or cross-sectional study.

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
    Uncontrolled single-arm studies are left to OVR001.

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
            if not refs or not all(r.evidence.design in OBSERVATIONAL for r in refs):
                continue
            cue = _causal_cue(claim, ctx.document.text)
            if cue is None:
                continue
            start, end, word = cue.span.start, cue.span.end, cue.text
            yield self.finding(
                ctx,
                start=start,
                end=end,
                message=f"Causal wording '{word}' rests only on observational studies ({describe_levels(refs)}).",
                claim_id=claim.id,
                reference_keys=[r.key for r in refs],
                evidence=[
                    Trigger(kind="cue", text=cue.text, span=cue.span, detail="direct causal"),
                    *(reference_trigger(r) for r in refs),
                ],
                suggestion=f"replace '{word}' with correlational wording such as 'is associated with'",
                confidence=Confidence.MEDIUM,
            )
