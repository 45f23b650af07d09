"""CIT001 dangling-citation."""

from __future__ import annotations

from collections.abc import Iterator

from references.linking import YEAR_MISMATCH_NOTE
from references.models import Link, LinkStatus
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules.base import Rule, RuleContext, Scope


class DanglingCitation(Rule):
    """A citation marker cites a number or key that no reference entry has.

    ## What it flags
    Each marker with a cited number or key that resolves to no entry of the
    reference list (or the given .bib/CSL-JSON/RIS file), and each author–year
    citation that fits more than one entry equally well (the finding lists the
    candidates). When a document has citation markers but no reference list
    was found and none was given, one info finding says so instead.

    ## Why it matters
    A reader cannot find the work behind a dangling citation, and a reviewer
    cannot check the claim it is meant to support.

    ## Example
    ```
    Ketamine has rapid antidepressant effects [1, 3].

    References
    1. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. 2000;47(4):351-354.
    2. Zarate CA, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
    ```
    Use instead:
    ```
    Ketamine has rapid antidepressant effects [1, 2].

    References
    1. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. 2000;47(4):351-354.
    2. Zarate CA, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
    ```

    ## Known problems
    A reference list cut short when the text was copied (a paywall, a
    "show more" button) makes its later numbers dangle. When every numbered
    marker dangles and the list has no numbers, one finding says the styles
    do not match instead of one per marker. An author–year citation whose
    author matches an entry of another year is left to CIT005.

    ## Options
    None.

    ## References
    citeproc-py's two-pass citation registry (`cite(citation, warn)` callback for unknown keys).
    """

    code = "CIT001"
    name = "dangling-citation"
    default_severity = Severity.ERROR
    scope = Scope.DOCUMENT

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if not ctx.references:
            keyed = [(claim.id, marker) for claim in ctx.claims for marker in claim.markers if marker.cites]
            if not keyed:
                return
            _, marker = min(keyed, key=lambda item: item[1].span.start)
            yield self.finding(  # about the document, not a claim: it colours no sentence
                ctx,
                start=marker.span.start,
                end=marker.span.end,
                message=f"{len(keyed)} citation markers, but no reference list was found or given: citations cannot be checked",
                suggestion="include the reference list, or pass the bibliography file with --refs",
                severity=Severity.INFO,
                confidence=Confidence.HIGH,
            )
            return
        problems = [
            lk
            for lk in ctx.links
            if lk.status is LinkStatus.AMBIGUOUS
            or (lk.status is LinkStatus.DANGLING and not (lk.note or "").startswith(YEAR_MISMATCH_NOTE))
        ]
        numeric = [lk for lk in ctx.links if lk.cited[:1].isdigit()]
        unnumbered_list = not any(r.number is not None or r.key.isdigit() for r in ctx.references)
        if len(numeric) >= 2 and unnumbered_list and all(lk.status is LinkStatus.DANGLING for lk in numeric):
            first = numeric[0]
            yield self.finding(
                ctx,
                start=first.marker_span.start,
                end=first.marker_span.end,
                message=f"numbered citations ({len(numeric)} cited numbers) but the reference list is not numbered",
                claim_id=first.claim_id,
                suggestion="number the reference list in order of first citation",
                confidence=Confidence.MEDIUM,
            )
            problems = [lk for lk in problems if lk not in numeric]
        by_marker: dict[tuple[str, int], list[Link]] = {}
        for lk in problems:
            by_marker.setdefault((lk.claim_id, lk.marker_span.start), []).append(lk)
        for group in by_marker.values():
            yield self._marker_finding(ctx, group)

    def _marker_finding(self, ctx: RuleContext, group: list[Link]) -> Finding:
        first = group[0]
        dangling = [lk.cited for lk in group if lk.status is LinkStatus.DANGLING]
        ambiguous = [lk for lk in group if lk.status is LinkStatus.AMBIGUOUS]
        parts = []
        if dangling:
            parts.append(f"cites {', '.join(repr(c) for c in dangling)}, which no reference entry has")
        for lk in ambiguous:
            parts.append(f"'{lk.cited}' fits more than one entry ({', '.join(lk.candidates)})")
        evidence = [
            Trigger(kind="reference", text=lk.cited, reference_key=key, detail="candidate")
            for lk in ambiguous
            for key in lk.candidates
        ]
        return self.finding(
            ctx,
            start=first.marker_span.start,
            end=first.marker_span.end,
            message=f"'{first.marker_text}' " + "; ".join(parts),
            claim_id=first.claim_id,
            reference_keys=[k for lk in ambiguous for k in lk.candidates],
            evidence=evidence,
            suggestion=(
                "add a/b suffixes to the years to tell the entries apart"
                if ambiguous and not dangling
                else "add the missing entry to the reference list or correct the citation"
            ),
            severity=Severity.WARNING if ambiguous and not dangling else None,
            confidence=Confidence.HIGH if dangling else Confidence.MEDIUM,
        )
