"""In-text evidence: what the manuscript's own sentences say about the works it cites."""

from __future__ import annotations

from helpers import analyze_text, codes

from claims.document import analyze_document
from claims.models import Document
from references.evidence import assess
from references.evidence.in_text import apply_in_text, describe_cited_works
from references.linking import link
from references.models import (
    EvidenceAssessment,
    EvidenceLevel,
    EvidenceReason,
    InTextEvidence,
    Reference,
    Species,
    StudyDesign,
)


def _described(text: str) -> dict[str, InTextEvidence]:
    return {d.key: d for d in analyze_text(text, ["ALL"]).in_text_evidence}


def test_a_neighbouring_sentence_citing_the_same_work_names_its_species_without_a_reference_list():
    text = (
        "In 1979, Brown and colleagues demonstrated that noradrenaline depletion drives low mood [4].\n"
        "The syndrome produced in the prefrontal cortex of rhesus monkeys was reversed by agonists [4].\n"
    )
    work = _described(text)["4"]
    assert work.reference_key is None
    assert (work.evidence.species, work.evidence.level) == (Species.ANIMAL, EvidenceLevel.PRECLINICAL)
    reason = next(r for r in work.evidence.reasons if r.conclusion == "species=animal")
    assert reason.field == "text" and reason.span is not None
    assert text[reason.span.start : reason.span.end] == reason.cue == "rhesus"


def test_a_sentence_citing_several_works_describes_none_of_them():
    text = "Animal studies and clinical observations suggest a role for dopamine [7,8].\n"
    assert _described(text) == {}


def test_a_back_reference_lends_the_previous_uncited_sentence_to_the_cited_work():
    text = (
        "A study of 12 patients showed a rise of plasma cortisol after the first session.\n\n"
        "This increase returned to baseline within one hour [5].\n"
    )
    work = _described(text)["5"]
    assert work.evidence.sample_size == 12 and work.evidence.species is Species.HUMAN


def test_narrated_patients_are_case_reports_and_case_series():
    text = (
        "Okafor described a 61-year-old woman whose tremor resolved after stimulation [2].\n"
        "A good response was also reported by Lindqvist in three patients with dystonia [3].\n"
    )
    work = _described(text)
    assert (work["2"].evidence.design, work["2"].evidence.level) == (StudyDesign.CASE_REPORT, EvidenceLevel.L5)
    assert (work["3"].evidence.design, work["3"].evidence.sample_size) == (StudyDesign.CASE_SERIES, 3)


def test_a_prevalence_figure_is_no_sample_of_the_cited_work():
    work = _described("About 40,000 people die by suicide every year in the country [3].\n")["3"]
    assert work.evidence.sample_size is None


def test_a_new_noun_phrase_is_not_a_back_reference():
    # "The effect of X on Y was studied in 13 patients" is another study, not the one cited before it
    text = (
        "Salas and colleagues ran an open label study of four patients and found no change in pain [9].\n"
        "The effect of stimulation on mood was studied in a prospective trial in 13 patients.\n"
        "The study results indicated benefits for mood but none for pain [10].\n"
    )
    work = _described(text)
    assert work["9"].evidence.sample_size == 4
    assert work["10"].evidence.sample_size == 13


def _entry(**fields: object) -> Reference:
    return assess(Reference(key="1", raw="x", **fields))  # type: ignore[arg-type]


def _text(design: StudyDesign = StudyDesign.UNKNOWN, species: Species = Species.UNKNOWN) -> InTextEvidence:
    reasons = []
    if design is not StudyDesign.UNKNOWN:
        reasons.append(EvidenceReason(field="text", cue="case report", conclusion=f"design={design.value}"))
    if species is not Species.UNKNOWN:
        reasons.append(EvidenceReason(field="text", cue="patients", conclusion=f"species={species.value}"))
    return InTextEvidence(
        key="1", reference_key="1", evidence=EvidenceAssessment(design=design, species=species, reasons=reasons)
    )


