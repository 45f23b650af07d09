"""SUP002 weak-source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.models import Certainty
from references.models import EvidenceLevel
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._evidence import describe_levels, is_known, reference_trigger
from verifier.rules.base import Rule, RuleContext, Scope

# Clinical efficacy or safety wording: what a patient or clinician would act on.
CLINICAL = re.compile(
    r"\b(?:effective(?:ness)?|efficacy|efficacious|safe(?:ty|ly)?|well[- ]tolerated|tolerab\w+|"
    r"side[- ]effects?|adverse\s+(?:events?|effects?)|cur(?:e|es|ed)|remission|response\s+rates?|"
    r"(?:reduc|reliev|improv|alleviat|eas)(?:e|es|ed|ing)\s+(?:the\s+)?(?:symptoms|depression|pain|anxiety)|"
    r"relief|FDA[- ]approved|approved\s+by|recommended\s+(?:for|as))\b",
    re.IGNORECASE,
)


class WeakSource(Rule):
    """A clinical efficacy or safety claim resting only on non-scholarly sources.

    ## What it flags
    A claim about whether a treatment works or is safe whose every cited work is
    a web page, news story, clinic or company site, or encyclopedia entry.

    ## Why it matters
    Marketing pages and news stories are not evidence of efficacy or safety;
    a clinical claim needs a trial, a cohort, or a systematic review behind it.

    ## Example
    ```
    TMS is a safe and effective treatment for depression [1].

    References
    1. Transcranial Magnetic Stimulation. MayoClinic. Published November 27, 2018. Accessed June 22, 2022.
    ```
    Use instead:
    ```
    TMS is a safe and effective treatment for depression [1].

    References
    1. Berlim MT, van den Eynde F, Tovar-Perdomo S, Daskalakis ZJ. Response, remission and drop-out rates following high-frequency repetitive transcranial magnetic stimulation (rTMS) for treating major depression: a systematic review and meta-analysis of randomized, double-blind and sham-controlled trials. Psychol Med. 2014;44(2):225-239.
    ```

    ## Known problems
    Clinical wording is recognised by efficacy and safety cue words
    (effective, safe, remission, side effects, relieves symptoms…); a sentence
    that only describes how a treatment works is not a clinical claim; hedged sentences are skipped. When any cited
    work's evidence level is unknown the rule stays silent rather than guess.

    ## Options
    None.

    ## References
    Oxford CEBM Levels of Evidence (2011); the non-scholarly class follows the
    source-type taxonomy in DESIGN.md.
    """

    code = "SUP002"
    name = "weak-source"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    needs_references = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for claim in ctx.claims:
            if not claim.checkworthy or claim.features.certainty is Certainty.HEDGED:
                continue
            cue = CLINICAL.search(claim.text)
            if cue is None:
                continue
            refs = ctx.cited_references(claim)
            if not refs or not all(is_known(r) for r in refs):
                continue
            if not all(r.evidence.level is EvidenceLevel.NON_SCHOLARLY for r in refs):
                continue
            start = claim.span.start + cue.start()
            yield self.finding(
                ctx,
                start=claim.span.start,
                end=claim.span.end,
                message=f"Clinical claim ('{cue.group(0)}') rests only on non-scholarly sources: {describe_levels(refs)}.",
                claim_id=claim.id,
                reference_keys=[r.key for r in refs],
                evidence=[
                    Trigger(kind="cue", text=cue.group(0), span=ctx.span(start, claim.span.start + cue.end())),
                    *(reference_trigger(r) for r in refs),
                ],
                suggestion="cite a clinical trial, cohort study or systematic review for this claim",
                confidence=Confidence.HIGH,
            )
