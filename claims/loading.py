"""Reading a manuscript from disk or stdin into a ``Document``.

Every way a user can hand us bad input (a missing path, a directory, a PDF or
other binary file, an empty or oversized file) becomes one ``InputError`` with
a one-line message; text in any of the encodings people actually save
(UTF-8 with or without BOM, UTF-16, Windows-1252, Latin-1) decodes to a
complete ``Document`` whose ``encoding`` names what was used. The input is
only ever opened for reading, and the decoded text is kept exactly as decoded
(``\\r\\n`` included), because every span the tool reports indexes it.

HTML, JATS XML, LaTeX and Markdown (R Markdown, Quarto) are the exception: their
``Document.text`` is the decoded text with its markup blanked (``claims.markup.mask``,
``claims.markdown.mask_markdown``), a copy of the same length with every line break
where it was, so spans, lines and columns still point into the file; quoted text shows
the markup as spaces. A LaTeX file's ``\\input`` files are spliced in first.

PDF and DOCX are read natively (``claims.pdf``, ``claims.docx``): their "original"
is the extracted text, which ``verifier text FILE`` prints, and a PDF's
``Document.pages`` says where each page starts in it.
"""

from __future__ import annotations

import codecs
import hashlib
import sys
from pathlib import Path

from claims.errors import InputError
from claims.files import DEFAULT_MAX_BYTES, read_regular, size_label
from claims.jats import jats_records
from claims.markdown import mask_markdown
from claims.markup import mask
from claims.models import Document, SkippedPart
from claims.sources import bibliography_files, expand_tex, yaml_bibliography

__all__ = ["MANUSCRIPT_SUFFIXES", "decode", "detect_format", "load_document"]


_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".tex": "tex",
    ".xml": "jats",
    ".nxml": "jats",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".rmd": "md",
    ".qmd": "md",
}
MANUSCRIPT_SUFFIXES = frozenset(_FORMATS)  # what a folder of manuscripts is searched for

# Signatures of binary formats people mistake for text, with the advice we give.
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive that is not a Word document (ODT?); export it as DOCX, Markdown or text first"),
    (b"\xd0\xcf\x11\xe0", "an old Office document; export it as plain text first"),
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first"),
    (b"\x89PNG", "a PNG image, not a manuscript"),
    (b"\xff\xd8\xff", "a JPEG image, not a manuscript"),
    (b"GIF8", "a GIF image, not a manuscript"),
    (b"\x7fELF", "an executable, not a manuscript"),
)

# cp1252 leaves these five bytes undefined; text containing them is Latin-1.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x0B, 0x7F}


