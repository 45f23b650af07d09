"""All features of one sentence at once, as a ``ClaimFeatures``.

Fills certainty, causality and population with their cues; direction,
negation and quantities are filled by their own stages.
"""

from __future__ import annotations

from claims.features.causality import causality
from claims.features.certainty import NO_EXTRA_CUES, ExtraCues, certainty
from claims.features.population import population
from claims.models import ClaimFeatures
from claims.spans import SentenceView

__all__ = ["describe"]


def describe(view: SentenceView, extra: ExtraCues = NO_EXTRA_CUES) -> ClaimFeatures:
    """``ClaimFeatures`` with certainty, causality, population and their cues in text order;
    ``extra``: the configuration's own certainty cue words."""
    level, certainty_cues = certainty(view, extra)
    strength, causal_cues = causality(view)
    who, population_cues = population(view)
    cues = sorted(certainty_cues + causal_cues + population_cues, key=lambda c: (c.span.start, c.span.end, c.kind))
    return ClaimFeatures(certainty=level, causality=strength, population=who, cues=cues)
