"""CIT007 mixed-citation-style."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from claims.models import CitationMarker, Claim, MarkerStyle
from verifier.models import Confidence, Finding, Severity
from verifier.rules.base import Rule, RuleContext, Scope

_NUMERIC = frozenset({MarkerStyle.NUMERIC_BRACKET, MarkerStyle.NUMERIC_PAREN, MarkerStyle.SUPERSCRIPT})
_LABELS = {
    MarkerStyle.NUMERIC_BRACKET: "[1]",
    MarkerStyle.NUMERIC_PAREN: "(1)",
    MarkerStyle.SUPERSCRIPT: "superscript ¹",
    MarkerStyle.AUTHOR_YEAR: "author–year",
    MarkerStyle.LATEX: "\\cite{}",
    MarkerStyle.PANDOC: "[@key]",
}


class MixedCitationStyle(Rule):
    """More than one citation-marker style in one document.

    ## What it flags
    A document that cites mostly in one style ([74]) and sometimes in
    another ((74), superscripts, author–year): one finding per minority
    style, at its first marker, with the counts. An author–year mention in a
    sentence that also has a number ("Smith et al. (2015) [12]") is not
    counted; narrative mentions never are.

    ## Why it matters
    Journals require one style; a second style usually marks text pasted
    from another source whose citations were never re-linked.

    ## Example
    ```
    Ketamine acts within hours [1]. Its effect lasts about a week (2).

    References
    1. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. 2000;47(4):351-354.
    2. Zarate CA, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
    ```
    Use instead:
    ```
    Ketamine acts within hours [1]. Its effect lasts about a week [2].

    References
    1. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. 2000;47(4):351-354.
    2. Zarate CA, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
    ```

    ## Known problems
    A parenthesised number that is not a citation (an enumeration the marker
    detector accepted) looks like a second style; a minority style seen only
    once is reported with low confidence.

    ## Options
    None.

    ## References
    ICMJE Recommendations, "References"; APA 7 §8.10–8.11.
    """

    code = "CIT007"
    name = "mixed-citation-style"
    default_severity = Severity.INFO
    scope = Scope.DOCUMENT

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        first: dict[MarkerStyle, tuple[Claim, CitationMarker]] = {}
        counts: Counter[MarkerStyle] = Counter()
        for claim in ctx.claims:
            has_number = any(m.style in _NUMERIC for m in claim.markers)
            for marker in claim.markers:
                if marker.style not in _LABELS or not marker.keys:
                    continue
                if marker.style is MarkerStyle.AUTHOR_YEAR and has_number:
                    continue
                counts[marker.style] += 1
                if marker.style not in first or marker.span.start < first[marker.style][1].span.start:
                    first[marker.style] = (claim, marker)
        if len(counts) < 2:
            return
        (main, main_count), *others = counts.most_common()
        for style, count in others:
            claim, marker = first[style]
            yield self.finding(
                ctx,
                start=marker.span.start,
                end=marker.span.end,
                message=(
                    f"citation style {_LABELS[style]} ({count} markers) mixed with {_LABELS[main]} ({main_count} markers)"
                ),
                claim_id=claim.id,
                confidence=Confidence.MEDIUM if count >= 2 else Confidence.LOW,
                suggestion=f"write every citation as {_LABELS[main]}",
            )
