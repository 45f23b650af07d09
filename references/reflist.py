"""Finding the reference list inside a manuscript and cutting it into entries.

Two ways in, tried in order:

1. a heading line (References, Bibliography, Literature cited, Works cited,
   Notes, Sources ...; Markdown ``#``, LaTeX ``\\section*{}`` and bold forms
   too), the last one in the document; or ``\\begin{thebibliography}``;
2. with no heading, the longest run of consecutively numbered entries
   (``1.``, ``[1]``, ``(1)``) that read like references, which covers lists
   pasted from web pages with the heading lost, lists with one token per line
   (the number alone on a line), and entries run together on one line
   (``...2022.11. Somani A``: a number right after a period continues the run).

The list ends at web boilerplate (``lexicons/list_end_markers.txt``), at the
paragraph break after the last entry, or at the next heading; trailing
paragraphs that do not read like references (an author bio) are dropped.
Every entry's ``raw`` is the exact original slice, so ``span`` gives it back.

A text masked from HTML, JATS or LaTeX (``claims.markup``) is searched in its block view
(blocks on their own lines, source line breaks soft; same length, so offsets hold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from claims.markup import block_view, readable
from claims.spans import LineIndex
from references.entry_parser import parse_reference
from references.loaders._fields import DUPLICATE_KEY_OF
from references.models import Reference
from references.parsing.lexicon import load_words

__all__ = ["ReferenceList", "find_reference_list", "make_key"]

_HEADING = re.compile(
    r"(?im)^[ \t]*+(?:#{1,6}[ \t]*|\\(?:sub)*section\*?\{[ \t]*|\*\*[ \t]*|__[ \t]*)?(?:(?:\d{1,2}|[IVX]{1,4})\.?[ \t]+)?"
    r"((?:list\s+of\s+)?references?(?:\s+(?:list|cited))?|bibliography|literature\s+cited|works\s+cited|cited\s+literature|"
    r"notes(?:\s+and\s+references)?|references\s+and\s+notes|endnotes|sources|citations)"
    r"[ \t]*+(?:\}|\*\*|__)?[ \t]*+:?[ \t]*$"
)
_WEAK_HEADINGS = frozenset({"notes", "sources", "citations", "endnotes"})
_NUMBERED = re.compile(r"(?m)^[ \t]*(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)])(?=[ \t]|$)")
_INLINE_NEXT = re.compile(r"(?<=[.])[ \t]?(\d{1,4})\.[ \t]+(?=[A-Z])")
_BLANK = re.compile(r"\n[ \t]*\n")
_NEXT_SECTION = re.compile(
    r"(?im)^[ \t]*+(?:#{1,6}[ \t]*)?(?:appendix|appendices|tables?|figures?|figure\s+legends|supplementary|supporting\s+information|"
    r"acknowledge?ments?|author\s+contributions|funding|conflicts?\s+of\s+interest|competing\s+interests|abbreviations)\b[^\n]{0,40}$"
)
# In a masked text (claims.markup) every heading is marked "# ": the list ends at the next one.
_MARKED_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+\S")
_BIBITEM = re.compile(r"\\bibitem(?:\[[^\]\n]{0,200}\])?\{([^}\n]{1,200})\}")
_ENTRY_START = re.compile(r"^[ \t]*[-*+•][ \t]+")
_LETTER = re.compile(r"[^\W\d_]")
_YEARISH = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)|n\.\s?d\.")


@dataclass(frozen=True)
class ReferenceList:
    """The reference list of a document: where it is, its heading, its parsed entries."""

    start: int  # original offsets of the whole list (heading included)
    end: int
    heading: str | None
    entries: list[Reference] = field(default_factory=list)


def make_key(ref: Reference, taken: set[str]) -> str:
    """'smith2020' (first author family, lower-case letters only, + year with its a/b suffix), unique in ``taken``."""
    family = ref.authors[0].family if ref.authors else (ref.title or "anon")
    stem = re.sub(r"[^a-z]", "", family.split()[-1].lower() if family.split() else "") or "anon"
    base = stem + (ref.year or "nd")
    key = base
    n = 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key


@cache
def _end_marker_pattern() -> re.Pattern[str]:
    words = sorted(load_words("list_end_markers"), key=len, reverse=True)
    return re.compile(r"(?im)^[ \t]*(?:" + "|".join(re.escape(w) for w in words) + ")")


def _boilerplate_cut(text: str, start: int, end: int) -> int:
    """Start of the first line in ``(start, end)`` that opens with list-end boilerplate, else ``end``."""
    nl = text.find("\n", start, end)
    if nl == -1:
        return end
    m = _end_marker_pattern().search(text, nl + 1, end)
    return m.start() if m else end


def _reads_like_reference(ref: Reference) -> bool:
    if ref.doi or ref.pmid or ref.url or ref.accessed:
        return True
    if not (ref.year and _YEARISH.search(ref.raw)):
        return False
    return bool(ref.authors or ref.venue)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _entry(
    text: str, lines: LineIndex, start: int, end: int, number: int | None, markup: bool = False
) -> Reference | None:
    """The entry at ``[start, end)``; in a masked text (``markup``) it is parsed from its
    ``readable`` form, since tags left runs of spaces between its fields."""
    start, end = _trim(text, start, end)
    if end <= start:
        return None
    raw = text[start:end]
    ref = parse_reference(readable(raw) if markup else raw)
    ref.span = lines.span(start, end)
    if number is not None:
        ref.number = number
        ref.key = str(number)
    return ref


def _numbered_runs(text: str, lo: int, hi: int) -> list[list[tuple[int, int, int]]]:
    """Runs of consecutively numbered entry starts in ``[lo, hi)``: (number, start, body_start)."""
    runs: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    for m in _NUMBERED.finditer(text, lo, hi):
        n = int(next(g for g in m.groups() if g is not None))
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        if current and n == current[-1][0] + 1:
            current.append((n, start, m.end()))
        elif n == 1:
            if current:
                runs.append(current)
            current = [(n, start, m.end())]
    if current:
        runs.append(current)
    return runs


# Longest reference entry searched for the next entry glued to its end: a list numbered "1." on
# every item made each one-item run search the rest of the document (quadratic).
MAX_ENTRY_CHARS = 3000


def _split_inline(text: str, run: list[tuple[int, int, int]], hi: int) -> list[tuple[int, int, int]]:
    """Add entries run together on one line ('...2022.11. Somani A') to a run; the next number is
    looked for within ``MAX_ENTRY_CHARS`` of the entry before it."""
    out: list[tuple[int, int, int]] = []
    for idx, item in enumerate(run):
        out.append(item)
        n, _, body = item
        seg_end = run[idx + 1][1] if idx + 1 < len(run) else hi
        while True:
            expected = out[-1][0] + 1
            if idx + 1 < len(run) and run[idx + 1][0] == expected:
                break
            found = None
            for m in _INLINE_NEXT.finditer(text, out[-1][2], min(seg_end, out[-1][2] + MAX_ENTRY_CHARS)):
                if int(m.group(1)) == expected:
                    found = m
                    break
            if found is None:
                break
            out.append((expected, found.start(1), found.end()))
    return out


def _paragraph_end(text: str, start: int, end: int, min_chars: int = 25) -> int:
    """End of the paragraph holding an entry that starts at ``start`` (a blank line), capped at ``end``."""
    for m in _BLANK.finditer(text, start, end):
        if len(text[start : m.start()].strip()) >= min_chars:
            return m.start()
    return end


def _numbered_entries(
    text: str, lines: LineIndex, run: list[tuple[int, int, int]], hi: int, markup: bool
) -> list[Reference]:
    entries = []
    for idx, (n, start, _) in enumerate(run):
        end = run[idx + 1][1] if idx + 1 < len(run) else hi
        end = _paragraph_end(text, start, end)
        end = _boilerplate_cut(text, start, end)
        ref = _entry(text, lines, start, end, n, markup)
        if ref is not None:
            entries.append(ref)
    return entries


def _blank(ref: Reference) -> bool:
    """A numbered entry with no words ("56. . . . ;:."): a placeholder a renderer left, not prose.

    It still holds its number (markers may cite it), but it says nothing about whether the
    run is a reference list, so it is neither dropped nor counted."""
    return ref.number is not None and not _LETTER.search(ref.raw)


def _drop_trailing_non_references(entries: list[Reference]) -> list[Reference]:
    while entries and not _reads_like_reference(entries[-1]) and not _blank(entries[-1]):
        entries.pop()
    return entries


def _mostly_references(entries: list[Reference]) -> bool:
    """At least 60 % of the entries with words read like references (blank placeholders ignored)."""
    worded = [e for e in entries if not _blank(e)]
    return bool(worded) and sum(_reads_like_reference(e) for e in worded) >= 0.6 * len(worded)


def _best_numbered(text: str, lines: LineIndex, lo: int, hi: int, markup: bool) -> list[Reference] | None:
    best: list[Reference] | None = None
    for run in _numbered_runs(text, lo, hi):
        run = _split_inline(text, run, hi)
        if len(run) < 2:
            continue
        entries = _drop_trailing_non_references(_numbered_entries(text, lines, run, hi, markup))
        if len(entries) < 2 or not _mostly_references(entries):
            continue
        if best is None or len(entries) >= len(best):
            best = entries
    return best


@cache
def _entry_head() -> re.Pattern[str]:
    """Besides a capital letter, how a line that opens an unnumbered entry may begin.

    A bullet; a lower-case name particle before a capitalized family name ("van Heel M",
    "de Jonge BL"); or a number opening a corporate author ("1000 Genomes Project Consortium":
    two capitalized words follow, so "2010 May;" on a wrapped line does not qualify).
    """
    particles = "|".join(sorted((re.escape(p) for p in load_words("name_particles")), key=len, reverse=True))
    return re.compile(r"[ \t]*(?:[-*+•][ \t]|(?:" + particles + r")[ \t]+[A-Z]|\d+[ \t]+[A-Z][a-z]+[ \t]+[A-Z])")


_ENDS_ENTRY = re.compile(r"(?:[.)]|10\.\d{4,9}/\S+|https?://\S+)[ \t]*$")


def _starts_entry(text: str, pos: int, end: int) -> bool:
    head = text[pos : min(end, pos + 80)].lstrip(" \t")
    return head[:1].isupper() or _entry_head().match(text, pos, end) is not None


def _line_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut one paragraph into entries at line breaks where the previous line ended an entry
    (".", ")", a DOI or URL) and the next line starts like one."""
    pieces: list[tuple[int, int]] = []
    current = line_start = start
    nl = text.find("\n", start, end)
    while nl != -1:
        nxt = nl + 1
        if _ENDS_ENTRY.search(text, line_start, nl) and _starts_entry(text, nxt, end):
            pieces.append((current, nxt))
            current = nxt
        line_start = nxt
        nl = text.find("\n", nxt, end)
    pieces.append((current, end))
    return pieces


