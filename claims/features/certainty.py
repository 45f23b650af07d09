"""Certainty of a sentence: hedged, neutral, strong or absolute.

Decided by cue words (``claims/lexicons/hedges.txt``, ``boosters.txt``,
``absolutes.txt``) with negation scope (``negations.txt``): a booster or
absolute inside a negation's clause is not asserted, so "no evidence that X
proves Y" is not strong, and "not always" or "not all patients" hedges.  A
hedge outranks a booster ("clearly suggests" is hedged); an asserted absolute
outranks a booster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claims.features import lexicon
from claims.features.cues import Match, scan, to_cue
from claims.models import Certainty, Cue
from claims.spans import SentenceView

__all__ = ["ExtraCues", "certainty", "certainty_matches"]

# An approximator right before an absolute turns it into a hedge ("almost always").
# Searched in the ``_APPROXIMATOR_WINDOW`` characters before the absolute, not from the sentence's
# start: a search from 0 for each absolute was quadratic in a long sentence of absolutes.
_APPROXIMATOR = re.compile(r"\b(?:almost|nearly|virtually|practically|near)\s+$", re.IGNORECASE)
_APPROXIMATOR_WINDOW = 40

_KINDS = {"hedges": "hedge", "boosters": "booster", "absolutes": "absolute", "negations": "negation"}


@dataclass(frozen=True)
class ExtraCues:
    """The configuration's own cue words (``extend-hedges``, ``extend-boosters``, ``extend-absolutes``),
    added to the shipped lexicons. A configured word outranks a shipped entry of the same length at the
    same place: the user said what it means in their field."""

    hedges: tuple[str, ...] = ()
    boosters: tuple[str, ...] = ()
    absolutes: tuple[str, ...] = ()

    def kinds(self) -> dict[str, str]:
        """Lexicon name -> cue kind, configured words first (``scan`` lets the first listed win a tie)."""
        own = {
            lexicon.define(words): kind
            for words, kind in ((self.hedges, "hedge"), (self.boosters, "booster"), (self.absolutes, "absolute"))
            if words
        }
        return {**own, **_KINDS}


NO_EXTRA_CUES = ExtraCues()


def certainty_matches(text: str, extra: ExtraCues = NO_EXTRA_CUES) -> list[Match]:
    """Every hedge, booster, absolute and negation match in ``text`` (scope applied)."""
    return scan(text, _kinds(extra))


@cache
def _kinds(extra: ExtraCues) -> dict[str, str]:
    return extra.kinds()


def certainty(view: SentenceView, extra: ExtraCues = NO_EXTRA_CUES) -> tuple[Certainty, list[Cue]]:
    """The sentence's certainty and the cues that decided it.

    Returned cues: asserted hedges, boosters and absolutes; negated absolutes
    as ``hedge`` (they now limit the claim), and so are absolutes after an
    approximator ("almost always"); and each negation that scoped a
    booster or absolute, as ``negation``.  Negated boosters are left out: they
    are not asserted. ``extra``: the configuration's own cue words.
    """
    matches = certainty_matches(view.text, extra)
    decided: list[tuple[Match, str]] = []
    scoped_any = False
    for m in matches:
        if m.kind == "negation":
            continue
        if m.kind == "absolute" and _APPROXIMATOR.search(view.text, max(0, m.start - _APPROXIMATOR_WINDOW), m.start):
            decided.append((m, "hedge"))  # "almost always", "nearly all patients": an approximation
            continue
        if m.negated and m.kind in ("booster", "absolute"):
            scoped_any = True
            if m.kind == "absolute":
                decided.append((m, "hedge"))
            continue
        decided.append((m, m.kind))
    if scoped_any:
        decided.extend((m, "negation") for m in matches if m.kind == "negation")
    decided.sort(key=lambda pair: pair[0].start)
    kinds = {kind for _, kind in decided}
    if "hedge" in kinds:
        level = Certainty.HEDGED
    elif "absolute" in kinds:
        level = Certainty.ABSOLUTE
    elif "booster" in kinds:
        level = Certainty.STRONG
    else:
        level = Certainty.NEUTRAL
    return level, [to_cue(view, m, kind) for m, kind in decided]
