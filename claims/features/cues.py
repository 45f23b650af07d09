"""Finding cue words in a sentence and deciding which of them are asserted.

Several lexicons can match overlapping text ("not clear" is a hedge, "not" a
negation, "clear" would be a booster): all matches are pooled and the longest
wins, so a phrase entry always beats the single words inside it.  A negation
opens a scope that runs to the end of its clause; booster and absolute cues
inside that scope are not asserted ("there is no evidence that X proves Y",
"this does not always work") and are reported as negated instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.features import lexicon
from claims.models import Cue
from claims.occupied import Occupied
from claims.spans import SentenceView

# A clause ends at strong punctuation or a contrastive conjunction; a negation's scope stops there.
_CLAUSE_END = re.compile(
    r"[;:()\[\]]|,\s|\s[-\u2013\u2014]\s|\b(?:but|whereas|although|though|however|while|yet)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Match:
    """One lexicon hit in ``view.text``: local offsets, lexicon kind, and whether a negation scopes it."""

    start: int
    end: int
    kind: str
    negated: bool = False


def scan(text: str, kinds: dict[str, str]) -> list[Match]:
    """Non-overlapping matches of the lexicons in ``kinds`` (lexicon name -> cue kind), longest first,
    in text order, with ``negated`` set for matches inside a negation scope.

    Include ``{"negations": "negation"}`` in ``kinds`` to get scope handling.
    """
    return list(_scan(text, tuple(kinds.items())))


@lru_cache(maxsize=4096)
def _scan(text: str, kinds: tuple[tuple[str, str], ...]) -> tuple[Match, ...]:
    """``scan``, memoized: the feature stage and the rules scan the same sentence with the same
    lexicons more than once (direction cues for the features and again for propositions)."""
    names = tuple(name for name, _ in kinds)
    # Longest first; at equal length and start the lexicon listed first in ``kinds`` wins.
    hits = sorted(lexicon.find_many(names, text), key=lambda h: (h[1] - h[2], h[1], h[0]))
    raw = [Match(s, e, kinds[i][1]) for i, s, e in hits]
    taken: list[Match] = []
    occupied = Occupied(len(text))
    for m in raw:
        if occupied.free(m.start, m.end):
            taken.append(m)
            occupied.take(m.start, m.end)
    taken.sort(key=lambda m: m.start)
    return tuple(_apply_scope(text, taken))


def _apply_scope(text: str, matches: list[Match]) -> list[Match]:
    out: list[Match] = []
    scope_end = -1
    for m in matches:
        if m.kind != "negation" and m.start < scope_end:
            m = Match(m.start, m.end, m.kind, negated=True)
        out.append(m)
        opens_scope = m.kind == "negation" or (m.kind == "absolute" and text[m.start : m.end].lower() == "never")
        if opens_scope and m.end >= scope_end:  # inside an open scope the same clause end closes it
            stop = _CLAUSE_END.search(text, m.end)
            scope_end = stop.start() if stop else len(text)
    return out


def to_cue(view: SentenceView, m: Match, kind: str | None = None) -> Cue:
    """The ``Cue`` for a match, quoted from and spanned into the original input."""
    return Cue(text=view.quote(m.start, m.end), span=view.span(m.start, m.end), kind=kind or m.kind)
