"""Evidence assessment of reference entries: design, level, species, sample size, peer review.

``assess(reference)`` returns a copy of the entry with ``source_type`` refined
and ``evidence`` filled, every conclusion carrying an ``EvidenceReason`` that
names the field and words that decided it. Trust order (DESIGN.md, "Evidence
levels"): an explicit ``evidence_level`` field, then publication types (PubMed,
CSL, BibTeX entry type), keywords and note, then the title, then the abstract,
then venue and URL, then the weak title shapes of reviews and opinion pieces
and named trials (``title_shape``). A review venue ("Cochrane Database Syst
Rev", "Nat Rev Neurosci") also overrides a primary design named in the title
or abstract, which there is the topic reviewed (``venue``). Levels follow the CEBM-like ladder: 1 systematic review or
meta-analysis (and evidence-based guidelines), 2 RCT, 3 non-randomized
controlled or cohort (a retrospective cohort is 4), 4 case-control,
cross-sectional, case series (pilot, open-label single arm, chart review),
5 case report, narrative review, expert opinion and consensus statements;
animal and in-vitro work is ``preclinical``; web pages and news are
``non_scholarly``. With no cue the level stays ``unknown`` and the reasons say
so: nothing is guessed. Protocols stay ``unknown`` (a plan, not a result).
Retraction notices printed in the entry ("RETRACTED:", "Retraction in:",
"Expression of concern in:", "Erratum in:") or a PubMed "Retracted
Publication" type set the retraction status; a status already set by
``references.retractions.apply`` is kept.
"""

from __future__ import annotations

import re

from references.evidence.design import DesignResult, design_from_abstract, design_from_text
from references.evidence.sample_size import extract_sample_size
from references.evidence.source_type import SourceResult, infer_source, type_conclusions
from references.evidence.species import species_from_text
from references.evidence.title_shape import design_from_title_shape, named_trial
from references.evidence.venue import REVIEW_VENUE_DESIGNS, bare_topic_review, design_from_venue
from references.models import (
    EvidenceAssessment,
    EvidenceLevel,
    EvidenceReason,
    Reference,
    RetractionStatus,
    SourceType,
    Species,
    StudyDesign,
)

__all__ = ["assess", "level_for"]

_LEVEL_OF = {
    StudyDesign.META_ANALYSIS: EvidenceLevel.L1,
    StudyDesign.SYSTEMATIC_REVIEW: EvidenceLevel.L1,
    StudyDesign.GUIDELINE: EvidenceLevel.L1,
    StudyDesign.RCT: EvidenceLevel.L2,
    StudyDesign.NON_RANDOMIZED_CONTROLLED: EvidenceLevel.L3,
    StudyDesign.COHORT: EvidenceLevel.L3,
    StudyDesign.CASE_CONTROL: EvidenceLevel.L4,
    StudyDesign.CROSS_SECTIONAL: EvidenceLevel.L4,
    StudyDesign.CASE_SERIES: EvidenceLevel.L4,
    StudyDesign.CASE_REPORT: EvidenceLevel.L5,
    StudyDesign.NARRATIVE_REVIEW: EvidenceLevel.L5,
    StudyDesign.EXPERT_OPINION: EvidenceLevel.L5,
    StudyDesign.ANIMAL_STUDY: EvidenceLevel.PRECLINICAL,
    StudyDesign.IN_VITRO: EvidenceLevel.PRECLINICAL,
    StudyDesign.WEB_PAGE: EvidenceLevel.NON_SCHOLARLY,
    StudyDesign.NEWS: EvidenceLevel.NON_SCHOLARLY,
    StudyDesign.UNKNOWN: EvidenceLevel.UNKNOWN,
}
_PRIMARY = {
    StudyDesign.RCT,
    StudyDesign.NON_RANDOMIZED_CONTROLLED,
    StudyDesign.COHORT,
    StudyDesign.CASE_CONTROL,
    StudyDesign.CROSS_SECTIONAL,
    StudyDesign.CASE_SERIES,
    StudyDesign.CASE_REPORT,
}
# Title shapes are weak; an opinion shape or a bare topic is the weakest (see title_shape).
_SHAPE_CONFIDENCE = {"opinion": 0.4, "bare topic": 0.4}
_EXPLICIT_LEVEL = re.compile(r"^\s*(?:level\s*)?(?:(?P<n>[1-5])[a-c]?|(?P<roman>v|iv|iii|ii|i)[a-c]?)\s*$", re.I)
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
# Notices printed in the entry itself: Elsevier's "RETRACTED:" and Springer's "RETRACTED ARTICLE:" title
# prefixes, PubMed's "Retraction in:", "Expression of concern in:", "Erratum in:" comment lines.
_NOTICE_IN_ENTRY = (
    (
        re.compile(
            r"(?:^|[\s.\]])retracted(?:\s+article)?\s*:|\[retracted\b|\bretraction\s+in\s*:|\bretracted\s+in\s*:", re.I
        ),
        RetractionStatus.RETRACTED,
    ),
    (re.compile(r"\bexpression\s+of\s+concern\s+in\s*:", re.I), RetractionStatus.EXPRESSION_OF_CONCERN),
    (re.compile(r"\b(?:erratum|correction|corrigendum)\s+in\s*:", re.I), RetractionStatus.CORRECTION),
)