def decode(data: bytes) -> tuple[str, str]:
    """Decode manuscript bytes; return ``(text, encoding name)``.

    Order: a byte-order mark decides ("utf-8-sig", "utf-16", "utf-32"); then
    BOM-less UTF-16 (recognised by its pattern of zero bytes, which strict UTF-8
    would also accept); then strict UTF-8; binary data raises ``InputError``; UTF-8 with a few corrupt bytes
    keeps its real characters and names itself "utf-8 (N invalid bytes
    replaced)"; anything else is Windows-1252, or Latin-1 when it uses a byte
    cp1252 leaves undefined.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _strict(data, "utf-32"), "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    # Before UTF-8: ASCII text in UTF-16 is valid UTF-8 too (with a zero byte after every letter).
    bom_less = _utf16_without_bom(data)
    if bom_less is not None:
        return bom_less
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _reject_control_text(text)
        return text, "utf-8"
    _reject_binary(data)
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if any(ord(ch) > 0x7F and ch != "\ufffd" for ch in lenient[:200_000]):
        return lenient, f"utf-8 ({bad} invalid bytes replaced)"
    if _CP1252_UNDEFINED.isdisjoint(data):
        return data.decode("cp1252"), "cp1252"
    return data.decode("latin-1"), "latin-1"


def detect_format(path: str, text: str) -> str:
    """``txt``/``md``/``tex``/``jats``/``html`` from the extension, else sniffed from the text."""
    fmt = _FORMATS.get(Path(path).suffix.lower())
    if fmt is not None:
        return fmt
    head = text[:2000].lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    if head.startswith("<?xml") or "<article" in head:
        return "jats"
    if "\\documentclass" in head or "\\begin{document}" in text[:20000]:
        return "tex"
    return "txt"


def load_document(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read ``path`` (``"-"`` for stdin) into a ``Document`` with text, sha256, format and encoding.

    For ``html``, ``jats`` and ``tex`` the text is ``mask(decoded, format)``, for ``md`` (``.Rmd``/
    ``.qmd`` too) ``mask_markdown(decoded)``: markup and code blanked, same length, same line
    breaks; ``txt`` is kept as decoded.
    A LaTeX file's ``\\input`` files are spliced in first (``claims.sources``).

    Raises ``InputError`` (one line) for a missing path, a directory, an
    unreadable, empty, binary or larger-than-``max_bytes`` input.
    """
    data = _read_stdin(max_bytes) if path == "-" else _read_file(path, max_bytes)
    if not data:
        raise InputError(f"{_label(path)}: the input is empty")
    native = _native_document(path, data)
    if native is not None:
        return native
    magic = _magic_error(data)
    if magic is not None:
        raise InputError(f"{_label(path)}: this is {magic}")
    try:
        text, encoding = decode(data)
    except InputError as exc:
        raise InputError(f"{_label(path)}: {exc}") from None
    if not text.strip():
        raise InputError(f"{_label(path)}: the input holds only white space")
    fmt = detect_format("" if path == "-" else path, text)
    if fmt in ("pdf", "docx"):  # text under a binary format's name: say what it really is
        fmt = detect_format("", text)
    bibliography: list[str] = []
    skipped: list[SkippedPart] = []
    if fmt == "tex" and path != "-":
        expanded = expand_tex(text, Path(path), decode)
        text, skipped = expanded.text, expanded.skipped
        bibliography = bibliography_files(text, Path(path))
    elif fmt == "md" and path != "-":
        bibliography = yaml_bibliography(text, Path(path))
    skipped += [
        SkippedPart(what=bib, where=Path(path).name, why="bibliography file not found")
        for bib in bibliography
        if not Path(bib).is_file()
    ]
    return Document(
        path=path,
        text=mask_markdown(text) if fmt == "md" else mask(text, fmt),
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        encoding=encoding,
        records=jats_records(text) if fmt == "jats" else [],
        bibliography=bibliography,
        skipped=skipped,
    )


def _native_document(path: str, data: bytes) -> Document | None:
    """A PDF or DOCX read into its extracted text; ``None`` for anything else."""
    sha = hashlib.sha256(data).hexdigest()
    if data.lstrip()[:5] == b"%PDF-":
        from claims.pdf import extract_pdf

        pdf = extract_pdf(data, _label(path))
        return Document(path=path, text=pdf.text, sha256=sha, format="pdf", encoding="pdf", pages=pdf.page_starts)
    if data.startswith(b"PK\x03\x04"):
        from claims.docx import extract_docx, is_docx

        if not is_docx(data):
            return None  # another ZIP: refused below with its own message
        docx = extract_docx(data, _label(path))
        if not docx.text.strip():
            raise InputError(f"{_label(path)}: the Word document has no text")
        return Document(path=path, text=docx.text, sha256=sha, format="docx", encoding="docx", fields=docx.fields)
    return None


def _label(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _read_file(path: str, max_bytes: int) -> bytes:
    return read_regular(path, max_bytes, what="manuscript")


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"<stdin>: larger than the {size_label(max_bytes)} limit")
    return data


def _magic_error(data: bytes) -> str | None:
    for signature, what in _MAGIC:
        if data.startswith(signature):
            return what
    return None


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid {encoding} at byte {exc.start}: {exc.reason}") from None
    _reject_control_text(text)
    return text


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM has a zero byte in most odd (LE) or even (BE) positions."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    half = len(sample) // 2
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) > 0.6 * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            _reject_control_text(text)
            return text, "utf-16"
    return None


def _reject_binary(data: bytes) -> None:
    sample = data[:8192]
    if b"\x00" in sample or sum(b in _CONTROL_BYTES for b in sample) > 0.05 * len(sample):
        raise InputError("the input looks like a binary file, not text")


def _reject_control_text(text: str) -> None:
    sample = text[:8192]
    if "\x00" in sample or sum(ord(c) in _CONTROL_BYTES for c in sample) > 0.05 * len(sample):
        raise InputError("the input looks like a binary file, not text")
