"""Certainty: hedge, booster and absolute cues, and negation scope."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.features.certainty import certainty
from claims.models import Certainty
from claims.spans import SentenceView


def level(sentence: str) -> Certainty:
    return certainty(SentenceView.of(sentence))[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Sleep loss may worsen mood in shift workers.",
        "These results suggest that the dose matters.",
        "The effect appears to be transient.",
        "It remains unclear whether the benefit persists.",
        "Possibly, the drug acts through a second receptor.",
        "Preliminary data point to a role for inflammation.",
        "The treatment does not always work.",
    ],
)
def test_hedged(sentence: str) -> None:
    assert level(sentence) is Certainty.HEDGED


@pytest.mark.parametrize(
    "sentence",
    [
        "This trial demonstrates that the vaccine prevents infection.",
        "The data clearly show a dose-response curve.",
        "Our analysis confirms the earlier estimate.",
        "There is no doubt that smoking damages the lungs.",
        "It is true that exercise lowers blood pressure.",
    ],
)
def test_strong(sentence: str) -> None:
    assert level(sentence) is Certainty.STRONG


@pytest.mark.parametrize(
    "sentence",
    [
        "This supplement cures anxiety.",
        "The procedure is 100% safe.",
        "Relief is guaranteed for all patients.",
        "Side effects never occur with this device.",
    ],
)
def test_absolute(sentence: str) -> None:
    assert level(sentence) is Certainty.ABSOLUTE


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no evidence that the supplement proves effective.",
        "The study did not confirm the association.",
        "Twelve patients received the drug for six weeks.",
        "Blood was drawn at baseline and after treatment.",
    ],
)
def test_neutral_including_negated_boosters(sentence: str) -> None:
    assert level(sentence) is Certainty.NEUTRAL


def test_negated_booster_is_not_reported_but_negation_is() -> None:
    _, cues = certainty(SentenceView.of("There is no evidence that coffee proves anything."))
    assert [(c.text, c.kind) for c in cues] == [("no evidence", "negation")]


def test_negation_scope_stops_at_clause_boundary() -> None:
    level_, cues = certainty(SentenceView.of("The drug did not help, but the device clearly did."))
    assert level_ is Certainty.STRONG
    assert ("clearly", "booster") in [(c.text, c.kind) for c in cues]


def test_phrase_beats_its_words() -> None:
    _, cues = certainty(SentenceView.of("It is not clear whether sleep helps."))
    assert ("not clear", "hedge") in [(c.text, c.kind) for c in cues]
    assert all(c.kind != "booster" for c in cues)


def test_cue_spans_index_original_text() -> None:
    text = "Ketamine   may\nreduce symptoms; it clearly works."
    _, cues = certainty(SentenceView.of(text))
    assert cues
    for cue in cues:
        assert text[cue.span.start : cue.span.end] == cue.text


_PIECES = ["may ", "not ", "clearly ", "always ", "suggests ", "no doubt ", "cures ", "x ", ", ", "; ", "\n", "  "]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_any_text_gives_valid_cues(text: str) -> None:
    level_, cues = certainty(SentenceView.of(text))
    assert isinstance(level_, Certainty)
    for cue in cues:
        assert text[cue.span.start : cue.span.end] == cue.text
        assert cue.kind in {"hedge", "booster", "absolute", "negation"}
