"""Sentence segmentation for scientific text, on the normalized copy of a document.

Why hand-written rules and not pysbd or syntok: on our own labeled set of
scientific sentences (``benchmarks/segmentation.py``) these rules place more
boundaries correctly than either library, they know about citation markers
(``mortality. [1,2] Diverse`` ends *after* the marker, as does
``enjoy.(1)``), and they run one to two orders of magnitude faster, which the
2 MB/s budget of the whole pipeline needs.

A line of the normalized text (``claims.normalize`` joins wrapped lines, so a
line is a paragraph, heading, list item or widget) is first classified as a
whole: Markdown or plain-text heading, boilerplate, metadata. Prose lines are
then split at ``. ? ! …`` (and ``。！？``) followed by a capital, digit, quote or
bracket, except after abbreviations (``et al.``, ``e.g.``, ``Fig.``, ``Dr.``),
initials and list numbers; decimals (``0.5 mg/kg``, ``p = 0.06``) never split
because no space follows the point.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from claims.boilerplate import classify_line, classify_sentence, is_boilerplate_section, is_read_more
from claims.features.lexicon import entries
from claims.models import UnitKind

__all__ = ["Unit", "ends_sentence", "segment", "split_sentences"]


class Unit(NamedTuple):
    """A sentence, heading or non-prose line: ``[start, end)`` in the text given to ``segment``."""

    start: int
    end: int
    kind: UnitKind
    section: str | None


_TERMINATORS = re.compile(r"[.?!…。！？]+")
_CJK_TERMINATORS = frozenset("。！？")
# A terminator glued to one of these ends no sentence (unless a CJK one, or a marker follows).
_GLUED = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
_CLOSERS = frozenset(")]}\"'’”»")
_OPENERS = "([{\"'“‘«"
_BULLET = re.compile(r"(?:[-*+•·▪●◦]|\d{1,3}[.)])\s+")
# A Markdown ATX heading opens with 1-6 "#" and white space; its title is the rest without the
# closing "#"s (``_atx_title``). The one-regex form ``(#{1,6})\s+(.*?)\s*#*\s*$`` was cubic on a
# title with thousands of inner spaces.
_ATX_OPEN = re.compile(r"#{1,6}(?=\s)")
_SETEXT = re.compile(r"(?:=+|-+)\s*$")
_FENCE = re.compile(r"```|~~~")
_INITIAL = re.compile(r"[A-Z]\.")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_WORD = re.compile(r"[A-Z][\w'’-]*")
_INITIAL_BEFORE = re.compile(r"[A-Z]\.\s*$")
_COMPARATORS = frozenset("<>=≤≥")
_SPACE = frozenset(" \t\r\xa0\u2009\u202f\u3000")
_MAX_HEADING_WORDS = 15
# Longest sentence read as one; longer ones are read in pieces (``_capped``). The longest in the
# shared corpus and test documents is 12,540 characters (a LaTeX table); the seeds' prose is far shorter.
MAX_SENTENCE_CHARS = 3000
_MAX_HEADING_CHARS = 120
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to vs with do does is are".split())


@cache
def _never_final() -> frozenset[str]:
    return frozenset(e.rstrip(".") for e in entries("abbreviations"))


@cache
def _maybe_final() -> frozenset[str]:
    return frozenset(e.rstrip(".") for e in entries("abbreviations_final"))


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends with a sentence terminator that is not an abbreviation (``et al.`` etc.)."""
    stripped = line.rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        stripped = stripped[:-1]
    if not stripped or stripped[-1] not in ".?!…。！？":
        return False
    if stripped[-1] != ".":
        return True
    token = _token_before(stripped, len(stripped) - 1).lower()
    return token not in _never_final() and token not in _maybe_final() and not _INITIAL.fullmatch(token + ".")


