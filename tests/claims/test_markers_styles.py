"""Table-driven checks of every marker style: flagged examples and near misses written for these tests."""

from __future__ import annotations

import pytest

from claims.markers import MarkerMatch, expand_numeric, find_markers
from claims.models import MarkerStyle

S = MarkerStyle


def only(text: str) -> MarkerMatch:
    found = find_markers(text)
    assert len(found) == 1, [text[m.start : m.end] for m in found]
    return found[0]


# (text, marker as written, style, keys)
FLAGGED = [
    # numeric, brackets
    ("Depression is common worldwide [1,2].", "[1,2]", S.NUMERIC_BRACKET, ("1", "2")),
    ("Ketamine acts fast [9-12].", "[9-12]", S.NUMERIC_BRACKET, ("9", "10", "11", "12")),
    ("ECT was studied widely [14–18].", "[14–18]", S.NUMERIC_BRACKET, ("14", "15", "16", "17", "18")),
    ("Opioids are involved [5, 7, 8], too.", "[5, 7, 8]", S.NUMERIC_BRACKET, ("5", "7", "8")),
    ("Two reports agree [4a,b].", "[4a,b]", S.NUMERIC_BRACKET, ("4a", "4b")),
    ("IEEE style ranges [2]–[5] occur.", "[2]–[5]", S.NUMERIC_BRACKET, ("2", "3", "4", "5")),
    ("Lines wrap in PDFs.\n[3,\n4]\n Next.", "[3,\n4]", S.NUMERIC_BRACKET, ("3", "4")),
    ("Mixed lists [1; 3-4].", "[1; 3-4]", S.NUMERIC_BRACKET, ("1", "3", "4")),
    # numeric, parentheses
    ("Loss of interest in activities someone used to enjoy.(1)", "(1)", S.NUMERIC_PAREN, ("1",)),
    ("Networks produce the symptoms of depression.(3,4,5) Next.", "(3,4,5)", S.NUMERIC_PAREN, ("3", "4", "5")),
    ("It affects multiple mechanisms (74). Of note.", "(74)", S.NUMERIC_PAREN, ("74",)),
    ("Several trials (3-5) found this.", "(3-5)", S.NUMERIC_PAREN, ("3", "4", "5")),
    ("called ‘affective instability’ (1). Although", "(1)", S.NUMERIC_PAREN, ("1",)),
    ("Medication failed (8, 9)\nagain.", "(8, 9)", S.NUMERIC_PAREN, ("8", "9")),
    # superscripts
    ("Depression is disabling¹² in adults.", "¹²", S.SUPERSCRIPT, ("12",)),
    ("Seen in several cohorts³⁻⁵.", "³⁻⁵", S.SUPERSCRIPT, ("3", "4", "5")),
    ("Two trials agree.¹,² Next.", "¹,²", S.SUPERSCRIPT, ("1", "2")),
    ("Patients¹–³ improved.", "¹–³", S.SUPERSCRIPT, ("1", "2", "3")),
    ("As reported previously,⁷ the effect held.", "⁷", S.SUPERSCRIPT, ("7",)),
    # author-year
    (
        "Seen often (Smith et al., 2020; Lee & Kim 2019a).",
        "(Smith et al., 2020; Lee & Kim 2019a)",
        S.AUTHOR_YEAR,
        ("Smith et al. 2020", "Lee & Kim 2019a"),
    ),
    ("Smith et al. (2020) found it.", "Smith et al. (2020)", S.AUTHOR_YEAR, ("Smith et al. 2020",)),
    ("Shown (e.g., Smith 2019, 2020).", "(e.g., Smith 2019, 2020)", S.AUTHOR_YEAR, ("Smith 2019", "Smith 2020")),
    (
        "Shown (Smith, Jones, & Lee, 2018, p. 3).",
        "(Smith, Jones, & Lee, 2018, p. 3)",
        S.AUTHOR_YEAR,
        ("Smith, Jones, & Lee 2018",),
    ),
    (
        "As van der Berg (2019a, b) argued.",
        "van der Berg (2019a, b)",
        S.AUTHOR_YEAR,
        ("van der Berg 2019a", "van der Berg 2019b"),
    ),
    ("Known (Müller 2001).", "(Müller 2001)", S.AUTHOR_YEAR, ("Müller 2001",)),
    # narrative mentions
    ("Nobler and colleagues reported a decrease.", "Nobler and colleagues", S.NARRATIVE, ()),
    ("Murrough et al. assessed the effect.", "Murrough et al.", S.NARRATIVE, ()),
    ("Smith et al observed that it works.", "Smith et al", S.NARRATIVE, ()),
    ("In 1979, Brozoski and his colleagues showed it.", "Brozoski and his colleagues", S.NARRATIVE, ()),
    ("Singh \n\net al. showed that.", "Singh \n\net al.", S.NARRATIVE, ()),
    # LaTeX
    (r"As shown \cite{a,b}.", r"\cite{a,b}", S.LATEX, ("a", "b")),
    (r"As shown \citep[p.~3]{knuth84}.", r"\citep[p.~3]{knuth84}", S.LATEX, ("knuth84",)),
    (r"\citet{lee2019} argued.", r"\citet{lee2019}", S.LATEX, ("lee2019",)),
    (r"See \parencite[see][12]{doe:x}.", r"\parencite[see][12]{doe:x}", S.LATEX, ("doe:x",)),
    (r"\textcite{a} and \autocites{b, c}{d}", r"\textcite{a}", S.LATEX, ("a",)),
    (r"Starred \citep*{x1}.", r"\citep*{x1}", S.LATEX, ("x1",)),
    # Pandoc
    ("Shown [@key; @key2, p. 3].", "[@key; @key2, p. 3]", S.PANDOC, ("key", "key2")),
    ("As Doe said [-@doe99].", "[-@doe99]", S.PANDOC, ("doe99",)),
    (
        "Argued [see @doe99, pp. 33-35; also @smith04, chap. 1].",
        "[see @doe99, pp. 33-35; also @smith04, chap. 1]",
        S.PANDOC,
        ("doe99", "smith04"),
    ),
    ("Braced [@{doi:10.1/x.y}].", "[@{doi:10.1/x.y}]", S.PANDOC, ("doi:10.1/x.y",)),
    ("Keys with colons [@smith:2004a].", "[@smith:2004a]", S.PANDOC, ("smith:2004a",)),
]


