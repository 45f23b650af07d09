"""OVR005 absolute-language."""

from __future__ import annotations

from collections.abc import Iterator

from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._quotes import inside_quotes
from verifier.rules.base import Rule, RuleContext, Scope


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
    Definitional uses ("all participants gave written consent") are common in
    methods sections and may be flagged; quoted text is skipped. Extend or
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
        for claim in ctx.claims:
            if not claim.checkworthy:
                continue
            for cue in claim.features.cues:
                if cue.kind != "absolute" or inside_quotes(claim.text, cue.span.start - claim.span.start):
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
