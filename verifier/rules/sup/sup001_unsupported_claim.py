"""SUP001 unsupported-claim."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from claims.models import Certainty, Claim
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules.base import Rule, RuleContext, Scope

_OWN_RESULTS = re.compile(r"\b(results?|methods?|materials|findings|abstract|summary|conclusions?)\b", re.IGNORECASE)

# A claim needs a source when it reports research: an evidence noun with a reporting verb
# ("studies have found", "data attest", "researchers saw"), or a passive report of a finding
# ("has been demonstrated", "have been associated with").
_EVIDENCE_NOUN = (
    r"(?:stud(?:y|ies)|research(?:ers)?|scientists|investigators|trials?|data|evidence|findings|results|"
    r"scans|experiments|observations|reports|surveys?|analys[ie]s|meta-analys[ie]s|reviews|literature|authors|"
    r"work|experts)"
)
_REPORTING_VERB = (
    r"(?:show(?:s|ed|n)?|f(?:ou|i)nds?|found|observ\w*|saw|see|demonstrat\w*|reveal\w*|report\w*|"
    r"suggest\w*|indicat\w*|confirm\w*|attest\w*|document\w*|identif\w*|establish\w*|link\w*|"
    r"associat\w*|prove[dns]?|point(?:s|ed)?\s+to)"
)
RESEARCH_REPORT = re.compile(
    rf"\b{_EVIDENCE_NOUN}\b(?:\W+\w+){{0,6}}?\W+{_REPORTING_VERB}\b"
    r"|\b(?:has|have|had)\s+(?:also\s+|repeatedly\s+|consistently\s+)?been\s+"
    r"(?:demonstrated|shown|reported|found|observed|associated|linked|documented|established|confirmed|proven)\b",
    re.IGNORECASE,
)
# Structured-abstract labels written inline ("Results: Within-subjects data …").
_INLINE_LABEL = re.compile(
    r"^\W*(background|introduction|objectives?|aims?|purpose|methods?|materials\s+and\s+methods|design|"
    r"setting|participants|interventions?|measurements|results?|findings|conclusions?|discussion)\s*:",
    re.IGNORECASE,
)
# Quantities that report a measurement somebody made.
MEASURED = {"percent", "n", "p", "statistic", "effect_size", "ci"}
# Summaries of what was cited before, and recommendations, are not new claims.
_NOT_A_NEW_CLAIM = re.compile(
    r"^\W*(?:in\s+summary|in\s+conclusion|to\s+summari[sz]e|taken\s+together|in\s+short|overall)\b"
    r"|\b(?:should|must|ought\s+to|need(?:s)?\s+to|is\s+needed|are\s+needed|(?:is|are)\s+warranted)\b",
    re.IGNORECASE,
)


class Sup001Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    flag_hedged: bool = False  # also flag hedged claims ("may", "suggests") without a citation
    skip_sections: str = _OWN_RESULTS.pattern  # sections where authors report their own work


class UnsupportedClaim(Rule):
    """A check-worthy factual claim with no citation and no cited sentence it continues.

    ## What it flags
    A check-worthy sentence that reports research ("studies have found",
    "has been demonstrated", "researchers observed"), reports a measurement
    (a percentage, a sample size, a p-value, an effect size) or states an
    absolute, but carries no citation marker, does not continue a cited
    sentence about the same study, and is not closed by a citation at the end
    of its paragraph.

    ## Why it matters
    Readers cannot check a claim that names no source; reviewers ask for one,
    and research-integrity audits count unsupported factual claims.

    ## Example
    ```
    Studies have shown that ketamine reduces depressive symptoms within hours.
    ```
    Use instead:
    ```
    A randomized trial has shown that ketamine reduces depressive symptoms within hours [1].

    References
    1. Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in treatment-resistant major depression: a two-site randomized controlled trial. Am J Psychiatry. 2013;170(10):1134-1142.
    ```

    ## Known problems
    Precision comes first, so textbook statements of mechanism ("SSRIs
    increase serotonin levels") and the author's own reasoning are not flagged
    unless they report research or a measurement; summaries ("In summary, …")
    and recommendations ("should be used under supervision") are skipped.
    Sentences in Results, Methods, Abstract and Conclusions sections (headed,
    or labelled inline as in a structured abstract: "Results: …") are
    skipped, as authors report their own work there, and hedged claims are
    skipped unless `flag-hedged` is set.
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
        inline_section: str | None = None
        for claim in ctx.claims:
            label = _INLINE_LABEL.match(claim.text)
            if label:
                inline_section = label.group(1)
            if inline_section and skip and skip.search(inline_section):
                continue
            if not self._applies(claim, skip):
                continue
            cues = {c.span.start: c for c in claim.features.cues if c.kind in ("booster", "absolute", "causal")}
            evidence = [Trigger(kind="cue", text=c.text, span=c.span, detail=c.kind) for c in cues.values()]
            why = self._empirical(claim)
            yield self.finding(
                ctx,
                start=claim.span.start,
                end=claim.span.end,
                message=f"Claim {why} but cites no source.",
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
        if skip and claim.section and skip.search(claim.section):
            return False
        if _NOT_A_NEW_CLAIM.search(claim.text):
            return False
        return self._empirical(claim) is not None

    @staticmethod
    def _empirical(claim: Claim) -> str | None:
        """Why the claim reports research that needs a source, or None when it does not."""
        report = RESEARCH_REPORT.search(claim.text)
        if report:
            return f"reports research ('{' '.join(report.group(0).split())}')"
        measured = [q for q in claim.features.quantities if q.kind in MEASURED]
        if measured:
            return f"reports a measurement ('{measured[0].text}')"
        if claim.features.certainty is Certainty.ABSOLUTE:
            return "states an absolute"
        return None
