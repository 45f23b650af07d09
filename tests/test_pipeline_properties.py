"""Property tests of the whole pipeline: any text in, a complete report out, every span quoting the input.

Hypothesis builds manuscript-like text from pieces that exercise every stage at once
(claims with cue words and statistics, markers of every style, headings, reference
lists with good and broken entries, suppression comments, odd line breaks and
Unicode) and also plain random text. For each, ``analyze`` runs with every rule
(preview included) and must not raise; every claim, marker, cue, quantity, link,
reference and finding span must quote the input exactly, with line/column that
agree with the offsets; the report must round-trip through JSON and validate
against the committed schema, and every renderer must accept it.

The reference loaders get the same treatment: random text written as .bib / .json /
.ris may only raise ``ReferenceParseError``; ``claims.loading.decode`` on random
bytes may only raise ``InputError``.
"""

from __future__ import annotations

import io
import json
from functools import cache

from helpers import SCHEMA_FILE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.errors import InputError
from claims.loading import decode
from claims.models import Document, Span
from claims.spans import LineIndex
from references.errors import ReferenceParseError
from references.loaders import load_reference_file
from verifier.config import VerifierConfig
from verifier.models import Report
from verifier.pipeline import Inputs, analyze

CONFIG = VerifierConfig.model_validate({"select": ["ALL"], "preview": True})
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- pieces of manuscripts

SUBJECTS = [
    "Ketamine",
    "The treatment",
    "rTMS",
    "Exercise",
    "Smoking",
    "All patients",
    "Mice",
    "Studies",
    "Several trials",
    "Nobler and colleagues",
    "Murrough et al.",
    "It",
    "This drug",
    "Vitamin D",
]
VERBS = [
    "proves that",
    "demonstrated",
    "may reduce",
    "causes",
    "is associated with",
    "always cures",
    "suggests",
    "significantly increased",
    "did not change",
    "reverses",
    "never affects",
    "confirms",
    "was linked to",
    "could possibly improve",
    "produces",
]
OBJECTS = [
    "depression",
    "mortality in humans",
    "anxiety in rats",
    "the risk of stroke",
    "cell growth in vitro",
    "symptoms by 45%",
    "response rates (n = 120)",
    "outcomes",
    "blood pressure",
    "100% safe recovery",
]
STATS = [
    "t(28) = 1.2, p = .03",
    "p < 0.001",
    "p = 0.21",
    "OR = 1.5, 95% CI 0.8 to 2.1",
    "95% CI [1.2, 3.4]",
    "F(2, 45) = 3.1, p = .05",
    "r = .45",
    "d = 0.8",
    "χ2(1) = 4.2, p = .04",
    "p = −0.3",
    "95% CI −1.2–0.4",
    "n = 30",
    "20 mg/kg",
    "p = .",
    "CI (, )",
    "t() = , p =",
    "p ≤ 0.05",
    "z = 1.96",
    "HR 0.7 (0.5–0.9)",
    "t(0) = 5, p = 1.5",
    "F(1e400, 2) = inf, p = nan",
]
MARKERS = [
    "[1]",
    "[1,2]",
    "[3-5]",
    "[3–5]",
    "(4)",
    "¹²",
    "¹⁻³",
    "(Smith et al., 2020)",
    "(Smith & Lee, 2019; Lee 2018a)",
    "\\cite{a}",
    "\\citep{a,b}",
    "[@k]",
    "[@k; @smith2020, p. 3]",
    "[99]",
    "[0]",
    "[5-1]",
    "[1-100000]",
    "(Smith, n.d.)",
    "Smith (2020)",
    "[ ]",
    "[,]",
    "[-]",
    "\\cite{}",
    "[@]",
    "²⁰²⁰",
    "(2020)",
    "[1–]",
]
HEADINGS = [
    "# Introduction",
    "## Methods",
    "Results",
    "DISCUSSION",
    "\\section{Results}",
    "1. Introduction",
    "Abstract",
    "### ",
    "#",
    "Conclusions:",
    "<h2>Results</h2>",
]
NOISE = [
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    "\u2029",
    "\u2028",
    "\r",
    " ",
    "  ",
    "\u00a0",
    "\ufeff",
    "\u200b",
    "<!-- verifier: ignore OVR005 -->",
    "<!-- verifier: ignore -->",
    "<!-- verifier: ignore-next-line ALL -->",
    "<!-- verifier: ignore XYZ999 -->",
    "<!--",
    "-->",
    "“",
    "”",
    "'",
    '"',
    "—",
    "–",
    "−",
    "…",
    "e.g.",
    "Fig. 2",
    "et al.",
    "Dr.",
    "i.e.",
    "\\",
    "{",
    "}",
    "$x$",
    "*",
    "_",
    "`",
    "|",
    "- ",
    "* ",
    "> ",
]
REF_HEADINGS = [
    "References",
    "REFERENCES",
    "## References",
    "Bibliography",
    "\\begin{thebibliography}{9}",
    "Works Cited",
    "Literature cited",
]
REF_ENTRIES = [
    "1. Smith J, Lee K. A randomized controlled trial of ketamine. N Engl J Med. 2020;382(3):123-9. doi:10.1056/x1",
    "2. Lee K. Depression in mice: an animal study. Nature. 2019. https://doi.org/10.1038/abc",
    "[3] Mayo Clinic. Depression. Published 2021. Accessed May 1, 2022. https://www.mayoclinic.org/x",
    "Smith, J., & Lee, K. (2020). A meta-analysis of rTMS. Journal of Affective Disorders, 12(3), 45–67.",
    "Lee, K. (2018a). Cross-sectional survey of exercise. PLoS One, 13, e0123.",
    "4.",
    "5. ",
    "[6]",
    "Smith (2020",
    "7. ———. 2019. Same author again. Lancet.",
    "8. doi:10.",
    "9. Anonymous. . . . (). ,",
    "\\bibitem{a} A. Author, Title, Journal, 2001.",
    "10. Retracted: Wakefield AJ. Ileal-lymphoid-nodular hyperplasia. Lancet. 1998;351:637-41.",
    "11. Preprint. medRxiv 2020.04.01.123456; doi: 10.1101/2020.04.01.123456",
    "1. Smith J, Lee K. A randomized controlled trial of ketamine. N Engl J Med. 2020;382(3):123-9.",
]


