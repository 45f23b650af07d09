"""What the manuscript itself says about the works it cites: in-text evidence.

An editor reads the design, species and size of a cited study from the sentences that cite it:
"its analgesic effects in rats are reversed by naltrexone [71]", "Salmon and colleagues conducted
an open label study of four patients … [39]", "… dopamine depletion in prefrontal cortex of rhesus
monkey … [13]". This stage does the same, so a level is known without a reference list, or when the
entry's title is silent.

Which sentences describe a cited work (the scope is what makes it safe):

- a sentence that cites that work and no other — a sentence citing ``[7,8]`` describes both
  together and cannot say which is which, so it describes neither;
- an uncited sentence that continues, through a back-reference opener ("These decreases …"), an
  earlier sentence citing that work alone (``claims.features.continuation``; a paragraph closed by
  a citation lends it to its earlier sentences too, but those may be context, so they do not
  describe the work);
- an uncited sentence right before a sentence that cites that work alone and opens with a
  back-reference ("A study of 10 patients showed a rise … This increase returned to baseline
  within 1 h [31]").

What is read from them: the same cue lexicons that read titles and abstracts
(``study_design_cues.txt``, ``species_cues.txt``, the sample-size grammar), plus narrated patients
("described a 55-year-old man", "reported a patient with": a case report; "in three patients": a
case series of three). Design and sample size count only in a sentence that describes research
(a study noun, or a narrating verb), so "40,000 people commit suicide every year [3]" gives [3] no
sample. Species cues that disagree between the sentences leave the species unknown, and both
reasons are kept.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from claims.features.continuation import opens_with_back_reference
from claims.models import Claim, Document, Span, UnitKind
from claims.normalize import claim_view
from claims.spans import LineIndex, SentenceView
from references.evidence import level_for
from references.evidence._lexicon import matcher
from references.evidence.design import PRIMARY_ORDER, REVIEW_ORDER, design_from_cues
from references.evidence.sample_size import extract_sample_size, words_to_int
from references.evidence.species import species_from_cues
from references.models import (
    EvidenceAssessment,
    EvidenceLevel,
    EvidenceReason,
    InTextEvidence,
    Link,
    LinkStatus,
    Reference,
    Species,
    StudyDesign,
)

__all__ = ["FIELD", "apply_in_text", "describe_cited_works"]

FIELD = "text"
"""``EvidenceReason.field`` of what the manuscript says about a cited work."""

CONFIDENCE = 0.6
"""An editor's reading of the manuscript's own words: below metadata and titles' 0.85, above shapes."""

# A sentence that describes research: a study noun, a sample noun, or a verb that narrates a study.
_RESEARCH = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|reports?|series|reviews?|meta[\s-]?analy\w+|analys[ie]s|experiments?|cohorts?|"
    r"samples?|surveys?|investigations?|patients|participants|subjects|volunteers|cases|"
    r"described|reported|observed|conducted|enrolled|recruited|randomi[sz]ed|treated)\b",
    re.IGNORECASE,
)
_NUMBER = r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# "described a 55-year-old man", "reported a patient with", "a case of a woman": one person narrated.
_ONE_PERSON = re.compile(
    r"\b(?:described|reported|presented|treated|observed)\s+(?:in\s+)?(?:a|an|one)\s+"
    r"(?:(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)[\s-]years?[\s-]old\s+)?(?:[a-z]+\s+){0,2}?"
    r"(?:man|woman|boy|girl|patient|child|infant|case)\b",
    re.IGNORECASE,
)
# "described three patients", "observed by Mc Daniel in three patients": a handful narrated.
_FEW_PATIENTS = re.compile(
    rf"\b(?:described|reported|presented|treated|observed)\b[^.;]{{0,40}}?\b(?:in\s+)?(?P<n>{_NUMBER})\s+"
    r"(?:[a-z-]+\s+){0,2}?(?:patients|cases|women|men|children)\b",
    re.IGNORECASE,
)
# "animals" names wildlife in an ecology paper as often as a laboratory model in a clinical one: in the
# manuscript's running text only a named species or model ("rats", "rhesus monkeys", "animal model") counts.
_GENERIC = frozenset({"animal", "animals"})
_CASE_SERIES_MAX = 10  # a narrated group this small, with no design named, is a case series


