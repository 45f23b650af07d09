"""Causal strength of a claim in the four-way scheme of Yu, Li and Wang (2019),
"Detecting causal language use in science findings" (EMNLP):

* ``none`` - no relationship stated (descriptions, feasibility, aims);
* ``correlational`` - an association ("is associated with", "more likely");
* ``conditional_causal`` - a causal claim under a modal ("may reduce",
  "appears to increase", "suggests that X improves");
* ``direct_causal`` - a causal claim stated outright ("reduces", "leads to",
  "is effective").

Cues are data (``claims/lexicons/causal_direct.txt``, ``correlational.txt``,
``causal_conditional.txt``).  A causal participle used as an adjective after
an association ("associated with reduced mortality") is not a causal claim,
so a causal cue that directly follows a preposition or article is ignored.
"""

from __future__ import annotations

import re

from claims.features.cues import Match, scan, to_cue
from claims.models import Causality, Cue
from claims.spans import SentenceView

__all__ = ["causality"]

_KINDS = {
    "causal_direct": "causal",
    "correlational": "correlational",
    "causal_conditional": "conditional",
    "no_claim": "no_claim",
}

# A word before a causal cue that makes the cue an adjective or noun modifier, not a claim.
_ATTRIBUTIVE = frozenset(
    "with of a an the to in for by and or their its his her than from among on at as no any this that these those".split()
)
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\W*$")


def _attributive(text: str, m: Match) -> bool:
    word = _PREVIOUS_WORD.search(text, 0, m.start)
    if word is None:
        return False
    cue = text[m.start : m.end].lower()
    return word.group(1).lower() in _ATTRIBUTIVE and cue.endswith("ed")


def causality(view: SentenceView) -> tuple[Causality, list[Cue]]:
    """The sentence's causal strength and the cues that decided it.

    Cues returned: the causal (or correlational) cue that set the label and,
    for ``conditional_causal``, the modal before it (kind ``conditional``).
    """
    text = view.text
    matches = scan(text, _KINDS)
    if any(m.kind == "no_claim" for m in matches):
        return Causality.NONE, []
    causal = [m for m in matches if m.kind == "causal" and not _attributive(text, m)]
    correlational = [m for m in matches if m.kind == "correlational"]
    modals = [m for m in matches if m.kind == "conditional"]
    if causal and not (correlational and correlational[0].start < causal[0].start):
        first = causal[0]
        modal = [m for m in modals if m.start < first.start]
        if modal:
            return Causality.CONDITIONAL_CAUSAL, [to_cue(view, modal[-1]), to_cue(view, first)]
        return Causality.DIRECT_CAUSAL, [to_cue(view, first)]
    if correlational:
        return Causality.CORRELATIONAL, [to_cue(view, correlational[0])]
    return Causality.NONE, []
