"""What the evidence vocabulary is called in a sentence a reader sees.

Reports and messages once showed the JSON names (``non_scholarly (web_page)``,
``no_change``, ``booster``); an editor should read words. The JSON report keeps
the names, which other tools parse; this is the one table of their plain forms.
"""

from __future__ import annotations

from claims.models import Direction
from references.models import EvidenceLevel, Species, StudyDesign

__all__ = [
    "cue_words",
    "design_words",
    "direction_words",
    "level_value_words",
    "level_words",
    "reason_words",
    "species_words",
]

_LEVELS = {
    EvidenceLevel.PRECLINICAL: "preclinical",
    EvidenceLevel.NON_SCHOLARLY: "non-scholarly",
    EvidenceLevel.UNKNOWN: "unknown level",
}

_DESIGNS = {
    StudyDesign.RCT: "randomized controlled trial",
    StudyDesign.NON_RANDOMIZED_CONTROLLED: "non-randomized controlled study",
    StudyDesign.COHORT: "cohort study",
    StudyDesign.CASE_CONTROL: "case-control study",
    StudyDesign.CROSS_SECTIONAL: "cross-sectional study",
    StudyDesign.IN_VITRO: "in-vitro study",
    StudyDesign.UNKNOWN: "design unknown",
}

_SPECIES = {Species.IN_VITRO: "in vitro", Species.UNKNOWN: "species unknown"}

_DIRECTIONS = {Direction.NO_CHANGE: "no change", Direction.NONE: "no direction"}

# Cue and evidence kinds as findings name them (``Trigger.kind`` and ``Trigger.detail``).
_CUES = {
    "booster": "word of certainty",
    "hedge": "hedging word",
    "absolute": "absolute word",
    "negation": "negation",
    "causal": "causal word",
    "species": "population word",
    "cue": "cue word",
    "reference": "cited work",
    "sentence": "sentence",
    "source_sentence": "source sentence",
    "statistic": "statistic",
    "no_change": "no change",
}


def level_words(level: EvidenceLevel) -> str:
    """'level 2', 'preclinical', 'non-scholarly', 'unknown level'."""
    return _LEVELS.get(level, f"level {level.value}")


def level_value_words(value: str) -> str:
    """A level as findings store it (``Trigger.evidence_level``: "2", "non_scholarly") in words; an
    unknown value as written."""
    try:
        return level_words(EvidenceLevel(value))
    except ValueError:
        return value


def design_words(design: StudyDesign) -> str:
    """'randomized controlled trial', 'web page', 'case report'."""
    return _DESIGNS.get(design, design.value.replace("_", " "))


def species_words(species: Species) -> str:
    return _SPECIES.get(species, species.value.replace("_", " "))


def direction_words(direction: Direction) -> str:
    """'increase', 'decrease', 'no change'."""
    return _DIRECTIONS.get(direction, direction.value)


def cue_words(kind: str) -> str:
    """A cue or evidence kind in words ('booster' -> 'word of certainty'); unknown kinds with spaces."""
    return _CUES.get(kind, kind.replace("_", " "))


def reason_words(name: str) -> str:
    """An evidence reason's field or conclusion for people: 'source_type=web_page' -> 'source type: web page'."""
    return name.replace("_", " ").replace("=", ": ")