@dataclass
class _Reading:
    """Everything the describing sentences of one cited work said, before it is decided."""

    designs: list[tuple[StudyDesign, EvidenceReason]] = field(default_factory=list)
    species: list[tuple[Species, EvidenceReason]] = field(default_factory=list)
    sizes: list[tuple[int, EvidenceReason]] = field(default_factory=list)
    retrospective: bool = False


def describe_cited_works(doc: Document, links: Iterable[Link]) -> list[InTextEvidence]:
    """What the manuscript says about each work it cites, for the works it says something about.

    Keys are the entry's key for a linked citation and the citation as written ("13") for one that
    no entry resolves (a manuscript without its reference list)."""
    keys_of = _keys_by_claim(links)
    lines = LineIndex(doc.text)
    heading_starts = [s.span.start for s in doc.sentences if s.kind is UnitKind.HEADING]
    by_id = {c.id: c for c in doc.claims}
    describing: dict[str, list[Claim]] = defaultdict(list)
    resolved: dict[str, str | None] = {}
    for i, claim in enumerate(doc.claims):
        own = keys_of.get(claim.id)
        if own is not None:
            if len(own) == 1:
                key, ref_key = next(iter(own.items()))
                describing[key].append(claim)
                resolved[key] = ref_key
                previous = doc.claims[i - 1] if i else None
                if (
                    previous is not None
                    and previous.id not in keys_of
                    and not previous.markers
                    and previous.section == claim.section
                    and not any(previous.span.end <= h < claim.span.start for h in heading_starts)
                    and opens_with_back_reference(claim.text)
                ):
                    describing[key].append(previous)
            continue
        anchor = by_id.get(claim.continues or "")
        if anchor is None or anchor.span.start > claim.span.start:
            continue  # a paragraph closed by a citation: its earlier sentences may be context
        anchor_keys = keys_of.get(anchor.id)
        if anchor_keys is not None and len(anchor_keys) == 1:
            key, ref_key = next(iter(anchor_keys.items()))
            describing[key].append(claim)
            resolved[key] = ref_key
    out = []
    for key, claims in describing.items():
        reading = _Reading()
        seen: set[str] = set()
        for claim in sorted(claims, key=lambda c: c.span.start):
            if claim.id not in seen:
                seen.add(claim.id)
                _read(claim_view(doc.text, lines, claim), reading)
        evidence = _decide(reading)
        if evidence is not None:
            out.append(InTextEvidence(key=key, reference_key=resolved.get(key), evidence=evidence))
    return sorted(out, key=lambda d: _first_span(d.evidence))


def _keys_by_claim(links: Iterable[Link]) -> dict[str, dict[str, str | None]]:
    """claim id -> {cited key: entry key or None} over its own citations (not inherited ones)."""
    out: dict[str, dict[str, str | None]] = {}
    for link in links:
        if link.status is LinkStatus.LINKED and link.reference_key:
            out.setdefault(link.claim_id, {})[link.reference_key] = link.reference_key
        elif link.status is LinkStatus.DANGLING:
            out.setdefault(link.claim_id, {})[link.cited] = None
        elif link.status is LinkStatus.AMBIGUOUS:  # cites a work, but which one is not known
            out.setdefault(link.claim_id, {})[f"ambiguous:{link.cited}"] = None
    return out


def _reason(view: SentenceView, start: int, end: int, conclusion: str) -> EvidenceReason:
    return EvidenceReason(field=FIELD, cue=view.quote(start, end), conclusion=conclusion, span=view.span(start, end))


