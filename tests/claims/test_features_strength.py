"""Claim strength (0..3) and press-release vs abstract comparison."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.features.strength import claim_strength, compare_strength
from claims.spans import SentenceView


def level(sentence: str) -> int:
    return claim_strength(SentenceView.of(sentence))[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # headline verbs
        ("A daily nap cuts the risk of burnout among junior doctors.", 3),
        ("Cycling to work slashes commuting stress.", 3),
        ("Singing in a choir helps older adults with loneliness.", 3),
        ("Singing in a choir may help older adults with loneliness.", 2),
        ("Late shifts could lead to poorer sleep in nurses.", 2),
        ("Garden size is tied to weekend activity levels.", 1),
        ("Bone density is shaped by childhood diet, the survey shows.", 3),
        # near misses: nouns, measurement, knowing
        ("A cut in ward budgets was reported in 2019.", 1),
        ("Participants asked for the help of a pharmacist.", 0),
        ("Questionnaire scores can help predict readmission.", 1),
        ("Hip fat, determined by a DEXA scan, was recorded for all runners.", 0),
        # "can" is a possibility, a negated relation states none
        ("Mindfulness training can reduce exam anxiety.", 2),
        ("Mindfulness training reduces exam anxiety.", 3),
        ("Mindfulness training did not reduce exam anxiety.", 0),
        ("Tea drinking was not associated with bone density.", 0),
        ("Tea drinking was associated with bone density, not with height.", 1),
        # no relation
        ("Further trials should test the booklet in rural clinics.", 0),
    ],
)
def test_claim_strength(sentence: str, expected: int) -> None:
    assert level(sentence) == expected


def test_cues_are_quoted_from_the_original() -> None:
    text = "Mindfulness training did not reduce exam anxiety."
    strength, cues = claim_strength(SentenceView.of(text))
    assert strength == 0
    assert [(c.kind, c.text) for c in cues] == [("negation", "not"), ("causal", "reduce")]
    assert all(text[c.span.start : c.span.end] == c.text for c in cues)


def test_can_cue() -> None:
    text = "Mindfulness training can reduce exam anxiety."
    _, cues = claim_strength(SentenceView.of(text))
    assert cues[0].kind == "conditional" and cues[0].text == "can"


@pytest.mark.parametrize(
    ("press", "abstract", "expected"),
    [
        ("Walking cuts dementia risk.", "Walking was associated with lower dementia risk.", "exaggerates"),
        ("Walking may help prevent dementia.", "Walking reduced the incidence of dementia.", "downplays"),
        ("Walking is linked to lower dementia risk.", "Walking was associated with lower dementia risk.", "same"),
    ],
)
def test_compare_strength(press: str, abstract: str, expected: str) -> None:
    assert compare_strength(SentenceView.of(press), SentenceView.of(abstract)) == expected


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_strength_in_range_and_antisymmetric(text: str) -> None:
    strength, cues = claim_strength(SentenceView.of(text))
    assert 0 <= strength <= 3
    assert all(text[c.span.start : c.span.end] == c.text for c in cues)
    a, b = SentenceView.of(text), SentenceView.of("Exercise reduces pain.")
    flipped = {"same": "same", "exaggerates": "downplays", "downplays": "exaggerates"}
    assert compare_strength(b, a) == flipped[compare_strength(a, b)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a negation in an earlier clause (a finite verb between) does not deny the relation ...
        ("Carers whose requests were not granted were less likely to stay in the scheme.", 1),
        ("Residents who did not exercise had higher resting heart rates.", 1),
        # ... one that governs it does
        ("Carers were not less likely to stay in the scheme.", 0),
        ("Heart rate was not significantly associated with exercise.", 0),
    ],
)
def test_negation_must_govern_the_relation(sentence: str, expected: int) -> None:
    assert level(sentence) == expected
