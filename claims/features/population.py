"""Population a claim is about: human, animal, in vitro, or unspecified.

Cue lists are data (``claims/lexicons/species_human.txt``,
``species_animal.txt``, ``in_vitro.txt``).  The first population named in the
sentence wins, so "in mice, X reduced anxiety, unlike in patients" is animal;
cues inside a negation scope still count (a claim "not tested in humans" is
still about humans as a population).
"""

from __future__ import annotations

from claims.features.cues import scan, to_cue
from claims.models import Cue, Population
from claims.spans import SentenceView

__all__ = ["population"]

_KINDS = {"in_vitro": Population.IN_VITRO.value, "species_animal": Population.ANIMAL.value, "species_human": Population.HUMAN.value}


def population(view: SentenceView) -> tuple[Population, list[Cue]]:
    """The population first named in the sentence and every population cue (kind ``species``)."""
    matches = scan(view.text, _KINDS)
    if not matches:
        return Population.UNSPECIFIED, []
    return Population(matches[0].kind), [to_cue(view, m, "species") for m in matches]
