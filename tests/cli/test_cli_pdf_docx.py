"""``verifier check`` and ``verifier text`` on PDF and DOCX: bad ones get one line and exit 2."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT

from verifier.cli import main


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code or 0, out, err


def one_line(code: int, err: str, needle: str) -> None:
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert needle in err, err


def test_a_renamed_zip_is_refused_in_one_line(capsys, tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("content.xml", "<office:document/>")
    path = tmp_path / "paper.docx"
    path.write_bytes(buffer.getvalue())
    code, out, err = run(["check", str(path)], capsys)
    one_line(code, err, "not a Word document")
    assert out == ""


def test_a_word_document_without_text_is_refused_in_one_line(capsys, tmp_path: Path):
    path = tmp_path / "blank.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", '<w:document xmlns:w="urn:x"><w:body/></w:document>')
    code, _, err = run(["check", str(path)], capsys)
    one_line(code, err, "has no text")


def test_a_pdf_without_text_is_skipped_with_its_reason(capsys, tmp_path: Path):
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    path = tmp_path / "scan.pdf"
    pdf.save(str(path))
    code, _, err = run(["check", str(path)], capsys)
    one_line(code, err, "no text layer")


def test_text_prints_what_spans_index_and_pages_lists_page_starts(capsys):
    pdf = ROOT / "examples" / "manuscript.pdf"
    code, text, _ = run(["text", str(pdf)], capsys)
    assert code == 0 and text.startswith("Fast-acting treatments")
    code, pages, _ = run(["text", str(pdf), "--pages"], capsys)
    starts = [int(line.split("\t")[1]) for line in pages.splitlines()]
    assert code == 0 and starts[0] == 0 and starts == sorted(starts) and len(starts) >= 2
    code, out, _ = run(["check", str(pdf), "-f", "json", "--exit-zero"], capsys)
    report = json.loads(out)
    for claim in report["claims"]:
        page = sum(start <= claim["span"]["start"] for start in starts)
        assert claim["span"]["page"] == page
