"""What a registry record changes: designs from publication types, precedence, and both sides kept."""

from __future__ import annotations

from references.evidence import assess
from references.evidence.registry import with_records
from references.lookup.records import Notice, WorkRecord
from references.models import Author, EvidenceLevel, Reference, RetractionStatus, Species, StudyDesign

RCT = WorkRecord(
    source="pubmed",
    id="1",
    title="Budesonide in asthma",
    authors=["Stone"],
    year=2018,
    types=["Journal Article", "Randomized Controlled Trial", "Humans"],
    abstract="We randomly assigned 3849 patients to two groups.",
)


def entry(**fields: object) -> Reference:
    return assess(Reference.model_validate({"key": "1", "authors": [Author(family="Stone")], "year": "2018", **fields}))


def test_publication_type_decides_when_the_title_says_nothing():
    before = entry(title="Budesonide in asthma")
    assert before.evidence.level is EvidenceLevel.UNKNOWN
    after = with_records(before, [RCT])
    assert (after.evidence.design, after.evidence.level) == (StudyDesign.RCT, EvidenceLevel.L2)
    assert after.evidence.species is Species.HUMAN
    fields = {r.field for r in after.evidence.reasons}
    assert "registry:pubmed" in fields and "registry:pubmed:abstract" in fields
    assert after.abstract == RCT.abstract  # the abstract becomes the cited source
    assert after.evidence.sample_size == 3849


def test_registry_beats_a_title_cue_and_the_title_cue_is_kept():
    before = entry(title="A cohort study of budesonide in asthma")
    assert before.evidence.design is StudyDesign.COHORT
    after = with_records(before, [RCT])
    assert after.evidence.design is StudyDesign.RCT
    assert any("the registry record preferred" in r.conclusion and r.field == "title" for r in after.evidence.reasons)


def test_explicit_metadata_beats_the_registry_and_the_registry_is_shown():
    before = entry(title="Budesonide in asthma", publication_types=["Review"])
    after = with_records(before, [RCT])
    assert after.evidence.design is StudyDesign.NARRATIVE_REVIEW
    note = [r for r in after.evidence.reasons if "entry's own metadata kept" in r.conclusion]
    assert note and note[0].field == "registry:pubmed" and note[0].conclusion.startswith("design=rct")
    assert after.evidence.species is Species.HUMAN  # the MeSH check tag still counts


def test_notices_set_the_retraction_status():
    retracted = RCT.model_copy(
        update={"notices": [Notice(status=RetractionStatus.RETRACTED, detail="RetractionIn: J X. 2020 (PMID 2)")]}
    )
    after = with_records(entry(title="Budesonide in asthma"), [retracted])
    assert after.evidence.retracted and after.evidence.retraction is RetractionStatus.RETRACTED
    assert after.evidence.retraction_source == "PubMed 1: RetractionIn: J X. 2020 (PMID 2)"


def test_no_records_changes_nothing():
    before = entry(title="Budesonide in asthma")
    assert with_records(before, []) is before