@pytest.mark.parametrize(("text", "written", "style", "keys"), FLAGGED)
def test_flagged_marker(text: str, written: str, style: MarkerStyle, keys: tuple[str, ...]) -> None:
    found = [m for m in find_markers(text) if text[m.start : m.end] == written]
    assert found, [text[m.start : m.end] for m in find_markers(text)]
    assert found[0].style is style
    assert found[0].keys == keys


# Each text holds no citation marker at all.
NEAR_MISSES = [
    # bracket look-alikes
    "The effect was small (d = 0.15 [95% CI: −0.01, 0.30], p = 0.06).",
    "He said it was 'fine' [sic] then left.",
    "Values ranged over [0.2, 0.5] in all runs.",
    "Accessed [2020] online.",
    "The vector x[2] and a[10] are indices.",
    "See the [docs][1] page.",
    "[1]: https://example.org/a",
    "Scores in range [1, 10] were kept.",
    "A reversed list [12-2] is no range.",
    "A huge span [1-500] is no range.",
    "Zero [0] is no reference number.",
    "Earlier work [cited 2023 Sep 20] is online [Internet].",
    # parenthetical look-alikes
    "Patients (n = 36) were randomised.",
    "No change was found (p = 0.06).",
    "The survey ended (2022).",
    "It was first seen (1979).",
    "The Hamilton scale (HAMD-17) was used.",
    "A meta-analysis of (1)H-MRS findings.",
    "Our aims were: (1) to assess mood, (2) to test memory.",
    "The aims were (1) to assess mood and (2) to test memory.",
    "Call us on (212) 731-2033 today.",
    "Dialogues Clin Neurosci. 2015;17(2):111-126.",
    "Mol Psychiatry.\n2023\n;\n28\n(\n8\n):\n3257",
    "As given in Eq. (3) above.",
    "As shown in Fig. (2) and (Table 3).",
    "The map f(1) is defined.",
    "A half (0.5) of them.",
    "(1) Assess the patient first.",
    "A ratio of 3 (4) was seen.",
    # superscript look-alikes
    "An area of 5 m² was used.",
    "About 10⁶ cells were counted.",
    "The fit was good (R² = 0.9, χ² = 3.1).",
    "Calcium Ca²⁺ entered the cell.",
    "Proton ¹H-MRS and ¹³C spectra.",
    "A rate of 3 s⁻¹ and 2 mol⁻¹ was seen.",
    # author-year look-alikes
    "Data were collected in March (2020).",
    "The agency reported it (WHO 2020).",
    "The scale was revised (HAMD-17 2020).",
    "The pandemic (COVID-19, 2020) changed care.",
    "See the appendix (Table 2020).",
    "Posted online (Published 2021).",
    "The count (n = 2020) was large.",
    "Zhou X, Teng T, Zhang Y, et al. Comparative efficacy.",
    "Phillips ML, Chase HW, Sheline YI, et al.: Identifying predictors.",
    # narrative look-alikes
    "Patients and colleagues were invited.",
    "Friends and coworkers came along.",
    "They thanked their colleagues.",
    "As reported et al. without a name.",
    "The PFC et al. is not a name.",
    # LaTeX look-alikes
    r"\nocite{a} prints nothing.",
    r"A bare \cite without arguments.",
    r"An unknown \citation{a} command.",
    r"An empty \cite{} call.",
    r"Excite \excite{x} is not a command.",
    # Pandoc look-alikes
    "Mail me at john@example.com today.",
    "Follow us @madisontms on social media.",
    "[contact john@example.com for details]",
    "An empty [@] bracket.",
    "Handles @alpha and @beta with no bracketed citation.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_miss_is_no_marker(text: str) -> None:
    assert [text[m.start : m.end] for m in find_markers(text)] == []


def test_bare_pandoc_key_needs_a_bracketed_citation_in_the_document() -> None:
    text = "@smith04 says this [@doe99], but mail a@b.org."
    found = find_markers(text)
    assert [(text[m.start : m.end], m.keys) for m in found] == [
        ("@smith04", ("smith04",)),
        ("[@doe99]", ("doe99",)),
    ]


def test_author_fields() -> None:
    marker = only("Seen (Smith et al., 2020; Lee & Kim 2019a).")
    assert marker.authors == ("Smith", "Lee", "Kim")
    assert marker.year is None
    single = only("Smith and Lee (2019) found it.")
    assert (single.authors, single.year, single.keys) == (("Smith", "Lee"), "2019", ("Smith and Lee 2019",))
    narrative = only("Nobler and colleagues reported it.")
    assert (narrative.keys, narrative.authors, narrative.year) == ((), ("Nobler",), None)


def test_narrative_with_year_beats_bare_mention() -> None:
    marker = only("Murrough et al. (2013) assessed it.")
    assert marker.style is S.AUTHOR_YEAR
    assert marker.keys == ("Murrough et al. 2013",)


def test_latex_bracket_argument_is_not_a_numeric_marker() -> None:
    marker = only(r"See \cite[3]{a}.")
    assert (marker.style, marker.keys) == (S.LATEX, ("a",))


@pytest.mark.parametrize(
    ("body", "keys"),
    [
        ("9-12", ("9", "10", "11", "12")),
        ("4a,b", ("4a", "4b")),
        ("1, 3–4", ("1", "3", "4")),
        ("12-2", None),
        ("1-201", None),
        ("1-200", tuple(str(n) for n in range(1, 201))),
        ("2020", None),
        ("0", None),
        ("b,4", None),
    ],
)
def test_expand_numeric(body: str, keys: tuple[str, ...] | None) -> None:
    assert expand_numeric(body) == keys


@pytest.mark.parametrize(
    "text",
    [
        "where E = Id M . (67)\nwhere the last term",
        "N j , i (4)\nwhere N is",
        "A call to sequence.find(10) returns",
        "Of Infectious Disease (2002), and more.",
        "Foundations of Social Evolution (1998) is a book.",
        "The permutations are [4, 2, 3] and [16, 15].",
    ],
)
def test_equation_numbers_calls_titles_and_permutations_are_no_markers(text: str) -> None:
    assert [text[m.start : m.end] for m in find_markers(text)] == []