def _unnumbered_entries(text: str, lines: LineIndex, lo: int, hi: int, markup: bool) -> list[Reference]:
    """Entries after a heading with no numbers: one per paragraph, or one per line when lines end entries."""
    entries: list[Reference] = []
    para_start = lo
    for m in [*_BLANK.finditer(text, lo, hi), None]:
        para_end = m.start() if m else hi
        for start, end in _line_pieces(text, para_start, para_end):
            bullet = _ENTRY_START.match(text, start, end)
            ref = _entry(text, lines, bullet.end() if bullet else start, end, None, markup)
            if ref is not None and ref.raw.strip():
                entries.append(ref)
        para_start = m.end() if m else hi
    return entries


def _assign_keys(entries: list[Reference]) -> None:
    taken = {e.key for e in entries if e.key}
    for e in entries:
        if not e.key:
            e.key = make_key(e, taken)


def _bibitems(text: str, lines: LineIndex, markup: bool) -> ReferenceList | None:
    begin = text.find("\\begin{thebibliography}")
    if begin == -1:
        return None
    close = text.find("\\end{thebibliography}", begin)
    close = len(text) if close == -1 else close
    items = list(_BIBITEM.finditer(text, begin, close))
    entries = []
    taken: set[str] = set()
    for idx, m in enumerate(items):
        end = items[idx + 1].start() if idx + 1 < len(items) else close
        ref = _entry(text, lines, m.end(), end, None, markup)
        if ref is not None:
            key = m.group(1).strip()
            if key in taken:  # keys stay unique; CIT003 reports the repeat, as for a .bib file
                ref.extra[DUPLICATE_KEY_OF] = key
                key = f"{key}~{lines.position(m.start())[0]}"
            ref.key = key or make_key(ref, taken)
            taken.add(ref.key)
            entries.append(ref)
    stop = close + len("\\end{thebibliography}") if close < len(text) else close
    return ReferenceList(start=begin, end=stop, heading=None, entries=entries)


