"""Quantities and reported statistics: parsing, offsets, and never raising on junk."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.quantities import find_quantities
from claims.spans import SentenceView
from claims.statistics import find_intervals, find_p_values, find_test_results, mentions_one_tailed, parse_number


def kinds(text: str) -> list[tuple[str, str]]:
    return [(q.kind, q.text) for q in find_quantities(SentenceView.of(text))]


def test_meta_analysis_sentence_yields_n_count_effect_ci_and_p():
    text = "Responders (n = 128; k = 22) nominally increased Glx (d = 0.15 [95% CI: −0.01, 0.30], p = 0.06)."
    assert kinds(text) == [
        ("n", "n = 128"),
        ("count", "k = 22"),
        ("effect_size", "d = 0.15"),
        ("ci", "95% CI: −0.01, 0.30"),
        ("p", "p = 0.06"),
    ]
    ci = next(q for q in find_quantities(SentenceView.of(text)) if q.kind == "ci")
    assert (ci.low, ci.high, ci.value, ci.name) == (-0.01, 0.30, 95.0, "d")


def test_doses_durations_percentages_and_sample_nouns():
    text = "In 1,024 patients, 20 mg/kg for 4 weeks at 10 Hz helped 35% of them."
    assert kinds(text) == [
        ("n", "1,024 patients"),
        ("dose", "20 mg/kg"),
        ("number", "4 weeks"),
        ("dose", "10 Hz"),
        ("percent", "35%"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Proton spectroscopy (1H-MRS) and 1H MR studies were pooled.",  # a nucleus, not hours
        "Symptoms were rated at the end of 1 W, 2 W and 3 W.",  # week labels, not watts
        "J Affect Disord. 2021; 281: 235-43.",  # reference-list debris
    ],
)
def test_near_misses_yield_nothing(text: str):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "test", "df1", "df2", "value", "cmp", "p"),
    [
        ("t(23) = 2.10, p = .047", "t", None, 23, 2.10, "=", 0.047),
        ("t₂₃ = 2.1, P<0.05", "t", None, 23, 2.1, "<", 0.05),
        ("t = 2.1, df = 23, p = 0.045", "t", None, 23, 2.1, "=", 0.045),
        ("F(2, 45) = 3.20, MSE = 2.3, p = .05", "F", 2, 45, 3.2, "=", 0.05),
        ("F₂,₄₅ = 3.2, p = .05", "F", 2, 45, 3.2, "=", 0.05),
        ("χ2(1, N = 90) = 4.20, p = .04.", "chi2", 1, None, 4.2, "=", 0.04),
        ("r(48) = −.30, p = .03", "r", None, 48, -0.3, "=", 0.03),
        ("z = 1.96, p = .05", "z", None, None, 1.96, "=", 0.05),
        ("Q(5) = 12.3, p = .03", "Q", 5, None, 12.3, "=", 0.03),
        ("H(2) = 7.1, p < .05", "H", 2, None, 7.1, "<", 0.05),
        ("F(1, 98) = 7·20, p = 0·009", "F", 1, 98, 7.2, "=", 0.009),
    ],
)
def test_test_results_parse(text, test, df1, df2, value, cmp, p):
    (r,) = find_test_results(SentenceView.of(text))
    assert (r.test, r.df1, r.df2, r.value, r.p.comparator, r.p.value) == (test, df1, df2, value, cmp, p)


def test_ns_and_one_tailed_label():
    (r,) = find_test_results(SentenceView.of("F(1, 20) = 1.10, ns."))
    assert r.p is not None and r.p.comparator == "ns"
    (r,) = find_test_results(SentenceView.of("t(28) = 1.80, p (one-tailed) = .041"))
    assert r.p is not None and r.p.tail == "one"
    assert mentions_one_tailed("all tests were one-sided") and not mentions_one_tailed("two-sided tests")


def test_statistic_without_df_is_not_a_result():
    assert find_test_results(SentenceView.of("The mean was t = 2.1 in both arms, p = .04.")) == []


@pytest.mark.parametrize(
    ("text", "value", "cmp"),
    [("p = .000", 0.0, "="), ("P<0.05", 0.05, "<"), ("p-value of 0.03", 0.03, "="), ("p ≤ .01", 0.01, "<=")],
)
def test_p_values(text: str, value: float, cmp: str):
    (p,) = find_p_values(SentenceView.of(text))
    assert (p.value, p.comparator) == (value, cmp)


def test_p_value_forms_that_are_not_p_values():
    assert find_p_values(SentenceView.of("see p. 35 and ηp2 = .12, and p = 1.7")) == []


def test_intervals_for_ratios_and_differences():
    (iv,) = find_intervals(SentenceView.of("OR 1.8, 95% CI 1.2–2.7, P = 0·003"))
    assert (iv.name, iv.estimate, iv.low, iv.high, iv.ratio, iv.null) == ("OR", 1.8, 1.2, 2.7, True, 1.0)
    assert iv.p is not None and iv.p.value == 0.003
    (iv,) = find_intervals(SentenceView.of("HR 0.75 (0.60–0.94); p=0.01"))
    assert (iv.low, iv.high, iv.level) == (0.6, 0.94, 95.0)
    (iv,) = find_intervals(SentenceView.of("mean difference −2.3 (95% CI −4.1 to −0.5), p = .01"))
    assert (iv.estimate, iv.low, iv.high, iv.ratio) == (-2.3, -4.1, -0.5, False)


def test_parse_number_any_minus_and_scientific_notation():
    assert parse_number("−0.30") == (-0.3, 2)
    assert parse_number(".000") == (0.0, 3)
    value, decimals = parse_number("2.3 × 10−5")
    assert value == pytest.approx(2.3e-5) and decimals == 6


_PIECES = st.sampled_from(
    [
        "t(23) = ",
        "F(2, 45) = ",
        "χ2(1, N = 90) = ",
        "p = ",
        "p < ",
        "95% CI ",
        "OR ",
        "d = ",
        "n = ",
        "%",
        " mg",
        " weeks",
        "−",
        "–",
        ",",
        ";",
        "(",
        ")",
        "[",
        "]",
        ".",
        "0",
        "1",
        "2.10",
        ".047",
        " ",
        "\n",
        "to",
        "ns",
        "₂₃",
        "·",
        "×10",
        "patients",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=25).map("".join)))
def test_find_quantities_never_raises_and_spans_quote_the_text(text: str):
    for q in find_quantities(SentenceView.of(text)):
        assert text[q.span.start : q.span.end] == q.text
        assert q.span.start < q.span.end