def _sentence(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(VERBS)), draw(st.sampled_from(OBJECTS))]
    if draw(st.booleans()):
        parts.append(f"({draw(st.sampled_from(STATS))})")
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(MARKERS)))
    if draw(st.integers(0, 4)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(NOISE)))
    text = " ".join(parts)
    return text + draw(st.sampled_from([".", ". ", "!", "?", "", ".\n", "."]))


@st.composite
def manuscripts(draw: st.DrawFn) -> str:
    """Text shaped like a manuscript: headings, paragraphs, noise, maybe a reference list."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 9))
        if kind <= 4:
            pieces.append(_sentence(draw))
        elif kind == 5:
            pieces.append(draw(st.sampled_from(HEADINGS)) + draw(st.sampled_from(["\n", "\r\n", "\n\n"])))
        elif kind == 6:
            pieces.append(draw(st.sampled_from(MARKERS)))
        elif kind == 7:
            pieces.append(draw(st.sampled_from(STATS)))
        elif kind == 8:
            pieces.append(draw(st.sampled_from(NOISE)))
        else:
            pieces.append(draw(st.text(max_size=30)))
    if draw(st.booleans()):
        brk = draw(st.sampled_from(["\n", "\r\n", "\n\n", "\u2029"]))
        pieces.append(brk + draw(st.sampled_from(REF_HEADINGS)) + brk)
        entries = draw(st.lists(st.sampled_from(REF_ENTRIES), max_size=8))
        pieces.append(brk.join(entries))
    glue = draw(st.sampled_from([" ", "\n", "", "\r\n", "\n\n"]))
    return glue.join(pieces)


DENSE = list("[]()0123456789,-–—−;.:pPtFrdnNI=<>≤¹²³⁰⁻ \n\r\t\u2029%@\\{}citeSmtha&yzCIOR*#_\"'“”") + [
    "et al.",
    "95% CI",
    "p = ",
    "References\n",
    "\\cite{",
    "[@",
    "<!-- verifier: ignore -->",
    "always",
    "proves",
    "causes",
    "mice",
    "patients",
    "significant",
    "no difference",
    "increase",
    "decrease",
    "not",
    "(2020)",
    "Smith",
]


@st.composite
def dense_text(draw: st.DrawFn) -> str:
    """Text packed with the characters and words every stage reacts to, in any order."""
    return "".join(draw(st.lists(st.sampled_from(DENSE), max_size=120)))


@st.composite
def fragments(draw: st.DrawFn) -> str:
    """Pieces of every kind glued without sentence structure."""
    pool = SUBJECTS + VERBS + OBJECTS + STATS + MARKERS + HEADINGS + NOISE + REF_HEADINGS + REF_ENTRIES
    return "".join(draw(st.lists(st.sampled_from(pool), max_size=40)))


# ---------------------------------------------------------------- the invariants


def _check_span(text: str, lines: LineIndex, span: Span, quoted: str | None, what: str) -> None:
    assert 0 <= span.start <= span.end <= len(text), (what, span)
    if quoted is not None:
        assert text[span.start : span.end] == quoted, (what, span, quoted)
    assert (span.line, span.column) == lines.position(span.start), (what, span)
    assert (span.end_line, span.end_column) == lines.position(span.end), (what, span)


def check_report(text: str, report: Report) -> None:
    """Every span quotes ``text``; the report survives JSON and the schema."""
    lines = LineIndex(text)
    for claim in report.claims:
        _check_span(text, lines, claim.span, claim.text, f"claim {claim.id}")
        for marker in claim.markers:
            _check_span(text, lines, marker.span, marker.text, "marker")
        for cue in claim.features.cues:
            _check_span(text, lines, cue.span, cue.text, f"cue {cue.kind}")
        for quantity in claim.features.quantities:
            _check_span(text, lines, quantity.span, quantity.text, f"quantity {quantity.kind}")
    for link in report.links:
        _check_span(text, lines, link.marker_span, link.marker_text, "link")
    keys = [ref.key for ref in report.references]
    assert len(set(keys)) == len(keys), keys
    for ref in report.references:
        if ref.span is not None:
            _check_span(text, lines, ref.span, None, f"reference {ref.key}")
    for finding in report.findings:
        _check_span(text, lines, finding.span, finding.quoted, f"finding {finding.code}")
        for trigger in finding.evidence:
            if trigger.span is not None:
                # a reference trigger's text is a label ("12: 2019"), its span the entry
                quoted = None if trigger.kind == "reference" else trigger.text
                _check_span(text, lines, trigger.span, quoted, f"trigger {trigger.kind} of {finding.code}")
    dumped = report.model_dump_json()
    assert Report.model_validate_json(dumped) == report
    errors = sorted(_validator().iter_errors(json.loads(dumped)), key=str)
    assert not errors, errors[0].message


@cache
def _validator():
    """The committed report schema (a plain function, not the fixture: hypothesis would
    print the fixture's large repr with every falsifying example)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def run(text: str, fmt: str = "md", **inputs) -> Report:
    doc = Document(path=f"case.{fmt}", text=text, sha256="0" * 64, format=fmt, encoding="utf-8")
    return analyze(doc, CONFIG, Inputs(**inputs))


def render_every_format(report: Report, text: str) -> None:
    from reports import FORMATS, render
    from reports.options import RenderOptions

    for fmt in FORMATS:
        render(fmt, report, io.StringIO(), RenderOptions(source_text=text))


@FAST
@given(text=manuscripts())
def test_manuscript_like_text_gives_a_valid_report(text):
    report = run(text)
    check_report(text, report)


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=300), fmt=st.sampled_from(["txt", "md", "tex"]))
def test_random_text_gives_a_valid_report(text, fmt):
    report = run(text, fmt)
    check_report(text, report)


