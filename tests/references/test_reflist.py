"""find_reference_list: headings, numbered runs, run-together entries, one token per line, list ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from references.models import SourceType
from references.reflist import find_reference_list

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"

ARTICLE = """Sleep and mood

Shift work disturbs sleep in many nurses (1). Short sleep predicts low mood (2,3).

References

1. Okafor NB, Quist-Hale R. Sleep timing in shift workers. J Occup Health Res. 2018;44(2):117-25.
2. Brandt KL, Osei M. Short sleep and mood. Arch Gen Epidemiol. 2016;58:201-9.
3. Night shifts explained. Lakeside Health Clinic. Published May 2, 2020. Link. Accessed June 1, 2021.

About the author

Dr. Mira Holt has written about sleep since 2009 and lives in Leeds.
"""


def check_spans(text, rl):
    for e in rl.entries:
        assert text[e.span.start : e.span.end] == e.raw
        assert rl.start <= e.span.start <= e.span.end <= rl.end


def test_heading_and_numbered_entries():
    rl = find_reference_list(ARTICLE)
    assert rl is not None
    assert rl.heading == "References"
    assert ARTICLE[rl.start :].startswith("References")
    assert [e.key for e in rl.entries] == ["1", "2", "3"]
    assert [e.number for e in rl.entries] == [1, 2, 3]
    assert rl.entries[2].source_type is SourceType.WEB_PAGE
    assert "Holt" not in ARTICLE[rl.start : rl.end]
    check_spans(ARTICLE, rl)


def test_run_together_entries_are_split():
    text = (
        "Body text here.\n\n1. Lee AB. First title. J Foo. 2001;1:1-2.\n\n2. Kim C. Second title. J Bar. 2002;2:3-4."
        "3. Park D. Third title. J Baz. 2003;3:5-6.\n\nShare this post\n"
    )
    rl = find_reference_list(text)
    assert rl is not None
    assert [e.key for e in rl.entries] == ["1", "2", "3"]
    assert rl.entries[1].raw.endswith("2002;2:3-4.")
    assert rl.entries[2].authors[0].family == "Park"
    check_spans(text, rl)


def test_one_token_per_line_entries():
    entry = "{n}.\nOkafor\nNB\n,\nLee\nC\n.\nSleep timing\n.\nJ Sleep\n.\n20{y}\n;\n4\n:\n11\n9\n.\n"
    text = (
        "Intro.\n\n"
        + "".join(entry.format(n=n, y=10 + n) for n in range(1, 5))
        + "You do not currently have access to this content."
    )
    rl = find_reference_list(text)
    assert rl is not None
    assert len(rl.entries) == 4
    first = rl.entries[0]
    assert first.authors[0].family == "Okafor" and first.authors[0].given == "NB"
    assert first.year == "2011" and first.venue == "J Sleep"
    assert "access" not in rl.entries[-1].raw
    assert "\n" in first.raw
    check_spans(text, rl)


def test_unnumbered_apa_list_gets_made_keys():
    text = (
        "Text (Marchetti, 2019a; Marchetti, 2019b).\n\n## Bibliography\n\n"
        "Marchetti, L. (2019a). One. Journal A, 1(2), 3-4.\n"
        "Marchetti, L. (2019b). Two. Journal A, 2(2), 5-6.\n"
        "Nakamura, H., & Lee, J. (2020). Three. Journal B, 3, 7-8.\n"
    )
    rl = find_reference_list(text)
    assert rl is not None
    assert rl.heading == "Bibliography"
    assert [e.key for e in rl.entries] == ["marchetti2019a", "marchetti2019b", "nakamura2020"]
    assert all(e.number is None for e in rl.entries)
    check_spans(text, rl)


def test_duplicate_made_keys_stay_unique():
    text = "## References\n\nKim, J. (2020). A. J, 1, 2-3.\nKim, J. (2020). B. J, 2, 4-5.\n"
    rl = find_reference_list(text)
    assert rl is not None
    keys = [e.key for e in rl.entries]
    assert len(set(keys)) == len(keys) == 2


def test_bibitems():
    text = "\\begin{thebibliography}{9}\n\\bibitem{doe01} J. Doe. A title. J. Foo, 1(2):3--4, 2001.\n\\end{thebibliography}\n"
    rl = find_reference_list(text)
    assert rl is not None and rl.entries[0].key == "doe01"
    check_spans(text, rl)


@pytest.mark.parametrize(
    "text",
    [
        "Steps:\n1. Open the box.\n2. Take out the device.\n3. Plug it in.\n",
        "Notes\n\nBring water and a hat.\n",
        "No list here at all, just prose about 2019 and 2020.",
        "",
    ],
)
def test_no_list_in_prose(text):
    assert find_reference_list(text) is None


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "1. ",
                "2. ",
                "3. ",
                "Smith J. ",
                "Title. ",
                "J Foo. 2001;1:2. ",
                "\n",
                "\n\n",
                "References\n",
                "Recent Posts\n",
                "x",
            ]
        ),
        max_size=40,
    )
)
def test_spans_give_back_raw(parts):
    text = "".join(parts)
    rl = find_reference_list(text)
    if rl is not None:
        check_spans(text, rl)


def seed(prefix):
    if not SEEDS.exists():
        pytest.skip("shared corpus absent")
    files = sorted(SEEDS.glob(prefix + "_*.txt"))
    if not files:
        pytest.skip("seed file absent")
    return files[0].read_text(encoding="utf-8")


def test_corpus_001_web_list_with_bio_after():
    text = seed("001")
    rl = find_reference_list(text)
    assert rl is not None
    assert len(rl.entries) == 11
    assert [e.key for e in rl.entries] == [str(n) for n in range(1, 12)]
    assert sum(e.source_type is SourceType.WEB_PAGE for e in rl.entries) == 7
    assert rl.entries[10].authors[0].family == "Somani"
    listed = text[rl.start : rl.end]
    for outside in ("Dr. David Woo", "Ready to try TMS", "Contact Us", "Recent Posts", "Read More"):
        assert outside not in listed
    check_spans(text, rl)


def test_corpus_002_one_token_per_line():
    text = seed("002")
    rl = find_reference_list(text)
    assert rl is not None
    assert len(rl.entries) == 116
    first = rl.entries[0]
    assert (first.authors[0].family, first.authors[0].given) == ("Moreno-Agostino", "D")
    assert first.year == "2021"
    assert "access to this content" not in rl.entries[-1].raw
    check_spans(text, rl)


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_corpus_files_without_a_list(prefix):
    assert find_reference_list(seed(prefix)) is None


def test_numbered_list_with_blank_placeholder_entries_keeps_every_number():
    real = "{n}. Okafor NB, Lee C. Sleep timing number {n}. J Sleep. 20{y};4:11-9.\n"
    lines = [real.format(n=n, y=10 + n) if n % 3 == 0 else f"{n}. . . . ;:.\n" for n in range(1, 13)]
    text = "Body text (3).\n\nReferences\n" + "".join(lines)
    rl = find_reference_list(text)
    assert rl is not None
    assert [e.number for e in rl.entries] == list(range(1, 13))
    assert rl.entries[2].authors[0].family == "Okafor"
    check_spans(text, rl)


def test_near_miss_numbered_prose_is_not_a_list_even_with_blank_lines():
    text = "Steps\n\n1. Wash the cups.\n2. . .\n3. Dry them on the rack and put them away.\n"
    assert find_reference_list(text) is None


def test_one_entry_per_line_with_particle_and_numeric_first_authors():
    text = (
        "Body (Okafor 2018).\n\nReferences\n"
        "Okafor NB, Lee C. 2018. Sleep timing. J Sleep 4:11-19.\n"
        "van Dam M, Osei K. 2017. Night work. J Sleep 3:1-9.\n"
        "de Wit BL. 2016. Shift nurses. Sleep Res 2:5-8.\n"
        "100 Sleepers Project Consortium. 2015. A map of sleep. Nature 5:1-3.\n"
        "Zhou Q. 2014. Naps. Sleep Res 1:2-4.\n"
    )
    rl = find_reference_list(text)
    assert rl is not None
    assert [e.raw.split(".")[0].split(",")[0] for e in rl.entries] == [
        "Okafor NB",
        "van Dam M",
        "de Wit BL",
        "100 Sleepers Project Consortium",
        "Zhou Q",
    ]
    check_spans(text, rl)


def test_near_miss_wrapped_line_starting_with_a_year_is_not_an_entry():
    text = (
        "References\n"
        "Okafor NB, Lee C. Sleep timing in shift workers and nurses.\n"
        "2018 May;4:11-19.\n"
        "Zhou Q. Naps in the afternoon. Sleep Res. 2014;1:2-4.\n"
    )
    rl = find_reference_list(text)
    assert rl is not None
    assert len(rl.entries) == 2
    assert rl.entries[0].raw.endswith("2018 May;4:11-19.")
