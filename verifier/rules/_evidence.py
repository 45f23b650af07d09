"""Shared helpers for rules that weigh the cited evidence.

Levels 1..5 rank as numbers (1 strongest); ``preclinical`` and
``non_scholarly`` sit outside the ladder and ``unknown`` is never guessed:
rules that need a level stay silent (or say so at info level) when any cited
work's level is unknown.
"""

from __future__ import annotations

from references.models import EvidenceLevel, Reference
from references.plain_words import design_words, level_words, reason_words, species_words
from verifier.models import Trigger

LADDER = {EvidenceLevel.L1: 1, EvidenceLevel.L2: 2, EvidenceLevel.L3: 3, EvidenceLevel.L4: 4, EvidenceLevel.L5: 5}


def rank(ref: Reference) -> int | None:
    """1..5 for works on the ladder; None for preclinical, non-scholarly and unknown."""
    return LADDER.get(ref.evidence.level)


def is_known(ref: Reference) -> bool:
    return ref.evidence.level is not EvidenceLevel.UNKNOWN


def reference_trigger(ref: Reference) -> Trigger:
    """A finding's evidence item naming a cited work, its level and why it has that level."""
    ev = ref.evidence
    why = "; ".join(f"{reason_words(r.field)}: '{r.cue}' -> {reason_words(r.conclusion)}" for r in ev.reasons[:4])
    label = f"[{ref.key}] {ref.title or ' '.join(ref.raw.split())[:100]}"
    return Trigger(
        kind="reference",
        text=label,
        span=ref.span,
        reference_key=ref.key,
        evidence_level=ev.level.value,
        detail=f"{design_words(ev.design)}, {species_words(ev.species)}" + (f"; {why}" if why else ""),
    )


def describe_levels(refs: list[Reference]) -> str:
    """'[71] preclinical (animal study), [72] level 2 (randomized controlled trial)' for messages."""
    return ", ".join(f"[{r.key}] {level_words(r.evidence.level)} ({design_words(r.evidence.design)})" for r in refs)
