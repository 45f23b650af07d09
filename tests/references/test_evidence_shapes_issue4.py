"""Issue #4 cue families: single-person and counted-case titles, review and opinion shapes, bare topics in
general journals, reporting guidelines, assessment tools, Delphi, validity studies, rodent "-like" readouts.

Every family has flagged titles and near misses that must stay as they were. Titles are written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from references.evidence import assess
from references.evidence.design import design_from_text
from references.evidence.title_shape import design_from_title_shape
from references.evidence.venue import bare_topic_review
from references.models import EvidenceLevel, Reference, Species, StudyDesign


def graded(title: str, venue: str | None = "J Clin Med Res", **kw):
    return assess(Reference(key="1", title=title, venue=venue, **kw)).evidence


def cues(ev) -> list[str]:
    return [r.cue for r in ev.reasons]


@pytest.mark.parametrize(
    "title, cue",
    [
        ("Fatal myocarditis in a 19-year-old soccer player", "in a 19-year-old soccer player"),
        (
            "Recurrent hypoglycaemia in a young, otherwise healthy woman treated with a herbal tea",
            "in a young, otherwise healthy woman",
        ),
        ("Measles transmitted from an unvaccinated traveller", "from an unvaccinated traveller"),
        ("Restored hand function in a person with chronic tetraplegia", "in a person"),
        ("Influenza B encephalitis in one child", "in one child"),
    ],
)
def test_single_person_title_is_a_case_report(title, cue):
    ev = graded(title)
    assert ev.design is StudyDesign.CASE_REPORT and ev.level is EvidenceLevel.L5
    assert any(cue.lower() in c.lower() and c in title for c in cues(ev)), ev.reasons


@pytest.mark.parametrize(
    "title",
    [
        "Anxiety in a patient population attending primary care",
        "Burnout in a physician workforce under strain",
        "Towards a person-centred approach to dementia care",
        "Depression from a patient's perspective",
        "Loneliness of the older man",
        "Behaviour in a mouse model of fragile X syndrome",
    ],
)
def test_near_misses_are_not_case_reports(title):
    assert graded(title).design is not StudyDesign.CASE_REPORT


def test_single_person_shape_loses_to_a_design_word_and_to_species():
    assert (
        graded("Ketamine in a patient with refractory depression: a randomized n-of-1 trial").design is StudyDesign.RCT
    )
    # the subject is a person, so animals named beside them do not make it animal work
    ev = graded("Leptospirosis in a farmer exposed to rats")
    assert ev.design is StudyDesign.CASE_REPORT and ev.species is Species.HUMAN
    # a veterinary case has no person noun: the species decides
    assert graded("Hepatic lipidosis in a dog with hyperthyroidism").design is StudyDesign.ANIMAL_STUDY


@pytest.mark.parametrize(
    "title, cue",
    [
        ("Tick-borne encephalitis in the Alps: a report of 23 cases", "report of 23 cases"),
        ("Clinical spectrum of 48 cases of scrub typhus", "48 cases of"),
        ("Outcomes after lung transplantation in 35 consecutive patients", "35 consecutive patients"),
        ("Hand injuries from fireworks: a series of twelve patients", "series of twelve patients"),
    ],
)
def test_counted_cases_are_a_case_series(title, cue):
    ev = graded(title)
    assert ev.design is StudyDesign.CASE_SERIES and ev.level is EvidenceLevel.L4
    assert cue in cues(ev)


@pytest.mark.parametrize(
    "title",
    [
        "Genetic variants in 5,000 cases of psoriasis and 8,000 controls",  # cases and controls: not a series
        "Tobacco use and laryngeal cancer: a study of 320 proved cases",  # bare "N cases" decides nothing
        "Streptokinase among 9,000 cases of suspected infarction: a randomised trial",  # the design word wins
    ],
)
def test_counted_case_near_misses(title):
    assert graded(title).design is not StudyDesign.CASE_SERIES


@pytest.mark.parametrize(
    "title",
    [
        "Neurobiology of bipolar disorder",
        "The pathophysiology of migraine",
        "Hallmarks of ageing skin",
        "Placebo analgesia: psychological and neural advances",
        "Gut microbes and mood: potential therapeutic targets",
        "An anxiety primer",
    ],
)
def test_review_shapes(title):
    ev = graded(title)
    assert ev.design is StudyDesign.NARRATIVE_REVIEW and ev.level is EvidenceLevel.L5


def test_review_start_shape_yields_to_a_named_sample_and_to_species():
    # primary studies name their sample: an experiment, not a review
    assert graded("Mechanisms of use-dependent plasticity in human motor cortex").design is StudyDesign.UNKNOWN
    assert graded("Mechanisms of anxiety in adolescents with epilepsy").design is StudyDesign.UNKNOWN
    ev = graded("Mechanisms of fear extinction in rats")
    assert ev.design is StudyDesign.ANIMAL_STUDY and ev.level is EvidenceLevel.PRECLINICAL


@pytest.mark.parametrize(
    "title",
    [
        "Abandon the five-year survival rate",
        "Rethink the impact factor",
        "Let's talk about sample size",
        "Evidence-based psychiatry: what it is and what it isn't",
        "The need for a new ethics of trials",
        "The scandal of unpublished trials",
    ],
)
def test_opinion_shapes_at_low_confidence(title):
    ev = graded(title)
    assert ev.design is StudyDesign.EXPERT_OPINION and ev.confidence <= 0.4


@pytest.mark.parametrize(
    "title",
    [
        "Use of antipsychotics in nursing homes",
        "Stop-Bang questionnaire accuracy for sleep apnoea",
        "Reform of mental health law and compulsory admission",
        "Demand for psychotherapy in rural areas",
        "Does hunger change how we judge faces?",
        "Mood and memory: association or causation?",
    ],
)
def test_opinion_near_misses_stay_unknown(title):
    assert graded(title).design is StudyDesign.UNKNOWN


@pytest.mark.parametrize("venue", ["N Engl J Med", "New England Journal of Medicine", "Lancet", "Nature"])
def test_bare_topic_in_a_general_journal_is_a_review(venue):
    ev = graded("Narcolepsy", venue=venue)
    assert ev.design is StudyDesign.NARRATIVE_REVIEW and ev.confidence <= 0.4


@pytest.mark.parametrize(
    "title, venue",
    [
        ("Narcolepsy", "J Sleep Res"),
        ("Fast sequence alignment", "Bioinformatics"),
        ("Narcolepsy", None),
        ("Narcolepsy in children", "Lancet"),
        ("Dreams?", "Nature"),
        ("Sleep in adolescents with autism", "Lancet"),
    ],
)
def test_bare_topic_near_misses(title, venue):
    assert graded(title, venue=venue).design is StudyDesign.UNKNOWN


def test_bare_topic_venue_list():
    assert bare_topic_review("N Engl J Med") and bare_topic_review("Science")
    assert not bare_topic_review("Lancet Psychiatry") and not bare_topic_review("Nature Medicine")
    assert not bare_topic_review(None)


def test_web_page_titles_get_no_shape_reason():
    ev = assess(
        Reference(key="1", title="Narcolepsy", venue="Mayo Clinic", url="https://www.mayoclinic.org/x")
    ).evidence
    assert ev.design is StudyDesign.WEB_PAGE
    assert not any("title shape" in r.conclusion for r in ev.reasons)


@pytest.mark.parametrize(
    "title",
    [
        "Preferred reporting items for umbrella reviews and meta-analyses of diagnostic studies",
        "The ACME 2030 statement: guidelines for reporting randomised crossover trials",
        "CONSORT 2030 extension for cluster randomised trials",
        "The STROBE-XY statement: observational studies of vaccines",
        "PRISMA-NX checklist for network meta-analyses",
    ],
)
def test_reporting_guidelines_are_guidelines_whatever_designs_they_name(title):
    ev = graded(title)
    assert ev.design is StudyDesign.GUIDELINE, ev.reasons


@pytest.mark.parametrize(
    "title, design",
    [
        ("Adherence to the CONSORT statement in psychiatry trials: a systematic review", StudyDesign.SYSTEMATIC_REVIEW),
        ("Reporting quality and CONSORT statement endorsement: a cross-sectional study", StudyDesign.CROSS_SECTIONAL),
        ("The consort of ministers: a cohort study", StudyDesign.COHORT),  # lower case: a word, not the acronym
        ("PRISMA use among dental reviews: a meta-analysis", StudyDesign.META_ANALYSIS),  # no "statement" after it
    ],
)
def test_reporting_near_misses(title, design):
    assert graded(title).design is design


def test_assessment_tool_names_designs_as_its_topic():
    ev = graded("A revised tool for assessing risk of bias in randomized crossover trials")
    assert ev.design is StudyDesign.UNKNOWN and ev.level is EvidenceLevel.UNKNOWN
    assert any("tool" in r.conclusion for r in ev.reasons)
    # plural tools reviewed: still a review
    assert graded("Tools for assessing risk of bias: a systematic review").design is StudyDesign.SYSTEMATIC_REVIEW


def test_delphi_is_opinion_unless_it_makes_guidelines():
    assert graded("Prevalence of frailty worldwide: a Delphi consensus study").design is StudyDesign.EXPERT_OPINION
    assert graded("Managing delirium: Delphi consensus guidelines").design is StudyDesign.GUIDELINE
    assert graded("An international consensus statement on delirium").design is StudyDesign.GUIDELINE
    grade = graded("Rating the certainty of evidence and strength of recommendations: an emerging consensus")
    assert grade.design is StudyDesign.EXPERT_OPINION


def test_validity_of_a_measure_is_cross_sectional():
    assert graded("The SAS-7: validity of a brief anxiety measure").design is StudyDesign.CROSS_SECTIONAL
    assert graded("Psychometric properties of the Dutch fatigue scale").design is StudyDesign.CROSS_SECTIONAL
    assert graded("Replication validity of candidate gene studies").design is StudyDesign.UNKNOWN


def test_rodent_like_readouts_are_animal_work():
    ev = graded("Microglial depletion reverses depressive-like behaviour")
    assert ev.species is Species.ANIMAL and ev.design is StudyDesign.ANIMAL_STUDY
    assert graded("Anxiolytic-like effects of a novel compound").level is EvidenceLevel.PRECLINICAL
    # people named: human, the readout word does not override
    assert graded("Antidepressant-like effects of exercise in patients and in rats").species is Species.HUMAN


def test_guards_of_the_brief_still_hold():
    assert graded("A non-randomized comparison of two lithium regimens").design is StudyDesign.NON_RANDOMIZED_CONTROLLED
    assert (
        graded("Statins for stroke: a systematic review of randomized trials").design is StudyDesign.SYSTEMATIC_REVIEW
    )
    assert graded("Ketamine effects in patients and in rats").species is Species.HUMAN


TITLE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@given(TITLE_TEXT, st.booleans(), st.booleans())
def test_shape_cues_are_quoted_from_the_title(title, topic_venue, names_people):
    result = design_from_title_shape(title, topic_venue=topic_venue, names_people=names_people)
    for reason in result.reasons:
        if result.shape in ("single person", "counted cases", "bare topic"):
            assert reason.cue in title
    assert result.decided == (result.design is not StudyDesign.UNKNOWN)


@given(
    st.lists(
        st.sampled_from(
            [
                "in",
                "a",
                "an",
                "patient",
                "with",
                "of",
                "12",
                "cases",
                "report",
                "controls",
                "CONSORT",
                "statement",
                "tool",
                "for",
                "assessing",
                "-",
                ":",
                "?",
                "man",
            ]
        ),
        max_size=40,
    )
)
def test_word_soup_never_crashes(words):
    title = " ".join(words)
    design_from_text(title, "title")
    design_from_title_shape(title, topic_venue=True)
    assess(Reference(key="1", title=title or None, venue="Lancet"))
