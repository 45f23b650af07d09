"""Causality in the Yu et al. (2019) four-way scheme."""

from __future__ import annotations

import pytest

from claims.features.causality import causality
from claims.models import Causality
from claims.spans import SentenceView


def label(sentence: str) -> Causality:
    return causality(SentenceView.of(sentence))[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Daily walking reduces blood pressure in older adults.", Causality.DIRECT_CAUSAL),
        ("Chronic stress leads to insulin resistance.", Causality.DIRECT_CAUSAL),
        ("The new regimen was effective in preventing relapse.", Causality.DIRECT_CAUSAL),
        ("Daily walking may reduce blood pressure.", Causality.CONDITIONAL_CAUSAL),
        ("Poor sleep appears to increase the risk of falls.", Causality.CONDITIONAL_CAUSAL),
        ("Our data suggest that fibre intake could improve glycaemic control.", Causality.CONDITIONAL_CAUSAL),
        ("Coffee intake was associated with lower mortality.", Causality.CORRELATIONAL),
        ("Obesity is correlated with knee pain.", Causality.CORRELATIONAL),
        ("Smokers were more likely to report cough than non-smokers.", Causality.CORRELATIONAL),
        ("Further research should examine the long-term outcomes.", Causality.NONE),
        ("The questionnaire was completed by 412 nurses.", Causality.NONE),
    ],
)
def test_four_way_labels(sentence: str, expected: Causality) -> None:
    assert label(sentence) is expected


def test_attributive_participle_is_not_causal() -> None:
    strength, cues = causality(SentenceView.of("Low vitamin D was associated with increased fracture rates."))
    assert strength is Causality.CORRELATIONAL
    assert [c.kind for c in cues] == ["correlational"]


def test_conditional_reports_modal_and_causal_cue() -> None:
    text = "Exercise might prevent depression."
    strength, cues = causality(SentenceView.of(text))
    assert strength is Causality.CONDITIONAL_CAUSAL
    assert [(c.text, c.kind) for c in cues] == [("might", "conditional"), ("prevent", "causal")]
    assert all(text[c.span.start : c.span.end] == c.text for c in cues)
