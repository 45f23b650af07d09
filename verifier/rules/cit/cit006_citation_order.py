"""CIT006 citation-order."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from claims.models import CitationMarker, Claim
from references.linking import NUMERIC_STYLES
from verifier.models import Confidence, Finding, Severity
from verifier.rules.base import Rule, RuleContext, Scope

_NUMBER = re.compile(r"^(\d{1,4})[a-z]?$")


class Cit006Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_out_of_order_share: float = Field(default=0.3, ge=0.0, le=1.0)


class CitationOrder(Rule):
    """Numbered references whose first citations are not in order of appearance.

    ## What it flags
    In a numbered (Vancouver/AMA) document, a number cited for the first time
    after a higher number was already cited ([1], [2], [5], then [3]). When
    too many first citations are out of order, the list is numbered some
    other way (alphabetically) and one info finding says so.

    ## Why it matters
    Vancouver and AMA number references in order of first citation; numbers
    out of order mean a reference was added, moved or removed without
    renumbering, so some citations may now point at the wrong work.

    ## Example
    ```
    Ketamine acts within hours [1]. Its effect lasts about a week [3]. Repeated infusions extend it [2].

    References
    1. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. 2000;47(4):351-354.
    2. Murrough JW, Perez AM, Pillemer S, et al. Rapid and longer-term antidepressant effects of repeated ketamine infusions in treatment-resistant major depression. Biol Psychiatry. 2013;74(4):250-256.
    3. Zarate CA, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
    ```
    Use instead:
    ```
    Ketamine acts within hours [1]. Its effect lasts about a week [2]. Repeated infusions extend it [3].

    References
    1. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. 2000;47(4):351-354.
    2. Zarate CA, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
    3. Murrough JW, Perez AM, Pillemer S, et al. Rapid and longer-term antidepressant effects of repeated ketamine infusions in treatment-resistant major depression. Biol Psychiatry. 2013;74(4):250-256.
    ```

    ## Known problems
    References first cited in a table or figure legend that the text copy
    placed elsewhere appear out of order. Styles that number alphabetically
    are recognised only by their share of out-of-order numbers.

    ## Options
    - `max-out-of-order-share` (float, default 0.3): above this share of
      out-of-order first citations the list is taken as numbered another way,
      and one info finding replaces the per-marker ones.

    ## References
    ICMJE Recommendations, "References" (Vancouver: number consecutively in order of first mention); AMA Manual of Style 3.6.
    """

    code = "CIT006"
    name = "citation-order"
    default_severity = Severity.INFO
    scope = Scope.DOCUMENT
    options_model = Cit006Options

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        firsts: list[tuple[int, Claim, CitationMarker]] = []
        seen: set[int] = set()
        markers = sorted(
            ((m, c) for c in ctx.claims for m in c.markers if m.style in NUMERIC_STYLES),
            key=lambda mc: mc[0].span.start,
        )
        for marker, claim in markers:
            for key in marker.keys:
                match = _NUMBER.match(key)
                if match and int(match.group(1)) not in seen:
                    seen.add(int(match.group(1)))
                    firsts.append((int(match.group(1)), claim, marker))
        if len(firsts) < 3:
            return
        late: list[tuple[int, int, Claim, CitationMarker]] = []
        highest = 0
        for number, claim, marker in firsts:
            if number < highest:
                late.append((number, highest, claim, marker))
            highest = max(highest, number)
        if not late:
            return
        assert isinstance(self.options, Cit006Options)
        if len(late) > self.options.max_out_of_order_share * len(firsts):
            number, highest, claim, marker = late[0]
            yield self.finding(
                ctx,
                start=marker.span.start,
                end=marker.span.end,
                message=f"{len(late)} of {len(firsts)} reference numbers are first cited out of order; the list seems numbered another way",
                claim_id=claim.id,
                confidence=Confidence.LOW,
                suggestion="if the journal numbers references by first citation, renumber them",
            )
            return
        for number, highest, claim, marker in late:
            yield self.finding(
                ctx,
                start=marker.span.start,
                end=marker.span.end,
                message=f"reference {number} is first cited after reference {highest}; numbers should follow the order of first citation",
                claim_id=claim.id,
                reference_keys=[str(number)],
                confidence=Confidence.MEDIUM,
                suggestion="renumber the references in order of first citation",
            )
