"""Property tests: ``find_markers`` never raises, and its matches are well-formed on any text."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claims.markers import find_markers
from claims.models import MarkerStyle

# Characters and fragments that the detectors react to, so random text hits the edge cases.
FRAGMENTS = [
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    ",",
    ";",
    "-",
    "–",
    "⁻",
    ".",
    " ",
    "\n",
    "@",
    "\\cite",
    "\\citep",
    "1",
    "2",
    "12",
    "2020",
    "0.5",
    "a",
    "b",
    "¹",
    "²",
    "³",
    "Smith",
    "Lee",
    " et al.",
    " and ",
    " & ",
    "colleagues",
    "p = ",
    "n = ",
    "e.g.,",
    "van der ",
    "H",
    "m",
    "%",
    ":",
    "’",
]
marker_soup = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)


def check_well_formed(text: str) -> None:
    found = find_markers(text)
    previous_end = 0
    for m in found:
        assert 0 <= previous_end <= m.start < m.end <= len(text)
        previous_end = m.end
        written = text[m.start : m.end]
        assert written == written.strip() and written
        if m.style is MarkerStyle.NARRATIVE:
            assert m.keys == () and m.authors
        else:
            assert m.keys and all(k for k in m.keys)
        if m.style is MarkerStyle.NUMERIC_BRACKET:
            assert written.startswith("[") and written.endswith("]")
        if m.style is MarkerStyle.NUMERIC_PAREN:
            assert written.startswith("(") and written.endswith(")")
            assert all(k.isdigit() for k in m.keys)
        if m.style is MarkerStyle.LATEX:
            assert written.startswith("\\") and written.endswith("}")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_well_formed_matches(text: str) -> None:
    check_well_formed(text)


@settings(max_examples=500, deadline=None)
@given(marker_soup)
def test_marker_like_text_gives_well_formed_matches(text: str) -> None:
    check_well_formed(text)


items = st.one_of(
    st.integers(1, 999).map(lambda n: (str(n), (str(n),))),
    st.tuples(st.integers(1, 900), st.integers(0, 50), st.sampled_from(["-", "–"])).map(
        lambda t: (f"{t[0]}{t[2]}{t[0] + t[1]}", tuple(str(n) for n in range(t[0], t[0] + t[1] + 1)))
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(items, min_size=1, max_size=6), st.sampled_from([",", ", ", ";"]))
def test_bracket_lists_expand_to_their_numbers(parts: list[tuple[str, tuple[str, ...]]], sep: str) -> None:
    parts = sorted(parts, key=lambda p: int(p[1][0]))
    flat = [int(k) for _, keys in parts for k in keys]
    assume(flat == sorted(flat))  # citation lists ascend; a descending list is data
    body = sep.join(written for written, _ in parts)
    text = f"Depression is common [{body}]. It recurs."
    found = find_markers(text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == f"[{body}]"
    assert found[0].keys == tuple(k for _, keys in parts for k in keys)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 99), min_size=2, max_size=5).filter(lambda ns: ns != sorted(ns)))
def test_descending_bracket_lists_are_data(numbers: list[int]) -> None:
    text = "The order was [" + ", ".join(map(str, numbers)) + "] here."
    assert find_markers(text) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 999), min_size=1, max_size=5).map(sorted))
def test_paren_lists_after_a_full_stop_are_markers(numbers: list[int]) -> None:
    written = "(" + ",".join(map(str, numbers)) + ")"
    text = f"Symptoms include sadness.{written}\n\nNext paragraph."
    found = find_markers(text)
    assert [(text[m.start : m.end], m.keys) for m in found] == [(written, tuple(map(str, numbers)))]