def find_reference_list(text: str) -> ReferenceList | None:
    """The reference list inside ``text`` (the original decoded document), or None when there is none."""
    view = block_view(text)
    found = _find_in(view, LineIndex(text), markup=view is not text)
    if found is not None and view is not text:
        for entry in found.entries:
            if entry.span is not None:
                entry.raw = text[entry.span.start : entry.span.end]
    return found


def _find_in(text: str, lines: LineIndex, *, markup: bool) -> ReferenceList | None:
    bib = _bibitems(text, lines, markup)
    if bib is not None:
        return bib
    headings = list(_HEADING.finditer(text))
    for h in reversed(headings):
        weak = h.group(1).lower() in _WEAK_HEADINGS
        body_start = h.end()
        nxt = _NEXT_SECTION.search(text, body_start)
        hi = nxt.start() if nxt else len(text)
        if markup:
            marked = _MARKED_HEADING.search(text, body_start, hi)
            hi = marked.start() if marked else hi
        hi = _boilerplate_cut(text, body_start, hi)
        entries = _best_numbered(text, lines, body_start, hi, markup)
        if entries is None and not weak:
            entries = _drop_trailing_non_references(_unnumbered_entries(text, lines, body_start, hi, markup))
            if sum(_reads_like_reference(e) for e in entries) < max(1, 0.6 * len(entries)):
                entries = None
        if entries:
            _assign_keys(entries)
            start = h.start() + (len(h.group()) - len(h.group().lstrip()))
            return ReferenceList(
                start=start, end=entries[-1].span.end if entries[-1].span else hi, heading=h.group(1), entries=entries
            )
    entries = _best_numbered(text, lines, 0, len(text), markup)
    if not entries or len(entries) < 3:
        return None
    _assign_keys(entries)
    first, last = entries[0].span, entries[-1].span
    assert first is not None and last is not None
    return ReferenceList(start=first.start, end=last.end, heading=None, entries=entries)
