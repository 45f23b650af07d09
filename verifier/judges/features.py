"""What the built-in judge reads in a claim and the source passages closest to it.

Each feature is something a linguist would check by hand when comparing a citing sentence with
the cited text, read with the project's own readers so that the judge and the rules agree:

* **alignment**: how much of the claim's weighted vocabulary the best passages share
  (``verifier.source_match.SourceIndex``), Jaccard and character overlap (rapidfuzz), and the
  named entities (gene names, acronyms, drugs) of the claim the passages never mention;
* **direction and negation**: opposed propositions about the same subject and outcome
  (``claims.propositions``), opposed or negated sentence directions (``claims.direction``);
* **antonyms**: WordNet antonym pairs across the two sentences (``claims.antonyms``);
* **quantities**: a number of the claim the source reports with another value, or with the same one
  (``claims.quantities``);
* **hedging and strength**: the source hedges what the claim asserts (``claims.features.certainty``),
  the claim states a stronger relation than the source (``claims.features.strength``);
* **population**: the claim is about people, the source about animals or cells.

``read_pair`` returns the values in the order of ``FEATURES`` (the model file stores the names and
is refused when they differ) with a readable reason for each cue that fired.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from claims.abbreviations import Abbreviations
from claims.antonyms import antonym_pairs
from claims.direction import direction
from claims.features.certainty import certainty
from claims.features.population import population
from claims.features.strength import claim_strength
from claims.models import Certainty, Direction, Population
from claims.propositions import stems
from claims.quantities import find_quantities
from claims.spans import SentenceView
from verifier.source_match import COMPARABLE, Disagreement, Match
from verifier.source_match import judge as read_disagreements

__all__ = ["FEATURES", "PairReading", "read_document", "read_pair"]

FEATURES: tuple[str, ...] = (
    "coverage",
    "coverage_second",
    "coverage_all",
    "jaccard",
    "passage_covered",
    "char_token_set",
    "char_partial",
    "entities_missing",
    "claim_has_entities",
    "proposition_conflict",
    "sentence_opposite",
    "sentence_effect_vs_none",
    "sentence_same",
    "negation_mismatch",
    "antonyms",
    "number_mismatch",
    "number_shared",
    "claim_has_number",
    "source_hedged",
    "claim_hedged",
    "hedge_dropped",
    "certainty_gap",
    "strength_gap",
    "population_mismatch",
    "claim_words",
    "passage_words",
)

_LEVEL = {Certainty.HEDGED: 0, Certainty.NEUTRAL: 1, Certainty.STRONG: 2, Certainty.ABSOLUTE: 3}
# Gene, protein and drug names, acronyms: a capital after the first letter, or a digit ("miR-211", "p53", "AMPK").
_ENTITY = re.compile(r"(?<![\w-])(?=[\w-]*(?:[A-Z]|\d))[A-Za-z][\w-]*[A-Z\d][\w-]*")
_SPLIT_ENTITY = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class PairReading:
    """A claim read against one passage: its feature values, readable reasons, and the rule-level
    disagreements (direction / hedge / number) that CON002, OVR006 and CON003 report."""

    match: Match
    values: dict[str, float]
    reasons: tuple[str, ...]
    disagreements: tuple[Disagreement, ...]


def _entities(text: str) -> set[str]:
    return {_SPLIT_ENTITY.sub("", m.group().lower()) for m in _ENTITY.finditer(text)} - {""}


def read_pair(claim: SentenceView, match: Match, abbreviations: Abbreviations) -> PairReading:
    """Features of the claim against one passage (``match.sentence``), independent of the others."""
    src = SentenceView.of(match.sentence)
    values: dict[str, float] = dict.fromkeys(FEATURES, 0.0)
    reasons: list[str] = []
    found = tuple(read_disagreements(claim, match.sentence, abbreviations, match.score))
    a, b = stems(claim.text, abbreviations), stems(match.sentence, abbreviations)
    values["coverage"] = match.score
    values["jaccard"] = len(a & b) / len(a | b) if a | b else 0.0
    values["passage_covered"] = len(a & b) / len(b) if b else 0.0
    values["char_token_set"] = fuzz.token_set_ratio(claim.text, match.sentence) / 100
    values["char_partial"] = fuzz.partial_ratio(claim.text.lower(), match.sentence.lower()) / 100

    for d in found:
        if d.kind == "direction" and d.strong:
            values["proposition_conflict"] = 1.0
            reasons.append(d.detail)
        elif d.kind == "number":
            values["number_mismatch"] = 1.0
            reasons.append(d.detail)
    d_claim, neg_claim, _ = direction(claim)
    d_src, neg_src, _ = direction(src)
    pair = {d_claim, d_src}
    moving = {Direction.INCREASE, Direction.DECREASE}
    if pair == moving:
        values["sentence_opposite"] = 1.0
        reasons.append(f"the claim says {d_claim.value}, the passage says {d_src.value}")
    elif Direction.NO_CHANGE in pair and pair & moving:
        values["sentence_effect_vs_none"] = 1.0
        reasons.append(f"the claim says {d_claim.value}, the passage says {d_src.value}")
    elif d_claim is d_src and d_claim is not Direction.NONE:
        values["sentence_same"] = 1.0
    values["negation_mismatch"] = float(neg_claim != neg_src)

    opposed = antonym_pairs(claim.text, match.sentence)
    values["antonyms"] = min(len(opposed), 3) / 3
    if opposed:
        reasons.append("antonyms: " + ", ".join(f"'{x}' / '{y}'" for x, y in opposed[:3]))

    mine = [q for q in find_quantities(claim) if q.kind in COMPARABLE and q.value is not None]
    theirs = {(q.kind, q.value) for q in find_quantities(src) if q.value is not None}
    values["claim_has_number"] = float(bool(mine))
    values["number_shared"] = float(any((q.kind, q.value) in theirs for q in mine))

    claim_level, _ = certainty(claim)
    source_level, _ = certainty(src)
    values["claim_hedged"] = float(claim_level is Certainty.HEDGED)
    values["source_hedged"] = float(source_level is Certainty.HEDGED)
    values["hedge_dropped"] = float(source_level is Certainty.HEDGED and claim_level is not Certainty.HEDGED)
    values["certainty_gap"] = (_LEVEL[claim_level] - _LEVEL[source_level]) / 3
    if values["hedge_dropped"]:
        reasons.append("the passage hedges, the claim does not")
    gap = claim_strength(claim)[0] - claim_strength(src)[0]
    values["strength_gap"] = gap / 3
    if gap > 0:
        reasons.append(f"the claim states a stronger relation than the passage (level {gap} higher)")

    who_claim, _ = population(claim)
    who_src, _ = population(src)
    if Population.UNSPECIFIED not in (who_claim, who_src) and who_claim is not who_src:
        values["population_mismatch"] = 1.0
        reasons.append(f"the claim is about {who_claim.value} subjects, the passage about {who_src.value}")
    values["claim_words"] = math.log1p(len(claim.text.split())) / 4
    values["passage_words"] = math.log1p(len(match.sentence.split())) / 4
    return PairReading(match, values, tuple(reasons), found)


# Cues that can decide a contradiction: the document reading takes the strongest over the passages read.
_ANY = ("proposition_conflict", "sentence_opposite", "sentence_effect_vs_none", "antonyms", "number_mismatch")


def read_document(
    claim: SentenceView, readings: list[PairReading], abbreviations: Abbreviations
) -> tuple[list[float], PairReading | None]:
    """The feature vector of a claim against its best passages (best first), and the passage that
    carries the strongest opposing cue (else the best-aligned one); ``None`` when nothing aligned."""
    if not readings:
        return [0.0] * len(FEATURES), None
    best = readings[0]
    values = dict(best.values)
    values["coverage_second"] = readings[1].match.score if len(readings) > 1 else 0.0
    for name in _ANY:
        values[name] = max(r.values[name] for r in readings)
    claim_stems = stems(claim.text, abbreviations)
    seen = set().union(*(stems(r.match.sentence, abbreviations) for r in readings))
    values["coverage_all"] = len(claim_stems & seen) / len(claim_stems) if claim_stems else 0.0
    wanted = _entities(claim.text)
    present = set().union(*(_entities(r.match.sentence) for r in readings))
    text = " ".join(r.match.sentence.lower() for r in readings)
    missing = {e for e in wanted if e not in present and e not in _SPLIT_ENTITY.sub("", text)}
    values["claim_has_entities"] = float(bool(wanted))
    values["entities_missing"] = len(missing) / len(wanted) if wanted else 0.0
    deciding = max(readings, key=lambda r: (sum(r.values[n] for n in _ANY), r.match.score))
    if sum(deciding.values[n] for n in _ANY) == 0:
        deciding = best
    return [values[name] for name in FEATURES], deciding
