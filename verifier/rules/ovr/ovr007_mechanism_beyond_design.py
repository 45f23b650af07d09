"""OVR007 mechanism-beyond-design."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.features.mechanism import Mechanism, mechanisms
from claims.features.roles import ABSTRACT, CONCLUSIONS, DISCUSSION
from claims.models import Claim
from claims.spans import SentenceView
from references.models import DesignCue, DocumentDesign, Genre, StudyDesign
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._parts import parts, roles
from verifier.rules.base import Rule, RuleContext, Scope

# A news sentence speaks for the study when it attributes what it says to research.
_ATTRIBUTED = re.compile(
    r"(?<![\w-])(?:stud(?:y|ies)|research(?:ers)?|scientists|investigators|findings|results|scans|data|trial|"
    r"(?:reveal|show|explain|demonstrat)\w*\s+how)(?![\w-])",
    re.IGNORECASE,
)
# What the study set out to test is not what it claims: "we tested whether X acts by Y".
_AIM = re.compile(
    r"(?<![\w-])(?:whether|hypothes\w+|aim(?:s|ed)?|objectives?|to\s+(?:test|examine|investigate|determine|explore))"
    r"(?![\w-])",
    re.IGNORECASE,
)
# Discussion sentences that sum up the paper ("In summary", "Taken together", "Overall").
_SUMMARY_OPENER = re.compile(
    r"^\W*(?:in\s+summary|in\s+conclusion|to\s+summari[sz]e|taken\s+together|together|collectively|overall|"
    r"in\s+short|in\s+sum)\b",
    re.IGNORECASE,
)
_DESIGN_WORDS = {
    StudyDesign.RCT: "a randomized trial, which tested the intervention, not its mechanism",
    StudyDesign.NON_RANDOMIZED_CONTROLLED: "a controlled trial, which tested the intervention, not its mechanism",
    StudyDesign.COHORT: "an observational cohort study",
    StudyDesign.CASE_CONTROL: "an observational case-control study",
    StudyDesign.CROSS_SECTIONAL: "a cross-sectional study",
    StudyDesign.CASE_SERIES: "a case series",
    StudyDesign.CASE_REPORT: "a case report",
    StudyDesign.META_ANALYSIS: "a meta-analysis",
    StudyDesign.SYSTEMATIC_REVIEW: "a systematic review",
}
# A review's conclusions may rest on the mechanism tests of the studies it pooled: its design alone does not
# limit what it may say about a mechanism, only its own correlational or imaging evidence does.
_REVIEWS = frozenset({StudyDesign.META_ANALYSIS, StudyDesign.SYSTEMATIC_REVIEW})
_ANALYSIS_WORDS = {"correlational": "correlational", "imaging": "imaging"}


class MechanismBeyondDesign(Rule):
    """A paper's own conclusion, or a news text, states a causal mechanism its design never tested.

    ## What it flags
    Mechanism wording ("X produces Y by enhancing Z", "reveals how X reduces Y by
    altering Z", "works through", "is mediated by") in a sentence where the document
    speaks for its own study: its abstract, its conclusions, a Discussion sentence
    summing it up or said in the authors' own voice, or a news text's report of a
    study. It fires only when the document's own design is known
    (``RuleContext.design``, read by the pipeline from the Methods, Results and
    abstract, or from the news text) and cannot show the mechanism: an observational
    study, a trial of the intervention, or evidence on the mechanism that is only
    correlational or imaging (for a meta-analysis or systematic review, only the
    latter: the studies it pooled may have tested the mechanism), and no mediation
    analysis or manipulation of the pathway is reported anywhere in the study's own
    text.

    ## Why it matters
    A randomized trial shows that the intervention works; grey matter that changes with
    it, or scans that differ after it, show what goes with the effect, not what makes it.
    Stating the pathway as the cause ("by enhancing plasticity") is the exaggeration
    that press releases and then the literature repeat (Sumner et al. 2014): readers take
    the mechanism as shown.

    ## Example
    ```
    # Methods

    Forty adults were randomized to exercise or a waiting list; serum BDNF was measured before and after.

    # Results

    Mood improved with exercise, and the change was correlated with the rise in serum BDNF.

    # Conclusion

    Exercise improves mood by increasing BDNF.
    ```
    Use instead:
    ```
    # Methods

    Forty adults were randomized to exercise or a waiting list; serum BDNF was measured before and after.

    # Results

    Mood improved with exercise, and the change was correlated with the rise in serum BDNF.

    # Conclusion

    Exercise improved mood, and the improvement was accompanied by a rise in BDNF.
    ```

    ## Known problems
    Any mediation or manipulation cue in the study's own text (a knockout, an
    antagonist, a lesion, "mediation analysis") counts as a test of the mechanism, even
    when it tested another pathway: the rule then stays silent (precision first). A
    design that is not stated in words the cue lexicon knows leaves the rule silent.
    Sentences that carry a citation are OVR002's business, and a hedged mechanism ("may
    act by", "could reduce … by") is not flagged; a reporting frame ("This study suggests
    that X produces Y by Z") does not hedge the mechanism it reports, and is flagged.
    Methods, Results, captions and aim statements ("we tested whether") are skipped.

    ## Options
    None; the cue lists are `references/lexicons/study_design_cues.txt` and
    `own_analysis_cues.txt`.

    ## References
    Sumner P, Vivian-Griffiths S, Boivin J, et al. (2014), "The association between
    exaggeration in health related science news and academic press releases", BMJ 349:g7015;
    Baron RM, Kenny DA (1986), "The moderator-mediator variable distinction", J Pers Soc
    Psychol 51: 1173-1182; Yu B, Li Y, Wang J (2019), "Detecting causal language use in
    science findings", EMNLP-IJCNLP.
    """

    code = "OVR007"
    name = "mechanism-beyond-design"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    since = "0.2.0"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        design = ctx.design
        if design.genre is Genre.OTHER or design.mechanism_tested or not _limits(design):
            return
        for claim in ctx.claims:
            if not self._speaks_for_study(ctx, claim):
                continue
            view = ctx.view(claim)
            for mech in mechanisms(view.text):
                if mech.hedge is not None or _AIM.search(view.text, 0, mech.verb.start):
                    continue
                yield self._finding(ctx, claim, view, mech, design)
                break

    def _speaks_for_study(self, ctx: RuleContext, claim: Claim) -> bool:
        """An uncited check-worthy sentence where the document states its own study's claims."""
        if not claim.checkworthy or claim.markers or claim.continues or ctx.links_by_claim.get(claim.id):
            return False
        if ctx.design.genre is Genre.NEWS:
            return bool(_ATTRIBUTED.search(claim.text))
        structure = parts(ctx)
        start = claim.span.start
        if structure.describes_procedure(start):
            return False
        role = roles(ctx).get(start)
        if role == CONCLUSIONS:
            return True
        # An unlabelled abstract opens with what was known; its own claims say so ("we show", "our data").
        return role in (ABSTRACT, DISCUSSION) and bool(
            _SUMMARY_OPENER.match(claim.text) or structure.says_own_work(claim.text)
        )

    def _finding(
        self, ctx: RuleContext, claim: Claim, view: SentenceView, mech: Mechanism, design: DocumentDesign
    ) -> Finding:
        start, end = view.original_range(mech.verb.start, mech.means_end)
        verb = view.quote(mech.verb.start, mech.verb.end)
        connector = view.quote(mech.connector.start, mech.connector.end) if mech.connector else ""
        means = view.quote(mech.means_start, mech.means_end).strip()
        stated = f"'{verb} … {connector} {means}'" if connector else f"'{verb} {means}'"
        evidence = [
            Trigger(kind="cue", text=verb, span=view.span(mech.verb.start, mech.verb.end), detail="causal verb"),
            Trigger(
                kind="cue",
                text=view.quote(mech.connector.start if mech.connector else mech.means_start, mech.means_end),
                span=view.span(mech.connector.start if mech.connector else mech.means_start, mech.means_end),
                detail="means phrase: how the effect is said to come about",
            ),
            *(_design_trigger(cue) for cue in design.cues),
        ]
        how = f"possibly {connector} {means}" if connector else f"possibly through {means}"
        return self.finding(
            ctx,
            start=start,
            end=end,
            message=f"{stated} states a mechanism, but {_what_the_design_shows(design)}; "
            "no mediation analysis or manipulation of the mechanism is reported.",
            claim_id=claim.id,
            evidence=evidence,
            suggestion=f"state what was observed and hedge the mechanism ('… {how}', 'was accompanied by'), "
            "or report a test of it (a mediation analysis, a manipulation of the pathway)",
            confidence=Confidence.MEDIUM,
        )


