"""Continuations: an uncited sentence that goes on about the study cited just before it.

"Nobler and colleagues reported that ECT reduced glucose metabolism [28].
These decreases were widespread..." - the second sentence is supported by the
first one's citation.  A claim without markers continues the nearest cited
claim before it when (a) it opens with a back-reference ("These", "The study",
"In addition", ``claims/lexicons/continuation_openers.txt``), (b) every claim
between them is itself such a continuation (a chain of at most
``max_chain`` sentences), (c) they share a section and no heading lies
between them.

A paragraph whose citation comes only at its end ("93 patients received
rTMS … The study results indicated that rTMS relieved headaches [56]", or a
web article's "(4)" after the last sentence) cites it for every sentence of
the paragraph: an uncited claim followed, in the same paragraph and within
``max_chain`` sentences, by the cited claim that ends the paragraph is linked
to that claim too.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from claims.features.lexicon import matcher
from claims.models import Claim, Document, UnitKind

__all__ = ["PARAGRAPH_BREAK", "find_continuations", "opens_with_back_reference", "same_paragraph"]

_LEAD = re.compile(r"[\W_]*")
# A blank line in plain text or Markdown; a PARAGRAPH SEPARATOR (U+2029), which the markup loaders
# (JATS, HTML, LaTeX) write at every block boundary while their source line breaks are soft.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\xa0]*\r?\n|\u2029")


def same_paragraph(text: str, end: int, start: int) -> bool:
    """No paragraph break in ``text[end:start]`` (between one sentence's end and the next one's start)."""
    return PARAGRAPH_BREAK.search(text, end, start) is None


# "The effect of ECT on depression was studied in …" introduces a new referent through its
# of-complement; "The results of this study …" and "The authors of the study …" still point back.
_NEW_REFERENT = re.compile(r"\s+of\s+(?!(?:this|that|these|those|the|their|its|such)\b)", re.IGNORECASE)


def opens_with_back_reference(text: str) -> bool:
    """The sentence opens with a back-reference ("These", "The study", "In addition") that is not
    the head of a new noun phrase ("The effect of ECT on pain …")."""
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    m = matcher("continuation_openers").match(text, start)
    if m is None:
        return False
    opener = text[start : m.end()].lower()
    return not (opener.startswith("the ") and _NEW_REFERENT.match(text, m.end()))


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
            and opens_with_back_reference(claim.text)
        ):
            out[claim.id] = anchor.id
            chain += 1
        else:
            anchor = None
    _cover_by_paragraph_citation(doc, out, max_chain, heading_starts)
    return out


def _cover_by_paragraph_citation(doc: Document, out: dict[str, str], max_chain: int, heading_starts: list[int]) -> None:
    """Link uncited claims to the cited claim that closes their paragraph (walks backwards)."""
    claims = doc.claims
    closer: Claim | None = None
    gap = 0
    for i in range(len(claims) - 1, -1, -1):
        claim = claims[i]
        if claim.markers:
            ends_paragraph = i + 1 == len(claims) or bool(
                PARAGRAPH_BREAK.search(doc.text, claim.span.end, claims[i + 1].span.start)
            )
            closer, gap = (claim if ends_paragraph else None), 0
            continue
        if closer is None:
            continue
        following = claims[i + 1]
        between = doc.text[claim.span.end : following.span.start]
        if (
            PARAGRAPH_BREAK.search(between)
            or gap >= max_chain
            or claim.section != closer.section
            or _heading_between(heading_starts, claim.span.end, closer.span.start)
        ):
            closer = None
            continue
        gap += 1
        out.setdefault(claim.id, closer.id)


def _heading_between(starts: list[int], lo: int, hi: int) -> bool:
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi
