"""PDF input: the layout step on glyphs we place ourselves, the reader on small PDFs we write,
and the real PDFs of ../shared/documents (skipped when absent)."""

from __future__ import annotations

import pytest
from helpers import ROOT, SHARED

from claims.errors import InputError
from claims.loading import load_document
from claims.pdf import Glyph, extract_pdf, layout

PAGE_TOP = 800.0


def words(text: str, x: float, baseline: float, size: float = 10.0) -> list[Glyph]:
    """Glyphs for ``text`` on one baseline, 5 points a character; ``^`` raises the next run."""
    out: list[Glyph] = []
    space = False
    raised = False
    for ch in text:
        if ch == " ":
            space = True
            x += 3
            continue
        if ch == "^":
            raised = not raised
            continue
        s, b = (6.0, baseline + 4) if raised else (size, baseline)
        out.append(Glyph(ch, x, b, x + 0.5 * s, b + 0.7 * s, s, b, space))
        x += 0.5 * s
        space = False
    return out


def page(lines: list[str], *, header: str | None = None, number: int | None = None) -> list[Glyph]:
    glyphs: list[Glyph] = []
    if header:
        glyphs += words(header, 72, PAGE_TOP)
    for k, line in enumerate(lines):
        glyphs += words(line, 72, PAGE_TOP - 40 - 12 * k)
    if number is not None:
        glyphs += words(str(number), 300, 40)
    return glyphs


def test_raised_citation_numbers_become_superscripts_next_to_their_word():
    out = layout([page(["Depression is common in Asia.^1-3^ It is costly.^4^"])])
    assert "Asia.¹⁻³ It is costly.⁴" in out.text


def test_running_headers_and_page_numbers_are_dropped_and_pages_recorded():
    bodies = [
        ["Ketamine was studied in adults.", "Results were mixed overall."],
        ["Sleep improved in most patients.", "Adverse events were rare."],
        ["Further trials are needed now.", "The end of the text."],
    ]
    pages = [page(body, header="Journal of Tests 2024", number=n) for n, body in enumerate(bodies, start=1)]
    out = layout(pages)
    assert "Journal of Tests" not in out.text
    assert out.pages == 3 and len(out.page_starts) == 3
    for body, start in zip(bodies, out.page_starts):
        assert out.text[start:].startswith(body[0])
    assert "\f" not in out.text


def test_a_word_hyphenated_over_a_page_break_is_joined_and_the_list_runs_on():
    first = page(["References", "1. Smith A. Treatment of depres-"], number=1)
    second = page(["sion in adults. J Tests. 2020;1:1-2.", "2. Lee B. Sleep. J Sleep. 2019;2:3-4."], number=2)
    out = layout([first, second])
    assert "1. Smith A. Treatment of depression in adults. J Tests. 2020;1:1-2.\n2. Lee B." in out.text


def test_line_numbers_in_the_margin_are_dropped():
    lines = [f"This is line {k} of a manuscript under review here." for k in range(1, 9)]
    glyphs: list[Glyph] = []
    for k, line in enumerate(lines, start=1):
        glyphs += words(str(k), 40, PAGE_TOP - 12 * k)
        glyphs += words(line, 72, PAGE_TOP - 12 * k)
    out = layout([glyphs])
    assert out.text.splitlines()[0] == "This is line 1 of a manuscript under review here."


def test_a_tex_accent_over_a_letter_is_one_accented_letter():
    glyphs = words("Fern", 72, 700) + [Glyph("\u00b4", 92.5, 706, 95, 709, 10, 700, False)] + words("andez", 92, 700)
    assert "Fernández" in layout([glyphs]).text


def test_a_scanned_or_empty_pdf_is_skipped_with_a_reason():
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    import io

    buffer = io.BytesIO()
    pdf.save(buffer)
    with pytest.raises(InputError, match="no text layer"):
        extract_pdf(buffer.getvalue(), "scan.pdf")


def test_corrupt_and_encrypted_pdfs_are_one_line_errors():
    with pytest.raises(InputError, match="not a readable PDF"):
        extract_pdf(b"%PDF-1.4\nthis is not a PDF at all", "bad.pdf")
    encrypted = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"3 0 obj<</Filter/Standard/V 1/R 2/O<" + b"41" * 32 + b">/U<" + b"42" * 32 + b">/P -4>>endobj\n"
        b"trailer<</Root 1 0 R/Encrypt 3 0 R/ID[<0102030405060708><0102030405060708>]>>\n%%EOF\n"
    )
    with pytest.raises(InputError, match="encrypted"):
        extract_pdf(encrypted, "locked.pdf")


def test_example_pdf_spans_index_the_extracted_text_and_carry_pages():
    from verifier.config import VerifierConfig
    from verifier.pipeline import analyze

    doc = load_document(str(ROOT / "examples" / "manuscript.pdf"))
    assert doc.format == "pdf" and doc.pages[0] == 0
    report = analyze(doc, VerifierConfig())
    assert report.input.format == "pdf"
    assert report.findings and report.claims
    for claim in report.claims:
        assert doc.text[claim.span.start : claim.span.end] == claim.text
        assert claim.span.page is not None and 1 <= claim.span.page <= len(doc.pages)
    for finding in report.findings:
        assert doc.text[finding.span.start : finding.span.end] == finding.quoted
        assert finding.span.page is not None


def _shared_pdf(folder: str, name: str):
    path = SHARED / "documents" / "pdf" / folder / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return path


def test_real_bmc_pdf_reference_list_is_whole_and_markers_link():
    from verifier.config import VerifierConfig
    from verifier.pipeline import analyze

    path = _shared_pdf("bio2bel__bio2bel-manuscript__bmc_article", "bmc_article.pdf")
    report = analyze(load_document(str(path)), VerifierConfig())
    assert len(report.references) == 38  # the PDF's 38 entries, across its page breaks
    numeric = [lk for lk in report.links if lk.cited.isdigit()]
    assert numeric and all(lk.status.value in ("linked", "continuation") for lk in numeric)
    assert max(c.span.page or 0 for c in report.claims) >= 10


def test_real_two_column_superscript_pdf_reads_its_markers():
    path = _shared_pdf("CeON__CERMINE__test5", "test5.pdf")
    text = load_document(str(path)).text
    assert "especially in Asia.¹–³ The World Health" in text
    assert "developed countries, with major consequences" in text


def test_two_columns_written_row_by_row_are_read_column_by_column():
    glyphs: list[Glyph] = []
    for k in range(12):  # each row: a left-column line, then a right-column line on the same baseline
        y = PAGE_TOP - 12 * k
        glyphs += words(f"Left column line {k:02d} of text.", 72, y)
        glyphs += words(f"Right column line {k:02d} of text.", 330, y)
    lines = layout([glyphs]).text.splitlines()
    assert lines[:2] == ["Left column line 00 of text.", "Left column line 01 of text."]
    assert lines[11:13] == ["Left column line 11 of text.", "Right column line 00 of text."]
