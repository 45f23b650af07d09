"""SUP001 unsupported-claim."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from claims.models import Certainty, Claim
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules.base import Rule, RuleContext, Scope

_OWN_RESULTS = re.compile(r"\b(results?|methods?|materials|findings|abstract|summary|conclusions?)\b", re.IGNORECASE)


class Sup001Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    flag_hedged: bool = False  # also flag hedged claims ("may", "suggests") without a citation
    skip_sections: str = _OWN_RESULTS.pattern  # sections where authors report their own work


class UnsupportedClaim(Rule):
    """A check-worthy factual claim with no citation and no cited sentence it continues.

    ## What it flags
    A sentence that states a fact or an empirical finding ("Ketamine reduces
    suicidal ideation within hours.") but carries no citation marker and does
    not continue a cited sentence about the same study.

    ## Why it matters
    Readers cannot check a claim that names no source; reviewers ask for one,
    and research-integrity audits count unsupported factual claims.

    ## Example
    ```
    Ketamine reduces depressive symptoms within hours of a single infusion.
    ```
    Use instead:
    ```
    Ketamine reduces depressive symptoms within hours of a single infusion [1].

    References
    1. Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in treatment-resistant major depression: a two-site randomized controlled trial. Am J Psychiatry. 2013;170(10):1134-1142.
    ```

    ## Known problems
    Check-worthiness is decided by cues, so a sentence of the author's own
    framing or common knowledge may be flagged; sentences in Results, Methods,
    Abstract and Conclusions sections are skipped, as authors report their own
    work there, and hedged claims are skipped unless `flag-hedged` is set.
    Confidence is low when the document cites nothing at all (a news story or
    a web page), where every finding is a claim of the writer.

    ## Options
    - `flag-hedged` (bool, default false): also flag hedged claims.
    - `skip-sections` (regex): section headings where claims are the authors' own results.

    ## References
    Check-worthiness after Hassan et al. (2017), ClaimBuster; citation-worthiness as in
    Wright & Augenstein (2021), CiteWorth.
    """

    code = "SUP001"
    name = "unsupported-claim"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    options_model = Sup001Options

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        skip = re.compile(self.options.skip_sections, re.IGNORECASE) if self.options.skip_sections else None
        cites_anything = any(c.markers for c in ctx.claims)
        for claim in ctx.claims:
            if not self._applies(claim, skip):
                continue
            cues = {c.span.start: c for c in claim.features.cues if c.kind in ("booster", "absolute", "causal")}
            evidence = [Trigger(kind="cue", text=c.text, span=c.span, detail=c.kind) for c in cues.values()]
            why = claim.features.checkworthy_reason or "factual statement"
            yield self.finding(
                ctx,
                start=claim.span.start,
                end=claim.span.end,
                message=f"Claim has no citation ({why}); add a source or mark it as the authors' own view.",
                claim_id=claim.id,
                evidence=evidence,
                suggestion="add a citation to the study or review that supports this claim",
                confidence=Confidence.MEDIUM if cites_anything else Confidence.LOW,
            )

    def _applies(self, claim: Claim, skip: re.Pattern[str] | None) -> bool:
        if not claim.checkworthy or claim.markers or claim.continues:
            return False
        if claim.features.certainty is Certainty.HEDGED and not self.options.flag_hedged:
            return False
        return not (skip and claim.section and skip.search(claim.section))