@settings(max_examples=60, deadline=None)
@given(text=st.one_of(dense_text(), fragments()), fmt=st.sampled_from(["txt", "md", "tex"]))
def test_dense_and_fragmented_text_gives_a_valid_report(text, fmt):
    report = run(text, fmt)
    check_report(text, report)


@settings(max_examples=15, deadline=None)
@given(text=st.one_of(manuscripts(), fragments()))
def test_every_renderer_accepts_the_report(text):
    render_every_format(run(text), text)


# ---------------------------------------------------------------- reference files and decoding

BIB_PIECES = [
    "@article{a,",
    "@book{",
    "@misc{b, title={",
    "}",
    "{",
    "author = {Smith, J. and Lee, K.},",
    "year = 2020,",
    "year = {20x0},",
    "doi = {10.1/x},",
    'title = "Q",',
    '@string{j = "J"}',
    "journal = j #",
    "@comment{",
    "evidence_level = {2},",
    "keywords = {rct; mice},",
    "@",
    ",",
    "=",
    '\\"{o}',
    "%",
    "\n",
    "abstract = {We show mice.},",
    "pages = {1--2},",
    "author = { and },",
]
JSON_PIECES = [
    "[",
    "]",
    "{",
    "}",
    '"id": "a"',
    '"id": 3',
    '"title": "T"',
    '"author": [{"family": "S"}]',
    '"author": "S"',
    '"issued": {"date-parts": [[2020]]}',
    '"issued": {"date-parts": [["x"]]}',
    '"issued": 5',
    '"DOI": null',
    '"type": "article-journal"',
    '"authors": [1]',
    '"year": []',
    ",",
    ":",
    "null",
    '"container-title": ["J"]',
    '"abstract": {}',
    '"keyword": 7',
    '"pmid": 1.5',
    '"page": true',
]
RIS_PIECES = [
    "TY  - JOUR",
    "TY  - ",
    "AU  - Smith, J.",
    "AU  - ",
    "PY  - 2020",
    "PY  - //",
    "TI  - T",
    "DO  - 10.1/x",
    "ER  - ",
    "ER  -",
    "AB  - We show mice.",
    "T2  - J",
    "KW  - rct",
    "SP  - 1",
    "Y1  - 2020///",
    "\r\n",
    "\n",
]


