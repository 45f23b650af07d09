"""Segmentation: scientific abbreviations, decimals, markers after the full stop, headings, boilerplate."""

from __future__ import annotations

import pytest

from claims.markers import find_markers
from claims.models import UnitKind
from claims.segment import ends_sentence, segment, split_sentences


def _sentences(text: str) -> list[str]:
    markers = [(m.start, m.end) for m in find_markers(text)]
    return [text[s:e] for s, e in split_sentences(text, 0, len(text), markers)]


@pytest.mark.parametrize(
    "sentences",
    [
        ["Smith et al. reported a 12% reduction.", "The effect persisted."],
        ["Drugs (e.g. sertraline) were tested.", "None was superior."],
        ["The outcome, i.e. remission, was rare.", "Others improved."],
        ["Active vs. sham differed by 3.2 points.", "This was expected."],
        ["As shown in Fig. 2, uptake doubled.", "Fig. 3 shows controls."],
        ["Dr. Lee enrolled 40 patients.", "All completed it."],
        ["Patients received 0.5 mg/kg ketamine.", "Pressure rose."],
        ["It was not significant (p = 0.06).", "Larger samples are needed."],
        ["Mean change was 4.1 (95% CI 2.3 to 5.9).", "Responders were younger."],
        ["Depression is disabling. [1,2]", "Treatment often fails. [3]"],
        ["Symptoms include anhedonia.(1)", "They last two weeks.(2)"],
        ["Relapse is frequent (Smith et al., 2020).", "Maintenance lowers it."],
        ["Moreno-Agostino D, Wu YT and colleagues pooled 68 surveys.", "Prevalence rose."],
        ["The review by J. R. Smith covered 12 trials.", "Most were small."],
        ["Why the difference?", "Nobody knows."],
        ["Dosing followed Murrough et al. [64]", "Response was maintained."],
        ["Examples are Chen et al. and Peng et al.", "Most used 10 Hz."],
        ["抑郁症很常见。", "治疗有效。"],
    ],
)
def test_boundaries(sentences: list[str]) -> None:
    assert _sentences(" ".join(sentences)) == sentences


@pytest.mark.parametrize(
    "text",
    [
        "Singh et al. (2016) used twice-weekly infusions.",
        "Smith et al. [3] showed a benefit.",
        "Doses were 0.5 mg/kg vs. 1.0 mg/kg in Fig. 4B.",
        "The review (see e.g. Ref. 12) agreed.",
        "The odds ratio was 1.8 (95% CI: 1.2-2.7; p < .01).",
    ],
)
def test_no_false_boundaries(text: str) -> None:
    assert _sentences(text) == [text]


def test_detached_full_stop_glued_to_next_sentence() -> None:
    text = "and the mechanisms of action .Finally, I will conclude."
    assert _sentences(text) == ["and the mechanisms of action .", "Finally, I will conclude."]


def test_glued_sentence_after_marker() -> None:
    text = "It acts on many mechanisms (74).Of significance, effects were independent."
    assert _sentences(text) == ["It acts on many mechanisms (74).", "Of significance, effects were independent."]


def test_ends_sentence() -> None:
    assert ends_sentence("in the United States.")
    assert ends_sentence("Is it effective?")
    assert not ends_sentence("as reported by Smith et al.")
    assert not ends_sentence("compared with placebo, e.g.")
    assert not ends_sentence("a heading")


