"""Masking HTML, JATS and LaTeX: same length, same line breaks, markup blanked, text where it was."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.document import analyze_document
from claims.markup import PARAGRAPH, block_view, is_masked, mask, readable
from claims.models import Document, MarkerStyle, UnitKind
from references.linking import link
from references.reflist import find_reference_list


def analyzed(text: str, fmt: str) -> Document:
    masked = mask(text, fmt)
    reflist = find_reference_list(masked)
    doc = Document(path=f"case.{fmt}", text=masked, sha256="0" * 64, format=fmt, encoding="utf-8")
    return analyze_document(doc, exclude=[(reflist.start, reflist.end)] if reflist else [])


def same_shape(original: str, masked: str) -> None:
    assert len(masked) == len(original)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(original) if c == "\n"]


HTML = """<!DOCTYPE html>
<html><head><title>Coffee news</title>
<script>var s = "Coffee cures cancer in every patient.";</script>
<style>p { color: red }</style></head>
<body>
<h2>Effects of coffee</h2>
<p>Coffee intake reduced mortality<sup>1,2</sup> by 20% in older adults &amp; was
<a href="#x">well tolerated</a>.</p>
<!-- Coffee always prevents dementia. -->
<p>The sample was heated to 10<sup>5</sup> K &lt; the limit.</p>
</body></html>
"""


def test_html_script_comment_and_style_are_not_claims():
    masked = mask(HTML, "html")
    same_shape(HTML, masked)
    assert "cures" not in masked and "dementia" not in masked and "color" not in masked
    doc = analyzed(HTML, "html")
    texts = [c.text for c in doc.claims]
    assert not any("cures" in t or "<" in t.replace("&lt;", "") and "limit" not in t for t in texts)
    assert any(t.startswith("Coffee intake reduced mortality") for t in texts)


def test_html_heading_is_a_heading_and_entities_decode_in_place():
    masked = mask(HTML, "html")
    doc = analyzed(HTML, "html")
    heading = next(s for s in doc.sentences if "Effects of coffee" in s.text)
    assert heading.kind is UnitKind.HEADING
    assert heading.text == "# Effects of coffee"
    at = HTML.index("&amp;")
    assert masked[at : at + 5] == "&    "
    at = HTML.index("&lt;")
    assert masked[at : at + 4] == "<   "


def test_html_citation_superscript_sits_next_to_its_word_but_an_exponent_does_not():
    masked = mask(HTML, "html")
    at = HTML.index("<sup>1,2")
    assert masked[at : at + 3] == "¹,²"
    doc = analyzed(HTML, "html")
    markers = [m for c in doc.claims for m in c.markers]
    assert [(m.style, m.keys) for m in markers] == [(MarkerStyle.SUPERSCRIPT, ["1", "2"])]
    assert markers[0].span.line == HTML[: HTML.index("<sup>1,2")].count("\n") + 1
    exponent = HTML.index("<sup>5")
    assert "⁵" not in masked and masked[exponent : exponent + 5] == "     "  # 10<sup>5</sup>: not a citation


def test_pretty_printed_inline_markup_does_not_break_a_sentence():
    text = "<p>The effect of\n  <italic>\n    caffeine\n  </italic>\n  on sleep was small.</p>\n"
    doc = analyzed(text, "jats")
    assert [c.text.split() for c in doc.claims] == [["The", "effect", "of", "caffeine", "on", "sleep", "was", "small."]]
    claim = doc.claims[0]
    assert claim.span.line == 1 and claim.span.end_line == 5


JATS = """<?xml version="1.0"?>
<!DOCTYPE article [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
<article><front><journal-meta><journal-title>Journal of Things</journal-title></journal-meta>
<article-meta><title-group><article-title>Sleep and caffeine</article-title></title-group>
<contrib-group><contrib><name><surname>Doe</surname></name></contrib></contrib-group>
<abstract><p>Caffeine delays sleep onset.</p></abstract></article-meta></front>
<body><sec><title>Introduction</title>
<p>Caffeine delays sleep onset in adults [<xref ref-type="bibr" rid="r1">1</xref>] and &lol2; increases
latency (<xref ref-type="bibr" rid="r2">Smith et al., 2020</xref>).</p>
<table-wrap><caption><p>Doses.</p></caption><table><tr><td>Caffeine always improves memory</td></tr></table></table-wrap>
</sec></body>
<back><ref-list><title>References</title>
<ref id="r1"><label>1</label><element-citation publication-type="journal"><person-group person-group-type="author"><name><surname>Lee</surname><given-names>K</given-names></name><name><surname>Park</surname><given-names>J</given-names></name></person-group><year>2019</year><article-title>Caffeine and sleep</article-title><source>Sleep Med</source><volume>12</volume><fpage>1</fpage></element-citation></ref>
<ref id="r2"><label>2</label><element-citation publication-type="journal"><person-group person-group-type="author"><name><surname>Smith</surname><given-names>A</given-names></name><name><surname>Jones</surname><given-names>B</given-names></name><name><surname>Brown</surname><given-names>C</given-names></name></person-group><year>2020</year><article-title>Sleep latency</article-title><source>J Sleep Res</source></element-citation></ref>
</ref-list></back></article>
"""


def test_jats_front_matter_and_table_grid_are_blanked_but_title_and_abstract_stay():
    masked = mask(JATS, "jats")
    same_shape(JATS, masked)
    assert "Journal of Things" not in masked and "Doe" not in masked
    assert "Caffeine always improves memory" not in masked
    assert "Sleep and caffeine" in masked and "Caffeine delays sleep onset." in masked
    assert "&lol2;" in masked  # an undeclared-to-us entity is never expanded
    doc = analyzed(JATS, "jats")
    kinds = {s.text.lstrip("# "): s.kind for s in doc.sentences}
    assert kinds["Introduction"] is UnitKind.HEADING
    assert kinds["Sleep and caffeine"] is UnitKind.HEADING


def test_jats_xrefs_are_markers_that_link_to_their_refs():
    masked = mask(JATS, "jats")
    reflist = find_reference_list(masked)
    assert reflist is not None and [e.key for e in reflist.entries] == ["1", "2"]
    first = reflist.entries[0]
    assert first.raw == masked[first.span.start : first.span.end]
    assert [a.family for a in first.authors] == ["Lee", "Park"] and first.year == "2019"
    at = JATS.index("<label>1</label>")
    assert masked[at + 8 : at + 9] == "."  # "1."
    doc = analyzed(JATS, "jats")
    markers = {m.text.strip("[]() "): m for c in doc.claims for m in c.markers}
    assert set(markers) >= {"1", "Smith et al., 2020"}
    assert masked[markers["1"].span.start : markers["1"].span.end] == markers["1"].text
    result = link(doc.claims, reflist.entries)
    linked = {lk.marker_text.strip("[]() "): lk.reference_key for lk in result.links}
    assert linked["1"] == "1"
    assert linked["Smith et al., 2020"] == "2"


LATEX = r"""\documentclass{article}
\usepackage{natbib}
\title{Ignored preamble title}
\begin{document}
\section{Introduction}\label{sec:intro}
Caffeine delays sleep onset \citep{lee2019}, as shown in Fig.~\ref{fig:one}.
% Caffeine always cures insomnia.
We measured \emph{latency} in 30 adults with $p<0.05$ and $\alpha = 0.05$.

\begin{equation}
E = mc^2 \text{ is always true}
\end{equation}
Caf\'{e} owners disagreed.
\begin{thebibliography}{9}
\bibitem{lee2019} K.~Lee and J.~Park. \newblock Caffeine and sleep. \newblock \emph{Sleep Med}, 12:1--5, 2019.
\end{thebibliography}
\end{document}
"""


def test_latex_cite_is_kept_and_is_a_marker_and_section_is_a_heading():
    masked = mask(LATEX, "tex")
    same_shape(LATEX, masked)
    assert r"\citep{lee2019}" in masked
    assert "Ignored preamble" not in masked and "cures insomnia" not in masked and "always true" not in masked
    assert "sec:intro" not in masked and "fig:one" not in masked
    assert "latency" in masked and "\\emph" not in masked
    assert "p<0.05" in masked and "α" in masked and "Café" in masked
    doc = analyzed(LATEX, "tex")
    heading = next(s for s in doc.sentences if "Introduction" in s.text)
    assert heading.kind is UnitKind.HEADING
    markers = [m for c in doc.claims for m in c.markers]
    assert [(m.style, m.keys) for m in markers] == [(MarkerStyle.LATEX, ["lee2019"])]


def test_latex_bibliography_is_read_end_to_end():
    masked = mask(LATEX, "tex")
    reflist = find_reference_list(masked)
    assert reflist is not None
    (entry,) = reflist.entries
    assert entry.key == "lee2019" and entry.year == "2019"
    doc = analyzed(LATEX, "tex")
    result = link(doc.claims, reflist.entries)
    assert [(lk.cited, lk.reference_key) for lk in result.links] == [("lee2019", "lee2019")]


def test_latex_paragraphs_split_but_a_comment_line_does_not():
    text = "\\begin{document}\nCaffeine was given\n% a note\nto adults.\n\nSleep was longer.\n\\end{document}\n"
    doc = analyzed(text, "tex")
    assert [" ".join(c.text.split()) for c in doc.claims] == ["Caffeine was given to adults.", "Sleep was longer."]


def test_plain_formats_are_unchanged_and_unmasked_text_has_the_same_view():
    text = "<p>not html</p> \\section{x}\n"
    assert mask(text, "txt") is text and mask(text, "md") is text
    assert not is_masked(text) and block_view(text) is text


def test_block_view_turns_separators_into_line_breaks_and_source_breaks_into_spaces():
    masked = mask("<p>a\nb</p><p>c</p>", "html")
    view = block_view(masked)
    assert len(view) == len(masked) and PARAGRAPH not in view
    assert [line.strip() for line in view.split("\n") if line.strip()] == ["a b", "c"]


def test_readable_joins_fields_for_parsers():
    assert readable("Wang    J     .   1996.\n DNA") == "Wang J. 1996. DNA"


HOSTILE = [
    "<" * 200_000,
    "<!--" + "x" * 200_000,
    "<a " * 100_000,
    '<a x="' * 60_000,
    "<!DOCTYPE [" * 50_000,
    "&amp" * 100_000,
    "<p>" * 100_000,
    "</p>" * 100_000,
    "\\section{" * 100_000,
    "{" * 200_000 + "}" * 200_000,
    "\\label{" * 100_000,
    "$$" + "x" * 200_000,
]


def test_hostile_input_stays_linear_and_never_grows():
    for text in HOSTILE:
        for fmt in ("html", "jats", "tex"):
            assert len(mask(text, fmt)) == len(text)  # the time per size is measured in benchmarks/adversarial.py


ALPHABET = st.sampled_from(
    list("<>/!?-[]&#;=\"' \n\r\tab1{}\\$%~pxsection")
    + ["<p>", "</p>", "<!--", "-->", "&amp;", "\\cite{a}", "<sup>1</sup>", "<title>", "\\item", "\u2029"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.sampled_from(["html", "jats", "tex"]))
def test_mask_never_raises_keeps_length_and_line_breaks(text, fmt):
    out = mask(text, fmt)
    same_shape(text, out)
    assert [i for i, c in enumerate(out) if c == "\r"] == [i for i, c in enumerate(text) if c == "\r"]
    view = block_view(out)
    assert len(view) == len(out)