def test_publication_types_outrank_the_manuscript_and_the_disagreement_is_kept():
    ref = _entry(title="Ketamine for depression", publication_types=["Randomized Controlled Trial"])
    merged = apply_in_text([ref], [_text(design=StudyDesign.CASE_REPORT)])[0]
    assert merged.evidence.design is StudyDesign.RCT
    assert any("not used: publication_type" in r.conclusion for r in merged.evidence.reasons)


def test_a_design_in_the_title_outranks_the_manuscript_which_decides_where_the_title_is_silent():
    # an author who overstates also writes "in a follow-up study [8]" of a case report
    ref = _entry(title="Remission after ketamine infusions: a case report")
    merged = apply_in_text([ref], [_text(design=StudyDesign.RCT)])[0]
    assert merged.evidence.design is StudyDesign.CASE_REPORT
    assert any("not used: title says design=case_report" in r.conclusion for r in merged.evidence.reasons)
    silent = _entry(title="Ketamine and mood", venue="J Affect Disord")
    merged = apply_in_text([silent], [_text(design=StudyDesign.CASE_REPORT)])[0]
    assert (merged.evidence.design, merged.evidence.level) == (StudyDesign.CASE_REPORT, EvidenceLevel.L5)


def test_people_named_by_the_citing_sentence_never_overwrite_a_title_in_mice():
    ref = _entry(title="Ketamine restores spines in stressed mice")
    merged = apply_in_text([ref], [_text(species=Species.HUMAN)])[0]
    assert merged.evidence.species is Species.ANIMAL
    assert merged.evidence.level is EvidenceLevel.PRECLINICAL


def test_the_stage_keeps_offsets_of_hard_wrapped_text():
    text = "Its effects\nin rats are reversed\nby naltrexone [7].\n"
    doc = analyze_document(Document(path="p.txt", text=text, sha256="0" * 64, format="txt", encoding="utf-8"))
    described = describe_cited_works(doc, link(doc.claims, []).links)
    reason = described[0].evidence.reasons[0]
    assert reason.span is not None and text[reason.span.start : reason.span.end] == "rats"


# ---------------------------------------------------------------- the rules that read it

ABOUT_PEOPLE = "Patients with depression often relapse. Many patients respond to treatment. Adults differ.\n"


def test_ovr003_reads_the_species_from_the_manuscript_without_a_reference_list():
    text = ABOUT_PEOPLE + (
        "Brown and colleagues demonstrated that dopamine depletion is a major influence in depression [4].\n"
        "The syndrome in rhesus monkeys was reversed by dopamine agonists [4].\n"
    )
    assert codes(text, ["OVR003"]) == ["OVR003"]


def test_ovr003_flags_a_general_clause_before_an_animal_clause():
    text = (
        ABOUT_PEOPLE
        + "Ketamine is an opioid agonist and its analgesic effects in rats are reversed by naltrexone [7].\n"
    )
    assert codes(text, ["OVR003"]) == ["OVR003"]


def test_ovr003_leaves_a_sentence_that_keeps_its_animal_scope():
    text = ABOUT_PEOPLE + "In rats, the analgesic effects of ketamine are reversed by naltrexone [7].\n"
    assert codes(text, ["OVR003"]) == []
    hedged = (
        ABOUT_PEOPLE + "Ketamine may act on opioid receptors, and its effects in rats are reversed by naltrexone [7].\n"
    )
    assert codes(hedged, ["OVR003"]) == []


def test_ovr001_weighs_a_single_small_study_the_manuscript_describes():
    text = ABOUT_PEOPLE + "A study of 12 patients clearly demonstrated that the drug cures insomnia in patients [3].\n"
    assert codes(text, ["OVR001"]) == ["OVR001"]
    large = ABOUT_PEOPLE + "A study of 1,200 patients clearly demonstrated that the drug helps patients sleep [3].\n"
    assert codes(large, ["OVR001"]) == []
