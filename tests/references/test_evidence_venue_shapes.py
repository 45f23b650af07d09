"""Evidence design from the venue, title shapes, named cohorts and trials, and abstract wording."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from references.evidence import assess
from references.evidence.title_shape import design_from_title_shape, named_trial
from references.evidence.venue import design_from_venue, venue_words
from references.models import EvidenceLevel, Reference, StudyDesign


def graded(**kw):
    return assess(Reference(key="1", **kw)).evidence


@pytest.mark.parametrize(
    "venue, design",
    [
        ("Cochrane Database Syst Rev", StudyDesign.SYSTEMATIC_REVIEW),
        ("Cochrane Database of Systematic Reviews", StudyDesign.SYSTEMATIC_REVIEW),
        ("BMJ Case Rep", StudyDesign.CASE_REPORT),
        ("Journal of Medical Case Reports", StudyDesign.CASE_REPORT),
        ("Case Reports in Oncology", StudyDesign.CASE_REPORT),
        ("Nat Rev Neurosci", StudyDesign.NARRATIVE_REVIEW),
        ("Nature Reviews Drug Discovery", StudyDesign.NARRATIVE_REVIEW),
        ("Annual Review of Psychology", StudyDesign.NARRATIVE_REVIEW),
        ("Curr Opin Psychiatry", StudyDesign.NARRATIVE_REVIEW),
        ("Current Psychiatry Reports", StudyDesign.NARRATIVE_REVIEW),
        ("Trends Cogn Sci", StudyDesign.NARRATIVE_REVIEW),
        ("Psychiatr Clin North Am", StudyDesign.NARRATIVE_REVIEW),
        ("Med Hypotheses", StudyDesign.EXPERT_OPINION),
        ("MMWR Recomm Rep", StudyDesign.GUIDELINE),
    ],
)
def test_venue_decides_when_title_is_silent(venue, design):
    ev = graded(title="Sleep and memory in older adults", venue=venue)
    assert ev.design is design
    assert any(
        r.field == "venue" and r.cue == venue and r.conclusion.startswith(f"design={design.value}") for r in ev.reasons
    )


@pytest.mark.parametrize(
    "venue",
    [
        "N Engl J Med",
        "Lancet",
        "Nature",
        "JAMA",
        "Rev Neurol",
        "Trends in Hearing",
        "Physical Review Letters",
        "Curr Med Res Opin",
        "Nat Commun",
        "MMWR Morb Mortal Wkly Rep",
        "Psychological Review",
        "",
    ],
)
def test_general_and_lookalike_venues_decide_nothing(venue):
    assert not design_from_venue(venue).decided
    assert graded(title="Sleep and memory in older adults", venue=venue or None).design is StudyDesign.UNKNOWN


def test_review_venue_overrides_a_primary_design_named_in_the_title():
    ev = graded(title="Randomised trials of exercise for low back pain", venue="Cochrane Database Syst Rev")
    assert ev.design is StudyDesign.SYSTEMATIC_REVIEW and ev.level is EvidenceLevel.L1
    assert any("topic reviewed" in r.conclusion for r in ev.reasons)


def test_title_design_beats_a_case_report_venue_and_protocols_stay_unknown():
    assert graded(title="Ketamine cystitis: a case series", venue="BMJ Case Rep").design is StudyDesign.CASE_SERIES
    ev = graded(
        title="Exercise for fatigue in cancer: protocol for a systematic review", venue="Cochrane Database Syst Rev"
    )
    assert ev.design is StudyDesign.UNKNOWN and any("protocol" in r.conclusion for r in ev.reasons)


@pytest.mark.parametrize(
    "title, design",
    [
        ("Why trials of antidepressants fail", StudyDesign.EXPERT_OPINION),
        ("The case for pragmatic trials in psychiatry", StudyDesign.EXPERT_OPINION),
        ("Should we screen all adults for depression?", StudyDesign.EXPERT_OPINION),
        ("Surrogate end points: a call to action", StudyDesign.EXPERT_OPINION),
        ("Lithium in bipolar disorder revisited", StudyDesign.NARRATIVE_REVIEW),
        ("Microglia in health and disease", StudyDesign.NARRATIVE_REVIEW),
        ("Neuroinflammation and mood: focus on the kynurenine pathway", StudyDesign.NARRATIVE_REVIEW),
        ("How to read a forest plot", StudyDesign.NARRATIVE_REVIEW),
    ],
)
def test_title_shapes(title, design):
    ev = graded(title=title)
    assert ev.design is design
    assert any(r.field == "title" and "title shape" in r.conclusion for r in ev.reasons)


@pytest.mark.parametrize(
    "title, design",
    [
        ("Why do nurses leave? A cross-sectional survey", StudyDesign.CROSS_SECTIONAL),  # a design word wins
        ("Shouldering the burden of care in dementia", StudyDesign.UNKNOWN),  # "should" only as a whole word
        ("Timely treatment of sepsis in emergency departments", StudyDesign.UNKNOWN),
        ("Is lithium neuroprotective?", StudyDesign.UNKNOWN),  # a question alone is not an opinion shape
        ("Focus on the first episode: outcomes in young adults", StudyDesign.UNKNOWN),  # "focus on" only after a colon
    ],
)
def test_title_shape_near_misses(title, design):
    assert graded(title=title).design is design


def test_a_shape_loses_to_the_venue():
    assert graded(title="Why we need case reports", venue="BMJ Case Rep").design is StudyDesign.CASE_REPORT


@pytest.mark.parametrize(
    "title, design",
    [
        ("Coffee and atrial fibrillation in the Framingham Heart Study", StudyDesign.COHORT),
        ("Sleep duration and dementia in UK Biobank", StudyDesign.COHORT),
        ("Diet quality and frailty: the Nurses' Health Study", StudyDesign.COHORT),
        ("Accuracy of the Framingham risk score in South Asian adults", StudyDesign.UNKNOWN),
    ],
)
def test_named_cohorts(title, design):
    assert graded(title=title).design is design


def test_named_trial_is_an_rct_only_when_randomization_is_stated():
    ev = graded(
        title="Long-term outcomes of the ACME-2 trial", raw="A randomised comparison of two doses. Lancet 2020;1:1-9."
    )
    assert ev.design is StudyDesign.RCT
    assert any(r.field == "raw" and "named trial" in r.conclusion for r in ev.reasons)
    ev = graded(title="Long-term outcomes of the ACME-2 trial")
    assert ev.design is StudyDesign.UNKNOWN and any("randomization not stated" in r.conclusion for r in ev.reasons)
    assert named_trial("Long-term outcomes of the trial", [("raw", "randomized")]) == named_trial("", [])


@pytest.mark.parametrize(
    "abstract, design",
    [
        ("A 54-year-old woman presented with confusion after starting lithium.", StudyDesign.CASE_REPORT),
        ("We report the case of a man with recurrent syncope.", StudyDesign.CASE_REPORT),
        ("During 1.2 million person-years of follow-up, 3,100 deaths occurred.", StudyDesign.COHORT),
        ("We followed 5,000 nurses for 20 years and recorded incident diabetes.", StudyDesign.COHORT),
        (
            "In this controlled, open-label trial, we randomly assigned patients to drug X or usual care.",
            StudyDesign.RCT,
        ),
        (
            "In this open-label single-arm study of 20 patients, symptoms improved; randomized trials are needed.",
            StudyDesign.CASE_SERIES,
        ),
        (
            "Thirty patients with migraine were compared with 30 age- and sex-matched controls.",
            StudyDesign.CASE_CONTROL,
        ),
        ("We retrospectively reviewed the medical records of 14 children with the syndrome.", StudyDesign.CASE_SERIES),
    ],
)
def test_abstract_wording(abstract, design):
    ev = graded(title="Outcomes of treatment X", abstract=abstract)
    assert ev.design is design
    assert any(r.field == "abstract" and r.conclusion.startswith(f"design={design.value}") for r in ev.reasons)


def test_venue_words():
    assert venue_words("Cochrane Database of Systematic Reviews") == "cochrane database systematic reviews"
    assert venue_words("Best Pract Res Clin Endocrinol Metab") == "best pract res clin endocrinol metab"


@given(st.text(max_size=200))
def test_venue_and_shape_never_crash(text):
    design_from_venue(text)
    design_from_title_shape(text)
    named_trial(text, [("raw", text)])
    venue_words(text)
