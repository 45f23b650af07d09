"""SUP001 unsupported-claim."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from claims.features.checkworthy import ArticleParts
from claims.features.continuation import PARAGRAPH_BREAK, opens_with_back_reference, same_paragraph
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
    r"report(?:s|ed)?|suggest(?:s|ed)?|believe[sd]?|indicat(?:e|es|ed)|confirm(?:s|ed)?|attest(?:s|ed)?|document(?:s|ed)|"
    r"identif(?:y|ies|ied)|establish(?:es|ed)|link(?:s|ed)|associated|prove[dns]?|point(?:s|ed)?\s+to)"
)
# What may stand between the evidence noun and its verb: nothing, or words opened by an auxiliary, an
# adverb, a preposition, a relative pronoun or a participle ("studies have shown", "studies in mice
# showed", "trials conducted since 2010 found"), or by a parenthesis or comma. Another noun right after
# the evidence noun makes it a modifier of that noun, not the subject ("clinical trial procedures were
# established", "the key/data database model has proven").
_GAP_OPENER = (
    r"(?:have|has|had|also|all|both|now|then|still|further|already|often|in|on|of|from|by|at|with|without|among|"
    r"across|over|for|under|since|during|using|which|that|who|whose|\w+ly|\w+ed|\w+ing|\d+)"
)
_GAP = rf"(?:\W+{_GAP_OPENER}\b(?:\W+\w+){{0,5}}?|\s*[(\[,\u2013\u2014]\W*\w+(?:\W+\w+){{0,5}}?)?"
# A participle followed by a finite verb modifies the noun ("the literature identified does not
# address", "the studies identified demonstrated"): it is not the reporting verb.
_FINITE_NEXT = (
    r"(?!\s+(?:does|do|did|is|are|was|were|has|have|had|can|could|may|might|will|would|must|"
    rf"{_REPORTING_VERB})\b)"
)
RESEARCH_REPORT = re.compile(
    rf"\b{_EVIDENCE_NOUN}\b{_GAP}(?<!\bto)\W+{_REPORTING_VERB}\b{_FINITE_NEXT}"
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
    r"^\W*(?:in\s+summary|in\s+sum|in\s+conclusion|to\s+summari[sz]e|taken\s+together|in\s+short|in\s+essence|"
    r"collectively|altogether|overall)\b"
    r"|\b(?:should|must|ought\s+to|need(?:s)?\s+to|is\s+needed|are\s+needed|(?:is|are)\s+warranted)\b"
    r"|\bwill\s+be\s+(?:necessary|needed|required)\b",
    re.IGNORECASE,
)
# A sentence that names its source inline (a web address or a DOI) is not unsourced.
_INLINE_SOURCE = re.compile(r"\bhttps?://\S|\bwww\.\w|\bdoi\s*:\s*10\.|\b10\.\d{4,9}/\S", re.IGNORECASE)
# A number inside a condition ("if emissions fall 6%/year", "suppose 20% of bins") is a premise, not a
# measurement somebody reported: the condition's opening word before the quantity, in the same sentence.
_CONDITION = re.compile(r"(?<![\w-])(?:if|unless|suppose|supposing|assuming|assume)(?![\w-])", re.IGNORECASE)
# A report inside an opening clause of time or condition ("After transition has been shown to occur in the
# plasmid, it remains to ...", "Once an effect has been demonstrated, ...") is a premise of the writer's
# reasoning, not a finding somebody reported: the clause runs from the sentence start to its first comma.
_PREMISE_CLAUSE = re.compile(r"^\W*(?:after|once|until|unless|if|when|whenever|before)(?![\w-])[^,;:]*$", re.IGNORECASE)
# Words that make a report someone else's work, not the authors' own restated: "previous studies",
# "other groups", "Smith et al.", "(2005)", "the literature".
_OTHERS_WORK = re.compile(
    r"(?<![\w-])(?:previous(?:ly)?|earlier|prior|other|others|recent(?:ly)?|published|several|many|numerous|"
    r"some|their|his|her|past|existing|literature|et\s+al)(?![\w-])|\(\s*(?:19|20)\d\d[a-z]?\s*\)",
    re.IGNORECASE,
)
# A present-perfect report ("studies have shown") speaks of the literature, not of the authors' own analysis.
_PERFECT = re.compile(r"(?<![\w-])(?:has|have|had)(?![\w-])", re.IGNORECASE)
# The simple present of one analysis reporting ("the analysis finds", "this comparison shows"): how a
# Discussion speaks of the article's own results; others' work is reported in the past or perfect.
_PRESENT_SINGULAR = re.compile(
    r"(?<![\w-])(?:finds|shows|reveals|indicates|demonstrates|confirms|identifies|establishes)(?![\w-])", re.IGNORECASE
)
# A back-reference to a method or study named just before ("obtained from this method", "in that study").
_BACK_REFERENCE = re.compile(
    r"(?<![\w-])(?:this|that|these|those|such)\s+(?:method|methods|approach|technique|study|studies|trial|trials|"
    r"system|model|assay|protocol|procedure|strategy|experiment|experiments|report|paper|cohort|survey)(?![\w-])",
    re.IGNORECASE,
)
# A review's own body of studies ("All of the controlled studies identified demonstrated ...", "the trials
# included showed"): a participle of search or selection between the noun and its verb.
_INCLUDED_STUDIES = re.compile(
    r"\b(?:studies|trials|articles|papers|reports|publications)\s+(?:identified|included|reviewed|retrieved|"
    rf"selected|pooled|screened)\s+(?:(?:have|has|had|were|was|all|also)\s+)?{_REPORTING_VERB}\b",
    re.IGNORECASE,
)
# How many sentences back, in the same paragraph, the authors' own "we found" still carries a restatement.
_OWN_CONTEXT = 3


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


def _neighbour(text: str, claims: list[Claim], i: int, j: int) -> Claim | None:
    """``claims[j]`` when it lies in the same paragraph and section as ``claims[i]``, else None."""
    if not 0 <= j < len(claims) or claims[j].section != claims[i].section:
        return None
    lo, hi = sorted((i, j))
    return claims[j] if same_paragraph(text, claims[lo].span.end, claims[hi].span.start) else None


def _cited_next_door(text: str, claims: list[Claim], i: int) -> bool:
    """The claim's citation sits next door in its paragraph: the next sentence is cited and opens
    with a back-reference ("... reported one case of glycosuria. This was considered a major adverse
    event in that study [20]"), or the previous sentence is cited and this one points back to what
    it cited ("... was created [17]. An efficiency of 10% was obtained from this method.")."""
    after = _neighbour(text, claims, i, i + 1)
    if after is not None and after.markers and opens_with_back_reference(after.text):
        return True
    before = _neighbour(text, claims, i, i - 1)
    return before is not None and bool(before.markers) and _BACK_REFERENCE.search(claims[i].text) is not None


def _sourced_numbers_before(text: str, claims: list[Claim], i: int) -> frozenset[tuple[str, float]]:
    """``(kind, value)`` of the measurements of the sentences just before (same paragraph, up to
    ``_OWN_CONTEXT``) that carry a citation or an inline source: restating such a number ("The 80%
    success rate that the maker quotes ...") needs no second citation."""
    out: set[tuple[str, float]] = set()
    for j in range(i - 1, i - 1 - _OWN_CONTEXT, -1):
        before = _neighbour(text, claims, i, j)
        if before is None:
            break
        if before.markers or _INLINE_SOURCE.search(before.text):
            out.update(
                (q.kind, q.value) for q in before.features.quantities if q.kind in MEASURED and q.value is not None
            )
    return frozenset(out)


def _restates_own_result(text: str, claims: list[Claim], i: int, parts: ArticleParts) -> bool:
    """In the Discussion of a research article, a report by an evidence noun ("the analysis of these
    gene sets also found", "ROC analyses demonstrated") that follows, in the same paragraph, the
    authors' own "we found" restates their result, unless it is in the present perfect ("studies have
    shown") or names others' work ("previous studies", "Smith et al.", "(2005)")."""
    claim = claims[i]
    if not _discussion_of_research(parts, claim):
        return False
    report = RESEARCH_REPORT.search(claim.text)
    if report is None or _PERFECT.search(report.group(0)) or _OTHERS_WORK.search(claim.text):
        return False
    if _PRESENT_SINGULAR.search(report.group(0)):
        return True  # "BDZ trans analysis of a prokaryotic gene set finds …": the article's own analysis, now
    for j in range(i - 1, i - 1 - _OWN_CONTEXT, -1):
        before = _neighbour(text, claims, i, j)
        if before is None:
            return False
        if not before.markers and parts.says_own_work(before.text) is not None:
            return True
    return False


# A hedged report of others' research: a generic or indefinite evidence noun as the subject ("studies
# suggest", "recent evidence suggests", "researchers found that X appears to"), or the impersonal
# passive ("it has been shown that X may"). A definite or demonstrative subject ("these results
# suggest", "the authors suggest") points back at a work already named, and a hedged passive with
# a subject of its own ("conditions … have been established") reports no research.
_HEDGED_REPORT = re.compile(
    rf"(?<![\w-])(?P<noun>{_EVIDENCE_NOUN})\s+(?:have\s+|has\s+|had\s+)?{_REPORTING_VERB}\b"
    r"|\bit\s+(?:has|have|had)\s+(?:also\s+)?been\s+(?:demonstrated|shown|reported|found|observed|suggested)\s+that\b",
    re.IGNORECASE,
)
_DEFINITE = frozenset("the these this those such our its".split())


def _others_research_hedged(claim: Claim, parts: ArticleParts) -> bool:
    """A hedged claim that still needs a source: it reports others' research through a generic
    subject or the impersonal passive, and — in the Discussion of a research article, where the
    authors weigh their own results — says the work is someone else's ("previous", "recent")."""
    for m in _HEDGED_REPORT.finditer(claim.text):
        if m.group("noun") and _DEFINITE & {w.lower() for w in claim.text[: m.start("noun")].split()[-3:]}:
            continue  # "these experimental results suggest": the noun phrase points back
        if _discussion_of_research(parts, claim) and not _OTHERS_WORK.search(claim.text):
            return False
        return True
    return False


_ABSTRACT_LABELS = re.compile(r"(?:^|[.!?]\s+)(methods?|results?|conclusions?)\s*:", re.IGNORECASE)


def _in_structured_abstract(text: str, at: int) -> bool:
    """The sentence at ``at`` stands in a paragraph labelled inline as a structured abstract (two
    of "Methods:", "Results:", "Conclusions:"), whose background sentences carry no citations."""
    before = [m.end() for m in PARAGRAPH_BREAK.finditer(text, max(0, at - 20_000), at)]
    start = before[-1] if before else max(0, at - 20_000)
    after = PARAGRAPH_BREAK.search(text, at)
    end = after.start() if after else min(len(text), at + 20_000)
    labels = {m.group(1).lower().rstrip("s") for m in _ABSTRACT_LABELS.finditer(text, start, end)}
    return len(labels) >= 2


class Sup001Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    flag_hedged: bool = False  # also flag hedged claims that report no research ("may", a hedged number)
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
    whether cited or not. Hedging does not excuse a report of research: "researchers found
    that ketamine appears to reset …" and "studies suggest …" still need a source; a hedged
    sentence is otherwise skipped (unless `flag-hedged` is set). Summaries ("In summary, …"), recommendations
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
    results there); reporting research ("has been shown") still does.
    Who reports what is read from word shapes, not a parser: an evidence
    noun right before another noun modifies it ("clinical trial procedures
    were established"), so "research groups have shown" is missed; a
    participle before a finite verb ("the literature identified does not")
    is not the reporting verb. A report inside an opening clause of time or
    condition ("Once an effect has been shown, ...") is a premise.
    A claim whose citation sits next door in its paragraph is not flagged:
    the next sentence is cited and opens with a back-reference ("This was
    considered a major event in that study [20]"), or the previous one is
    cited and this one points back to it ("obtained with this method"); so a
    claim followed by "This ... [n]" about something else is missed. A
    number restated from a cited or sourced sentence up to three sentences
    before in its paragraph is not a new measurement. In the Discussion of a
    research article, a report by an evidence noun in the simple tense
    ("the analysis of these gene sets also found") within three sentences
    after the authors' own "we found" in the same paragraph restates their
    result, unless it names others' work ("previous", "other", "et al.",
    "(2005)"); an uncited "studies in rats showed" right after "we found" is
    therefore missed. So does a report there in the simple present of one
    analysis ("this analysis of a prokaryotic gene set finds …"). A review's own included studies ("all of the trials
    included showed") are its own work.
    Confidence is low when the document cites nothing at all (a news story or
    a web page), where every finding is a claim of the writer.

    ## Options
    - `flag-hedged` (bool, default false): also flag hedged claims that report no research.
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
    options: Sup001Options  # what the registry builds from options_model

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        skip = re.compile(self.options.skip_sections, re.IGNORECASE) if self.options.skip_sections else None
        cites_anything = any(c.markers for c in ctx.claims)
        parts = article_parts(ctx)
        own_numbers = _own_numbers(ctx.claims, parts)
        inline_section: str | None = None
        claims = ctx.claims
        for i, claim in enumerate(claims):
            label = _INLINE_LABEL.match(claim.text)
            if label:
                inline_section = label.group(1)
            if inline_section and skip and skip.search(inline_section):
                continue
            if _in_structured_abstract(ctx.document.text, claim.span.start):
                continue  # "Introduction: … Methods: … Results: …": an abstract cites nothing by convention
            if not self._applies(claim, skip) or self._own_work(claim, parts, skip):
                continue
            text = ctx.document.text
            sourced = _sourced_numbers_before(text, claims, i) if claim.features.quantities else frozenset()
            why = self._empirical(
                claim,
                own_numbers | sourced if sourced else own_numbers,
                numbers_count=not _discussion_of_research(parts, claim),
            )
            if why is None or _cited_next_door(text, claims, i) or _restates_own_result(text, claims, i, parts):
                continue
            if (
                claim.features.certainty is Certainty.HEDGED
                and not self.options.flag_hedged
                and not _others_research_hedged(claim, parts)
            ):
                continue  # a hedged number or statement is the writer's; a hedged report of research still needs a source
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
        if parts.research_article and _INCLUDED_STUDIES.search(claim.text):
            return True
        return parts.says_own_work(claim.text) is not None

    @staticmethod
    def _empirical(
        claim: Claim, own_numbers: frozenset[tuple[str, float]] = frozenset(), *, numbers_count: bool = True
    ) -> str | None:
        """Why the claim reports research that needs a source, or None when it does not."""
        report = RESEARCH_REPORT.search(claim.text)
        if report and not _PREMISE_CLAUSE.match(claim.text, 0, report.start()):
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
