"""Study design from the words of a title, an abstract, keywords or a note.

Cues come from ``lexicons/study_design_cues.txt``. When one text holds cues
for several designs, a *review* cue (meta-analysis, systematic review,
guideline, narrative review, opinion) beats a primary-study cue, because a
review names the studies it reviews ("a systematic review of randomized
trials" is a review). Among primary designs the stronger design wins
("a pilot randomized trial" is an RCT); in an abstract the first primary
cue wins instead, since the methods sentence comes before the discussion of
what future studies should do. Guards are lexicon entries too:
"non-randomized" is its own, longer cue, so it never counts as "randomized";
"Mendelian randomization", "peer review" and "adherence to guidelines" are
neutral, and so is "randomized trials are needed". In an abstract that states
randomization, trial traits ("open-label", "pilot", "phase 2", "controlled
trial") do not outvote it. Named observational cohorts ("Framingham", "UK
Biobank") come from ``lexicons/named_cohorts.txt``.

Protocols: a title or abstract announcing a protocol ("study protocol",
"protocol for a randomized trial", "rationale and design") describes a plan,
not a result, so the design is left ``unknown`` and the reason says
"protocol". In an abstract, a systematic-review or meta-analysis cue counts
only with a synthesis cue beside it (databases searched, pooled, PRISMA),
because trial abstracts often mention earlier meta-analyses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from references.evidence._lexicon import Cue, matcher
from references.models import EvidenceReason, StudyDesign

REVIEW_ORDER = ("meta_analysis", "systematic_review", "guideline", "consensus", "narrative_review", "expert_opinion")
PRIMARY_ORDER = (
    "rct",
    "non_randomized_controlled",
    "case_control",
    "cohort",
    "cross_sectional",
    "case_series",
    "case_report",
)
_DESIGN_OF = {label: StudyDesign(label) for label in REVIEW_ORDER + PRIMARY_ORDER if label != "consensus"}
_DESIGN_OF["consensus"] = StudyDesign.GUIDELINE


@dataclass
class DesignResult:
    """A design with the cue that decided it; ``label`` keeps "consensus" apart from "guideline"."""

    design: StudyDesign = StudyDesign.UNKNOWN
    label: str | None = None
    retrospective: bool = False
    protocol: bool = False
    reasons: list[EvidenceReason] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        return self.design is not StudyDesign.UNKNOWN or self.protocol


def _trial_trait(cue: Cue) -> bool:
    """A cue that describes how a trial ran ("open-label", "pilot", "phase 2", "controlled trial") rather than
    whether it was randomized; in an abstract that also states randomization it does not decide the design."""
    if cue.label == "case_series":
        return True
    return cue.label == "non_randomized_controlled" and "random" not in cue.text.lower()


def design_from_cues(cues: list[Cue], field_name: str, *, abstract: bool = False) -> DesignResult:
    """Pick the design that ``cues`` (from one field) support, per the module rules."""
    if abstract and any(c.label == "rct" for c in cues):
        cues = [c for c in cues if not _trial_trait(c)]
    by_label: dict[str, Cue] = {}
    for cue in cues:
        by_label.setdefault(cue.label, cue)
    result = DesignResult(retrospective="retrospective" in by_label)
    if "retrospective" in by_label:
        by_label.setdefault("cohort", by_label["retrospective"])
    if "protocol" in by_label:
        cue = by_label["protocol"]
        result.protocol = True
        result.reasons.append(EvidenceReason(field=field_name, cue=cue.text, conclusion="design=unknown (protocol, no results)"))
        return result
    if abstract and "synthesis" not in by_label:
        by_label.pop("meta_analysis", None)
        by_label.pop("systematic_review", None)
    order = list(REVIEW_ORDER)
    if abstract:  # the design sentence comes before "further prospective studies are needed"
        order += sorted((lb for lb in PRIMARY_ORDER if lb in by_label), key=lambda lb: by_label[lb].start)
    else:
        order += PRIMARY_ORDER
    for label in order:
        cue = by_label.get(label)
        if cue is not None:
            result.design = _DESIGN_OF[label]
            result.label = label
            result.reasons.append(EvidenceReason(field=field_name, cue=cue.text, conclusion=f"design={result.design.value}"))
            if label == "cohort" and result.retrospective:
                result.reasons.append(
                    EvidenceReason(field=field_name, cue=by_label["retrospective"].text, conclusion="retrospective")
                )
            return result
    return result


_LEXICONS = ("study_design_cues.txt", "named_cohorts.txt")


def design_from_text(text: str, field_name: str) -> DesignResult:
    """Design cues of a title, keyword list or note (``field_name`` "title", "keywords", ...)."""
    return design_from_cues(matcher(*_LEXICONS).find(text, in_title=True), field_name)


def design_from_abstract(text: str) -> DesignResult:
    """Design cues of an abstract, with title-only cues off and review cues needing synthesis cues."""
    cues = matcher(*_LEXICONS).find(text, in_title=False)
    return design_from_cues(cues, "abstract", abstract=True)