def test_units_headings_sections_and_boilerplate() -> None:
    text = (
        "Psychobiology of depression\n"
        "Most depressions involve dopamine. [7,8] Imaging shows deficits. [9-12]\n"
        "Recent Posts\n"
        "A teaser about anxiety (1). It goes on...\n"
        "Read More\n"
        "## Methods\n"
        "We enrolled 40 adults.\n"
    )
    markers = [(m.start, m.end) for m in find_markers(text)]
    units = segment(text, markers)
    got = [(text[u.start : u.end], u.kind, u.section) for u in units]
    assert got == [
        ("Psychobiology of depression", UnitKind.HEADING, "Psychobiology of depression"),
        ("Most depressions involve dopamine. [7,8]", UnitKind.PROSE, "Psychobiology of depression"),
        ("Imaging shows deficits. [9-12]", UnitKind.PROSE, "Psychobiology of depression"),
        ("Recent Posts", UnitKind.BOILERPLATE, "Recent Posts"),
        ("A teaser about anxiety (1). It goes on...", UnitKind.BOILERPLATE, "Recent Posts"),
        ("Read More", UnitKind.BOILERPLATE, "Recent Posts"),
        ("## Methods", UnitKind.HEADING, "Methods"),
        ("We enrolled 40 adults.", UnitKind.PROSE, "Methods"),
    ]


def test_initial_section_and_setext_and_list_items() -> None:
    text = "Results\n=======\n- Ketamine lowered scores by 9 points.\n- Effects faded by day 7."
    units = segment(text, [], section="Intro")
    got = [(text[u.start : u.end], u.kind, u.section) for u in units]
    assert got == [
        ("Results", UnitKind.HEADING, "Results"),
        ("Ketamine lowered scores by 9 points.", UnitKind.PROSE, "Results"),
        ("Effects faded by day 7.", UnitKind.PROSE, "Results"),
    ]
    assert segment("Plain sentence here.", [], section="Intro")[0].section == "Intro"


def test_table_cells_are_metadata_not_headings() -> None:
    text = "Table 1: Effects.\nPFC\nEndorphins\n(Serum)\nAnalgesia\nDopamine\nECT - + + +"
    kinds = {u.kind for u in segment(text, [])}
    assert kinds == {UnitKind.METADATA}


def test_labeled_set_accuracy() -> None:
    """The benchmark's labeled set must stay at full boundary accuracy (guards against regressions)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "segmentation.py"
    if not path.exists():
        pytest.skip("benchmarks/segmentation.py absent")
    spec = importlib.util.spec_from_file_location("segmentation_bench", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    for case in module.CASES:
        assert _sentences(" ".join(case)) == case


NARRATIVE_OPENINGS = [
    ("Ketamine acts within hours [1]. Smith et al. reported a rapid response in adults [2].", "Smith et al. reported"),
    ("Ketamine acts within hours in adults. Nobler and colleagues found less metabolism after ECT [3].", "Nobler and"),
    ("Ketamine acts within hours in adults. Smith et al. (2019) found a rapid response [2].", "Smith et al. (2019)"),
    ("Ketamine acts fast (Lee, 2018). Smith et al. reported a rapid response.", "Smith et al. reported"),
]


@pytest.mark.parametrize(("text", "second"), NARRATIVE_OPENINGS)
def test_a_sentence_opening_with_a_narrative_citation_is_its_own(text, second):
    """An author mention after a full stop opens the next sentence; it was once glued to the one before."""
    from claims.document import analyze_document
    from claims.models import Document

    doc = analyze_document(Document(path="x.md", text=text, sha256="0", format="md", encoding="utf-8"))
    assert len(doc.claims) == 2, [c.text for c in doc.claims]
    assert doc.claims[1].text.startswith(second)
    assert doc.claims[1].markers[0].text.startswith(second.split()[0])


@pytest.mark.parametrize(
    "text",
    [
        "The effect was described by Dr. Smith et al. in adults.",  # an abbreviation before the name
        "This was shown by Smith et al. in 2019.",
        "Mortality fell. [1,2] Diverse causes were named.",  # a bracket marker after the stop stays behind
    ],
)
def test_narrative_openings_leave_other_boundaries_alone(text):
    from claims.document import analyze_document
    from claims.models import Document

    doc = analyze_document(Document(path="x.md", text=text, sha256="0", format="md", encoding="utf-8"))
    expected = 2 if text.startswith("Mortality") else 1
    assert len(doc.claims) == expected, [c.text for c in doc.claims]
    if expected == 2:
        assert doc.claims[0].text == "Mortality fell. [1,2]"
