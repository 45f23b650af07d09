"""SUP003 plural-claim-single-source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from references.models import EvidenceLevel
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._evidence import describe_levels, reference_trigger
from verifier.rules._parts import parts
from verifier.rules.base import Rule, RuleContext, Scope

# "studies show", "several trials", "independent studies confirm", "a growing body of evidence". Not
# "the authors found", "researchers showed", "experiments suggest", "evidence suggests": one paper has
# several authors and experiments, and "evidence" or "research" is as often one study as many.
PLURAL = re.compile(
    r"\b(?:(?:many|several|numerous|multiple|various|diverse|independent|recent|previous|other|most|some|"
    r"clinical|animal|large|randomi[sz]ed)\s+)?(?:studies|trials|reports|investigations|"
    r"meta-analyses|reviews|papers)\s+(?:have\s+|has\s+)?"
    r"(?:show(?:n|s|ed)?|demonstrat\w+|found|find|confirm\w*|report\w*|suggest\w*|indicat\w*|reveal\w*|"
    r"establish\w*|prove[ns]?|agree)\b"
    r"|\ba\s+(?:growing|large|substantial)\s+body\s+of\s+(?:evidence|research|literature)\b",
    re.IGNORECASE,
)
# The studies of one person or group, or ones just described: "her initial diffraction studies", "these trials".
_ONE_SOURCE = re.compile(
    r"(?<![\w-])(?:her|his|their|its)\s+(?:[\w-]+\s+){0,3}$|(?<![\w-])(?:these|those|both)\s+$", re.IGNORECASE
)
# The sentence says its one citation is a review of the studies ("reviewed in [12]", "for a review, see").
_REVIEWED_IN = re.compile(r"\breviewed\s+(?:in|by)\b|\bfor\s+(?:a\s+)?reviews?\b", re.IGNORECASE)


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
    a level-1 source counts as enough, as does a citation the sentence calls a
    review ("reviewed in [12]"). A plural phrase that refers to studies
    described in earlier sentences may be flagged, though "these studies" and
    one group's studies ("her diffraction studies") are not; "the authors
    found", "experiments suggest" and "evidence suggests" are not plural
    claims (one paper has many authors and experiments). Sentences in Methods,
    Results and captions (a review's own count of included studies) and
    sentences with no citation at all (left to SUP001) are skipped.

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
    options: Sup003Options  # what the registry builds from options_model

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        structure = parts(ctx)
        for claim in ctx.claims:
            if not claim.checkworthy or not claim.markers or structure.reports_own_work(claim.span.start):
                continue
            cue = PLURAL.search(claim.text)
            if cue is None or _ONE_SOURCE.search(claim.text, max(0, cue.start() - 60), cue.start()):
                continue
            if _REVIEWED_IN.search(claim.text):
                continue
            refs = ctx.cited_references(claim, include_continuation=False)
            dangling = sum(1 for lk in ctx.links_by_claim.get(claim.id, []) if lk.reference_key is None)
            if dangling:
                continue  # cannot tell what the unresolved markers point to
            scholarly = [r for r in refs if r.evidence.level is not EvidenceLevel.NON_SCHOLARLY]
            if len(scholarly) >= self.options.min_sources or any(
                r.evidence.level is EvidenceLevel.L1 for r in scholarly
            ):
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
                    Trigger(
                        kind="cue",
                        text=ctx.document.text[start : claim.span.start + cue.end()],
                        span=ctx.span(start, claim.span.start + cue.end()),
                    ),
                    *(reference_trigger(r) for r in refs),
                ],
                suggestion="cite the studies meant, a systematic review, or say 'a study has shown'",
                confidence=Confidence.MEDIUM,
            )
