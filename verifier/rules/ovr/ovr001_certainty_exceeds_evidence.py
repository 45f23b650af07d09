"""OVR001 certainty-exceeds-evidence."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from claims.models import Certainty, Population
from references.models import EvidenceLevel
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._evidence import (
    describe_levels,
    described_as,
    description_triggers,
    is_known,
    rank,
    reference_trigger,
)
from verifier.rules._parts import parts
from verifier.rules.base import Rule, RuleContext, Scope

SOFTER = {
    "demonstrates": "suggests",
    "demonstrated": "suggested",
    "demonstrate": "suggest",
    "proves": "suggests",
    "proved": "suggested",
    "proven": "suggested",
    "prove": "suggest",
    "confirms": "supports",
    "confirmed": "supported",
    "confirm": "support",
    "establishes": "suggests",
    "established": "suggested",
    "clearly": "",
}


# Verbs that report a finding without vouching for it; "studies show" is SUP003's business.
REPORTING_VERBS = {"show", "shows", "showed", "shown", "reveal", "reveals", "revealed", "find", "finds", "found"}
# Discourse markers that add a point or stress a contrast ("Indeed, X also ...", "In fact, all known Y
# ...") rather than vouch for the evidence behind it.
DISCOURSE_MARKERS = {"indeed", "in fact", "of course"}
NOT_CERTAINTY = REPORTING_VERBS | DISCOURSE_MARKERS


class Ovr001Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_evidence_level: int = Field(default=3, ge=1, le=5)  # a strong claim needs a work at this level or better
    small_study: int = Field(default=50, ge=1)  # one study with fewer participants than this is "small"


class CertaintyExceedsEvidence(Rule):
    """A strongly worded claim resting on weak evidence.

    ## What it flags
    A claim stated with certainty ("demonstrated", "proves", "confirms",
    "clearly") whose best cited work is below the required evidence level: case
    reports, narrative reviews, expert opinion, preclinical work, or a single
    small study.

    ## Why it matters
    Certainty words tell readers the question is settled. When the cited
    evidence is a case report or a rat study, the wording overstates it and
    readers (and press releases) carry the overstatement on.

    ## Example
    ```
    This trial clearly demonstrated that ketamine reverses depression [1].

    References
    1. Smith J. Rapid remission after ketamine in a patient with refractory depression: a case report. J Psychiatr Case Rep. 2019;4:12-14.
    ```
    Use instead:
    ```
    This case report suggested that ketamine may relieve depression [1].

    References
    1. Smith J. Rapid remission after ketamine in a patient with refractory depression: a case report. J Psychiatr Case Rep. 2019;4:12-14.
    ```

    ## Known problems
    Certainty is read from cue words; plain reporting verbs ("shows",
    "found", "revealed") do not count, since they report a finding without
    vouching for it (SUP003 covers "studies show"), nor do discourse markers
    ("Indeed", "In fact", "of course"). Only-preclinical citations count as
    weak only for a claim that names people (a claim naming no population is
    OVR003's; "has demonstrated activity in vitro" is in proportion). The
    authors' statements about their own results in a research article ("our
    results demonstrate ... [26]") are skipped. When any cited work's level is unknown the
    rule stays silent. Sample size is only known when the title or abstract
    states it.

    ## Options
    - `min-evidence-level` (1-5, default 3): the level a strong claim's best cited work must reach.
    - `small-study` (int, default 50): a single cited study with fewer participants is treated as weak.

    ## References
    Oxford CEBM Levels of Evidence (2011); Sumner et al. (2014), "The association between exaggeration in
    health related science news and academic press releases", BMJ 349:g7015.
    """

    code = "OVR001"
    name = "certainty-exceeds-evidence"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    needs_references = True
    options_model = Ovr001Options
    options: Ovr001Options  # what the registry builds from options_model

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        structure = parts(ctx)
        for claim in ctx.claims:
            if claim.features.certainty not in (Certainty.STRONG, Certainty.ABSOLUTE) or not claim.checkworthy:
                continue
            if claim.features.population in (Population.ANIMAL, Population.IN_VITRO):
                continue  # "the evidence from zebrafish is robust": the clinical ladder does not weigh it
            refs = ctx.cited_evidence(claim)
            if not refs or not all(is_known(r) or _small_single(refs, self.options.small_study) for r in refs):
                continue
            if structure.says_own_work(claim.text) is not None:
                continue  # "our results demonstrate ...": the certainty is about the article's own data
            weakness = self._weakness(refs, about_people=claim.features.population is Population.HUMAN)
            if weakness is None:
                continue
            cues = [
                c
                for c in claim.features.cues
                if c.kind in ("booster", "absolute") and " ".join(c.text.lower().split()) not in NOT_CERTAINTY
            ]
            if not cues:
                continue
            word = cues[0].text
            softer = SOFTER.get(word.lower())
            suggestion = (
                f"soften '{word}' to '{softer}'" if softer else f"soften '{word}'"
            ) + f", or cite evidence at level {self.options.min_evidence_level} or better"
            yield self.finding(
                ctx,
                start=cues[0].span.start,
                end=cues[0].span.end,
                message=f"'{word}' states certainty that the cited evidence does not carry: {weakness} "
                f"({describe_levels(refs)}).{described_as(refs)}",
                claim_id=claim.id,
                reference_keys=[r.key for r in refs],
                evidence=[
                    *(Trigger(kind="cue", text=c.text, span=c.span, detail=c.kind) for c in cues),
                    *(reference_trigger(r) for r in refs),
                    *description_triggers(refs),
                ],
                suggestion=suggestion,
                replacement=softer or None,
                confidence=Confidence.MEDIUM,
            )

    def _weakness(self, refs: list, *, about_people: bool) -> str | None:
        """Why the cited works cannot carry a strong claim, or None when they can. Preclinical work
        is weak only for a claim about people: a cell or animal result stated firmly on cell or
        animal work ("has demonstrated activity in vitro") is in proportion, and a claim naming no
        population on such work is OVR003's."""
        ranks = [rank(r) for r in refs]
        ladder = [x for x in ranks if x is not None]
        best = min(ladder) if ladder else None
        if best is None and _small_single(refs, self.options.small_study) and about_people:
            return f"a single study of {refs[0].evidence.sample_size} participants"
        if best is None:
            if about_people and all(r.evidence.level is EvidenceLevel.PRECLINICAL for r in refs):
                return "only preclinical (animal or in-vitro) work is cited"
            if all(r.evidence.level is EvidenceLevel.NON_SCHOLARLY for r in refs):
                return None  # SUP002 speaks for non-scholarly sources
            return None
        if best > self.options.min_evidence_level:
            return f"the best cited evidence is level {best}"
        if len(refs) == 1:
            n = refs[0].evidence.sample_size
            if n is not None and n < self.options.small_study and best >= 2:
                return f"a single study of {n} participants"
        return None


def _small_single(refs: list, small: int) -> bool:
    """One cited study whose size is known to be small, whatever its design: "a study of 10 patients"
    is weak evidence for a settled claim even when no design is named."""
    return len(refs) == 1 and refs[0].evidence.sample_size is not None and refs[0].evidence.sample_size < small