def level_for(design: StudyDesign, *, retrospective: bool = False, consensus: bool = False) -> EvidenceLevel:
    """The level of a design: a retrospective cohort is 4, a consensus statement 5."""
    if design is StudyDesign.COHORT and retrospective:
        return EvidenceLevel.L4
    if design is StudyDesign.GUIDELINE and consensus:
        return EvidenceLevel.L5
    return _LEVEL_OF[design]


def _explicit_level(ref: Reference) -> tuple[EvidenceLevel | None, DesignResult]:
    """An ``evidence_level`` field: a level ("2", "level 1b", "III") or a design name ("RCT")."""
    value = ref.extra.get("evidence_level") or ref.extra.get("evidence-level") or ""
    if not value.strip():
        return None, DesignResult()
    m = _EXPLICIT_LEVEL.match(value)
    if m:
        return EvidenceLevel(m.group("n") or _ROMAN[m.group("roman").lower()]), DesignResult()
    return None, design_from_text(value, "bibtex:evidence_level")


def _metadata_design(ref: Reference) -> tuple[DesignResult, list[EvidenceReason], Species, bool]:
    """Design from publication types, then keywords and note; plus species tags and a retraction type."""
    result = DesignResult()
    hint: list[EvidenceReason] = []
    species = Species.UNKNOWN
    retracted = False
    rank = (
        "meta_analysis",
        "systematic_review",
        "guideline",
        "consensus",
        "rct",
        "non_randomized_controlled",
        "cohort",
        "case_report",
        "narrative_review",
        "expert_opinion",
    )
    best: tuple[int, str, str] | None = None
    for name, key, value in type_conclusions(ref):
        if key == "design" and value in rank:
            cand = (rank.index(value), value, name)
            best = cand if best is None or cand < best else best
        elif key == "hint":
            hint.append(
                EvidenceReason(
                    field="publication_type",
                    cue=name,
                    conclusion="design=non_randomized_controlled (trial, randomization not stated)",
                )
            )
        elif key == "species" and species is Species.UNKNOWN:
            species = Species(value)
        elif key == "retraction":
            retracted = True
    if best is not None:
        _, label, name = best
        design = StudyDesign.GUIDELINE if label == "consensus" else StudyDesign(label)
        result = DesignResult(design=design, label=label)
        result.reasons.append(EvidenceReason(field="publication_type", cue=name, conclusion=f"design={design.value}"))
        return result, hint, species, retracted
    for field_name, text in (("keywords", "; ".join(ref.keywords)), ("bibtex:note", ref.extra.get("note", ""))):
        if text:
            found = design_from_text(text, field_name)
            if found.decided:
                return found, hint, species, retracted
    return result, hint, species, retracted


