"""Write ``manuscript.docx`` and ``manuscript.pdf`` from ``manuscript.md`` (run from the repository root).

How the checked-in copies were made: ``pip install python-docx reportlab`` (neither is a
dependency of the tool; only this script needs them), then ``python examples/make_formats.py``.
Headings become Word headings and bold PDF headings, each paragraph one paragraph, each
reference one paragraph; the PDF has a running header and page numbers on every page, which
the reader must drop. ``tests/test_example_formats.py`` checks that both give the findings the
Markdown gives.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def blocks(markdown: str) -> list[tuple[str, str]]:
    """``(kind, text)`` per heading, paragraph and list item; hard-wrapped lines joined."""
    out: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(("p", " ".join(para)))
            para.clear()

    for line in markdown.splitlines():
        heading = re.match(r"(#{1,6})\s+(.*)", line)
        item = re.match(r"\d+\.\s", line)
        if heading:
            flush()
            out.append((f"h{len(heading.group(1))}", heading.group(2)))
        elif not line.strip():
            flush()
        elif item:
            flush()
            out.append(("li", line))
        else:
            para.append(line.strip())
    flush()
    return out


def write_docx(items: list[tuple[str, str]], path: Path) -> None:
    import docx  # python-docx

    document = docx.Document()
    for kind, text in items:
        if kind.startswith("h"):
            document.add_heading(text, level=0 if kind == "h1" else int(kind[1]) - 1)
        else:
            document.add_paragraph(text)
    document.core_properties.author = "verifier examples"
    document.save(str(path))


def write_pdf(items: list[tuple[str, str]], path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]  # reportlab's callback
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "Fast-acting treatments for depression - preprint")
        canvas.drawCentredString(A4[0] / 2, 30, str(doc.page))
        canvas.restoreState()

    story = []
    for kind, text in items:
        safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        style = {"h1": styles["Title"], "h2": styles["Heading2"]}.get(kind, styles["BodyText"])
        story.append(Paragraph(safe, style))
        if kind == "p":
            story.append(Spacer(1, 4))
    pdf = SimpleDocTemplate(str(path), pagesize=A4, title="Example manuscript", author="verifier examples")
    pdf.build(story, onFirstPage=furniture, onLaterPages=furniture)


def main() -> None:
    items = blocks((HERE / "manuscript.md").read_text(encoding="utf-8"))
    write_docx(items, HERE / "manuscript.docx")
    write_pdf(items, HERE / "manuscript.pdf")


if __name__ == "__main__":
    main()
