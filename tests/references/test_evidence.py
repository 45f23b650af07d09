"""Evidence assessment: design cues and guards, species, sample size, source type, levels, reasons."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from references.evidence import assess
from references.evidence.sample_size import extract_sample_size, words_to_int
from references.evidence.species import species_from_text
from references.models import EvidenceLevel, Reference, RetractionStatus, SourceType, Species, StudyDesign


def graded(**kw):
    return assess(Reference(key="1", **kw))


@pytest.mark.parametrize(
    "title, design, level",
    [
        ("Ketamine for depression: a systematic review and meta-analysis", StudyDesign.META_ANALYSIS, "1"),
        ("Exercise and mood: a systematic review of randomized trials", StudyDesign.SYSTEMATIC_REVIEW, "1"),
        ("A randomised, double-blind, placebo-controlled trial of drug X in adults", StudyDesign.RCT, "2"),
        ("A pilot randomized controlled trial of yoga for anxiety", StudyDesign.RCT, "2"),
        ("Outcomes of surgery: a non-randomized controlled study", StudyDesign.NON_RANDOMIZED_CONTROLLED, "3"),
        ("Outcomes after a nonrandomised comparison of two clinics", StudyDesign.NON_RANDOMIZED_CONTROLLED, "3"),
        ("Sleep and mortality in older adults: a prospective cohort study", StudyDesign.COHORT, "3"),
        ("Opioid use after surgery: a retrospective cohort study", StudyDesign.COHORT, "4"),
        ("Statins and dementia: a nested case-control study", StudyDesign.CASE_CONTROL, "4"),
        ("Burnout among nurses: a cross-sectional study", StudyDesign.CROSS_SECTIONAL, "4"),
        ("Ketamine infusions for suicidal ideation: a case series", StudyDesign.CASE_SERIES, "4"),
        ("Accelerated TMS in veterans: an open-label pilot study", StudyDesign.CASE_SERIES, "4"),
        ("Lithium toxicity after a heat wave: a case report", StudyDesign.CASE_REPORT, "5"),
        ("Glutamate and depression: a narrative review", StudyDesign.NARRATIVE_REVIEW, "5"),
        ("Why replication matters: a commentary", StudyDesign.EXPERT_OPINION, "5"),
        ("Clinical practice guideline for the treatment of insomnia", StudyDesign.GUIDELINE, "1"),
        ("Expert consensus statement on the use of TMS", StudyDesign.GUIDELINE, "5"),
    ],
)
def test_title_design_and_level(title, design, level):
    ev = graded(title=title).evidence
    assert (ev.design, ev.level.value) == (design, level)
    assert any(r.field == "title" and r.conclusion == f"design={design.value}" for r in ev.reasons)


@pytest.mark.parametrize(
    "title",
    [
        "Protocol for a randomized controlled trial of exercise in depression",
        "Study protocol: a randomised trial of vitamin D",
        "The ACME trial: rationale and design",
    ],
)
def test_protocols_are_unknown_with_a_reason(title):
    ev = graded(title=title).evidence
    assert ev.design is StudyDesign.UNKNOWN and ev.level is EvidenceLevel.UNKNOWN
    assert any("protocol" in r.conclusion for r in ev.reasons)


@pytest.mark.parametrize(
    "title",
    [
        "Body mass and depression: a Mendelian randomization study",
        "Peer review in psychiatry journals",
        "Adherence to guidelines for depression care in primary practice",
        "Treatment response to electroconvulsive therapy in older patients",
        "Measuring inconsistency in meta-analyses",
    ],
)
def test_guards_leave_design_unknown(title):
    assert graded(title=title).evidence.design is StudyDesign.UNKNOWN


def test_no_cue_is_unknown_and_says_so():
    ev = graded(title="Glutamate and the depressed brain").evidence
    assert ev.level is EvidenceLevel.UNKNOWN and ev.confidence == 0.0
    assert any("unknown" in r.conclusion for r in ev.reasons)


def test_abstract_decides_when_title_is_silent():
    abstract = (
        "Background: rTMS is widely used. Methods: Thirty-six MDD patients were randomized to active or sham "
        "rTMS within a double-blind, sham-controlled trial. Results: both groups improved. Larger prospective "
        "studies are needed."
    )
    ev = graded(title="Structural change after brain stimulation", abstract=abstract).evidence
    assert (ev.design, ev.level, ev.species, ev.sample_size) == (StudyDesign.RCT, EvidenceLevel.L2, Species.HUMAN, 36)
    assert any(r.field == "abstract" and r.cue == "Thirty-six MDD patients" for r in ev.reasons)


def test_abstract_meta_analysis_needs_synthesis_cues():
    trial = "Patients were randomly assigned to drug or placebo. A previous meta-analysis suggested benefit."
    assert graded(title="Drug X in pain", abstract=trial).evidence.design is StudyDesign.RCT
    review = "We searched MEDLINE and Embase; 12 randomized trials were pooled in this meta-analysis."
    assert graded(title="Drug X in pain", abstract=review).evidence.design is StudyDesign.META_ANALYSIS


@pytest.mark.parametrize(
    "title, species, design",
    [
        ("Ketamine effects in patients and in rats", Species.HUMAN, None),
        ("Ketamine restores spine density in stressed mice", Species.ANIMAL, StudyDesign.ANIMAL_STUDY),
        ("Chronic stress decreases proliferation in the adult rat cortex", Species.ANIMAL, StudyDesign.ANIMAL_STUDY),
        (
            "Magnetic stimulation in mouse organotypic hippocampal slice cultures",
            Species.IN_VITRO,
            StudyDesign.IN_VITRO,
        ),
        ("Human iPSC-derived neurons respond to lithium", Species.IN_VITRO, StudyDesign.IN_VITRO),
        ("Glutamate in the human motor cortex", Species.HUMAN, None),
    ],
)
def test_species(title, species, design):
    ev = graded(title=title).evidence
    assert ev.species is species
    if design is not None:
        assert ev.design is design and ev.level is EvidenceLevel.PRECLINICAL


def test_review_of_animal_studies_stays_a_review_but_is_preclinical():
    ev = graded(title="Exercise and neurogenesis in rodents: a systematic review and meta-analysis").evidence
    assert ev.design is StudyDesign.META_ANALYSIS and ev.level is EvidenceLevel.PRECLINICAL


def test_clinical_design_implies_human():
    ev = graded(title="A randomized trial of drug X for migraine").evidence
    assert ev.species is Species.HUMAN
    assert any(r.field == "design" for r in ev.reasons)


@pytest.mark.parametrize(
    "text, n",
    [
        ("Thirty-six MDD patients were randomized", 36),
        ("a total of one hundred and twenty adults and 300 controls", 120),
        ("224 cases; responders (n = 128; k = 22)", 224),
        ("N=1,204 participants", 1204),
        ("in 4444 patients with coronary heart disease", 4444),
        ("six hundred and eighty-four proved cases", 684),
    ],
)
def test_sample_size(text, n):
    assert extract_sample_size(text)[0] == n


@pytest.mark.parametrize(
    "text", ["In 2019 patients were seen", "10 mg in rats", "two of the patients", "k = 31 effects"]
)
def test_sample_size_near_misses(text):
    assert extract_sample_size(text) is None


def test_words_to_int():
    assert words_to_int("thirty-six") == 36
    assert words_to_int("two thousand and five") == 2005
    assert words_to_int("many") is None


@given(st.text(max_size=200))
def test_sample_size_never_crashes(text):
    out = extract_sample_size(text)
    assert out is None or (out[0] >= 1 and out[1] in text)


def test_metadata_beats_title():
    ev = graded(title="Drug X for pain", publication_types=["Journal Article", "Randomized Controlled Trial"]).evidence
    assert ev.design is StudyDesign.RCT and ev.confidence == 0.95
    ev = graded(title="Drug X for pain", extra={"evidence_level": "1b"}).evidence
    assert ev.level is EvidenceLevel.L1 and ev.reasons[-1].field == "bibtex:evidence_level"
    ev = graded(title="Drug X for pain", keywords=["migraine", "meta-analysis"]).evidence
    assert ev.design is StudyDesign.META_ANALYSIS


def test_pubmed_review_type_is_sharpened_by_a_systematic_title():
    ev = graded(title="Drug X: a systematic review", publication_types=["Review"]).evidence
    assert ev.design is StudyDesign.SYSTEMATIC_REVIEW


def test_mesh_as_topic_keywords_are_not_a_design():
    ev = graded(title="On trials", keywords=["Randomized Controlled Trials as Topic"]).evidence
    assert ev.design is StudyDesign.UNKNOWN


@pytest.mark.parametrize(
    "kw, source, peer",
    [
        ({"venue": "bioRxiv", "title": "Neural imbalance in depression"}, SourceType.PREPRINT, False),
        ({"doi": "10.1101/2021.07.09.451784", "venue": "J Neurosci"}, SourceType.PREPRINT, False),
        ({"url": "https://arxiv.org/abs/1706.03762"}, SourceType.PREPRINT, False),
        ({"doi": "10.1101/gr.123456.111", "venue": "Genome Res", "volume": "21"}, SourceType.JOURNAL_ARTICLE, True),
        (
            {"venue": "MayoClinic", "raw": "Depression. MayoClinic. Published July 29, 2021. Accessed June 22, 2022."},
            SourceType.WEB_PAGE,
            False,
        ),
        ({"venue": "Mayo Clinic Proceedings", "volume": "95"}, SourceType.JOURNAL_ARTICLE, True),
        ({"url": "https://www.nytimes.com/2019/03/05/health/x.html"}, SourceType.NEWS, False),
        ({"url": "https://en.wikipedia.org/wiki/Depression"}, SourceType.WEB_PAGE, False),
        (
            {
                "venue": "Gen Psychiatr",
                "raw": "Somani A. Title. Gen Psychiatr. 2019;32(4):e100074. Accessed June 22, 2022.",
            },
            SourceType.JOURNAL_ARTICLE,
            True,
        ),
        ({"publication_types": ["book"], "title": "Handbook of depression"}, SourceType.BOOK, None),
    ],
)
def test_source_type(kw, source, peer):
    r = graded(**kw)
    assert r.source_type is source and r.evidence.peer_reviewed is peer


def test_web_pages_are_non_scholarly():
    ev = graded(title="Depression basics", venue="National Institute of Mental Health").evidence
    assert (ev.design, ev.level) == (StudyDesign.WEB_PAGE, EvidenceLevel.NON_SCHOLARLY)


def test_guideline_body_site_is_a_guideline_not_a_web_page():
    r = graded(title="Depression in adults: treatment and management", url="https://www.nice.org.uk/guidance/ng222")
    assert r.source_type is not SourceType.WEB_PAGE and r.evidence.guideline


@pytest.mark.parametrize(
    "raw, status",
    [
        ("Wakefield AJ. RETRACTED: Ileal-lymphoid hyperplasia. Lancet. 1998;351:637-41.", RetractionStatus.RETRACTED),
        ("Doe J. A trial. J Foo. 2001;3:4. Retraction in: J Foo. 2003;5:6.", RetractionStatus.RETRACTED),
        (
            "Doe J. A trial. J Foo. 2001;3:4. Expression of concern in: J Foo. 2003;5:6.",
            RetractionStatus.EXPRESSION_OF_CONCERN,
        ),
        ("Doe J. A trial. J Foo. 2001;3:4. Erratum in: J Foo. 2002;4:1.", RetractionStatus.CORRECTION),
        ("Doe J. Why papers are retracted and what it means. J Foo. 2001;3:4.", RetractionStatus.NONE),
    ],
)
def test_notices_printed_in_the_entry(raw, status):
    ev = graded(raw=raw).evidence
    assert ev.retraction is status and ev.retracted == (status is RetractionStatus.RETRACTED)


def test_assess_returns_a_copy():
    r = Reference(key="1", title="A randomized trial of drug X")
    out = assess(r)
    assert out is not r and r.evidence.design is StudyDesign.UNKNOWN and out.evidence.design is StudyDesign.RCT


@given(st.text(max_size=300), st.text(max_size=300))
def test_assess_never_crashes(title, abstract):
    ev = graded(title=title, abstract=abstract).evidence
    assert 0.0 <= ev.confidence <= 1.0


@pytest.mark.parametrize(
    ("title", "species"),
    [
        ("Xenotropic murine leukemia virus in healthy blood donors from a night-shift cohort", Species.HUMAN),
        ("Night-shift sleep in kidney transplant recipients", Species.HUMAN),
        # near misses: the virus name alone says nothing; mice are animals
        ("Murine leukemia virus integration sites in sleep genes", Species.UNKNOWN),
        ("Murine leukemia virus in mice kept on night shifts", Species.ANIMAL),
    ],
)
def test_virus_names_are_not_species_and_donors_are_people(title, species):
    assert species_from_text(title, "title")[0] is species
