"""Shared helpers for rules that weigh the cited evidence.

Levels 1..5 rank as numbers (1 strongest); ``preclinical`` and
``non_scholarly`` sit outside the ladder and ``unknown`` is never guessed:
rules that need a level stay silent (or say so at info level) when any cited
work's level is unknown.
"""

from __future__ import annotations

from references.evidence.in_text import FIELD as IN_TEXT
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
    entry = ref.title or " ".join(ref.raw.split())[:100] or "(no reference entry; as the manuscript describes it)"
    label = f"[{ref.key}] {entry}"
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


def description_triggers(refs: list[Reference]) -> list[Trigger]:
    """The manuscript's own words about the cited works ("in rats", "a study of 10 patients"), each
    pointing at where they stand, so a finding shows what the text itself said."""
    return [
        Trigger(kind="description", text=r.cue, span=r.span, reference_key=ref.key, detail=r.conclusion)
        for ref in refs
        for r in ref.evidence.reasons
        if r.field == IN_TEXT and r.span is not None
    ]


def described_as(refs: list[Reference]) -> str:
    """' The manuscript describes [13] in its own words: 'rhesus' (line 170) -> species=animal.' or ''."""
    parts = [
        f"[{ref.key}] '{' '.join(r.cue.split())}' (line {r.span.line}) -> {reason_words(r.conclusion.split(' (')[0])}"
        for ref in refs
        for r in ref.evidence.reasons
        if r.field == IN_TEXT and r.span is not None
    ]
    return f" The manuscript describes the cited work in its own words: {'; '.join(parts[:4])}." if parts else ""
