"""JATS markup that must not raise false alarms: units in <sup>, structured references read
from their fields with their publication-type, citations that sit in tables and captions."""

from __future__ import annotations

from pathlib import Path

from claims.loading import load_document
from claims.markup import mask
from verifier.config import VerifierConfig
from verifier.pipeline import analyze

REF = (
    '<ref id="r{n}"><label>{n}</label><element-citation publication-type="{kind}">'
    '<person-group person-group-type="author"><name><surname>{who}</surname><given-names>A</given-names></name>'
    "</person-group><year>{year}</year><article-title>{title}</article-title><source>{source}</source>"
    '<volume>3</volume><fpage>1</fpage><ext-link ext-link-type="uri" xlink:href="https://example.org/{n}">'
    "https://example.org/{n}</ext-link></element-citation></ref>"
)


def article(body: str, refs: str) -> str:
    return (
        '<article xmlns:xlink="http://www.w3.org/1999/xlink"><body><sec><title>Results</title>'
        f"{body}</sec></body><back><ref-list><title>References</title>{refs}</ref-list></back></article>"
    )


def report_for(tmp_path: Path, xml: str):
    path = tmp_path / "a.xml"
    path.write_text(xml, encoding="utf-8")
    return analyze(load_document(str(path)), VerifierConfig()), path


def test_units_and_exponents_in_sup_are_never_markers_but_a_cited_sup_is():
    xml = (
        "<article><body><p>Obesity was a BMI over 30 kg/m<sup>2</sup>; the domain was [0, 1]<sup>2</sup> and "
        'the effect was large<sup><xref ref-type="bibr" rid="r1">1</xref></sup>.</p></body></article>'
    )
    masked = mask(xml, "jats")
    assert "kg/m²" not in masked and "]²" not in masked
    assert "large¹" in masked


def test_element_citation_fields_and_publication_type_win_over_the_entry_shape(tmp_path):
    refs = REF.format(n=1, kind="journal", who="Lee", year=2010, title="Obesity in adults.", source="Lancet")
    refs += REF.format(n=2, kind="webpage", who="Clinic", year=2020, title="Ketamine clinic.", source="Clinic site")
    report, _ = report_for(tmp_path, article("<p>Obesity rose in adults [<xref ref-type=\"bibr\" rid=\"r1\">1</xref>,"
                                             ' <xref ref-type="bibr" rid="r2">2</xref>].</p>', refs))  # fmt: skip
    by_key = {r.key: r for r in report.references}
    assert by_key["1"].source_type.value == "journal_article"  # a URL does not make it a web page
    assert by_key["1"].title == "Obesity in adults." and by_key["1"].venue == "Lancet"
    assert by_key["1"].authors[0].family == "Lee" and by_key["1"].year == "2010"
    assert by_key["2"].source_type.value == "web_page"
    assert by_key["1"].extra["jats_publication_type"] == "journal"


def test_a_reference_cited_only_in_a_table_is_cited(tmp_path):
    refs = REF.format(n=1, kind="journal", who="Lee", year=2010, title="Obesity.", source="Lancet")
    refs += REF.format(n=2, kind="journal", who="Kim", year=2012, title="Weight.", source="BMJ")
    body = (
        '<p>Obesity rose in adults [<xref ref-type="bibr" rid="r1">1</xref>].</p><table-wrap><caption><p>Table 1.'
        '</p></caption><table><tr><td>Kim</td><td><xref ref-type="bibr" rid="r2">2</xref></td></tr></table></table-wrap>'
    )
    report, path = report_for(tmp_path, article(body, refs))
    assert "CIT002" not in {f.code for f in report.findings}
    table_claim = next(c for c in report.claims if c.markers and c.markers[0].keys == ["2"])
    assert not table_claim.checkworthy  # a table cell cites, but it is not a claim to check
    text = load_document(str(path)).text
    assert text[table_claim.span.start : table_claim.span.end] == table_claim.text == "[2]"
