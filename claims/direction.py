"""Direction of an outcome in a sentence: increase, decrease, no change, or none.

Cue words are data (``claims/lexicons/direction_*.txt``): ``increase`` and
``decrease`` cues ("reduced", "elevated", "higher"), explicit ``no_change``
cues ("unchanged"), and undirected ``change`` cues ("alters", "difference",
"associated with"). A negation close before a cue turns it into *no change*:
"did not reduce", "failed to increase", "do not show any changes", "no
significant difference" all state a null result. A bare change cue that is not
negated ("ECT alters GABA") asserts an effect without a direction and leaves the
direction at ``none``; its cue is still returned (kind ``change``) so callers
can tell an effect from silence.

Why a short negation window and not the clause-long scope used for hedges: a
null result is negated right before its verb or noun ("did not significantly
reduce"), while a clause-long scope would wrongly negate "patients who did not
respond had higher scores". Bounds such as "less than 5%" or "more than half"
are matched by ``direction_ignore.txt`` so the longest-match rule keeps their
comparatives from counting.
"""

from __future__ import annotations

import re

from claims.features.cues import Match, scan, to_cue
from claims.models import Cue, Direction
from claims.spans import SentenceView

__all__ = ["DirectionCue", "direction", "direction_cues"]

_KINDS = {
    "direction_increase": "increase",
    "direction_decrease": "decrease",
    "direction_no_change": "no_change",
    "direction_change": "change",
    "direction_ignore": "ignore",
    "negations": "negation",
}
_WINDOW = 4  # words allowed between a negation and the cue it negates
_WIDE = {
    "no evidence",
    "insufficient evidence",
    "no",
}  # "no evidence that X reduces Y", "no significant or lasting change"
_WIDE_WINDOW = 8
_WORD = re.compile(r"[\w'-]+")
_BREAK = re.compile(
    r"[;:()\[\]]|,\s|\b(?:but|whereas|although|though|however|while|yet|who|whom|whose|which|had|has|have|was|were|is|are)\b",
    re.I,
)
_NOT_ONLY = re.compile(r"not\s+only\b", re.I)
_BY_KIND = {"increase": Direction.INCREASE, "decrease": Direction.DECREASE, "no_change": Direction.NO_CHANGE}


class DirectionCue:
    """One direction cue with its local offsets, its raw kind, whether a negation governs it,
    and the direction it asserts once negation is applied (``None`` for a bare change cue)."""

    __slots__ = ("start", "end", "kind", "negation", "asserted")

    def __init__(self, start: int, end: int, kind: str, negation: Match | None) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.negation = negation
        if negation is not None:
            self.asserted: Direction | None = Direction.NO_CHANGE
        elif kind == "change":
            self.asserted = None
        else:
            self.asserted = _BY_KIND[kind]


def direction_cues(text: str) -> list[DirectionCue]:
    """Every direction cue in ``text`` in order, each with the negation that governs it (if any)."""
    matches = scan(text, _KINDS)
    out: list[DirectionCue] = []
    last_negation: Match | None = None
    for m in matches:
        if m.kind == "negation":
            if not _NOT_ONLY.match(text, m.start):
                last_negation = m
            continue
        if m.kind == "ignore":
            continue
        negation = None
        if last_negation is not None and m.kind != "no_change" and _governs(text, last_negation, m):
            negation = last_negation
        out.append(DirectionCue(m.start, m.end, m.kind, negation))
    return out


def _governs(text: str, neg: Match, cue: Match) -> bool:
    """Within the window's words and no clause break between. The words are counted first and
    the count stops past the limit, so a negation far back costs a few words, not the text
    between (which made a long sentence of cues quadratic)."""
    limit = _WIDE_WINDOW if text[neg.start : neg.end].lower() in _WIDE else _WINDOW
    for words, _ in enumerate(_WORD.finditer(text, neg.end, cue.start), start=1):
        if words > limit:
            return False
    return not _BREAK.search(text, neg.end, cue.start)


def direction(view: SentenceView) -> tuple[Direction, bool, list[Cue]]:
    """The sentence's direction, whether a negation decided it, and the cues.

    The direction is the first directed cue's (increase, decrease, or no
    change after negation); ``negated`` is True when that cue was negated.
    Cues: every direction cue (kinds ``increase``, ``decrease``, ``no_change``,
    ``change``) and each governing negation (kind ``negation``), in text order.
    """
    found = direction_cues(view.text)
    chosen = next((c for c in found if c.asserted is not None), None)
    cues: list[Cue] = []
    for c in found:
        if c.negation is not None:
            cues.append(to_cue(view, c.negation, "negation"))
        cues.append(to_cue(view, Match(c.start, c.end, c.kind), c.kind))
    cues = list({(cue.span.start, cue.kind): cue for cue in cues}.values())
    cues.sort(key=lambda cue: cue.span.start)
    if chosen is None:
        return Direction.NONE, False, cues
    return chosen.asserted, chosen.negation is not None, cues  # type: ignore[return-value]
