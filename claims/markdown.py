"""Markdown, R Markdown and Quarto as plain text of exactly the same length.

Why: read as plain text, a Markdown manuscript's code (``x[1]`` in an R chunk, `` `r x[2]` ``
inline) reads as numbered citations, emphasis marks and link targets end up inside claims, and
pandoc's escaped brackets (``\\[1\\]``, what ``pandoc -t markdown`` writes) hide the markers.
As for HTML and LaTeX (``claims.markup``), the answer is a masked copy in which markup is
overwritten with spaces and every line break stays, so spans still index the file.

markdown-it-py (CommonMark) finds the blocks: fenced code and R/Quarto chunks (```` ```{r} ````),
indented code and HTML blocks are blanked by the line ranges it reports. Inside the remaining
lines, which markdown-it-py gives no character offsets for, one pass per construct blanks:
code spans (R Markdown inline code too), HTML comments and tags (a ``<!-- verifier: ... -->``
suppression stays), images, a link's brackets and target (its text stays), emphasis marks,
link definitions and the YAML front matter. Backslash escapes lose their backslash, and an
escaped closing bracket moves onto it so the brackets hug their content: ``\\[1\\]`` reads
`` [1] ``. ``[@key]`` citations and ``[1]`` are kept.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["mask_markdown"]

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?=\r?\n|\Z)", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--(?!\s*verifier:).*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>\n]{0,300})?/?>|<https?://[^<>\s]{1,500}>")
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^()\n]{0,500}\)")
_LINK = re.compile(r"(?<![\\!])\[([^\[\]\n]{1,500})\](\([^()\n]{0,500}\))")
_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]{1,200}\]:[ \t]+\S[^\n]*$", re.MULTILINE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'@$%&])")


@cache
def _parser():  # type: ignore[no-untyped-def]  # markdown_it.MarkdownIt, imported on first use
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def mask_markdown(text: str) -> str:
    """``text`` with Markdown markup and code blanked; same length, same line breaks."""
    chars = list(text)
    front = _FRONT_MATTER.match(text)
    if front:
        _blank(chars, front.start(), front.end())
    _blank_code_blocks(text, chars, front.end() if front else 0)
    view = "".join(chars)
    for pattern in (_CODE_SPAN, _COMMENT, _TAG, _IMAGE, _DEFINITION):
        for m in pattern.finditer(view):
            _blank(chars, m.start(), m.end())
        view = "".join(chars)
    for m in _LINK.finditer(view):
        _blank(chars, m.start(), m.start() + 1)
        _blank(chars, m.start(2) - 1, m.end(2))
    view = "".join(chars)
    for pattern in (_STRONG, _EM_STAR, _EM_UNDER):
        for m in pattern.finditer(view):
            _blank(chars, m.start(), m.start(2) if pattern is _STRONG else m.start(1))
            _blank(chars, m.end(2) if pattern is _STRONG else m.end(1), m.end())
        view = "".join(chars)
    for m in _ESCAPE.finditer(view):
        if m.group(1) == "]":
            chars[m.start()], chars[m.start() + 1] = "]", " "
        else:
            chars[m.start()] = " "
    out = "".join(chars)
    if len(out) != len(text):  # a bug, never the input's fault
        raise AssertionError("markdown masking changed the length")
    return out


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _blank_code_blocks(text: str, chars: list[str], offset: int) -> None:
    """Fenced code (R and Quarto chunks too), indented code and HTML blocks, by markdown-it-py's line maps."""
    line_starts = [0]
    for m in re.finditer("\n", text):
        line_starts.append(m.end())
    line_starts.append(len(text))
    source = text[offset:]
    first_line = text.count("\n", 0, offset)
    for token in _parser().parse(source):
        if token.type not in ("fence", "code_block", "html_block") or token.map is None:
            continue
        if token.type == "html_block" and token.content.lstrip().startswith("<!--") and "verifier:" in token.content:
            continue
        begin, end = token.map
        _blank(chars, line_starts[first_line + begin], line_starts[min(first_line + end, len(line_starts) - 1)])