def _notice_in_entry(text: str) -> tuple[RetractionStatus, str] | None:
    for pattern, status in _NOTICE_IN_ENTRY:
        m = pattern.search(text)
        if m:
            return status, m.group().strip(" .]")
    return None


def assess(reference: Reference) -> Reference:
    """A copy of ``reference`` with ``source_type`` refined and ``evidence`` filled (see module docstring)."""
    reasons: list[EvidenceReason] = []
    source: SourceResult = infer_source(reference)
    reasons += source.reasons

    explicit_level, explicit_design = _explicit_level(reference)
    meta, hint, tag_species, pub_retracted = _metadata_design(reference)
    title = reference.title or ""
    abstract = reference.abstract or ""
    confidence = 0.0
    chosen = DesignResult()
    for candidate, conf in (
        (explicit_design, 0.95),
        (meta, 0.95),
        (design_from_text(title, "title") if title else DesignResult(), 0.85),
        (design_from_abstract(abstract) if abstract else DesignResult(), 0.75),
    ):
        if candidate.decided:
            chosen, confidence = candidate, conf
            break
    if chosen is meta and meta.design is StudyDesign.NARRATIVE_REVIEW and title:
        sharper = design_from_text(title, "title")  # older PubMed records type systematic reviews as "Review"
        if sharper.design in (StudyDesign.SYSTEMATIC_REVIEW, StudyDesign.META_ANALYSIS):
            chosen = sharper
    by_venue = design_from_venue(reference.venue)
    if by_venue.design in REVIEW_VENUE_DESIGNS and chosen.design in _PRIMARY and chosen is not meta:
        named = chosen.reasons[0].cue if chosen.reasons else chosen.design.value
        by_venue.reasons.append(
            EvidenceReason(
                field="title/abstract",
                cue=named,
                conclusion="a design named in a review venue's entry is the topic reviewed",
            )
        )
        chosen, confidence = by_venue, 0.75
    if not chosen.decided and by_venue.decided:
        chosen, confidence = by_venue, 0.7
    if not chosen.decided and source.kind == "guideline":
        chosen, confidence = DesignResult(design=StudyDesign.GUIDELINE, label="guideline"), 0.8
    trial_notes: list[EvidenceReason] = []
    scholarly = source.source_type not in (SourceType.WEB_PAGE, SourceType.NEWS)
    if not chosen.decided and title and scholarly:
        names_people = species_from_text(title, "title")[0] is Species.HUMAN
        shaped = design_from_title_shape(
            title, topic_venue=bare_topic_review(reference.venue), names_people=names_people
        )
        if shaped.decided:
            chosen, confidence = shaped, _SHAPE_CONFIDENCE.get(shaped.shape or "", 0.6)
            if shaped.design is StudyDesign.EXPERT_OPINION:
                confidence = _SHAPE_CONFIDENCE["opinion"]
        else:
            others = [
                ("abstract", abstract),
                ("keywords", "; ".join(reference.keywords)),
                ("bibtex:note", reference.extra.get("note", "")),
                ("raw", reference.raw),
            ]
            trial, trial_notes = named_trial(title, others)
            if trial.decided:
                chosen, confidence = trial, 0.7
    design = chosen.design
    reasons += chosen.reasons + trial_notes
    if not chosen.decided and hint:
        design, confidence = StudyDesign.NON_RANDOMIZED_CONTROLLED, 0.5
        reasons += hint

    species, why = species_from_text(title, "title") if title else (Species.UNKNOWN, [])
    if chosen.shape == "single person" and species is not Species.HUMAN:
        species, why = (
            Species.HUMAN,
            [EvidenceReason(field="title", cue=chosen.reasons[0].cue, conclusion="species=human (one person)")],
        )
    if species is Species.UNKNOWN and tag_species is not Species.UNKNOWN:
        species, why = (
            tag_species,
            [
                EvidenceReason(
                    field="publication_type", cue=tag_species.value, conclusion=f"species={tag_species.value}"
                )
            ],
        )
    if species is Species.UNKNOWN and reference.keywords:
        species, why = species_from_text("; ".join(reference.keywords), "keywords")
    if species is Species.UNKNOWN and abstract:
        species, why = species_from_text(abstract, "abstract")
    if species is Species.UNKNOWN and design in _PRIMARY:
        species, why = (
            Species.HUMAN,
            [EvidenceReason(field="design", cue=design.value, conclusion="species=human (clinical design)")],
        )
    reasons += why

    overridable = design in _PRIMARY or design is StudyDesign.UNKNOWN or chosen.shape is not None
    if species in (Species.ANIMAL, Species.IN_VITRO) and overridable and not chosen.settled_unknown:
        design = StudyDesign.ANIMAL_STUDY if species is Species.ANIMAL else StudyDesign.IN_VITRO
        confidence = max(confidence, 0.8)
        reasons.append(EvidenceReason(field="species", cue=species.value, conclusion=f"design={design.value}"))

    non_scholarly = source.source_type in (SourceType.WEB_PAGE, SourceType.NEWS)
    if non_scholarly:
        design = StudyDesign.NEWS if source.source_type is SourceType.NEWS else StudyDesign.WEB_PAGE
        confidence = max(confidence, 0.9)
    level = level_for(design, retrospective=chosen.retrospective, consensus=chosen.label == "consensus")
    if species in (Species.ANIMAL, Species.IN_VITRO) and not non_scholarly:
        level = EvidenceLevel.PRECLINICAL
    if explicit_level is not None:
        level, confidence = explicit_level, 0.95
        reasons.append(
            EvidenceReason(
                field="bibtex:evidence_level",
                cue=reference.extra.get("evidence_level", ""),
                conclusion=f"level={level.value}",
            )
        )
    if level is EvidenceLevel.UNKNOWN and not chosen.settled_unknown:
        reasons.append(
            EvidenceReason(field="title/abstract", cue="", conclusion="level=unknown (no design cue in the metadata)")
        )

    sample = None
    for field_name, text in (("abstract", abstract), ("title", title)):
        found = extract_sample_size(text) if text else None
        if found:
            sample = found[0]
            reasons.append(EvidenceReason(field=field_name, cue=found[1], conclusion=f"sample_size={found[0]}"))
            break

    previous = reference.evidence
    retraction, retracted, retraction_source = previous.retraction, previous.retracted, previous.retraction_source
    if pub_retracted and retraction is RetractionStatus.NONE:
        retraction, retracted, retraction_source = RetractionStatus.RETRACTED, True, "PubMed publication type"
        reasons.append(EvidenceReason(field="publication_type", cue="Retracted Publication", conclusion="retracted"))
    if retraction is RetractionStatus.NONE:
        for field_name, text in (
            ("title", title),
            ("raw", reference.raw),
            ("bibtex:note", reference.extra.get("note", "")),
        ):
            notice = _notice_in_entry(text)
            if notice:
                retraction, cue = notice
                retracted, retraction_source = retraction is RetractionStatus.RETRACTED, "notice in the reference entry"
                reasons.append(EvidenceReason(field=field_name, cue=cue, conclusion=f"retraction={retraction.value}"))
                break

    evidence = EvidenceAssessment(
        design=design,
        level=level,
        species=species,
        sample_size=sample,
        peer_reviewed=source.peer_reviewed,
        guideline=design is StudyDesign.GUIDELINE,
        retracted=retracted,
        retraction=retraction,
        retraction_source=retraction_source,
        confidence=confidence if level is not EvidenceLevel.UNKNOWN else 0.0,
        reasons=[*(r for r in previous.reasons if r.field == "retraction_list"), *reasons],
    )
    return reference.model_copy(update={"source_type": source.source_type, "evidence": evidence})