def _read(view: SentenceView, reading: _Reading) -> None:
    """Add one describing sentence's design, species and sample-size cues to ``reading``."""
    text = view.text
    species_cues = [c for c in matcher("species_cues.txt").find(text, in_title=False) if c.text.lower() not in _GENERIC]
    species, why = species_from_cues(species_cues, FIELD)
    if species is not Species.UNKNOWN:
        cue = next(c for c in species_cues if c.text == why[0].cue)
        reading.species.append((species, _reason(view, cue.start, cue.end, f"species={species.value}")))
    if not _RESEARCH.search(text):
        return
    design_cues = [
        c
        for c in matcher("study_design_cues.txt", "named_cohorts.txt").find(text, in_title=False)
        if c.label != "reporting_name"
    ]
    decided = design_from_cues(design_cues, FIELD)
    if decided.design is not StudyDesign.UNKNOWN:
        cue = next(c for c in design_cues if c.text == decided.reasons[0].cue)
        reading.designs.append((decided.design, _reason(view, cue.start, cue.end, f"design={decided.design.value}")))
        reading.retrospective |= decided.retrospective
    one = _ONE_PERSON.search(text)
    few = _FEW_PATIENTS.search(text)
    if one:
        reading.designs.append(
            (StudyDesign.CASE_REPORT, _reason(view, one.start(), one.end(), "design=case_report (one patient)"))
        )
        reading.sizes.append((1, _reason(view, one.start(), one.end(), "sample_size=1")))
    elif few and (n := _count(few.group("n"))) is not None and n <= _CASE_SERIES_MAX:
        conclusion = f"design=case_series ({n} patients narrated)"
        reading.designs.append((StudyDesign.CASE_SERIES, _reason(view, few.start(), few.end(), conclusion)))
    sample = extract_sample_size(text)
    if sample is not None:
        n, words = sample
        at = text.find(words)
        if at >= 0:
            reading.sizes.append((n, _reason(view, at, at + len(words), f"sample_size={n}")))


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else words_to_int(word)


def _decide(reading: _Reading) -> EvidenceAssessment | None:
    """One assessment from the readings: a review design beats a primary one (as in titles), the
    sentences' species must agree, the largest stated sample is the study's."""
    reasons: list[EvidenceReason] = []
    design = StudyDesign.UNKNOWN
    if reading.designs:
        order = _DESIGN_ORDER
        design, why = min(reading.designs, key=lambda d: order.index(d[0]) if d[0] in order else len(order))
        reasons.append(why)
    kinds = {s for s, _ in reading.species}
    species = Species.UNKNOWN
    if len(kinds) == 1:
        species = next(iter(kinds))
        reasons.append(reading.species[0][1])
    elif len(kinds) > 1:
        reasons += [
            r.model_copy(update={"conclusion": f"{r.conclusion} (the sentences disagree: species left unknown)"})
            for _, r in reading.species
        ]
    sample = None
    if reading.sizes:
        sample, why = max(reading.sizes, key=lambda s: s[0])
        reasons.append(why)
    if design is StudyDesign.UNKNOWN and species is Species.UNKNOWN and sample is None:
        return None
    if species in (Species.ANIMAL, Species.IN_VITRO) and design in _PRIMARY_OR_UNKNOWN:
        design = StudyDesign.ANIMAL_STUDY if species is Species.ANIMAL else StudyDesign.IN_VITRO
    level = level_for(design, retrospective=reading.retrospective)
    if species in (Species.ANIMAL, Species.IN_VITRO):
        level = EvidenceLevel.PRECLINICAL
    if species is Species.UNKNOWN and design in _CLINICAL:
        species = Species.HUMAN
    return EvidenceAssessment(
        design=design,
        level=level,
        species=species,
        sample_size=sample,
        confidence=CONFIDENCE if level is not EvidenceLevel.UNKNOWN else 0.0,
        reasons=reasons,
    )


# Reviews before primary designs, strongest first, as when a title names several (references.evidence.design).
_DESIGN_ORDER = list(
    dict.fromkeys(StudyDesign.GUIDELINE if label == "consensus" else StudyDesign(label) for label in REVIEW_ORDER)
) + [StudyDesign(label) for label in PRIMARY_ORDER]
_CLINICAL = frozenset(StudyDesign(label) for label in PRIMARY_ORDER)
_PRIMARY_OR_UNKNOWN = _CLINICAL | {StudyDesign.UNKNOWN}


def _first_span(evidence: EvidenceAssessment) -> int:
    spans: list[Span] = [r.span for r in evidence.reasons if r.span is not None]
    return min((s.start for s in spans), default=0)


# What outranks the manuscript's description of a work: an explicit level, publication types and MeSH
# tags, keywords and notes, the work's own abstract, registry records — and a cue in the work's own
# title ("a case report", "in mice"). The description is the citing author's claim about the work: an
# author who overstates also writes "in a follow-up study [8]" of a case report, and the people a
# citing sentence names are often its own subject ("Ketamine restores spines in patients [2]" citing
# a study in mice), which is what OVR001/OVR003 compare with the cited work. The description decides
# where the entry says nothing, or only a weak title shape or a venue does.
_OUTRANKING = ("bibtex:evidence_level", "publication_type", "keywords", "bibtex:note", "abstract", "csl:", "registry")


