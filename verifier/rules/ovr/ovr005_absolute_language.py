"""OVR005 absolute-language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.features.checkworthy import ArticleParts, own_work
from claims.models import Causality, Claim, Direction
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._parts import parts
from verifier.rules._quotes import inside_quotes
from verifier.rules.base import Rule, RuleContext, Scope

# Absolutes that promise an outcome by themselves ("cures", "100% safe", "guaranteed"); the others
# ("always", "never", "all patients", "in all cases") quantify whatever the sentence says and
# overstate only a claim about an effect.
_OUTCOME_ABSOLUTE = re.compile(
    r"cur(?:e|es|ed|ing)|miracle|guarantee\w*|eliminates|eradicates|risk[- ]?free|no\s+risk|no\s+side\s+effects|"
    r"(?:100\s?%|completely|perfectly|totally|entirely)\s+(?:safe|effective)",
    re.IGNORECASE,
)
# Words of efficacy and safety that make a sentence a claim about an effect even when the causal and
# direction features see none ("TMS always works", "is never safe for children").
_EFFECT_WORDS = re.compile(
    r"(?<![\w-])(?:works?|worked|helps?|helped|effective|efficacious|safe|unsafe|harmful|succeeds?|fails?|"
    r"responds?|responded|improv\w+|relie\w+|recover\w*|heals?|healed|benefits?)(?![\w-])",
    re.IGNORECASE,
)
# A possibility or a purpose, not a promise: "can be cured", "a way to treat and cure", "to guarantee privacy".
_POSSIBILITY = re.compile(r"(?<![\w-])(?:can|could|may|might|would|to)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# Words right before the cue that keep it from being asserted: a hedge ("may never"), the writer's
# distance ("the supposed miracle cures", "so-called cure"), a denominator ("9% of all cases"), a
# noun in a list ("outcomes (cure, failure, relapse)").
_NOT_ASSERTED = re.compile(
    r"(?:(?<![\w-])(?:(?:supposed|so-called|alleged|purported|claimed)\s+(?:[\w-]+\s+)?|(?:may|might|could|of)\s+)|\(\s*)$",
    re.IGNORECASE,
)


class AbsoluteLanguage(Rule):
    """Absolute words that no study can support: always, never, all patients, cures, 100% safe.

    ## What it flags
    An asserted absolute ("always", "never", "all patients", "cures",
    "completely safe", "100% effective", "guaranteed") in a check-worthy claim.
    Negated absolutes ("not all patients respond") are hedges and are not
    flagged.

    ## Why it matters
    Clinical evidence is probabilistic: response rates, confidence intervals,
    exceptions. Absolute wording promises what no trial measured and is a
    common mark of health misinformation.

    ## Example
    ```
    TMS cures depression in all patients.
    ```
    Use instead:
    ```
    TMS relieves depression in many patients who did not respond to medication.
    ```

    ## Known problems
    A quantifier ("always", "never", "all patients", "in all cases") is
    flagged only in a claim about an effect (a causal claim, a direction of
    change, a word of efficacy or safety: "rTMS always relieves depression",
    "TMS works in every case"); an absolute after a hedge, a word of distance
    or "of" ("may never", "the supposed miracle cures", "9% of all cases") is
    not asserted; "which is always positive",
    "Analyses were performed in all patients" describe, they do not promise.
    An outcome word is not flagged as a possibility or purpose ("can be
    cured", "to guarantee privacy"). Methods, Results, captions, peer-review
    letters and the authors' statements about their own work ("In all cases,
    we optimized ...") are skipped; quoted text is skipped. Extend or
    trim the list with `extend-absolutes` in the configuration.

    ## Options
    None; the lexicon is `claims/lexicons/absolutes.txt`.

    ## References
    Hyland (2005), Metadiscourse (boosters and certainty markers); proselint's
    `hedging`/`uncomparables` checks.
    """

    code = "OVR005"
    name = "absolute-language"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        structure = parts(ctx)
        for claim in ctx.claims:
            if not claim.checkworthy or _describes_own_work(claim, structure):
                continue
            for cue in claim.features.cues:
                local = cue.span.start - claim.span.start
                if cue.kind != "absolute" or inside_quotes(claim.text, local) or not _overstates(claim, cue.text, local):
                    continue
                yield self.finding(
                    ctx,
                    start=cue.span.start,
                    end=cue.span.end,
                    message=f"Absolute wording '{cue.text}' claims more than evidence can show.",
                    claim_id=claim.id,
                    evidence=[Trigger(kind="cue", text=cue.text, span=cue.span, detail="absolute")],
                    suggestion=f"replace '{cue.text}' with a measured statement (how many, how often, in whom)",
                    confidence=Confidence.HIGH,
                )


def _describes_own_work(claim: Claim, structure: ArticleParts) -> bool:
    """Methods, Results, captions and peer-review letters describe the authors' own procedure and
    observations ("All subjects gave consent", "colonies never formed"), as do sentences that say
    so in a research article ("In all cases, we optimized ...")."""
    kind = structure.kind.get(claim.span.start)
    if kind in ("study", "correspondence") or claim.span.start in structure.captions:
        return True
    return own_work(claim.text, research_article=structure.research_article) is not None


def _overstates(claim: Claim, cue: str, local: int) -> bool:
    """An absolute asserted (not "may never", "the supposed miracle", "of all cases"): an outcome
    absolute that is not a possibility or purpose ("can be cured", "to guarantee"), or a quantifier
    over a claim about an effect (the sentence has a causal claim, a direction of change, or a
    word of efficacy or safety)."""
    if _NOT_ASSERTED.search(claim.text, max(0, local - 40), local):
        return False
    if _OUTCOME_ABSOLUTE.fullmatch(cue):
        return not _POSSIBILITY.search(claim.text, max(0, local - 60), local)
    features = claim.features
    return (
        features.causality is not Causality.NONE
        or features.direction is not Direction.NONE
        or _EFFECT_WORDS.search(claim.text) is not None
    )
