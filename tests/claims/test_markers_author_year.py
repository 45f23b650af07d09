"""Author–year groups inside larger parentheticals, long and corporate names, and their near misses.

Every example was written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.markers import find_markers
from claims.models import MarkerStyle


def written(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_markers(text)]


def cited(text: str) -> list[str]:
    """Markers with keys; a bare "Oduya et al." stays a narrative mention, which is right."""
    return [text[m.start : m.end] for m in find_markers(text) if m.style is not MarkerStyle.NARRATIVE]


# (text, markers as written, keys of the first marker)
FLAGGED = [
    (
        "A ridge forms (Kowalski et al., 2015; Figure 3B) at the tip.",
        ["Kowalski et al., 2015"],
        ("Kowalski et al. 2015",),
    ),
    (
        "Roots bend (Figure 2; Abara and Tellini, 2004) towards light.",
        ["Abara and Tellini, 2004"],
        ("Abara and Tellini 2004",),
    ),
    (
        "It is conserved (see Ostrow et al., 2018, for a review) in fungi.",
        ["Ostrow et al., 2018"],
        ("Ostrow et al. 2018",),
    ),
    (
        "Cilia beat (for a recent review see Haldane and Pryce, 2011), and swim.",
        ["Haldane and Pryce, 2011"],
        ("Haldane and Pryce 2011",),
    ),
    (
        "Shown twice (e.g., kinase A [Orlov et al., 1999], kinase B [Tamm et al., 2001, 2003]).",
        ["Orlov et al., 1999", "Tamm et al., 2001, 2003"],
        ("Orlov et al. 1999",),
    ),
    (
        "Modelled on 3abc (71% identity, Ferreira et al., 2010), as before.",
        ["Ferreira et al., 2010"],
        ("Ferreira et al. 2010",),
    ),
    (
        "A field (F(x) is the usual energy, e.g. Dupont and Marchal, 1998b). Next.",
        ["Dupont and Marchal, 1998b"],
        ("Dupont and Marchal 1998b",),
    ),
    (
        "Growth followed (Ferrand and Okoye, 1999a; 1999b; 2001), as predicted.",
        ["(Ferrand and Okoye, 1999a; 1999b; 2001)"],
        ("Ferrand and Okoye 1999a", "Ferrand and Okoye 1999b", "Ferrand and Okoye 2001"),
    ),
    (
        "Seen early (Ten Brink et al., 2006; Le Goff 2010; Mora Vidal 1912).",
        ["(Ten Brink et al., 2006; Le Goff 2010; Mora Vidal 1912)"],
        ("Ten Brink et al. 2006", "Le Goff 2010", "Mora Vidal 1912"),
    ),
    (
        "Criteria differ (Canadian Dental Association, 2013).",
        ["(Canadian Dental Association, 2013)"],
        ("Canadian Dental Association 2013",),
    ),
    ("Mortality rose (WHO, 2021).", ["(WHO, 2021)"], ("WHO 2021",)),
    ("Mortality rose (see NICE, 2019; Table 2).", ["NICE, 2019"], ("NICE 2019",)),
    ("Enzymes differ (Spring et al., 2003; Figure 4).", ["Spring et al., 2003"], ("Spring et al. 2003",)),
    (
        "Both agree (Tamm et al., 2003; Ruiz, 2004; Figure 1).",
        ["Tamm et al., 2003", "Ruiz, 2004"],
        ("Tamm et al. 2003",),
    ),
]


@pytest.mark.parametrize(("text", "markers", "keys"), FLAGGED)
def test_group_is_found(text: str, markers: list[str], keys: tuple[str, ...]) -> None:
    found = find_markers(text)
    assert written(text) == markers
    assert all(m.style is MarkerStyle.AUTHOR_YEAR for m in found)
    assert found[0].keys == keys


NEAR_MISSES = [
    "The count was large (n = 2015; Figure 1).",
    "It was launched (2015) and grew (1996–2000).",
    "Shown in (Figure 2—figure supplement 1) and (Equation 3, 2020).",
    "A constant (Eq. 2; 2019) is used.",
    "Samples were taken (in Leipzig, 2019; Figure 2).",
    "Samples were taken (see Table 1, 2020).",
    "Counts fell (as of May 2020; n = 3).",
    "Counts fell (Gruber, 2001–2010; Fig. 1).",
    "Trials ran (performed in Denver and Omaha, 2019).",
    "Measured on a (Biacore 3000; GE Healthcare) instrument.",
    "Cases rose (COVID-19, 2020; Table 1).",
    "Cases rose (in the USA, 2020; Figure 1).",
    "The agency wrote (WHO 2021; Figure 1).",
    "Data from Ferreira et al., 2010 were reused.",
    "A season (Winter, 2003; Table 4) was cold.",
    "Reported by Abara and Tellini, 2004, without brackets.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_miss_is_no_marker(text: str) -> None:
    assert cited(text) == []


def test_closed_parenthesis_before_a_group_does_not_count_as_open() -> None:
    text = "The model (a sketch) of Oduya et al., 2012 is used."
    assert cited(text) == []


def test_group_after_a_paragraph_break_is_not_inside_an_earlier_parenthesis() -> None:
    text = "An unclosed (aside\n\nOduya et al., 2012 is used."
    assert cited(text) == []
    assert cited(text.replace("\n\n", " ")) == ["Oduya et al., 2012"]


WORDS = ["Smith", "Lee", " et al.", " and ", ", ", "; ", " ", "2020", "1999a", "e.g.", "see ", "Figure 1", "WHO"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map("".join))
def test_without_brackets_only_narrative_mentions_are_found(text: str) -> None:
    assert all(m.style is MarkerStyle.NARRATIVE for m in find_markers(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "(", ")", "[", "]"]), max_size=40).map("".join))
def test_author_year_markers_start_and_end_on_a_name_bracket_or_year(text: str) -> None:
    for m in find_markers(text):
        if m.style is MarkerStyle.AUTHOR_YEAR:
            assert text[m.start].isalpha() or text[m.start] == "("
            assert text[m.end - 1].isalnum() or text[m.end - 1] == ")"
            assert m.keys and m.authors
