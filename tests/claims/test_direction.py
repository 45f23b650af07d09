import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.direction import direction
from claims.models import Direction
from claims.spans import SentenceView


@pytest.mark.parametrize(
    ("text", "expected", "negated"),
    [
        ("Lithium reduced relapse rates in bipolar patients.", Direction.DECREASE, False),
        ("Serum cortisol was elevated after the session.", Direction.INCREASE, False),
        ("Ketamine did not significantly reduce suicidal ideation.", Direction.NO_CHANGE, True),
        ("Scans showed no change in striatal volume.", Direction.NO_CHANGE, True),
        ("There was no significant difference between the arms.", Direction.NO_CHANGE, True),
        ("Plasma BDNF remained unchanged.", Direction.NO_CHANGE, False),
        ("Participants who did not respond had higher baseline anxiety.", Direction.INCREASE, False),
        ("More than 40% of the cohort were women.", Direction.NONE, False),
        ("Not only did exercise raise mood, it also lowered cortisol.", Direction.INCREASE, False),
        ("The clinic opened in 2015.", Direction.NONE, False),
    ],
)
def test_direction_with_negation(text: str, expected: Direction, negated: bool) -> None:
    got, neg, _ = direction(SentenceView.of(text))
    assert (got, neg) == (expected, negated)


def test_undirected_change_is_reported_as_cue_but_no_direction() -> None:
    got, _, cues = direction(SentenceView.of("Magnesium alters NMDA receptor signalling."))
    assert got is Direction.NONE
    assert [c.kind for c in cues] == ["change"]


def test_cue_spans_quote_the_original() -> None:
    text = "Sleep loss did   not\nreduce vigilance."
    view = SentenceView.of(text)
    _, _, cues = direction(view)
    assert cues and all(text[c.span.start : c.span.end] == c.text for c in cues)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_direction_never_crashes_and_spans_hold(text: str) -> None:
    _, _, cues = direction(SentenceView.of(text))
    for c in cues:
        assert text[c.span.start : c.span.end] == c.text