def split_sentences(
    text: str, start: int = 0, end: int | None = None, markers: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Sentence ranges inside ``text[start:end]`` (one line), whitespace trimmed.

    ``markers`` are sorted ``(start, end)`` citation markers: a boundary never
    falls inside one, and markers right after a terminator stay with the
    sentence before it.
    """
    end = len(text) if end is None else end
    marker_starts = [m[0] for m in markers]
    starting = set(marker_starts)
    out: list[tuple[int, int]] = []
    sent_start = start
    for m in _TERMINATORS.finditer(text, start, end):
        stop = m.end()
        if stop >= end or (text[stop] in _GLUED and stop not in starting and text[stop - 1] not in _CJK_TERMINATORS):
            continue  # the line's end, or a decimal point or "e.g": ``_boundary`` would say no (fast path)
        if stop <= sent_start or _inside_marker(m.start(), markers, marker_starts, stop):
            continue
        cut = _boundary(text, m.start(), stop, end, sent_start, markers, marker_starts)
        if cut is not None:
            _append_trimmed(text, sent_start, cut[0], out)
            sent_start = cut[1]
    _append_trimmed(text, sent_start, end, out)
    return out


def segment(text: str, markers: Sequence[tuple[int, int]], *, section: str | None = None) -> list[Unit]:
    """Split normalized ``text`` into units (sentences, headings, boilerplate and metadata lines).

    ``markers`` are citation-marker ranges in ``text``; ``section`` is the
    heading in force at the start of ``text`` (when the document is segmented
    in pieces). Every unit's ``section`` is the latest heading before it.
    """
    ordered = sorted(markers)
    lines = _lines(text)
    units: list[Unit] = []
    in_fence = False
    boiler_section = False
    heading_run = _heading_runs(text, lines, ordered)
    for index, (ls, le) in enumerate(lines):
        line = text[ls:le]
        if _FENCE.match(line):
            in_fence = not in_fence
            units.append(Unit(ls, le, UnitKind.METADATA, section))
            continue
        if in_fence:
            units.append(Unit(ls, le, UnitKind.METADATA, section))
            continue
        if _SETEXT.fullmatch(line) and units and index and units[-1][:2] == lines[index - 1]:
            section = text[units[-1].start : units[-1].end]  # Markdown setext heading: "Title\n====="
            boiler_section = is_boilerplate_section(section)
            units[-1] = Unit(units[-1].start, units[-1].end, UnitKind.HEADING, section)
            continue
        atx = _atx_title(line)
        kind = UnitKind.HEADING if atx is not None else heading_run[index]
        if kind is UnitKind.HEADING:
            title = atx if atx is not None else line
            section = title or section
            boiler_section = is_boilerplate_section(title)
            units.append(Unit(ls, le, UnitKind.BOILERPLATE if boiler_section else UnitKind.HEADING, section))
            continue
        if kind is UnitKind.BOILERPLATE and is_boilerplate_section(line):
            boiler_section = True  # 'Recent Posts' is both a widget label and a section
            section = line
        if kind is not None or boiler_section or _is_teaser(text, lines, index):
            units.append(Unit(ls, le, kind or UnitKind.BOILERPLATE, section))
            continue
        if _only_markers(text, ls, le, ordered) and units and units[-1].kind is UnitKind.PROSE:
            units[-1] = units[-1]._replace(end=le)
            continue
        bullet = _BULLET.match(line)
        body_start = ls + bullet.end() if bullet else ls
        within = _markers_within(ordered, ls, le)
        for sentence in split_sentences(text, body_start, le, within):
            for s, e in _capped(text, *sentence, within):
                units.append(Unit(s, e, classify_sentence(text[s:e]) or UnitKind.PROSE, section))
    return units


def _capped(text: str, start: int, end: int, markers: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence longer than ``MAX_SENTENCE_CHARS`` cut into pieces that are not, each at the last
    "; " or ", " (else white space) of its second half, never inside a marker.

    Why: every feature and rule reads a sentence as a whole and several look back from each cue
    to the sentence start, so a 0.25 MB "sentence" (a line with no full stop, a run of
    statistics) cost minutes. Prose sentences are far shorter; what is longer is a table, a list
    or a paste, and reading it in pieces keeps the work per sentence bounded."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    starts = [m[0] for m in markers]
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        half = start + MAX_SENTENCE_CHARS // 2
        cut = max(text.rfind("; ", half, limit), text.rfind(", ", half, limit)) + 1
        if cut <= 0:
            cut = text.rfind(" ", half, limit)
        if cut <= 0:
            cut = limit
        i = bisect_left(starts, cut) - 1
        if i >= 0 and markers[i][0] < cut < markers[i][1]:  # never split a marker
            cut = markers[i][0] if markers[i][0] > start else markers[i][1]
        _append_trimmed(text, start, cut, pieces)
        start = cut
    _append_trimmed(text, start, end, pieces)
    return pieces


def _atx_title(line: str) -> str | None:
    """The title of a Markdown ATX heading line (``## Methods ##`` -> ``Methods``), else None."""
    opening = _ATX_OPEN.match(line)
    if opening is None or "\n" in line:
        return None
    return line[opening.end() :].strip().rstrip("#").rstrip()


def _lines(text: str) -> list[tuple[int, int]]:
    """Trimmed, non-blank line ranges."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        s, e = pos, pos + len(raw)
        pos = e + 1
        while s < e and (text[s].isspace()):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _heading_runs(text: str, lines: list[tuple[int, int]], markers: Sequence[tuple[int, int]]) -> list[UnitKind | None]:
    """A per-line verdict before sentence splitting: HEADING, BOILERPLATE/METADATA, or None (prose).

    Heading-like lines (short, capitalised, no final full stop, no citation)
    are headings when at most three come in a row; longer runs of short
    fragments are table cells or token-per-line lists, i.e. METADATA.
    """
    verdict: list[UnitKind | None] = [None] * len(lines)
    short = [False] * len(lines)
    for i, (ls, le) in enumerate(lines):
        line = text[ls:le]
        fixed = classify_line(line)
        if fixed is not None:
            verdict[i] = fixed
            continue
        if _markers_within(markers, ls, le):
            continue
        short[i] = (
            not ends_sentence(line)
            and len(line.split(maxsplit=_MAX_HEADING_WORDS)) <= _MAX_HEADING_WORDS
            and not line.endswith((",", ";"))
        )
    i = 0
    while i < len(lines):
        if not short[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and short[j]:
            j += 1
        for k in range(i, j):
            line = text[lines[k][0] : lines[k][1]]
            if j - i > 3:
                verdict[k] = UnitKind.METADATA
            elif _heading_like(line):
                verdict[k] = UnitKind.HEADING
        i = j
    for i, (ls, le) in enumerate(lines):
        line = text[ls:le]
        if verdict[i] is None and line.endswith("?") and _heading_like(line[:-1]) and _title_case(line):
            verdict[i] = UnitKind.HEADING
    return verdict


def _heading_like(line: str) -> bool:
    if not line or len(line) > _MAX_HEADING_CHARS or _BULLET.match(line):
        return False
    first = line[0]
    if not (first.isdigit() or (first.isalpha() and not first.islower())):
        return False
    if line[-1] in ".,;:!" or not any(c.isalpha() for c in line):
        return False
    return len(split_sentences(line)) == 1


def _title_case(line: str) -> bool:
    words = [w for w in _TITLE_WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    return bool(words) and sum(not w[0].islower() for w in words) >= 0.75 * len(words)


def _is_teaser(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """A paragraph directly followed by a 'Read More' link is a teaser for another page."""
    return index + 1 < len(lines) and is_read_more(text[lines[index + 1][0] : lines[index + 1][1]])


def _markers_within(markers: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    i = bisect_left(markers, (start, -1))
    out = []
    while i < len(markers) and markers[i][0] < end:
        out.append(markers[i])
        i += 1
    return out


def _only_markers(text: str, start: int, end: int, markers: Sequence[tuple[int, int]]) -> bool:
    """A line holding nothing but citation markers (and separating commas)."""
    pos = start
    for ms, me in _markers_within(markers, start, end):
        if text[pos:ms].strip(" ,;"):
            return False
        pos = me
    return pos > start and not text[pos:end].strip(" ,;")


def _inside_marker(pos: int, markers: Sequence[tuple[int, int]], starts: list[int], stop: int) -> bool:
    """A terminator inside a marker, unless it ends one ("... by Peng et al. Most ...")."""
    i = bisect_left(starts, pos + 1) - 1
    return i >= 0 and markers[i][0] <= pos < markers[i][1] and stop != markers[i][1]


def _marker_at(pos: int, markers: Sequence[tuple[int, int]], starts: list[int]) -> int | None:
    i = bisect_left(starts, pos)
    if i < len(starts) and starts[i] == pos:
        return markers[i][1]
    return None


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in _SPACE:
        pos += 1
    return pos


def _boundary(
    text: str,
    term_start: int,
    term_end: int,
    end: int,
    sent_start: int,
    markers: Sequence[tuple[int, int]],
    starts: list[int],
) -> tuple[int, int] | None:
    """``(sentence end, next sentence start)`` if the terminator at ``term_start`` ends a sentence."""
    stop = term_end
    while stop < end and text[stop] in _CLOSERS:
        stop += 1
    terminators = text[term_start:term_end]
    cjk = terminators[-1] in _CJK_TERMINATORS
    nxt = stop
    attached = False
    while True:  # markers right after the terminator belong to this sentence
        k = _skip_space(text, nxt, end)
        marker_end = _marker_at(k, markers, starts)
        if marker_end is None or _narrative_opening(text, nxt, k):
            break
        stop = nxt = marker_end
        attached = True
    nxt = _skip_space(text, stop, end)
    if nxt >= end:
        return None  # the line ends here anyway
    spaced = nxt > stop
    following = text[nxt]
    if cjk:
        return stop, nxt
    if not spaced and not attached:
        # "of action .Finally", "mechanisms (74).Of": a full stop glued to the next sentence
        glued = terminators == "." and term_start > sent_start and text[term_start - 1] in " )]"
        if glued and following.isupper() and text[nxt + 1 : nxt + 2].islower():
            return stop, nxt
        return None
    if following.islower():
        return None
    if not (following.isalnum() or following in _OPENERS):
        return None
    if terminators != "." or attached:
        return stop, nxt
    return (stop, nxt) if _period_ends(text, term_start, sent_start, nxt, end) else None


def _narrative_opening(text: str, after_stop: int, marker_start: int) -> bool:
    """A marker after the terminator and a space that starts with a capital names authors ("Smith et al.
    reported", "Nobler and colleagues found", "Smith et al. (2019) found"): it opens the next sentence,
    whereas a bracket, parenthesis or superscript after a full stop ("mortality. [1,2] Diverse") ends this one."""
    return marker_start > after_stop and text[marker_start].isupper()


def _period_ends(text: str, dot: int, sent_start: int, nxt: int, end: int) -> bool:
    """Whether a single full stop followed by a capital, digit or bracket ends the sentence."""
    token = _token_before(text, dot)
    lowered = token.lower()
    before = text[max(sent_start, dot - 2) : dot].rstrip()
    if before and before[-1] in _COMPARATORS and text[nxt].isdigit():
        return False  # a decimal point spaced off its digits: "p < . 001", "p <. 001"
    if not token:
        return True
    if lowered in _never_final():
        return False
    following = text[nxt]
    if lowered in _maybe_final() or (
        lowered == "al" and text[max(sent_start, dot - 6) : dot].lower().endswith("et al")
    ):
        return following.isalpha() and following.isupper()
    if token.isdigit() and text[sent_start:dot].strip() == token:
        return False  # a list number: "1. Depression ..."
    if _INITIAL.fullmatch(token + "."):
        return not _initial_continues(text, dot, sent_start, nxt, end)
    if _DOTTED.fullmatch(token):
        return following.isalpha() and following.isupper()
    return True


def _initial_continues(text: str, dot: int, sent_start: int, nxt: int, end: int) -> bool:
    """``J. R. Smith``, ``Smith J. Lee``: an initial among names, not the end of a sentence."""
    after = text[nxt : min(end, nxt + 40)]
    if _INITIAL.match(after):
        return True
    word = _NAME_WORD.match(after)
    if word and after[word.end() : word.end() + 1] in (",", ";"):
        return True
    before = text[max(sent_start, dot - 4) : dot - 1]
    return bool(_INITIAL_BEFORE.search(before))


def _token_before(text: str, pos: int) -> str:
    """The non-space token ending at ``pos`` (exclusive), without leading brackets or quotes."""
    start = pos
    limit = max(0, pos - 40)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return text[start:pos].lstrip(_OPENERS)


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))
