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

Reporting guidelines: a title that offers reporting items, a reporting
guideline or an EQUATOR statement ("the PRISMA statement", "CONSORT 2010
statement") is a guideline whatever designs it names, since those are what
it is for ("preferred reporting items for systematic reviews and
meta-analyses" is not a meta-analysis), unless it studies reporting itself
("adherence to the CONSORT statement": meta-research, read as usual). A tool
for assessing studies ("a tool for assessing risk of bias in randomised
trials") names designs as its topic: the design stays ``unknown``.

Protocols: a title or abstract announcing a protocol ("study protocol",
"protocol for a randomized trial", "rationale and design") describes a plan,
not a result, so the design is left ``unknown`` and the reason says
"protocol". In an abstract, a systematic-review or meta-analysis cue counts
only with a synthesis cue beside it (databases searched, pooled, PRISMA),
because trial abstracts often mention earlier meta-analyses.
"""

from __future__ import annotations

import re
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
    topic_only: bool = False
    shape: str | None = None
    reasons: list[EvidenceReason] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        """A design was found, or the text settled that none can be (a protocol, a tool about designs)."""
        return self.design is not StudyDesign.UNKNOWN or self.protocol or self.topic_only

    @property
    def settled_unknown(self) -> bool:
        return self.protocol or self.topic_only


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
        result.reasons.append(
            EvidenceReason(field=field_name, cue=cue.text, conclusion="design=unknown (protocol, no results)")
        )
        return result
    if "instrument" in by_label:
        cue = by_label["instrument"]
        result.topic_only = True
        result.reasons.append(
            EvidenceReason(
                field=field_name, cue=cue.text, conclusion="design=unknown (a tool; the designs it names are its topic)"
            )
        )
        return result
    if "reporting" in by_label and "meta_research" not in by_label:
        cue = by_label["reporting"]
        result.design, result.label = StudyDesign.GUIDELINE, "guideline"
        result.reasons.append(
            EvidenceReason(
                field=field_name,
                cue=cue.text,
                conclusion="design=guideline (reporting guideline; the designs it names are what it is for)",
            )
        )
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
        found = by_label.get(label)
        if found is not None:
            result.design = _DESIGN_OF[label]
            result.label = label
            result.reasons.append(
                EvidenceReason(field=field_name, cue=found.text, conclusion=f"design={result.design.value}")
            )
            if label == "cohort" and result.retrospective:
                result.reasons.append(
                    EvidenceReason(field=field_name, cue=by_label["retrospective"].text, conclusion="retrospective")
                )
            return result
    return result


_LEXICONS = ("study_design_cues.txt", "named_cohorts.txt")
# What must follow a reporting guideline's acronym: an optional suffix or year, then the kind of document.
_REPORTING_NAME_FOLLOW = re.compile(
    r"(?:[-\s][A-Za-z]{1,6})?(?:\s+\d{4})?\)?\s*(?:statement|extension|checklist|guidelines?|explanation)\b",
    re.IGNORECASE,
)


def _reporting_names(cues: list[Cue], text: str) -> list[Cue]:
    """Keep an EQUATOR acronym only as a ``reporting`` cue: in capitals, followed by "statement" etc."""
    out = []
    for cue in cues:
        if cue.label not in ("reporting_name", "synthesis"):
            out.append(cue)
        elif cue.label == "synthesis" and not (cue.text.isupper() and _REPORTING_NAME_FOLLOW.match(text, cue.end)):
            out.append(cue)  # "PRISMA" is also a synthesis cue; as a statement's name it is a reporting guideline
        elif sum(c.isupper() for c in cue.text) >= 2 and _REPORTING_NAME_FOLLOW.match(text, cue.end):
            out.append(Cue("reporting", cue.text, cue.start, cue.end))
    return out


def design_from_text(text: str, field_name: str) -> DesignResult:
    """Design cues of a title, keyword list or note (``field_name`` "title", "keywords", ...)."""
    return design_from_cues(_reporting_names(matcher(*_LEXICONS).find(text, in_title=True), text), field_name)


def design_from_abstract(text: str) -> DesignResult:
    """Design cues of an abstract, with title-only cues off and review cues needing synthesis cues."""
    cues = [c for c in matcher(*_LEXICONS).find(text, in_title=False) if c.label != "reporting_name"]
    return design_from_cues(cues, "abstract", abstract=True)
