"""A text-layer PDF as plain text: reading order, superscript markers, no page furniture.

For a PDF the "original" that every span indexes is the text this module extracts
(``verifier text paper.pdf`` prints it), and ``page_starts`` says where each page begins in
it, so spans can carry their 1-based page.

Why pypdfium2 (PDFium) and not pdfminer.six: fed to the same layout code below, on the PDFs of
``../shared/documents/`` with citation gold, PDFium's glyphs gave marker F1 0.963 and 98.8 % of
the reference entries, pdfminer.six's 0.950 and 97.5 %, and PDFium read them 6 to 17 times
faster (runs on a loaded machine; ``python benchmarks/pdf.py [--backend pdfminer]``). PDFium is
BSD/Apache licensed.

What the layout step does, per page, from the glyphs in content-stream order (which is
column order for the two-column PDFs TeX and journal systems write):

* glyphs join a line while they sit on its baseline band; a raised glyph in a smaller font
  (``Asia.¹⁻³``) stays on the line and becomes a Unicode superscript when it is a digit,
  dash or comma, which ``claims.markers.superscript`` then reads as a citation (or rejects
  as an exponent, ``m²``, as it does in any text);
* a horizontal gap wider than three font sizes splits a line into blocks (line numbers,
  side-by-side columns written row-wise);
* running headers and footers (the same words, digits aside, at the top or bottom of
  several pages), page numbers and line numbers are dropped;
* a line ending in a hyphenated word fragment joins the next line without the hyphen,
  also across a page break, and pages are joined by a line break (never a form feed), so a
  reference list or a sentence runs on over the break;
* a vertical gap wider than 1.6 line heights starts a new paragraph (an empty line).
"""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claims.errors import InputError
from claims.raised import raised_text

__all__ = ["Glyph", "PdfText", "extract_pdf", "layout", "read_glyphs"]

MIN_CHARS_PER_PAGE = 40  # below this on every page the PDF is a scan (or pictures only)
_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[ivxlc]{1,6}", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_HYPHENS = "-\u00ad\ufffe\u2010"


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character with its box (PDF points, y upwards), font size and baseline."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    baseline: float
    space_before: bool = False  # the PDF put a space (or a generated one) before it


def median(values: Iterable[float]) -> float:
    """The middle value (upper median); ``statistics`` is not imported so that benchmarks/statistics.py
    cannot shadow it."""
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


@dataclass(slots=True)
class _Line:
    glyphs: list[Glyph] = field(default_factory=list)
    baseline: float = 0.0
    size: float = 0.0
    top: float = 0.0
    bottom: float = 0.0

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1


@dataclass(frozen=True)
class PdfText:
    """The extracted text, the offset where each page starts, and the page count."""

    text: str
    page_starts: list[int]
    pages: int


def extract_pdf(data: bytes, label: str) -> PdfText:
    """The reading-order text of a text-layer PDF; ``InputError`` for an encrypted, corrupt or scanned one."""
    pages = read_glyphs(data, label)
    if not pages or all(sum(not g.text.isspace() for g in page) < MIN_CHARS_PER_PAGE for page in pages):
        raise InputError(
            f"{label}: skipped, this PDF has no text layer (a scan or images only); run OCR first (e.g. ocrmypdf)"
        )
    return layout(pages)


