"""Matching a claim to the sentences of a cited source, and judging whether the source agrees.

Matching is lexical: each sentence becomes its content-word stems
(``claims.propositions.stems``, with the abbreviations both texts define),
weighted by inverse sentence frequency within the source, so a shared rare
word ("hypofrontalism", "ketamine") counts for more than a shared common one.
No model is downloaded; the cost is linear in the source's length.

``judge`` compares a claim with one source sentence using the same readings
the rules use: propositions and their directions (``claims.propositions``),
hedges (``claims.features.certainty``) and numbers (``claims.quantities``).
It returns every disagreement it finds, each with its kind: ``direction``
(opposed finding), ``hedge`` (the source hedges, the claim does not) and
``number`` (a quantity of the claim absent from a source that reports the
same kind of quantity).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claims.abbreviations import Abbreviations
from claims.direction import direction
from claims.features.certainty import NO_EXTRA_CUES, ExtraCues, certainty
from claims.models import Certainty, Direction, Quantity
from claims.normalize import normalize
from claims.propositions import conflict, outcome_overlap, propositions, stems
from claims.quantities import find_quantities
from claims.segment import split_sentences
from claims.spans import SentenceView
from references.plain_words import direction_words

__all__ = ["Disagreement", "Match", "SourceIndex", "best_matches", "judge", "source_sentences"]

# Quantity kinds whose values can be compared between a claim and its source.
COMPARABLE = ("percent", "n", "dose", "effect_size", "count")
MIN_CLAIM_STEMS = 3
SENTENCE_DIRECTION_OVERLAP = 0.6  # without a proposition match, the sentences must share this much


@dataclass(frozen=True)
class Match:
    """A source sentence and how much of the claim's weighted vocabulary it shares (0..1)."""

    index: int
    sentence: str
    score: float


@dataclass(frozen=True)
class Disagreement:
    """One way the claim departs from a source sentence."""

    kind: str  # direction | hedge | number
    detail: str
    strong: bool = True  # False when read at sentence level, without a subject-and-outcome match


def source_sentences(text: str) -> list[str]:
    """The sentences of a source text (abstract or full text), normalized, in order."""
    flat = normalize(text).normalized
    out: list[str] = []
    for line in flat.split("\n"):
        out.extend(line[s:e] for s, e in split_sentences(line) if e - s > 1)
    return out


class SourceIndex:
    """A source's sentences with their stems, inverse sentence frequencies and an inverted index, built
    once so that matching a claim only visits sentences that share one of its words."""

    def __init__(self, sentences: list[str], abbreviations: Abbreviations | None = None) -> None:
        self.sentences = sentences
        self.abbreviations = abbreviations or Abbreviations()
        self._postings: dict[str, list[int]] = {}
        for i, sentence in enumerate(sentences):
            for stem in stems(sentence, self.abbreviations):
                self._postings.setdefault(stem, []).append(i)
        self._n = len(sentences)

    def idf(self, stem: str) -> float:
        return math.log((self._n + 1) / (len(self._postings.get(stem, ())) + 0.5)) + 1.0

    def best(self, claim: str, k: int = 3) -> list[Match]:
        """The ``k`` sentences sharing most of the claim's weighted stems, best first. A claim with
        fewer than ``MIN_CLAIM_STEMS`` content words matches nothing: one shared acronym is not a finding."""
        claim_stems = stems(claim, self.abbreviations)
        if len(claim_stems) < MIN_CLAIM_STEMS:
            return []
        weights = {s: self.idf(s) for s in claim_stems}
        total = sum(weights.values())
        shared: dict[int, float] = {}
        for stem, w in weights.items():
            for i in self._postings.get(stem, ()):
                shared[i] = shared.get(i, 0.0) + w
        scored = [Match(i, self.sentences[i], w / total) for i, w in shared.items()]
        scored.sort(key=lambda m: (-m.score, m.index))
        return scored[:k]


def best_matches(
    claim: str, sentences: list[str], abbreviations: Abbreviations | None = None, k: int = 3
) -> list[Match]:
    """The ``k`` source sentences sharing most of the claim's weighted stems, best first."""
    return SourceIndex(sentences, abbreviations).best(claim, k)


def judge(
    claim: SentenceView,
    source: str,
    abbreviations: Abbreviations | None = None,
    overlap: float = 1.0,
    extra: ExtraCues = NO_EXTRA_CUES,
) -> list[Disagreement]:
    """How ``claim`` disagrees with the source sentence ``source`` (empty when it does not).

    ``overlap`` is the sentence match score from ``best_matches``: directions read
    at sentence level (no shared subject and outcome) count only above
    ``SENTENCE_DIRECTION_OVERLAP``. ``extra``: the configuration's own certainty words, read in
    the claim and the source alike.
    """
    abbreviations = abbreviations or Abbreviations()
    src = SentenceView.of(source)
    out: list[Disagreement] = []
    found = _direction_disagreement(claim, src, abbreviations, overlap)
    if found:
        out.append(found)
    claim_level, _ = certainty(claim, extra)
    source_level, source_cues = certainty(src, extra)
    if source_level is Certainty.HEDGED and claim_level is not Certainty.HEDGED:
        hedges = ", ".join(f"'{c.text}'" for c in source_cues if c.kind == "hedge")
        out.append(Disagreement("hedge", f"the source hedges ({hedges}); the claim states it as fact"))
    number = _number_disagreement(find_quantities(claim), find_quantities(src))
    if number:
        out.append(number)
    return out


def _direction_disagreement(
    claim: SentenceView, src: SentenceView, abbreviations: Abbreviations, overlap: float
) -> Disagreement | None:
    mine = propositions(claim, "claim", abbreviations)
    theirs = propositions(src, "source", abbreviations)
    for a in mine:
        for b in theirs:
            if a.subject == b.subject and outcome_overlap(a.outcome, b.outcome) >= 0.5:
                why = conflict(a, b)
                if why:
                    return Disagreement(
                        "direction",
                        f"{why}: the claim says {direction_words(a.direction)} in '{a.outcome_text}' for "
                        f"'{a.subject_text}', the source says {direction_words(b.direction)}",
                    )
    if overlap < SENTENCE_DIRECTION_OVERLAP:
        return None
    d_claim, _, _ = direction(claim)
    d_src, _, _ = direction(src)
    pair = {d_claim, d_src}
    if pair == {Direction.INCREASE, Direction.DECREASE} or (
        Direction.NO_CHANGE in pair and pair & {Direction.INCREASE, Direction.DECREASE}
    ):
        return Disagreement(
            "direction",
            f"the claim says {direction_words(d_claim)}, the closest source sentence says {direction_words(d_src)}",
            strong=False,
        )
    return None


def _number_disagreement(claim: list[Quantity], source: list[Quantity]) -> Disagreement | None:
    """A claim quantity whose kind (and unit) the source reports, but never with the claim's value."""
    for q in claim:
        if q.kind not in COMPARABLE or q.value is None:
            continue
        same_kind = [s for s in source if s.kind == q.kind and (s.unit or "").lower() == (q.unit or "").lower()]
        values = [s.value for s in same_kind if s.value is not None]
        if values and not any(math.isclose(q.value, v, rel_tol=0.02, abs_tol=0.051) for v in values):
            shown = ", ".join(s.text for s in same_kind[:3])
            return Disagreement("number", f"the claim reports '{q.text}'; the source reports {shown}")
    return None