@st.composite
def reference_files(draw: st.DrawFn) -> tuple[str, str]:
    suffix = draw(st.sampled_from([".bib", ".json", ".ris", ".txt"]))
    pieces = {".bib": BIB_PIECES, ".json": JSON_PIECES, ".ris": RIS_PIECES, ".txt": BIB_PIECES + RIS_PIECES}[suffix]
    if draw(st.integers(0, 4)) == 0:
        return suffix, draw(st.text(max_size=200))
    parts = draw(st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=8)), max_size=30))
    sep = "\n" if suffix == ".ris" else draw(st.sampled_from(["", " ", "\n"]))
    return suffix, sep.join(parts)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=reference_files())
def test_reference_loaders_raise_only_reference_parse_error(case, tmp_path):
    suffix, content = case
    path = tmp_path / f"refs{suffix}"
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    try:
        refs, skipped = load_reference_file(str(path))
    except ReferenceParseError as err:
        assert "\n" not in str(err).strip()
        return
    keys = [ref.key for ref in refs]
    assert all(key.strip() for key in keys), keys
    assert len(set(keys)) == len(keys), keys
    for note in skipped:
        assert note.where.startswith(str(path)), note


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=reference_files(), text=manuscripts())
def test_pipeline_with_random_reference_files(case, text, tmp_path):
    suffix, content = case
    path = tmp_path / f"refs{suffix}"
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    try:
        report = run(text, reference_files=[str(path)])
    except ReferenceParseError:
        return
    check_report(text, report)


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=100).map(lambda s: s.encode("utf-16-le", "surrogatepass")),
        st.text(max_size=100).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.tuples(
            st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b""]),
            st.binary(max_size=100),
        ).map(lambda t: t[0] + t[1]),
    )
)
def test_decode_raises_only_input_error(data):
    try:
        text, encoding = decode(data)
    except InputError as err:
        assert "\n" not in str(err)
        return
    assert isinstance(text, str) and encoding