def read_glyphs(data: bytes, label: str) -> list[list[Glyph]]:
    """Every page's glyphs in content-stream order, read with PDFium."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise InputError(f"{label}: the PDF is encrypted (password protected); decrypt it first") from None
        raise InputError(f"{label}: not a readable PDF ({exc})") from None
    pages: list[list[Glyph]] = []
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    matrix = raw.FS_MATRIX()
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            glyphs: list[Glyph] = []
            space = False
            high = 0
            for i in range(textpage.count_chars()):
                code = raw.FPDFText_GetUnicode(textpage, i)
                if 0xD800 <= code < 0xE000:  # UTF-16 surrogates: a pair is one character, a lone one nothing
                    if code < 0xDC00:
                        high = code
                        continue
                    code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00) if high else 0
                high = 0
                ch = chr(code) if 0 < code < 0x110000 else ""
                if not ch or ch.isspace() or (code < 0x20 and code != 0x02):
                    space = space or ch.isspace()
                    continue
                if code in (0x02, 0xFFFE):  # PDFium's marks of a word hyphenated at the line end
                    if glyphs:
                        last = glyphs[-1]
                        glyphs.append(Glyph("\u00ad", last.x1, last.y0, last.x1, last.y1, last.size, last.baseline))
                    continue
                raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
                raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
                raw.FPDFText_GetMatrix(textpage, i, matrix)  # the size is in text space: scale it
                size = raw.FPDFText_GetFontSize(textpage, i) * math.hypot(matrix.c, matrix.d)
                glyphs.append(Glyph(ch, left.value, bottom.value, right.value, top.value, size, oy.value, space))
                space = False
            pages.append(glyphs)
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"{label}: the PDF is damaged ({exc})") from None
    finally:
        pdf.close()
    return pages


_ACCENTS = {
    "\u00b4": "\u0301", "`": "\u0300", "\u00a8": "\u0308", "\u02c6": "\u0302", "^": "\u0302", "\u02dc": "\u0303",
    "~": "\u0303", "\u00b8": "\u0327", "\u02c7": "\u030c", "\u02d8": "\u0306", "\u02d9": "\u0307", "\u02da": "\u030a",
    "\u00af": "\u0304", "\u02dd": "\u030b",
}  # fmt: skip


def _compose_accents(glyphs: list[Glyph]) -> list[Glyph]:
    """TeX draws ``\\'e`` as a spacing accent over the letter: one accented letter (``é``) again."""
    out: list[Glyph] = []
    skip = -1
    for i, g in enumerate(glyphs):
        if i == skip:
            continue
        mark = _ACCENTS.get(g.text)
        if mark is not None:
            centre = (g.x0 + g.x1) / 2
            after = glyphs[i + 1] if i + 1 < len(glyphs) else None
            before = out[-1] if out else None
            if after is not None and after.text.isalpha() and after.x0 - 0.5 <= centre <= after.x1 + 0.5:
                out.append(_with_mark(after, mark, after.space_before))
                skip = i + 1
                continue
            if before is not None and before.text.isalpha() and before.x0 - 0.5 <= centre <= before.x1 + 0.5:
                out[-1] = _with_mark(before, mark, before.space_before)
                continue
        out.append(g)
    return out


def _with_mark(letter: Glyph, mark: str, space_before: bool) -> Glyph:
    text = unicodedata.normalize("NFC", letter.text + mark)
    return Glyph(text, letter.x0, letter.y0, letter.x1, letter.y1, letter.size, letter.baseline, space_before)


def layout(pages: Sequence[Sequence[Glyph]]) -> PdfText:
    """Lines, minus page furniture, joined into one text with page start offsets."""
    page_lines = [_reading_order(_drop_line_numbers(_lines(_compose_accents(list(page))))) for page in pages]
    furniture = _running_lines(page_lines)
    texts: list[list[tuple[str, bool]]] = []
    for number, lines in enumerate(page_lines):
        kept = [ln for k, ln in enumerate(lines) if not _is_furniture(ln, k, lines, furniture)]
        texts.append(_paragraphs(kept, _front_matter(kept) if number == 0 else 0))
    return _join(texts)


_BODY_START = re.compile(r"(?:\d{0,2}\.?\s*)?(?:abstract|summary|background|introduction)\b", re.IGNORECASE)


def _front_matter(lines: list[_Line]) -> int:
    """How many lines of the first page come before its abstract or introduction: there a raised
    number is an affiliation mark, not a citation."""
    for k, ln in enumerate(lines):
        if _BODY_START.match("".join(g.text for g in ln.glyphs[:14])):
            return k
    return 0


def _lines(glyphs: Sequence[Glyph]) -> list[_Line]:
    """Glyphs grouped into lines and split at wide gaps."""
    lines: list[_Line] = []
    line: _Line | None = None
    for g in glyphs:
        if line is not None and _continues(line, g):
            line.glyphs.append(g)
            if g.size >= line.size * 0.9 and abs(g.baseline - line.baseline) < 0.2 * line.size:
                line.top, line.bottom = max(line.top, g.y1), min(line.bottom, g.y0)
            continue
        line = _Line([g], g.baseline, g.size or (g.y1 - g.y0), g.y1, g.y0)
        lines.append(line)
    for ln in lines:
        _settle(ln)
    out: list[_Line] = []
    for ln in lines:
        out.extend(_split_gaps(ln))
    return out


def _continues(line: _Line, g: Glyph) -> bool:
    last = line.glyphs[-1]
    size = max(line.size, 1.0)
    if g.x0 < last.x0 - size:  # went back left: a new line (or column)
        return False
    if abs(g.baseline - line.baseline) < 0.25 * size:
        return True
    # A smaller glyph raised or lowered within the line's band: a superscript or subscript.
    return g.size < 0.9 * size and line.baseline - 0.5 * size < g.baseline < line.baseline + 0.75 * size


def _settle(line: _Line) -> None:
    """The line's baseline and size are those of most of its glyphs (a line may start with a superscript)."""
    sizes = Counter(round(g.size, 1) for g in line.glyphs)
    line.size = sizes.most_common(1)[0][0] or line.size
    body = [g for g in line.glyphs if abs(g.size - line.size) < 0.15 * line.size] or line.glyphs
    line.baseline = median(g.baseline for g in body)
    line.top = max(g.y1 for g in body)
    line.bottom = min(g.y0 for g in body)