def _outranks(reason: EvidenceReason) -> bool:
    if reason.field == "title":
        return "title shape" not in reason.conclusion
    return reason.field.startswith(_OUTRANKING)


_PRECLINICAL = (Species.ANIMAL, Species.IN_VITRO)


def apply_in_text(references: list[Reference], described: list[InTextEvidence]) -> list[Reference]:
    """Each listed entry with what the manuscript says about it merged into its assessment.

    The manuscript's words decide where the entry said nothing, or only a title shape or venue
    did; where metadata, the abstract, a registry record or a cue in the title decided, they are
    kept as reasons that say they were not used.
    Disagreements are never silent: every reason the text gave is listed, with what it changed."""
    by_key = {d.reference_key: d for d in described if d.reference_key}
    return [_merged(r, by_key[r.key]) if r.key in by_key else r for r in references]


def _decided(reasons: list[EvidenceReason], what: str) -> EvidenceReason | None:
    """The reason whose field outranks the text for ``what`` ("design=" or "species="), if any."""
    return next((r for r in reasons if r.conclusion.startswith(what) and _outranks(r)), None)


def _merged(ref: Reference, described: InTextEvidence) -> Reference:
    ev, text = ref.evidence, described.evidence
    if ev.level is EvidenceLevel.NON_SCHOLARLY:
        return ref  # a web page or news item stays one whatever the text says it reports
    notes: list[EvidenceReason] = []
    design, species = ev.design, ev.species
    for what, theirs, ours in (("species=", ev.species, text.species), ("design=", ev.design, text.design)):
        mine = [r for r in text.reasons if r.conclusion.startswith(what)]
        if ours is Species.UNKNOWN or ours is StudyDesign.UNKNOWN or not mine:
            notes += mine
            continue
        holder = _decided(ev.reasons, what)
        if what == "species=" and ev.design not in _PRIMARY_OR_UNKNOWN:
            notes += [
                _noted(r, f"not used: a {ev.design.value.replace('_', ' ')} names species as its topic") for r in mine
            ]
            continue
        if holder is not None:
            notes += (
                [_noted(r, f"not used: {holder.field} says {holder.conclusion}") for r in mine]
                if ours != theirs
                else mine
            )
            continue
        if ours != theirs and theirs.value != "unknown":
            notes += [_noted(r, f"over the entry's {what}{theirs.value}") for r in mine]
        else:
            notes += mine
        if what == "species=":
            species = ours  # type: ignore[assignment]
        else:
            design = ours  # type: ignore[assignment]
    notes += [r for r in text.reasons if r.conclusion.startswith("sample_size=")]
    if design in (StudyDesign.ANIMAL_STUDY, StudyDesign.IN_VITRO) and species not in _PRECLINICAL:
        design = text.design if text.design not in (StudyDesign.ANIMAL_STUDY, StudyDesign.IN_VITRO) else design
    if species in _PRECLINICAL and design in _PRIMARY_OR_UNKNOWN:
        design = StudyDesign.ANIMAL_STUDY if species is Species.ANIMAL else StudyDesign.IN_VITRO
    explicit = next(
        (r for r in ev.reasons if r.field == "bibtex:evidence_level" and r.conclusion.startswith("level=")), None
    )
    level: EvidenceLevel = ev.level  # widened again: the narrowing above excluded NON_SCHOLARLY
    if not explicit and (design, species) != (ev.design, ev.species):
        level = (
            EvidenceLevel.PRECLINICAL
            if design in (StudyDesign.ANIMAL_STUDY, StudyDesign.IN_VITRO)
            else text.level
            if design is text.design and text.level is not EvidenceLevel.UNKNOWN
            else level_for(design)
        )
    changed = (design, species, level) != (ev.design, ev.species, ev.level)
    evidence = ev.model_copy(
        update={
            "design": design,
            "species": species,
            "level": level,
            "sample_size": ev.sample_size if ev.sample_size is not None else text.sample_size,
            "confidence": max(ev.confidence, CONFIDENCE)
            if changed and level is not EvidenceLevel.UNKNOWN
            else ev.confidence,
            "reasons": [*ev.reasons, *notes],
        }
    )
    return ref.model_copy(update={"evidence": evidence})


def _noted(reason: EvidenceReason, note: str) -> EvidenceReason:
    return reason.model_copy(update={"conclusion": f"{reason.conclusion} ({note})"})
