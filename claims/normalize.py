"""A normalized copy of a manuscript, with a map back to the original offsets.

Text copied from a PDF or web page is hard-wrapped, sometimes double-spaced
(every wrapped line followed by a blank line), hyphenated at line ends, and
puts a citation marker on its own line after the full stop
(``...mortality.\\n[1,2]``). Later stages want one logical line per paragraph,
heading, list item or widget, so this module decides for every line break
whether it is

* a soft wrap -> one space (the next line continues the sentence),
* an end-of-line hyphenation -> nothing (``treat-\\nment`` -> ``treatment``),
* a marker-only line -> one space (the marker joins the line before it),
* or a hard break -> one ``\\n``.

A text masked from HTML, JATS or LaTeX (``claims.markup``) is not hard-wrapped: its
source line breaks are soft and its blocks are separated by PARAGRAPH SEPARATORs, so
there each block becomes one line and nothing is joined across blocks.

Nothing else is changed: characters inside a line are copied as they are,
and ``OffsetMap`` maps every copied or inserted character back to the
original, so spans found in the copy index the input the user gave us.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.markup import block_view, is_masked
from claims.models import Claim
from claims.segment import ends_sentence
from claims.spans import LineIndex, OffsetMap, SentenceView

__all__ = ["claim_view", "normalize"]

# A line holding nothing but numeric citation markers: [1,2] [9-12] (3) ¹²
_MARKER_LINE = re.compile(r"(?:[\[(][0-9][0-9a-z\s,;–—-]*[\])]\s*)+|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻˒,]+")
# Lines that start a new block in Markdown or a list and are never joined to the line before.
_BLOCK_START = re.compile(
    r"#{1,6}(?:\s|$)|[-*+•·▪●◦]\s|\d{1,3}[.)]\s|[A-Za-z][.)]\s|>|\||```|~~~|<!--|(?:=+|-+|\*{3,}|_{3,})\s*$"
)
_FENCE = re.compile(r"```|~~~")
_ATX_OR_RULE = re.compile(r"#{1,6}(?:\s|$)|(?:=+|-+|\*{3,}|_{3,})\s*$|\|")
_CONTINUATION_START = frozenset(",;:.)]}%’”")
_JOINING_END = frozenset(",(–—-/&")
_FUNCTION_WORDS = frozenset(
    "a an the of and or in on at to for by with from as than that which who whose between into "
    "per via versus vs nor but is are was were be been has have had its their our his her".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(slots=True)
class _Line:
    start: int  # original offset of the first non-blank character
    end: int  # original offset just past the last non-blank character
    gap: int  # blank lines between this line and the previous non-blank line
    text: str


def normalize(text: str) -> OffsetMap:
    """Join soft-wrapped lines, repair end-of-line hyphenation, attach marker-only lines.

    Returns the normalized copy (``OffsetMap.normalized``) with its map back to
    ``text``. Leading and trailing blank lines and the whitespace around each
    line are dropped; a removed line break becomes one space or one ``\\n``
    that maps to the first character it stands in for.
    """
    masked = is_masked(text)
    lines = _split_lines(block_view(text) if masked else text)
    if not lines:
        return OffsetMap.from_runs("", [], [], len(text))
    joins = ["\n"] * len(lines) if masked else _decide_joins(text, lines)
    parts: list[str] = []
    starts: list[int] = []  # the map as runs (see OffsetMap.from_runs)
    origins: list[int] = []
    pos = 0  # length of the normalized text so far
    expected = -1  # the origin a character continuing the last run would have
    for i, line in enumerate(lines):
        end = line.end
        if i + 1 < len(lines) and joins[i + 1] == "dehyphen":
            end -= 1  # drop the hyphen; the break after it is dropped too
        if i:
            sep = joins[i]
            if sep in (" ", "\n"):
                parts.append(sep)
                origin = lines[i - 1].end
                if origin != expected:
                    starts.append(pos)
                    origins.append(origin)
                pos += 1
                expected = origin + 1
        if end > line.start:
            parts.append(line.text if end == line.end else text[line.start : end])
            if line.start != expected:
                starts.append(pos)
                origins.append(line.start)
            pos += end - line.start
            expected = end
    return OffsetMap.from_runs("".join(parts), starts, origins, len(text))


def _split_lines(text: str) -> list[_Line]:
    """The non-blank lines, stripped. Line breaks are those of ``str.splitlines``: ``\\r\\n``, ``\\n``,
    ``\\r``, ``\\v``, ``\\f``, ``\\x1c``-``\\x1e``, ``\\x85``, U+2028 and U+2029."""
    lines: list[_Line] = []
    gap = 0
    pos = 0
    crlf = "\r\n" in text
    for raw in text.splitlines():
        content = raw.strip()
        if content:
            start = pos + len(raw) - len(raw.lstrip())
            lines.append(_Line(start, start + len(content), gap, content))
            gap = 0
        else:
            gap += 1
        pos += len(raw)
        pos += 2 if crlf and text.startswith("\r\n", pos) else 1
    return lines


def _decide_joins(text: str, lines: list[_Line]) -> list[str]:
    """For each line, how it attaches to the one before: " ", "\\n", "dehyphen" or "keephyphen"."""
    marker_line = [_MARKER_LINE.fullmatch(line.text) is not None for line in lines]
    wrap_width, max_gap = _wrap_width(lines, marker_line)
    words: set[str] | None = None
    joins = ["\n"] * len(lines)
    in_fence = False
    carrier = 0  # index of the last line that is not a marker-only line
    for i in range(1, len(lines)):
        a, b = lines[i - 1], lines[i]
        if _FENCE.match(a.text):
            in_fence = not in_fence
        if not marker_line[i - 1]:
            carrier = i - 1
        if in_fence or _FENCE.match(b.text) or _ATX_OR_RULE.match(a.text) or _BLOCK_START.match(b.text):
            continue
        if marker_line[i]:
            if b.gap <= 2:
                joins[i] = " "
            continue
        if b.gap > max_gap:
            continue
        first = b.text[0]
        if first.islower() and a.text.endswith("-") and len(a.text) > 1 and a.text[-2].isalpha():
            if words is None:
                words = {w.lower() for w in _WORD.findall(text)}
            joins[i] = _hyphen_join(a.text, b.text, words)
            continue
        if first.islower() or first in _CONTINUATION_START:
            joins[i] = " "
            continue
        carrier_text = lines[carrier].text
        if ends_sentence(carrier_text):
            continue
        after_marker = carrier >= 1 and marker_line[carrier - 1] and lines[carrier].gap <= 1
        if (
            after_marker  # the tail of a physical line that a marker-only line cut in two
            or (wrap_width and len(carrier_text) >= 0.75 * wrap_width)
            or carrier_text[-1] in _JOINING_END
            or carrier_text.rsplit(None, 1)[-1].lower() in _FUNCTION_WORDS
        ):
            joins[i] = " "
    return joins


def _wrap_width(lines: list[_Line], marker_line: list[bool]) -> tuple[float | None, int]:
    """Typical length of a hard-wrapped line, and the largest blank-line gap a wrap may span.

    Wrapped lines are those a lower-case line visibly continues. A gap of one
    blank line counts as a wrap only in double-spaced copies, where at least
    two such continuations cross a blank line; elsewhere a blank line is a
    paragraph break.
    """
    lengths: list[int] = []
    double_spaced = 0
    for a, b, is_marker in zip(lines, lines[1:], marker_line):
        if b.gap <= 1 and not is_marker and b.text[0].islower() and not ends_sentence(a.text):
            lengths.append(len(a.text))
            double_spaced += b.gap
    max_gap = 1 if double_spaced >= 2 else 0
    if len(lengths) < 3:
        return None, max_gap
    lengths.sort()
    return float(lengths[len(lengths) // 2]), max_gap  # the (upper) median


def _hyphen_join(before: str, after: str, words: set[str]) -> str:
    """Drop the hyphen of ``treat-|ment`` unless the document writes the hyphenated form elsewhere."""
    head = _WORD.findall(before[-60:])
    tail = _WORD.match(after)
    if not head or tail is None:
        return "keephyphen"
    first = head[-1].split("-")[-1].lower()
    second = tail.group().split("-")[0].lower()
    if f"{first}-{second}" in words:
        return "keephyphen"
    return "dehyphen"


def claim_view(text: str, lines: LineIndex, claim: Claim) -> SentenceView:
    """A normalized view of one claim of ``text`` whose spans still index the whole document."""
    local = _normalized(claim.text)
    return SentenceView(local, 0, len(local.normalized), lines, text, base=claim.span.start)


@lru_cache(maxsize=1 << 14)
def _normalized(sentence: str) -> OffsetMap:
    """``normalize`` memoized per sentence: the feature stage, the in-text evidence stage and the
    rules view the same claims (the map is never changed after it is built)."""
    return normalize(sentence)
