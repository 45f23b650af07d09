"""``verifier text``: the text every span of a report indexes.

For a PDF or DOCX that is the extracted text, not the file's bytes; for HTML, JATS and
LaTeX it is the masked copy (markup as spaces). ``text[span.start:span.end]`` of what this
prints equals the ``text``/``quoted`` of every claim, marker and finding.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from verifier.cli.common import read_document


def text(
    file: Annotated[str, typer.Argument(help="Manuscript, or - for stdin.")],
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")] = 25_000_000,
    pages: Annotated[bool, typer.Option("--pages", help="Print each page's start offset instead (PDF).")] = False,
) -> None:
    """Print the text that report spans index (the extracted text of a PDF or DOCX)."""
    doc = read_document(file, max_bytes)
    if pages:
        for number, start in enumerate(doc.pages, start=1):
            sys.stdout.write(f"{number}\t{start}\n")
        return
    sys.stdout.buffer.write(doc.text.encode("utf-8"))
