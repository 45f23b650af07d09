"""SUP003 plural-claim-single-source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from references.models import EvidenceLevel
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._evidence import describe_levels, reference_trigger
from verifier.rules.base import Rule, RuleContext, Scope

# "studies show", "several trials", "independent studies confirm", "research has shown", "a growing body of evidence"
PLURAL = re.compile(
    r"\b(?:(?:many|several|numerous|multiple|various|diverse|independent|recent|previous|other|most|some|"
    r"clinical|animal|large|randomi[sz]ed)\s+)?(?:studies|trials|reports|investigations|experiments|"
    r"meta-analyses|reviews|papers|authors|researchers|investigators)\s+(?:have\s+|has\s+)?"
    r"(?:show(?:n|s|ed)?|demonstrat\w+|found|find|confirm\w*|report\w*|suggest\w*|indicat\w*|reveal\w*|"
    r"establish\w*|prove[ns]?|agree)\b"
    r"|\b(?:a\s+(?:growing|large|substantial)\s+body\s+of\s+(?:evidence|research|literature)|"
    r"(?:research|evidence|the\s+literature)\s+(?:has\s+)?(?:consistently\s+)?(?:shows?|shown|demonstrat\w+|suggests?))\b",
    re.IGNORECASE,
)


class Sup003Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_sources: int = Field(default=2, ge=1)


class PluralClaimSingleSource(Rule):
    """A claim that speaks for many studies but cites fewer than two scholarly works.

    ## What it flags
    "Studies show", "several trials found", "independent studies confirm", "a
    growing body of evidence" followed by fewer than two cited works that are
    scholarly (web pages, news and clinic sites do not count as studies).

    ## Why it matters
    A plural claim promises a body of evidence; resting it on one paper (or on
    one paper and a marketing page) overstates how settled the finding is.

    ## Example
    ```
    Several trials have shown that rTMS improves depressive symptoms [1].

    References
    1. O'Reardon JP, Solvason HB, Janicak PG, et al. Efficacy and safety of transcranial magnetic stimulation in the acute treatment of major depression: a multisite randomized controlled trial. Biol Psychiatry. 2007;62(11):1208-1216.
    ```
    Use instead:
    ```
    A multisite randomized trial has shown that rTMS improves depressive symptoms [1].

    References
    1. O'Reardon JP, Solvason HB, Janicak PG, et al. Efficacy and safety of transcranial magnetic stimulation in the acute treatment of major depression: a multisite randomized controlled trial. Biol Psychiatry. 2007;62(11):1208-1216.
    ```

    ## Known problems
    A single systematic review or meta-analysis does speak for many studies, so
    a level-1 source counts as enough. A plural phrase that refers to studies
    described in earlier sentences may be flagged; sentences with no citation at
    all are left to SUP001.

    ## Options
    - `min-sources` (int, default 2): how many scholarly works a plural claim needs.

    ## References
    Greenberg (2009), "How citation distortions create unfounded authority", BMJ 339:b2680.
    """

    code = "SUP003"
    name = "plural-claim-single-source"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    options_model = Sup003Options

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for claim in ctx.claims:
            if not claim.checkworthy or not claim.markers:
                continue
            cue = PLURAL.search(claim.text)
            if cue is None:
                continue
            refs = ctx.cited_references(claim, include_continuation=False)
            dangling = sum(
                1 for lk in ctx.links_by_claim.get(claim.id, []) if lk.reference_key is None
            )
            if dangling:
                continue  # cannot tell what the unresolved markers point to
            scholarly = [r for r in refs if r.evidence.level is not EvidenceLevel.NON_SCHOLARLY]
            if len(scholarly) >= self.options.min_sources or any(r.evidence.level is EvidenceLevel.L1 for r in scholarly):
                continue
            if not refs and not ctx.has_reference_list:
                continue
            start = claim.span.start + cue.start()
            counted = f"{len(scholarly)} scholarly work{'s' if len(scholarly) != 1 else ''}"
            yield self.finding(
                ctx,
                start=start,
                end=claim.span.start + cue.end(),
                message=f"'{cue.group(0)}' claims several studies but cites {counted}"
                + (f" ({describe_levels(refs)})" if refs else "")
                + ".",
                claim_id=claim.id,
                reference_keys=[r.key for r in refs],
                evidence=[
                    Trigger(kind="cue", text=ctx.document.text[start : claim.span.start + cue.end()],
                            span=ctx.span(start, claim.span.start + cue.end())),
                    *(reference_trigger(r) for r in refs),
                ],
                suggestion="cite the studies meant, a systematic review, or say 'a study has shown'",
                confidence=Confidence.MEDIUM,
            )
