"""Species studied: human, animal, in vitro, from title, abstract and keywords.

A person-level word (patients, participants, women, children) decides
"human" even when animals also appear ("in patients and in rats" is human:
the work includes people). Otherwise an in-vitro cue (cultured cells, slice
cultures, organoids) decides "in vitro" unless "in vivo" is also said, then an
animal word decides "animal", then the bare adjective "human" decides
"human" (it loses to in vitro: "human iPSC-derived neurons" are cells). The
title is read first and wins when it decides; the abstract is used only when
the title says nothing. Cues come from ``lexicons/species_cues.txt``.
"""

from __future__ import annotations

from references.evidence._lexicon import Cue, matcher
from references.models import EvidenceReason, Species


def species_from_cues(cues: list[Cue], field_name: str) -> tuple[Species, list[EvidenceReason]]:
    """The species that the cues of one field support, with the deciding cue."""
    first: dict[str, Cue] = {}
    for cue in cues:
        first.setdefault(cue.label, cue)
    if "human" in first:
        decided, cue = Species.HUMAN, first["human"]
    elif "in_vitro" in first and "in_vivo" not in first:
        decided, cue = Species.IN_VITRO, first["in_vitro"]
    elif "animal" in first:
        decided, cue = Species.ANIMAL, first["animal"]
    elif "in_vitro" in first:
        decided, cue = Species.IN_VITRO, first["in_vitro"]
    elif "human_weak" in first:
        decided, cue = Species.HUMAN, first["human_weak"]
    else:
        return Species.UNKNOWN, []
    return decided, [EvidenceReason(field=field_name, cue=cue.text, conclusion=f"species={decided.value}")]


def species_from_text(text: str, field_name: str) -> tuple[Species, list[EvidenceReason]]:
    """Species cues of one field ("title", "abstract", "keywords")."""
    return species_from_cues(matcher("species_cues.txt").find(text), field_name)