def _split_gaps(line: _Line) -> list[_Line]:
    parts = [_Line([line.glyphs[0]], line.baseline, line.size, line.top, line.bottom)]
    for prev, g in zip(line.glyphs, line.glyphs[1:]):
        if g.x0 - prev.x1 > 3 * line.size:
            parts.append(_Line([g], line.baseline, line.size, line.top, line.bottom))
        else:
            parts[-1].glyphs.append(g)
    return parts


def _reading_order(lines: list[_Line]) -> list[_Line]:
    """Two columns read left then right, band by band between full-width lines (titles, wide
    figures), when the page has a gutter: an x no long line crosses, with text on both sides.
    Content-stream order is kept otherwise (and within a column where it runs top to bottom)."""
    long = [ln for ln in lines if len(ln.glyphs) >= 8]
    if len(long) < 10:
        return lines
    gutter = _gutter(long)
    if gutter is None:
        return lines
    split: list[_Line] = []
    for ln in lines:
        split.extend(_cut_at(ln, gutter))
    out: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []
    for ln in sorted(split, key=lambda ln: -ln.baseline):
        if ln.x1 <= gutter:
            left.append(ln)
        elif ln.x0 >= gutter:
            right.append(ln)
        else:  # spans both columns: the band above it is read first
            out += left + right + [ln]
            left, right = [], []
    return out + left + right


def _gutter(long: list[_Line]) -> float | None:
    x0 = min(ln.x0 for ln in long)
    x1 = max(ln.x1 for ln in long)
    width = x1 - x0
    if width < 200:
        return None
    best: tuple[int, float] | None = None
    x = x0 + 0.35 * width
    while x <= x0 + 0.65 * width:
        crossing = sum(1 for ln in long if ln.x0 < x < ln.x1 and not _gap_at(ln, x))
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += 2.0
    if best is None or best[0] > 0.1 * len(long):
        return None
    gutter = best[1]
    lefts = sum(1 for ln in long if ln.x1 <= gutter or (ln.x0 < gutter and _gap_at(ln, gutter)))
    rights = sum(1 for ln in long if ln.x0 >= gutter or (ln.x1 > gutter and _gap_at(ln, gutter)))
    return gutter if lefts >= 0.25 * len(long) and rights >= 0.25 * len(long) else None


def _gap_at(line: _Line, x: float) -> bool:
    return _gap_near(line, x) is not None


def _gap_near(line: _Line, x: float, tolerance: float = 8.0) -> int | None:
    """The index of the glyph after a gap of at least 0.8 font sizes within ``tolerance`` of ``x``."""
    for i, (prev, g) in enumerate(zip(line.glyphs, line.glyphs[1:]), start=1):
        if g.x0 - prev.x1 >= 0.8 * line.size and prev.x1 - tolerance <= x <= g.x0 + tolerance:
            return i
        if prev.x1 > x + tolerance:
            return None
    return None


def _cut_at(line: _Line, x: float) -> list[_Line]:
    k = _gap_near(line, x) if line.x0 < x < line.x1 else None
    if k is None:
        return [line]
    head, tail = line.glyphs[:k], line.glyphs[k:]
    tail[0] = _no_space(tail[0])
    parts = (head, tail)
    return [_Line(part, line.baseline, line.size, line.top, line.bottom) for part in parts]


def _line_text(line: _Line, *, markers: bool = True) -> str:
    """The line's characters, with spaces where the PDF put them and raised digits as superscripts
    (when ``markers``; a line that starts with one, an affiliation or footnote, keeps its digit)."""
    out: list[str] = []
    glyphs = line.glyphs
    i = 0
    while i < len(glyphs):
        g = glyphs[i]
        if _raised(line, g):
            j = i
            while j < len(glyphs) and _raised(line, glyphs[j]):
                j += 1
            run = "".join((" " if x.space_before and k else "") + x.text for k, x in enumerate(glyphs[i:j]))
            if g.space_before and out:
                out.append(" ")
            out.append(raised_text(run) if markers and i else run)
            i = j
            continue
        if out and (g.space_before or g.x0 - glyphs[i - 1].x1 > 0.3 * line.size):
            out.append(" ")
        out.append(g.text)
        i += 1
    return "".join(out)


def _raised(line: _Line, g: Glyph) -> bool:
    return g.size < 0.9 * line.size and g.baseline > line.baseline + 0.2 * line.size


