"""How strongly a sentence states a relationship, on the ordinal scale of Yu, Li and Wang (2019):
0 no relationship, 1 correlational, 2 conditional causal, 3 direct causal; and whether one sentence
states a relationship more strongly than another (press release vs the abstract it reports, Sumner
et al. 2014; Wright and Augenstein 2021).

How the level is read:

* the causal level is ``claims.features.causality`` (first explicit relation decides; a modal in the
  same clause makes a causal claim conditional);
* a **negated relation states none**: "was not associated with", "did not reduce", "had no effect
  on" report the absence of a relationship, so they score 0 (Yu et al. keep them at their verb's
  level for classification; for comparing strength, "X does not cause Y" claims no more than a
  sentence that names no relation);
* **"can" is a hedge** here: "can reduce" states a possibility, so it scores 2 like "may reduce",
  following Sumner et al. (2014), whose scale press-release comparisons use (Yu's classifier keeps
  it direct, as its guideline does);
* **no correlational floor**: a finding with no relation cue ("rates have fallen") stays 0.  Lifting
  it to 1 was measured (``benchmarks/claim_strength.py``) and helped only while negated relations
  were still scored at their verb's level;
* **other hedges do not lower the level**: only a modal governing the causal word does ("may help",
  "could lead to"); a reporting verb or hedge elsewhere ("suggests that X reduces Y") does not, which
  scored worse when tried (sentence-wide hedging in the style of Li et al. 2017).
"""

from __future__ import annotations

import re

from claims.features.causality import decide
from claims.features.cues import Match, scan, to_cue
from claims.models import Causality, Cue
from claims.spans import SentenceView

__all__ = ["claim_strength", "compare_strength", "LEVELS"]

LEVELS: dict[Causality, int] = {
    Causality.NONE: 0,
    Causality.CORRELATIONAL: 1,
    Causality.CONDITIONAL_CAUSAL: 2,
    Causality.DIRECT_CAUSAL: 3,
}

# A negation governs the relation when nothing but words (no clause break) separates them.
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]]|,\s|\s[-\u2013\u2014]\s|\b(?:that|which|but|whereas|although|though|however|while|because)\b", re.I
)
_NEGATION_REACH = 6  # words between "not"/"no" and the relation it denies ("did not significantly reduce")
# A finite verb between a negation and the relation means the negation sat in an earlier clause
# ("patients whose preferences were not met were less likely to ..."): it does not deny the relation.
_FINITE = frozenset("is are was were has have had do does did".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

# "can" (or "can be"), with at most one adverb, right before the causal word.
_CAN = re.compile(r"\bcan\s+(?:[a-z]+ly\s+)?(?:be\s+)?$", re.I)


def _negation(text: str, relation: Match) -> Match | None:
    """The negation that denies ``relation``: the nearest one before it in the same clause, within reach,
    with no finite verb between them."""
    for m in reversed(scan(text[: relation.start], {"negations": "negation"})):
        gap = text[m.end : relation.start]
        words = [w.lower() for w in _WORD.findall(gap)]
        if _CLAUSE_BREAK.search(gap) or len(words) > _NEGATION_REACH or any(w in _FINITE for w in words):
            return None
        return m
    return None


def claim_strength(view: SentenceView) -> tuple[int, list[Cue]]:
    """Strength 0..3 of the relationship the sentence states, with the cues that decided it.

    Cues: the relation (kind ``causal`` or ``correlational``) and its governing modal (kind
    ``conditional``, also for "can") as ``causality`` reports them, preceded by the negation (kind
    ``negation``) when a denied relation scored 0; none when the sentence names no relation.
    """
    text = view.text
    level, relation, modal = decide(text)
    if relation is None:
        return 0, []
    kind = "correlational" if level is Causality.CORRELATIONAL else "causal"
    cues = ([to_cue(view, modal)] if modal else []) + [to_cue(view, relation, kind)]
    negation = _negation(text, relation)
    if negation is not None:
        return 0, [to_cue(view, negation, "negation"), *cues]
    if level is Causality.DIRECT_CAUSAL:
        can = _CAN.search(text, max(0, relation.start - 30), relation.start)
        if can is not None:
            return 2, [to_cue(view, Match(can.start(), can.start() + 3, "conditional")), *cues]
    return LEVELS[level], cues


def compare_strength(a: SentenceView, b: SentenceView) -> str:
    """``"exaggerates"`` when ``a`` states the relationship more strongly than ``b``, ``"downplays"``
    when less strongly, ``"same"`` at equal strength (levels from ``claim_strength``)."""
    diff = claim_strength(a)[0] - claim_strength(b)[0]
    return "same" if diff == 0 else "exaggerates" if diff > 0 else "downplays"
