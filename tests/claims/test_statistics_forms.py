"""Reported-statistics forms ``claims.statistics`` reads, and near-misses it must not read (our own strings)."""

from __future__ import annotations

import pytest

from claims.spans import SentenceView
from claims.statistics import find_intervals, find_p_values, find_test_results, mentions_one_tailed, parse_number


def only(text: str):
    results = [r for r in find_test_results(SentenceView.of(text)) if r.p is not None]
    assert len(results) == 1, results
    return results[0]


@pytest.mark.parametrize(
    ("text", "test", "df1", "df2", "value", "p"),
    [
        ("t(31)=2.45,p=.02", "t", None, 31, 2.45, 0.02),
        (" t ( 31 ) = 2.45 , p = .02", "t", None, 31, 2.45, 0.02),
        ("t(28.5) = 2.31, p = .028", "t", None, 28.5, 2.31, 0.028),
        ("t(40) = \u22123.12, p = .003", "t", None, 40, -3.12, 0.003),  # U+2212 minus
        ("t(40) = \u20133.12, p = .003", "t", None, 40, -3.12, 0.003),  # en dash
        ("t(40) = \u00e2\u02c6\u20193.12, p = .003", "t", None, 40, -3.12, 0.003),  # "âˆ’": U+2212 read as cp1252
        ("t(40) = \u00e2\u20ac\u201c3.12, p = .003", "t", None, 40, -3.12, 0.003),  # "â€“": an en dash likewise
        ("t(40) = - 3.12, p = .003", "t", None, 40, -3.12, 0.003),
        ("t(40) = 1,203.50, p < .001", "t", None, 40, 1203.5, 0.001),  # a thousands separator, not 1
        ("F(2, 56) = 1.20, p = .31", "F", 2, 56, 1.2, 0.31),
        ("F1(1, 40) = 6.20, p = .017", "F", 1, 40, 6.2, 0.017),  # by-subjects F
        ("F2(1, 22) = 5.10, MSE = 31.2, p = .034", "F", 1, 22, 5.1, 0.034),
        ("r(48) = \u2212.32, p = .023", "r", None, 48, -0.32, 0.023),
        ("x2(1) = 6.63, p = .010", "chi2", 1, None, 6.63, 0.01),
        ("chi_2(1) = 6.63, p = .010", "chi2", 1, None, 6.63, 0.01),
        ("Chi2(3) = 8.00, p = .046", "chi2", 3, None, 8.0, 0.046),
        ("\u03c72(1, N = 2,310) = 4.12, p = .042", "chi2", 1, None, 4.12, 0.042),
        ("(2(1) = 3.90, p = .048)", "chi2", 1, None, 3.9, 0.048),  # the χ lost in extraction
        ("Q-Between(1) = 4.20, p = .040", "Q", 1, None, 4.2, 0.04),
        ("QWithin(12) = 21.03, p = .050", "Q", 12, None, 21.03, 0.05),
        ("t(191) = 8.22, p < . 001", "t", None, 191, 8.22, 0.001),
        ("t(191) = 9.54, p <. 001", "t", None, 191, 9.54, 0.001),
        ("t[30] = 2.10, p = .044", "t", None, 30, 2.1, 0.044),
        ("F{2, 30} = 3.40, p = .047", "F", 2, 30, 3.4, 0.047),
        ("| Study 1 | t(30) = 2.10 | p = .044 |", "t", None, 30, 2.1, 0.044),
    ],
)
def test_reads_the_form(text: str, test: str, df1: float | None, df2: float | None, value: float, p: float):
    r = only(text)
    assert (r.test, r.df1, r.df2, r.p.value if r.p else None) == (test, df1, df2, p)
    assert r.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "Data were collected from 2001-2005 (N = 240).",
        "Group A 12.1 3.4 0.03 28",
        "Fig. 2(3) = 0.45, p. 12",
        "Table 2(1) = 0.03, p = .86",  # a bare 2 is a lost χ only straight after a bracket
        "see p. 01",
        "t(2,28) = 2.20, p = .03",
        "z(28) = 2.20, p = .03",
        "U(65) = 499.0, p = 0.55",
        "T(28) = 2.20, p = .03",
        "r(16) = 26.05, p = .10",
        "QError(16) = .26, p = .10",
        "Qs(2) = 2.2, p = .03",
        "t[30] = 2.10 in the array",  # bracketed df only with a p
        "(2(1) = 3.90)",  # a lost χ only with a p
    ],
)
def test_reads_no_statistic(text: str):
    assert [r for r in find_test_results(SentenceView.of(text)) if r.p is not None] == []


def test_p_above_one_is_no_p_value():
    (r,) = find_test_results(SentenceView.of("t(28) = 2.20, p = 1.03"))
    assert r.p is None


def test_spaced_out_html_text_is_read_with_exact_offsets():
    text = "examples: “   t    (37) = −4.93,    p     <   .001”, and OR  1.8,  95% CI  1.2–2.7,   p = .03"
    view = SentenceView.of(text)
    (r,) = find_test_results(view)
    assert (r.test, r.df2, r.value) == ("t", 37, -4.93)
    assert text[r.start : r.end] == "t    (37) = −4.93"
    assert r.p is not None and text[r.p.start : r.p.end] == "p     <   .001"
    (iv,) = find_intervals(view)
    assert text[iv.ci_start : iv.ci_end] == "95% CI  1.2–2.7"
    assert iv.p is not None and text[iv.p.start : iv.p.end] == "p = .03"
    assert [text[p.start : p.end] for p in find_p_values(view)] == ["p     <   .001", "p = .03"]


def test_parse_number_thousands_and_mojibake_minus():
    assert parse_number("2,000.20") == (2000.2, 2)
    assert parse_number("\u00e2\u02c6\u20190.30") == (-0.3, 2)


@pytest.mark.parametrize(
    ("text", "one_tailed"),
    [
        ("t(28) = 2.20, p = .018, directional", True),
        ("We tested directional hypotheses.", True),
        ("All tests were non-directional.", False),
        ("All tests were non directional.", False),
        ("Bidirectional and bi-directional links were modelled.", False),
    ],
)
def test_directional_wording(text: str, one_tailed: bool):
    assert mentions_one_tailed(text) is one_tailed


def test_taken_ranges_answer_as_a_linear_scan_would():
    """``claims.occupied.Occupied`` (the characters quantities already hold) against the plain overlap test."""
    import random

    from claims.occupied import Occupied

    rng = random.Random(17)
    for _ in range(300):
        taken, plain = Occupied(80), []
        for _ in range(rng.randint(0, 12)):
            i = rng.randint(0, 60)
            j = i + rng.randint(1, 8)
            free = all(j <= s or i >= e for s, e in plain)
            assert taken.free(i, j) is free
            if free or rng.random() < 0.3:  # statistics are added unchecked, and may touch or overlap
                taken.take(i, j)
                plain.append((i, j))
