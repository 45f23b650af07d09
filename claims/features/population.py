"""Population a claim is about: human, animal, in vitro, or unspecified.

Cue lists are data (``claims/lexicons/species_human.txt``,
``species_animal.txt``, ``in_vitro.txt``).  The first population named in the
sentence wins, so "in mice, X reduced anxiety, unlike in patients" is animal;
cues inside a negation scope still count (a claim "not tested in humans" is
still about humans as a population). A human word that only modifies the animal
or cell noun after it ("pregnant animals", "newborn lambs", "a human cell line")
does not name the population: the noun does.
"""

from __future__ import annotations

import re

from claims.features.cues import Match, scan, to_cue
from claims.models import Cue, Population
from claims.spans import SentenceView

__all__ = ["population"]

_KINDS = {
    "in_vitro": Population.IN_VITRO.value,
    "species_animal": Population.ANIMAL.value,
    "species_human": Population.HUMAN.value,
}


def population(view: SentenceView) -> tuple[Population, list[Cue]]:
    """The population first named in the sentence and every population cue (kind ``species``)."""
    matches = scan(view.text, _KINDS)
    if not matches:
        return Population.UNSPECIFIED, []
    deciding = next(
        (m for i, m in enumerate(matches) if not _modifies_next(view.text, m, matches[i + 1 : i + 2])), matches[0]
    )
    return Population(deciding.kind), [to_cue(view, m, "species") for m in matches]


_SAME_PHRASE = re.compile(r"[\s\w-]{0,30}")  # up to a few words, no punctuation: one noun phrase
_FUNCTION_WORDS = frozenset("and or but in of than vs versus with to from for at on by not nor as like unlike".split())


def _modifies_next(text: str, match: Match, following: list[Match]) -> bool:
    """A human cue followed in the same noun phrase by an animal or cell cue ("pregnant animals")."""
    if match.kind != Population.HUMAN.value or not following or following[0].kind == Population.HUMAN.value:
        return False
    between = _SAME_PHRASE.fullmatch(text, match.end, following[0].start)
    words = text[match.end : following[0].start].lower().split()
    return between is not None and len(words) <= 3 and not _FUNCTION_WORDS.intersection(words)