def _drop_line_numbers(lines: list[_Line]) -> list[_Line]:
    """Line numbers (``lineno``, journal review copies): a leading number standing apart, its right
    edge aligned with those of at least five other lines of the page, is a margin number, not text."""
    leads: list[tuple[int, int, float]] = []  # (line index, glyph count, right edge)
    for k, ln in enumerate(lines):
        g = ln.glyphs
        n = 0
        while n < len(g) and n < 4 and g[n].text.isdigit() and not (n and g[n].x0 - g[n - 1].x1 > 0.8 * ln.size):
            n += 1
        if n and (n == len(g) or g[n].x0 - g[n - 1].x1 > 0.8 * ln.size) and not (n < len(g) and g[n].text in ".)"):
            leads.append((k, n, g[n - 1].x1))
    column: Counter[int] = Counter(round(x1 / 3) for _, _, x1 in leads)
    edges = {edge for edge, count in column.items() if count >= 6}
    if not edges:
        return lines
    cut = {k: n for k, n, x1 in leads if round(x1 / 3) in edges}
    kept = []
    for k, ln in enumerate(lines):
        n = cut.get(k, 0)
        if n == len(ln.glyphs):
            continue
        if n:
            ln = _Line(ln.glyphs[n:], ln.baseline, ln.size, ln.top, ln.bottom)
            ln.glyphs[0] = _no_space(ln.glyphs[0])
        kept.append(ln)
    return kept


def _no_space(g: Glyph) -> Glyph:
    return Glyph(g.text, g.x0, g.y0, g.x1, g.y1, g.size, g.baseline)


def _shape(line: _Line) -> str:
    return _DIGITS.sub("#", "".join(g.text for g in line.glyphs).lower())


def _edge_lines(lines: list[_Line]) -> list[tuple[int, _Line]]:
    """The two top-most and two bottom-most lines of a page, where headers and footers sit."""
    if not lines:
        return []
    order = sorted(range(len(lines)), key=lambda k: -lines[k].baseline)
    picked = order[:2] + order[-2:]
    return [(k, lines[k]) for k in dict.fromkeys(picked)]


def _running_lines(page_lines: list[list[_Line]]) -> set[str]:
    """Shapes (digits as ``#``) of edge lines repeated on at least three pages, or on half of them."""
    counts: Counter[str] = Counter()
    for lines in page_lines:
        counts.update({_shape(ln) for _, ln in _edge_lines(lines)})
    need = max(3, len(page_lines) // 2) if len(page_lines) >= 3 else 2
    return {shape for shape, n in counts.items() if n >= need and len(shape) >= 2}


def _is_furniture(line: _Line, k: int, lines: list[_Line], running: set[str]) -> bool:
    if k not in {i for i, _ in _edge_lines(lines)}:
        return False
    text = "".join(g.text for g in line.glyphs)
    return _shape(line) in running or bool(_PAGE_NUMBER.fullmatch(text.strip()))


def _paragraphs(lines: list[_Line], front: int = 0) -> list[tuple[str, bool]]:
    """``(line text, starts a paragraph)`` for each line: a gap wider than 1.6 line heights
    or a change of font size breaks a paragraph. The first ``front`` lines keep raised digits as digits."""
    out: list[tuple[str, bool]] = []
    prev: _Line | None = None
    for k, ln in enumerate(lines):
        text = _line_text(ln, markers=k >= front)
        if not text.strip():
            continue
        new = prev is None
        if prev is not None:
            gap = prev.baseline - ln.baseline
            height = max(prev.size, ln.size) * 1.2
            if (
                gap > 1.6 * height or abs(prev.size - ln.size) > 0.15 * ln.size
            ):  # moving up: the next column, same paragraph
                new = True
        out.append((text, new))
        prev = ln
    return out


def _join(pages: Iterable[list[tuple[str, bool]]]) -> PdfText:
    parts: list[str] = []
    page_starts: list[int] = []
    length = 0
    count = 0
    for lines in pages:
        count += 1
        first = True
        for text, new in lines:
            if parts:
                prev = parts[-1]
                if _hyphenated(prev, text):
                    parts[-1] = prev[:-1]
                    length -= 1
                    sep = ""
                else:
                    sep = "\n\n" if new and not first else "\n"
                if sep:
                    parts.append(sep)
                    length += len(sep)
            if first:
                page_starts.append(length)
                first = False
            parts.append(text)
            length += len(text)
        if first:
            page_starts.append(length)
    text = "".join(parts).replace("\ufffe", "-")
    return PdfText(text + "\n" if text else text, page_starts, count)


def _hyphenated(prev: str, text: str) -> bool:
    """``treat-`` then ``ment``: a word broken at the line end (PDFium marks it U+FFFE)."""
    if not prev or prev[-1] not in _HYPHENS or not text[:1].islower():
        return False
    return prev[-1] in "\u00ad\ufffe" or (len(prev) > 2 and prev[-2].isalpha() and prev[-2].islower())
