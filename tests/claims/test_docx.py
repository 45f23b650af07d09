"""DOCX input, on documents written here as ZIPs of WordprocessingML (and the real ones of
../shared/documents when present)."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from xml.sax.saxutils import escape

import pytest
from helpers import SHARED

import claims.docx
from claims.docx import extract_docx, is_docx
from claims.errors import InputError
from claims.models import Document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_docx(body: str, *, footnotes: str = "", comments: str = "", styles: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        if footnotes:
            zf.writestr("word/footnotes.xml", f"<w:footnotes {W}>{footnotes}</w:footnotes>")
        if comments:
            zf.writestr("word/comments.xml", f"<w:comments {W}>{comments}</w:comments>")
        if styles:
            zf.writestr("word/styles.xml", f"<w:styles {W}>{styles}</w:styles>")
    return buffer.getvalue()


def p(*runs: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def r(text: str, *, sup: bool = False) -> str:
    props = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if sup else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def field(instr: str, shown: str, *, data: str = "", nested: str = "") -> str:
    fld_data = f"<w:fldData>{data}</w:fldData>" if data else ""
    return (
        f'<w:r><w:fldChar w:fldCharType="begin">{fld_data}</w:fldChar></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(instr)}</w:instrText></w:r>{nested}'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{r(shown)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def zotero(shown: str, *items: dict) -> str:
    payload = {
        "citationID": "x",
        "citationItems": [
            {"id": i["id"], "uris": [f"http://zotero.org/users/1/items/{i['id']}"], "itemData": i} for i in items
        ],
    }
    return field("ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(payload), shown)


SMITH = {"id": "S1", "type": "article-journal", "title": "Ketamine in adults", "container-title": "J Tests",
         "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2013]]}, "DOI": "10.1000/s1"}  # fmt: skip
PAGE = {"id": "W1", "type": "webpage", "title": "Ketamine clinic", "author": [{"family": "Clinic"}],
        "issued": {"date-parts": [[2020]]}, "URL": "https://example.org/k"}  # fmt: skip


def analyze_docx(data: bytes):
    from verifier.config import VerifierConfig
    from verifier.pipeline import analyze

    got = extract_docx(data, "t.docx")
    doc = Document(path="t.docx", text=got.text, sha256="0" * 64, format="docx", encoding="docx", fields=got.fields)
    return got, analyze(doc, VerifierConfig())


def test_zotero_fields_give_field_markers_exact_links_and_csl_references():
    body = p(
        r("Ketamine relieved depression in adults "), zotero("(Smith et al., 2013; Clinic, 2020)", SMITH, PAGE), r(".")
    )
    body += p(r("Bibliography"), style="Heading1") + p(
        field("ADDIN ZOTERO_BIBL {} CSL_BIBLIOGRAPHY", "Smith A. Ketamine in adults. J Tests. 2013.")
    )
    got, report = analyze_docx(make_docx(body))
    assert got.text.startswith("Ketamine relieved depression in adults (Smith et al., 2013; Clinic, 2020).")
    markers = [m for c in report.claims for m in c.markers]
    assert [m.style.value for m in markers] == ["field"]
    assert markers[0].text == "(Smith et al., 2013; Clinic, 2020)"
    uri = "http://zotero.org/users/1/items/"
    assert markers[0].keys == [uri + "S1", uri + "W1"]
    assert {lk.reference_key for lk in report.links if lk.status.value == "linked"} == {uri + "S1", uri + "W1"}
    refs = {ref.key: ref for ref in report.references}
    assert refs[uri + "S1"].source_type.value == "journal_article" and refs[uri + "S1"].doi == "10.1000/s1"
    assert refs[uri + "W1"].source_type.value == "web_page"
    assert not any("Bibliography" in c.text for c in report.claims)  # the bibliography field is the list
    for claim in report.claims:
        assert got.text[claim.span.start : claim.span.end] == claim.text


def test_mendeley_and_endnote_fields_and_shown_numbers():
    mendeley = {
        "citationItems": [{"id": "ITEM-1", "uris": ["http://www.mendeley.com/documents/?uuid=a"], "itemData": SMITH}]
    }
    record = (
        "<EndNote><Cite><Author>Lee</Author><Year>2010</Year><RecNum>7</RecNum><record><rec-number>7</rec-number>"
        '<ref-type name="Journal Article">17</ref-type><contributors><authors><author>Lee, B.</author></authors>'
        "</contributors><titles><title>Sleep after rTMS</title><secondary-title>Sleep J</secondary-title></titles>"
        "<dates><year>2010</year></dates></record></Cite></EndNote>"
    )
    encoded = base64.b64encode(record.encode()).decode()
    nested = field("ADDIN EN.CITE.DATA", "", data=encoded)  # EndNote keeps the record in a nested field
    body = p(r("Ketamine helped "), field("ADDIN CSL_CITATION " + json.dumps(mendeley), "(1)"), r("."))
    body += p(r("Sleep improved"), field("ADDIN EN.CITE", "2", nested=nested), r("."))
    body += p(r("Sleep quality also improved in older adults (2)."))
    got, report = analyze_docx(make_docx(body))
    managers = [f.manager for f in got.fields]
    assert managers == ["mendeley", "endnote"]
    assert got.fields[1].items[0]["id"] == "EN7" and got.fields[1].items[0]["title"] == "Sleep after rTMS"
    refs = {ref.key: ref for ref in report.references}
    assert refs["EN7"].number == 2  # the number the style shows for it
    typed = [lk for lk in report.links if lk.cited == "2"]
    assert typed and all(lk.reference_key == "EN7" for lk in typed)  # "(2)" typed by hand links to the same work


def test_tracked_changes_are_accepted_comments_ignored_notes_and_tables_read():
    body = p(
        r("Ketamine "),
        "<w:del><w:r><w:delText>never </w:delText></w:r></w:del>",
        '<w:ins><w:r><w:t xml:space="preserve">rapidly </w:t></w:r></w:ins>',
        '<w:commentRangeStart w:id="0"/>',
        r("relieved symptoms."),
        '<w:r><w:footnoteReference w:id="2"/></w:r>',
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>',
    )
    body += "<w:tbl><w:tr><w:tc>" + p(r("Cell text")) + "</w:tc></w:tr></w:tbl>"
    notes = '<w:footnote w:id="2">' + p(r("A note on dosing.")) + "</w:footnote>"
    comments = '<w:comment w:id="0">' + p(r("Reviewer: is this right?")) + "</w:comment>"
    got = extract_docx(make_docx(body, footnotes=notes, comments=comments), "t.docx")
    assert got.text == "Ketamine rapidly relieved symptoms.\n\nA note on dosing.\n\nCell text\n"


def test_superscript_runs_are_superscript_markers_and_headings_are_marked():
    styles = '<w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
    body = p(r("Results"), style="Heading1") + p(r("Depression is common"), r("1,2", sup=True), r(" in adults."))
    got = extract_docx(make_docx(body, styles=styles), "t.docx")
    assert got.text == "# Results\n\nDepression is common¹,² in adults.\n"


def test_a_renamed_zip_and_a_zip_bomb_are_one_line_errors(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("content.xml", "<office/>")
    assert not is_docx(buffer.getvalue())
    monkeypatch.setattr(claims.docx, "MAX_MEMBER_BYTES", 100_000)
    bomb = make_docx(p(r("x" * 300_000)))
    assert len(bomb) < 10_000
    with pytest.raises(InputError, match="zip bomb"):
        extract_docx(bomb, "bomb.docx")
    with pytest.raises(InputError, match="not well-formed"):
        extract_docx(make_docx("<w:p><w:r>"), "broken.docx")


def test_real_zotero_manuscript_links_every_field_item():
    path = SHARED / "documents" / "docx" / "Vitaliy-1__docxToJats__msword_zotero" / "msword_zotero.docx"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    got, report = analyze_docx(path.read_bytes())
    items = [lk for lk in report.links if lk.status.value != "continuation"]
    assert len(got.fields) >= 22
    assert items and all(lk.status.value == "linked" for lk in items)


def test_a_field_is_one_citation_even_with_an_abbreviation_inside():
    body = p(r("Ketamine relieved depression "), zotero("(see Smith 2013, Abb. 13 for examples)", SMITH), r("."))
    _, report = analyze_docx(make_docx(body))
    assert [c.text for c in report.claims] == ["Ketamine relieved depression (see Smith 2013, Abb. 13 for examples)."]
    assert [m.text for c in report.claims for m in c.markers] == ["(see Smith 2013, Abb. 13 for examples)"]
