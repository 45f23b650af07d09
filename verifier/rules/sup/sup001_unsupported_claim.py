"""SUP001 unsupported-claim."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from claims.features.checkworthy import ArticleParts
from claims.models import Certainty, Claim
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._parts import parts as article_parts
from verifier.rules.base import Rule, RuleContext, Scope

_OWN_RESULTS = re.compile(
    r"\b(results?|methods?|materials|findings|abstract|summary|conclusions?|digest|supplementa\w*|supporting information|"
    r"appendix|decision letter|author response|reviewer comments|response to reviewers)\b",
    re.IGNORECASE,
)

# A claim needs a source when it reports research: an evidence noun with a reporting verb
# ("studies have found", "data attest", "researchers saw"), or a passive report of a finding
# ("has been demonstrated", "have been associated with").
_EVIDENCE_NOUN = (
    r"(?:stud(?:y|ies)|research(?:ers)?|scientists|investigators|trials?|data|evidence|findings|results|"
    r"scans|experiments|observations|reports|surveys?|analys[ie]s|meta-analys[ie]s|reviews|literature|authors|"
    r"work|experts)"
)
# Finite verb forms only: "identifiers", "linkage", "observational", "reporting bias" and a purpose
# clause ("experiments to identify") report nothing.
_REPORTING_VERB = (
    r"(?:show(?:s|ed|n)?|f(?:ou|i)nds?|found|observ(?:e|es|ed)|saw|demonstrat(?:e|es|ed)|reveal(?:s|ed)?|"
    r"report(?:s|ed)?|suggest(?:s|ed)?|indicat(?:e|es|ed)|confirm(?:s|ed)?|attest(?:s|ed)?|document(?:s|ed)|"
    r"identif(?:y|ies|ied)|establish(?:es|ed)|link(?:s|ed)|associated|prove[dns]?|point(?:s|ed)?\s+to)"
)
RESEARCH_REPORT = re.compile(
    rf"\b{_EVIDENCE_NOUN}\b(?:\W+\w+){{0,6}}?(?<!\bto)\W+{_REPORTING_VERB}\b"
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
    r"|\b(?:should|must|ought\s+to|need(?:s)?\s+to|is\s+needed|are\s+needed|(?:is|are)\s+warranted)\b"
    r"|\bwill\s+be\s+(?:necessary|needed|required)\b",
    re.IGNORECASE,
)
# A sentence that names its source inline (a web address or a DOI) is not unsourced.
_INLINE_SOURCE = re.compile(r"\bhttps?://\S|\bwww\.\w|\bdoi\s*:\s*10\.|\b10\.\d{4,9}/\S", re.IGNORECASE)
# A number inside a condition ("if emissions fall 6%/year", "suppose 20% of bins") is a premise, not a
# measurement somebody reported: the condition's opening word before the quantity, in the same sentence.
_CONDITION = re.compile(r"(?<![\w-])(?:if|unless|suppose|supposing|assuming|assume)(?![\w-])", re.IGNORECASE)


def _own_numbers(claims: list[Claim], parts: ArticleParts) -> frozenset[tuple[str, float]]:
    """``(kind, value)`` of every measurement the article reports where it reports its own work
    (Results, abstract, captions): the same number in the Discussion restates the authors' own
    result ("Twenty-one (50%) individuals experienced ..."), which needs no citation."""
    return frozenset(
        (q.kind, q.value)
        for c in claims
        if parts.reports_own_work(c.span.start)
        for q in c.features.quantities
        if q.kind in MEASURED and q.value is not None
    )


def _discussion_of_research(parts: ArticleParts, claim: Claim) -> bool:
    """The claim sits in the Discussion of a research article, where authors restate and recompute
    their own results ("Twenty-one (50%) individuals experienced ...", "the proportion requiring
    more treatment was 24%, 31% and 46%"): there a number alone does not show a cited finding."""
    part = parts.part.get(claim.span.start)
    return parts.research_article and part is not None and "discussion" in part.lower()


class Sup001Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    flag_hedged: bool = False  # also flag hedged claims ("may", "suggests") without a citation
    skip_sections: str = _OWN_RESULTS.pattern  # sections where authors report their own work


class UnsupportedClaim(Rule):
    """A check-worthy factual claim with no citation and no cited sentence it continues.

    ## What it flags
    A check-worthy sentence that reports research ("studies have found",
    "has been demonstrated", "researchers observed"), reports a measurement
    (a percentage, a sample size, a p-value, an effect size), but carries no
    citation marker, names no source inline (a web address, a DOI), does not
    continue a cited sentence about the same study, and is not closed by a
    citation at the end of its paragraph.

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
    unless they report research or a measurement; a number inside a condition
    ("if emissions fall 6% a year") is a premise, not a measurement. Absolute
    wording alone ("always", "cures") is left to OVR005, which flags it
    whether cited or not. Summaries ("In summary, …"), recommendations
    ("should be used under supervision") and calls for future work ("studies
    will be needed") are skipped.
    Sentences in Results, Methods, Abstract and Conclusions sections (headed,
    under any subsection heading of such a part, or labelled inline as in a
    structured abstract: "Results: …"), in figure and table captions, and in
    published peer review (decision letter, author response) are skipped, as
    authors report their own work there; so are sentences that say they
    report the document's own work: a pointer to its own figures, tables or
    supplements ("(Fig 2A)", "data not shown"), "the present study", "here
    we", and in a research article (one with a Methods or Results part) the
    authors' "we" and "our". In the Discussion of a research article a number
    alone does not trigger the rule (authors restate and recompute their own
    results there); reporting research ("has been shown") still does. Hedged
    claims are skipped unless `flag-hedged` is set.
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
        parts = article_parts(ctx)
        own_numbers = _own_numbers(ctx.claims, parts)
        inline_section: str | None = None
        for claim in ctx.claims:
            label = _INLINE_LABEL.match(claim.text)
            if label:
                inline_section = label.group(1)
            if inline_section and skip and skip.search(inline_section):
                continue
            if not self._applies(claim, skip) or self._own_work(claim, parts, skip):
                continue
            why = self._empirical(claim, own_numbers, numbers_count=not _discussion_of_research(parts, claim))
            if why is None:
                continue
            cues = {c.span.start: c for c in claim.features.cues if c.kind in ("booster", "absolute", "causal")}
            evidence = [Trigger(kind="cue", text=c.text, span=c.span, detail=c.kind) for c in cues.values()]
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
        return not (_NOT_A_NEW_CLAIM.search(claim.text) or _INLINE_SOURCE.search(claim.text))

    @staticmethod
    def _own_work(claim: Claim, parts: ArticleParts, skip: re.Pattern[str] | None) -> bool:
        """The claim reports the document's own work: it sits in an own-work part (Results,
        Methods, Abstract... under any subsection heading), in a figure or table caption, or
        says so ("we found", "(Fig 2A)", "the present study")."""
        start = claim.span.start
        part = parts.part.get(start)
        if parts.reports_own_work(start) or (skip and part and skip.search(part)):
            return True
        return parts.says_own_work(claim.text) is not None

    @staticmethod
    def _empirical(
        claim: Claim, own_numbers: frozenset[tuple[str, float]] = frozenset(), *, numbers_count: bool = True
    ) -> str | None:
        """Why the claim reports research that needs a source, or None when it does not."""
        report = RESEARCH_REPORT.search(claim.text)
        if report:
            return f"reports research ('{' '.join(report.group(0).split())}')"
        if not numbers_count:
            return None
        condition = _CONDITION.search(claim.text)
        premise_end = claim.span.start + condition.start() if condition else None
        measured = [
            q
            for q in claim.features.quantities
            if q.kind in MEASURED
            and (premise_end is None or q.span.start < premise_end)
            and (q.kind, q.value) not in own_numbers
        ]
        if measured:
            return f"reports a measurement ('{measured[0].text}')"
        return None
