"""Markdown through a real parser, R Markdown chunks, LaTeX includes and named bibliographies."""

from __future__ import annotations

from pathlib import Path

from claims.loading import load_document
from claims.markdown import mask_markdown
from verifier.config import VerifierConfig
from verifier.pipeline import analyze

BIB = "@article{smith2020, author={Smith, Ann}, title={Ketamine in adults}, journal={J Tests}, year={2020}}\n"


def test_markdown_markup_is_blanked_and_offsets_kept():
    text = (
        "Ketamine *rapidly* reduced **depressive** symptoms [@smith2020], see the [site](https://example.org).\n"
        "Code `x[1]` is not a citation; pandoc wrote \\[2\\] for one.<!-- a note [3] -->\n"
    )
    masked = mask_markdown(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "Ketamine  rapidly  reduced   depressive   symptoms [@smith2020], see the  site " in masked
    assert "https" not in masked and "x[1]" not in masked and "[3]" not in masked
    assert " [2] " in masked


def test_r_markdown_chunks_and_inline_code_are_not_read_and_yaml_bibliography_is(tmp_path: Path):
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    paper = tmp_path / "paper.Rmd"
    paper.write_text(
        "---\ntitle: A test\nbibliography: refs.bib\n---\n\n# Results\n\n"
        "Ketamine reduced symptoms in adults [@smith2020], mean `r mean(x[2])`.\n\n"
        "```{r}\nx[1] <- 2\ny[3]\n```\n",
        encoding="utf-8",
    )
    doc = load_document(str(paper))
    report = analyze(doc, VerifierConfig())
    markers = [m for c in report.claims for m in c.markers]
    assert [m.text for m in markers] == ["[@smith2020]"]
    assert report.input.reference_files == [str(tmp_path / "refs.bib")]
    assert [lk.status.value for lk in report.links] == ["linked"]
    for claim in report.claims:
        assert doc.text[claim.span.start : claim.span.end] == claim.text


def test_a_latex_main_file_follows_its_includes_and_names_its_bibliography(tmp_path: Path):
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "intro.tex").write_text(
        "Ketamine reduced depressive symptoms in adults \\cite{smith2020}.\n", encoding="utf-8"
    )
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    main = tmp_path / "main.tex"
    main.write_text(
        "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\n\\input{sections/intro}\n"
        "% \\input{commented}\n\\include{missing}\n\\bibliography{refs}\n\\end{document}\n",
        encoding="utf-8",
    )
    doc = load_document(str(main))
    report = analyze(doc, VerifierConfig())
    assert any("Ketamine reduced depressive symptoms" in c.text for c in report.claims)
    assert [lk.reference_key for lk in report.links] == ["smith2020"]
    assert [(s.what, s.why) for s in report.skipped] == [("\\include{missing}", "file not found")]
    assert report.input.reference_files == [str(tmp_path / "refs.bib")]


def test_an_include_cycle_is_reported_not_followed(tmp_path: Path):
    (tmp_path / "a.tex").write_text("\\begin{document}\nText of a. \\input{b}\n\\end{document}\n", encoding="utf-8")
    (tmp_path / "b.tex").write_text("Text of b. \\input{a}\n", encoding="utf-8")
    doc = load_document(str(tmp_path / "a.tex"))
    assert "Text of b." in doc.text
    assert [s.why for s in doc.skipped] == ["included in a cycle or too deeply; not read"]