def _limits(design: DocumentDesign) -> bool:
    """The design is known and cannot test a mechanism by itself."""
    own_design = design.design in _DESIGN_WORDS and design.design not in _REVIEWS
    return own_design or any(a in _ANALYSIS_WORDS for a in design.analyses)


def _what_the_design_shows(design: DocumentDesign) -> str:
    """'the study is a randomized trial (…; 'randomized', Methods), and its link to the mechanism is
    correlational ('spatial correlations', Methods)'."""
    who = "the study this news text reports" if design.genre is Genre.NEWS else "the study"
    pieces: list[str] = []
    design_cue = next((c for c in design.cues if c.kind == "design"), None)
    if design.design in _DESIGN_WORDS:
        where = f" ('{_flat(design_cue.text)}', {design_cue.part})" if design_cue else ""
        pieces.append(f"{who} is {_DESIGN_WORDS[design.design]}{where}")
    observed = [c for c in design.cues if c.kind == "analysis" and c.label in _ANALYSIS_WORDS]
    if observed:
        said = " and ".join(f"{c.label} ('{_flat(c.text)}', {c.part})" for c in observed)
        lead = "its evidence on the mechanism is" if pieces else f"the evidence that {who} has on the mechanism is"
        pieces.append(f"{lead} {said}")
    return ", and ".join(pieces)


def _design_trigger(cue: DesignCue) -> Trigger:
    return Trigger(kind="design", text=cue.text, span=cue.span, detail=f"{cue.kind}={cue.label}, read in {cue.part}")


def _flat(text: str) -> str:
    return " ".join(text.split())
