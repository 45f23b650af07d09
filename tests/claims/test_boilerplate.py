"""Boilerplate and metadata lines: web furniture is recognised, real prose is left alone."""

from __future__ import annotations

import pytest

from claims.boilerplate import classify_line, classify_sentence, is_boilerplate_section, is_read_more
from claims.models import UnitKind


@pytest.mark.parametrize(
    "line",
    [
        "Read More",
        "read more »",
        "Contact Us Online!",
        "Your vote:",
        "0 / 5 Average: 5 Votes 1",
        "4.5/5 stars (120 ratings)",
        "Share this article",
        "Facebook",
        "phone (212) 555-0199 Is it right for you?",
        "Call +44 20 7946 0958",
        "https://example.org/article/123",
        "info@example.org",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert classify_line(line) is UnitKind.BOILERPLATE


@pytest.mark.parametrize(
    "line",
    [
        '{"title":"A study","authors":"A B","doi":"10.1/x"}',
        "Keywords: depression; ketamine",
        "DOI: 10.1016/j.ajp.2025.104445",
        "Table 2: Baseline characteristics.",
        "Figure 3. Response by week",
        "Ana Lima, Bo Chen, Carla Diaz, Dev Patel",
        "ECT - + + + + + +",
        "*rBF=regional blood flow",
    ],
)
def test_metadata_lines(line: str) -> None:
    assert classify_line(line) is UnitKind.METADATA


@pytest.mark.parametrize(
    "line",
    [
        "Ketamine reduced depressive symptoms within 24 hours (p = 0.01).",
        "Depression, anxiety, and insomnia often co-occur.",
        "Responders had higher baseline glutamate [12].",
        "Read more widely, clinicians would see that relapse is common after ECT.",
        "Mean scores fell from 32.1 to 18.4 in the active group.",
        "*Ketamine* reduced symptoms.",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    assert classify_line(line) is None
    assert classify_sentence(line) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "To book an appointment at our clinic, contact us online or call (212) 555-0100.",
        "We use cookies to improve your experience.",
        "Copyright © 2023 Example Press. All rights reserved.",
        "Are you a candidate for TMS?",
    ],
)
def test_boilerplate_sentences(sentence: str) -> None:
    assert classify_sentence(sentence) is UnitKind.BOILERPLATE


def test_near_miss_numbers_are_not_phones() -> None:
    assert classify_sentence("The 95% CI was 1.2-2.7 and n = 1234 (2019-2021).") is None
    assert classify_sentence("Doses of 100 mg/day were used in 312 patients.") is None


def test_sections_and_read_more() -> None:
    assert is_boilerplate_section("Recent Posts")
    assert is_boilerplate_section("You may also like")
    assert not is_boilerplate_section("Results")
    assert is_read_more("Read More")
    assert not is_read_more("Read more about the trial design in the supplement.")
