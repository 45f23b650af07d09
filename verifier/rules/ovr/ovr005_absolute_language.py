"""OVR005 absolute-language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.features.checkworthy import ArticleParts
from claims.features.lexicon import entries, matcher, trie_pattern
from claims.models import Claim, Population
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._parts import parts
from verifier.rules._quotes import inside_quotes
from verifier.rules.base import Rule, RuleContext, Scope

# Word lists are data (claims/lexicons/absolute_*.txt): outcome absolutes that promise by themselves
# ("cures", "100% safe", "guaranteed"); the other absolutes ("always", "never", "all patients", "in all
# cases") quantify whatever the sentence says and overstate only a claim about an effect: a word of
# efficacy or safety ("TMS always works"), or a word of gain only when the sentence names people
# ("patients always benefit"; "will invariably benefit from open code" speaks of anything at all).
_OUTCOME_ABSOLUTES = "absolute_outcomes"
_EFFECT_WORDS = "absolute_effect_words"
_GAIN_WORDS = "absolute_gain_words"
# Quantifiers over people carry their own population ("all patients respond", "no one recovers").
_PEOPLE_QUANTIFIER = re.compile(
    r"all\s+(?:patients|people|subjects)|every\s*(?:one|patient)|no\s*(?:one|body|patients?)", re.IGNORECASE
)
# Absolutes that quantify over cases or people ("in every case", "all patients"): the effect they overstate
# may come before or after them; an adverb ("always", "never") overstates the verb or adjective that follows.
_NOMINAL = re.compile(r"(?:in\s+)?(?:all|every|no)\s*\w*|everyone|nobody|without\s+exception", re.IGNORECASE)
_NEAR_AFTER_ADVERB = 2
_NEAR_NOMINAL = 5
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\u2014]")
# Outcome verbs that are mechanisms as often as promises ("apoptosis eliminates infected cells", "this
# design eliminates recall bias"): in a research article they promise an effect only about people.
_MECHANISM_OUTCOMES = "absolute_mechanism_outcomes"
# A possibility or a purpose, not a promise: "can be cured", "a way to treat and cure", "to guarantee privacy".
_POSSIBILITY = re.compile(r"(?<![\w-])(?:can|could|may|might|would|to)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# Words right before the cue that keep it from being asserted: a hedge ("may never"), the writer's
# distance ("the supposed miracle cures", "so-called cure": claims/lexicons/absolute_distance.txt), a
# denominator ("9% of all cases"), a noun in a list ("outcomes (cure, failure, relapse)").
_NOT_ASSERTED = re.compile(
    rf"(?:(?<![\w-])(?:(?:{trie_pattern(entries('absolute_distance'))})\s+(?:[\w-]+\s+)?|(?:may|might|could|of)\s+)|\(\s*)$",
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
    flagged only when attached to an effect in its own clause: an adverb to
    the word of efficacy or safety right after it ("rTMS always relieves
    depression", "is never proven safe"), a quantifier over cases or people to one
    on either side ("TMS works in every case"). Words of gain and causal or
    direction verbs count only in a claim about people ("patients always
    benefit", "always reduces symptoms in adults"), so "Ketamine always
    reduces depression" (no population named) is missed; "will invariably
    benefit from open code", "always room to improve", "invariably tied to
    effective use", "have never analyzed
    how X affects Y" are not flagged. An absolute after a hedge, a word of
    distance or "of" ("may never", "the supposed miracle cures", "9% of all
    cases") is not asserted; "which is always positive",
    "Analyses were performed in all patients" describe, they do not promise.
    In a research article "eliminates"/"eradicates" are flagged only in a
    claim about people: "apoptosis eliminates infected cells" and "this
    design eliminates recall bias" describe a mechanism.
    An outcome word is not flagged as a possibility or purpose ("can be
    cured", "to guarantee privacy"). Methods, Results, captions, peer-review
    letters and the authors' statements about their own work ("In all cases,
    we optimized ...") are skipped; quoted text is skipped. Add your field's
    absolutes with `extend-absolutes = ["unfailingly"]` in the configuration;
    silence a word you use on purpose with an in-document suppression.

    ## Options
    None; the cue lexicon is `claims/lexicons/absolutes.txt`, the word lists the rule weighs them
    with are `claims/lexicons/absolute_*.txt`.

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
                if (
                    cue.kind != "absolute"
                    or inside_quotes(claim.text, local)
                    or not _overstates(claim, cue.text, local, structure.research_article)
                ):
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
    return structure.describes_procedure(claim.span.start) or structure.says_own_work(claim.text) is not None


def _overstates(claim: Claim, cue: str, local: int, research_article: bool) -> bool:
    """An absolute asserted (not "may never", "the supposed miracle", "of all cases"): an outcome
    absolute that is not a possibility or purpose ("can be cured", "to guarantee") and, for
    "eliminates"/"eradicates" in a research article, is said of people; or a quantifier attached
    to an effect in its own clause ("always relieves", "works in every case"): a word of efficacy
    or safety, or a word of gain, a causal or a direction cue when the claim is about people."""
    if _NOT_ASSERTED.search(claim.text, max(0, local - 40), local):
        return False
    human = claim.features.population is Population.HUMAN or _PEOPLE_QUANTIFIER.fullmatch(cue) is not None
    if matcher(_OUTCOME_ABSOLUTES).fullmatch(cue):
        if research_article and matcher(_MECHANISM_OUTCOMES).fullmatch(cue) and not human:
            return False
        return not _POSSIBILITY.search(claim.text, max(0, local - 60), local)
    effects = [(m.start(), m.end()) for m in matcher(_EFFECT_WORDS).finditer(claim.text)]
    if human:
        effects += [(m.start(), m.end()) for m in matcher(_GAIN_WORDS).finditer(claim.text)]
        effects += [
            (c.span.start - claim.span.start, c.span.end - claim.span.start)
            for c in claim.features.cues
            if c.kind in ("causal", "increase", "decrease")
        ]
    end = local + len(cue)
    nominal = _NOMINAL.fullmatch(cue) is not None
    return any(_attached(claim.text, local, end, start, stop, nominal) for start, stop in effects)


def _attached(text: str, cue_start: int, cue_end: int, start: int, stop: int, nominal: bool) -> bool:
    """The effect word at ``start:stop`` lies in the absolute's clause, right after an adverb (at most
    one word between: "is always safe", "never proven safe") or on either side of a quantifier over cases or people (within five)."""
    if start >= cue_end:
        between, limit = text[cue_end:start], (_NEAR_NOMINAL if nominal else _NEAR_AFTER_ADVERB)
    elif nominal and stop <= cue_start:
        between, limit = text[stop:cue_start], _NEAR_NOMINAL
    else:
        return False
    return not _CLAUSE_BREAK.search(between) and len(between.split()) < limit
