"""Normalization: wraps joined, hyphenation repaired, marker lines attached, and the map back is exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.normalize import normalize

DOUBLE_SPACED = (
    "Major depression is a highly prevalent illness \n\n"
    "associated with significant morbidity and mortality.\n[1,2]\n\n \n\n"
    "Diverse studies suggest that up to a third of patients \n\n"
    "fail to respond to drug therapy.\n[3]\n\n Also, it is estimated that \n\n"
    "many people remain unwell every year in the region.\n[4]\n\n \n\n"
    "Psychobiology of depression \n\n"
    "Animal studies, clinical and neuroimaging observations \n\n"
    "suggest abnormalities in the dopamine system.\n[5,6]\n"
)


def test_double_spaced_pdf_copy() -> None:
    norm = normalize(DOUBLE_SPACED).normalized
    lines = norm.split("\n")
    assert lines[0] == (
        "Major depression is a highly prevalent illness associated with significant morbidity and mortality. [1,2]"
    )
    assert "Psychobiology of depression" in lines  # a heading stays on its own line
    assert lines[-1].endswith("in the dopamine system. [5,6]")


def test_marker_line_inside_sentence_is_joined() -> None:
    text = (
        "Among the treatments ECT (electroconvulsive \ntreatment)\n[4]\n r-TMS\n[5]\n and ketamine\n[6]\n have emerged."
    )
    assert normalize(text).normalized == (
        "Among the treatments ECT (electroconvulsive treatment) [4] r-TMS [5] and ketamine [6] have emerged."
    )


def test_hyphenation_repaired_unless_document_uses_the_compound() -> None:
    assert normalize("the treat-\nment was given").normalized == "the treatment was given"
    text = "dose-response curves differ; the dose-\nresponse was flat"
    assert normalize(text).normalized == "dose-response curves differ; the dose-response was flat"


def test_paragraph_lines_and_headings_are_not_joined() -> None:
    text = "Mapping Brain Activity\nScientists used fMRI to examine brain regions.\nRapid Effects\nKetamine works fast."
    assert normalize(text).normalized == text


def test_single_spaced_blank_line_is_a_paragraph_break() -> None:
    text = "Read More\n\nphone (212) 555-0100 Take the test"
    assert normalize(text).normalized == "Read More\nphone (212) 555-0100 Take the test"


def test_markdown_blocks_stay_apart() -> None:
    text = "# Methods\nWe enrolled\nforty adults.\n- first item\n- second item\n```\ncode\nmore\n```"
    norm = normalize(text).normalized
    assert norm.split("\n") == [
        "# Methods",
        "We enrolled forty adults.",
        "- first item",
        "- second item",
        "```",
        "code",
        "more",
        "```",
    ]


def test_crlf_is_handled_and_mapped() -> None:
    text = "Ketamine was given at\r\n0.5 mg/kg.\r\n\r\nNext paragraph."
    omap = normalize(text)
    assert omap.normalized == "Ketamine was given at 0.5 mg/kg.\nNext paragraph."
    i = omap.normalized.index("0.5")
    start, end = omap.range(i, i + len("0.5 mg/kg."))
    assert text[start:end] == "0.5 mg/kg."


def test_range_across_a_join_covers_the_original() -> None:
    text = "associated with\n\nmortality.\n[1,2]"
    omap = normalize(text)
    start, end = omap.range(0, len(omap.normalized))
    assert text[start:end] == text


def test_empty_and_blank() -> None:
    assert normalize("").normalized == ""
    assert normalize(" \n\n \t\n").normalized == ""


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A.-[]1,\n\r \t")), max_size=200))
def test_every_normalized_char_maps_to_a_matching_original_char(text: str) -> None:
    omap = normalize(text)
    norm = omap.normalized
    for i, ch in enumerate(norm):
        orig = text[omap.start(i)]
        if ch == " " or ch == "\n":
            assert orig.isspace() or orig == ch
        else:
            assert orig == ch
    starts = [omap.start(i) for i in range(len(norm))]
    assert starts == sorted(starts)
