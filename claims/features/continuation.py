"""Continuations: an uncited sentence that goes on about the study cited just before it.

"Nobler and colleagues reported that ECT reduced glucose metabolism [28].
These decreases were widespread..." - the second sentence is supported by the
first one's citation.  A claim without markers continues the nearest cited
claim before it when (a) it opens with a back-reference ("These", "The study",
"In addition", ``claims/lexicons/continuation_openers.txt``), (b) every claim
between them is itself such a continuation (a chain of at most
``max_chain`` sentences), (c) they share a section and no heading lies
between them.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from claims.features.lexicon import matcher
from claims.models import Claim, Document, UnitKind

__all__ = ["find_continuations"]

_LEAD = re.compile(r"[\W_]*")


def _opens_with_back_reference(text: str) -> bool:
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    m = matcher("continuation_openers").match(text, start)
    return m is not None


def find_continuations(doc: Document, *, max_chain: int = 3) -> dict[str, str]:
    """Map claim id -> id of the cited claim it continues, for claims without markers.

    ``max_chain`` (default 3) bounds how many uncited sentences in a row can
    lean on one citation.
    """
    heading_starts = sorted(s.span.start for s in doc.sentences if s.kind is UnitKind.HEADING)
    out: dict[str, str] = {}
    anchor: Claim | None = None
    chain = 0
    for claim in doc.claims:
        if claim.markers:
            anchor, chain = claim, 0
            continue
        if (
            anchor is not None
            and chain < max_chain
            and claim.section == anchor.section
            and not _heading_between(heading_starts, anchor.span.end, claim.span.start)
            and _opens_with_back_reference(claim.text)
        ):
            out[claim.id] = anchor.id
            chain += 1
        else:
            anchor = None
    return out


def _heading_between(starts: list[int], lo: int, hi: int) -> bool:
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi
