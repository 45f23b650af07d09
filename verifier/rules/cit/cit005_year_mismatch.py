"""CIT005 year-mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.models import MarkerStyle
from references.linking import YEAR_MISMATCH_NOTE
from references.models import LinkStatus
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules.base import Rule, RuleContext, Scope

# "In their 2015 trial", "a 2019 meta-analysis", "in a 2010 study": a year the sentence gives for
# the work it cites with a number.
STATED_YEAR = re.compile(
    r"\b(?:in\s+)?(?:their|his|her|a|an|the|this|that|one)\s+((?:19|20)\d\d)\s+"
    r"(?:randomi[sz]ed\s+|controlled\s+|clinical\s+|pilot\s+|follow-up\s+|cohort\s+|landmark\s+)*"
    r"(?:study|trial|paper|report|review|meta-analysis|survey|analysis|article|cohort|experiment)\b",
    re.IGNORECASE,
)
NUMBERED = (MarkerStyle.NUMERIC_BRACKET, MarkerStyle.NUMERIC_PAREN, MarkerStyle.SUPERSCRIPT)


class YearMismatch(Rule):
    """The text gives a year for a cited work that its reference entry does not have.

    ## What it flags
    An author–year citation ("Lee et al., 2021", "Lee et al. (2021)") whose
    authors match an entry of the list, but only entries of another year; and
    a sentence that cites one numbered work and dates it ("in their 2015
    trial … [7]") while entry 7 has another year.

    ## Why it matters
    A wrong year makes the work hard to find and usually means the citation
    was copied from elsewhere without checking the source.

    ## Example
    ```
    Ketamine had rapid antidepressant effects (Zarate et al., 2007).

    References
    Zarate CA, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
    ```
    Use instead:
    ```
    Ketamine had rapid antidepressant effects (Zarate et al., 2006).

    References
    Zarate CA, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
    ```

    ## Known problems
    An author with two works in the list, only one of them listed, is
    reported against the listed one; the finding names every candidate.
    Online-first versus print years (2019 online, 2020 in print) are real
    differences that are still worth aligning. For numbered citations only the
    phrase "a/the/their YEAR study|trial|review…" counts as dating the cited
    work, and only when the sentence cites exactly one entry.

    ## Options
    None.

    ## References
    APA 7 reference-citation consistency checks; Edanz/Recite citation checkers.
    """

    code = "CIT005"
    name = "year-mismatch"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    needs_references = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield from self._author_year(ctx)
        yield from self._numbered(ctx)

    def _numbered(self, ctx: RuleContext) -> Iterator[Finding]:
        for claim in ctx.claims:
            if not claim.markers or any(m.style not in NUMBERED for m in claim.markers if m.keys):
                continue
            refs = ctx.cited_references(claim, include_continuation=False)
            stated = STATED_YEAR.search(claim.text)
            ref = refs[0] if len(refs) == 1 else None
            if ref is None or stated is None or not ref.year:
                continue
            year = stated.group(1)
            if ref.year[:4] == year:
                continue
            start = claim.span.start + stated.start(1)
            yield self.finding(
                ctx,
                start=start,
                end=start + 4,
                message=f"the sentence dates the cited work {year}, but entry [{ref.key}] has {ref.year}",
                claim_id=claim.id,
                reference_keys=[ref.key],
                evidence=[
                    Trigger(kind="reference", text=f"{ref.key}: {ref.year}", reference_key=ref.key, span=ref.span)
                ],
                confidence=Confidence.MEDIUM,
                suggestion=f"use the entry's year ({ref.year[:4]}) or cite the {year} work",
                replacement=ref.year[:4],
            )

    def _author_year(self, ctx: RuleContext) -> Iterator[Finding]:
        for link in ctx.links:
            if link.status is not LinkStatus.DANGLING or not (link.note or "").startswith(YEAR_MISMATCH_NOTE):
                continue
            entries = [ctx.references_by_key[k] for k in link.candidates if k in ctx.references_by_key]
            years = ", ".join(f"'{r.key}' has {r.year or 'no year'}" for r in entries)
            yield self.finding(
                ctx,
                start=link.marker_span.start,
                end=link.marker_span.end,
                message=f"'{link.cited}': the matching reference entry gives another year ({years})",
                claim_id=link.claim_id,
                reference_keys=list(link.candidates),
                evidence=[Trigger(kind="reference", text=f"{r.key}: {r.year}", reference_key=r.key) for r in entries],
                confidence=Confidence.HIGH if len(entries) == 1 else Confidence.MEDIUM,
                suggestion=f"use the entry's year ({entries[0].year})"
                if len(entries) == 1 and entries[0].year
                else "correct the year in the text or in the entry",
            )
