"""HTML, JATS XML and LaTeX manuscripts as plain text of exactly the same length.

Why masking and not parsing into a new text: every span the tool reports must index the
file the user gave us, and line/column must be those an editor shows. ``mask`` therefore
returns a copy of the input of the *same length* in which markup is overwritten with spaces
while every character of text stays where it was, and every ``\\n`` and ``\\r`` stays a line
break at the same offset, so ``LineIndex`` counts the same lines.

What is blanked, per format:

* HTML / JATS: tags, comments, processing instructions, DOCTYPE (with any internal subset;
  entities declared there are never expanded), CDATA delimiters (their content is text),
  HTML ``<script>``/``<style>``/``<template>``/``<noscript>``/``<svg>``/``<math>``/
  ``<iframe>``/``<object>``/``<select>`` content; in JATS the ``<front>`` matter except the
  article title and abstracts, formulas given as ``<tex-math>``/``<disp-formula>``, table
  grids (captions stay), graphics and object ids. Entities become their character followed
  by spaces (``&amp;`` -> ``&`` + 4 spaces) when they decode to no more characters than they
  are written with; unknown entities stay as written.
* LaTeX: the preamble (everything before ``\\begin{document}``) and what follows
  ``\\end{document}``; comments; command names and the braces of their arguments (the text
  of ``\\emph{x}``, ``\\textbf{x}``, ``\\footnote{x}`` stays); whole arguments of commands
  that carry no prose (``\\label``, ``\\ref``, ``\\eqref``, ``\\includegraphics``, ...: "see
  Fig.~\\ref{f}" reads "see Fig." and a blank); display math and environments that are not
  prose (equation, align, tabular, verbatim, ...). Inline math ``$...$`` keeps its content
  (``$p<0.05$`` reads ``p<0.05``) with Greek letters and relations written as characters
  (``\\alpha`` -> ``α``); accents become the accented letter (``\\'{e}`` -> ``é``).
  Citation commands (``\\cite``, ``\\citep``, ``\\parencite`` ...), ``\\bibitem{key}`` and
  the ``thebibliography`` environment's delimiters are kept verbatim, for
  ``claims.markers`` and ``references.reflist``.

Rendering, within the same length: a block-level element (HTML ``p``, ``div``, ``li``,
``h1``..., JATS ``p``, ``sec``, ``title``, ``ref`` ..., LaTeX ``\\section``, ``\\item``,
``\\begin``/``\\end``) starts its blanked run with two PARAGRAPH SEPARATORs (U+2029; one
when the run is one character), a line break for ``str.splitlines`` but not for
``LineIndex``; a heading (HTML ``h1``-``h6`` and ``title``, JATS section and article titles,
LaTeX sectioning commands) ends its opening run with ``# `` so it segments as a Markdown
heading; a JATS reference ``<label>1</label>`` reads ``1.``; a superscript that holds only
citation numbers (``<sup>1,2</sup>``; in JATS one holding an ``<xref ref-type="bibr">``) is written
as superscript digits at the start of the element, next to the word it follows (``¹,²``). In a masked text source line breaks are
soft and only U+2029 and empty lines separate blocks: ``block_view`` gives that view.

Everything is one left-to-right scan with possessive or bounded patterns: linear in the
input, whatever it holds (10 MB of ``<``, unclosed comments, entity bombs).
"""

from __future__ import annotations

import html.entities
import re
import unicodedata
from functools import cache

__all__ = ["MARKUP_FORMATS", "PARAGRAPH", "block_view", "is_masked", "mask", "readable"]

MARKUP_FORMATS = frozenset({"html", "jats", "tex"})
PARAGRAPH = "\u2029"
_PAIR = PARAGRAPH * 2
_HEADING_MARK = "# "
_SUPERSCRIPT = str.maketrans("0123456789-\u2010\u2011\u2012\u2013\u2212", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁻⁻–⁻")
_CITATION_SUP = re.compile(r"[\s\d,\-\u2010-\u2013\u2212]*\d[\s\d,\-\u2010-\u2013\u2212]*")
_SPACE_RUNS = re.compile(r"\s+")
_MAX_CLOSE_SEARCH = 64  # how deep a close tag may look for its open tag (keeps the scan linear)


def mask(text: str, fmt: str) -> str:
    """``text`` with the markup of format ``fmt`` (``html``, ``jats``, ``tex``) blanked
    (Markdown has its own masker, ``claims.markdown``).

    The result has exactly ``len(text)`` characters, and ``\\n``/``\\r`` at the same
    offsets. Any other format is returned unchanged.
    """
    if fmt == "html":
        out = _SgmlMasker(text, jats=False).run()
    elif fmt == "jats":
        out = _SgmlMasker(text, jats=True).run()
    elif fmt == "tex":
        out = _TexMasker(text).run()
    else:
        return text
    if len(out) != len(text):  # a bug, never the input's fault: fail loudly, not with shifted spans
        raise AssertionError(f"mask changed the length ({len(text)} -> {len(out)})")
    return out


def is_masked(text: str) -> bool:
    """Whether ``text`` looks like ``mask`` output: it holds a pair of PARAGRAPH SEPARATORs."""
    return _PAIR in text


_EMPTY_LINES = re.compile(r"\n(?:\r?\n)++")
_SOFT_BREAKS = str.maketrans("\r\n\v\f\x1c\x1d\x1e\x85\u2028", "         ")


def block_view(text: str) -> str:
    """The block structure of a masked text, same length: U+2029 -> ``\\n``, every source line
    break -> a space, except those of an empty line, which stay ``\\n`` (a LaTeX paragraph).

    Text that ``is_masked`` does not recognise is returned unchanged.
    """
    if not is_masked(text):
        return text
    parts: list[str] = []
    pos = 0
    for m in _EMPTY_LINES.finditer(text):
        parts.append(text[pos : m.start()].translate(_SOFT_BREAKS))
        parts.append(re.sub(r"[^\n]", " ", m.group()))
        pos = m.end()
    parts.append(text[pos:].translate(_SOFT_BREAKS))
    return "".join(parts).replace(PARAGRAPH, "\n")


_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[.,;:])")


def readable(raw: str) -> str:
    """A slice of a masked text for parsers that read field punctuation: whitespace runs as one
    space, none before ``. , ; :`` (``Wang   J    .   1996.`` -> ``Wang J. 1996.``)."""
    return _SPACE_BEFORE_PUNCTUATION.sub("", " ".join(raw.split()))


def _blanked(seg: str, lead: str = "", tail: str = "") -> str:
    """``seg`` as spaces (line breaks kept), ``lead`` written over its first characters and
    ``tail`` over its last ones, never over a line break; ``lead`` wins when both do not fit."""
    if "\n" in seg or "\r" in seg:
        chars = [c if c in "\r\n" else " " for c in seg]
    elif not lead and not tail:
        return " " * len(seg)
    else:
        chars = [" "] * len(seg)
    n = len(chars)
    if lead == _PAIR and n == 1:
        lead = PARAGRAPH
    lead = lead[:n]
    for i, ch in enumerate(lead):
        if chars[i] == " ":
            chars[i] = ch
    tail = tail[len(tail) - max(0, min(len(tail), n - len(lead))) :]
    for i, ch in enumerate(tail):
        j = n - len(tail) + i
        if chars[j] == " ":
            chars[j] = ch
    return "".join(chars)


@cache
def _entity_table() -> dict[str, str]:
    return {name.rstrip(";"): value for name, value in html.entities.html5.items() if name.endswith(";")}


def _entity(ref: str) -> str | None:
    """The text of ``&...;`` (``ref`` without ``&`` and ``;``), or None when unknown."""
    if ref.startswith("#"):
        try:
            code = int(ref[2:], 16) if ref[1:2] in ("x", "X") else int(ref[1:])
        except ValueError:
            return None
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        return chr(code)
    return _entity_table().get(ref)


def _render_entity(ref: str, written: int) -> str:
    value = _entity(ref)
    if value is None:
        return "&" + ref + ";"
    if value in "\r\n":
        value = " "  # a line break that is not one in the file would shift every line number
    value = value.replace("\xa0", " ")
    if len(value) > written:
        return " " * written
    return value + " " * (written - len(value))


# --- HTML and JATS -------------------------------------------------------------------------

_SGML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\["
    r"|<!(?:[^>\[]++|\[[^\]]*+(?:\]|\Z))*+(?:>|\Z)"
    r"|<\?.*?(?:\?>|\Z)"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][\w:.\-]*+)"
    r"(?P<attrs>(?:[^>=]++|=\s*+\"[^\"]*+(?:\"|\Z)|=\s*+'[^']*+(?:'|\Z)|=)*+)(?:>|\Z)"
    r"|&(?P<ref>#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    re.DOTALL,
)
_CDATA_END = re.compile(r"\]\]>")

_HTML_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li tr td th br section article header footer nav title blockquote ul ol "
    "table figcaption figure main aside dl dt dd pre hr body html head form address details summary "
    "caption thead tbody tfoot fieldset legend center dialog".split()
)
_HTML_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6 title".split())
_HTML_RAW = frozenset("script style template noscript svg math iframe object select".split())

_JATS_BLOCKS = frozenset(
    "p sec title ref mixed-citation element-citation nlm-citation citation label caption list-item abstract "
    "trans-abstract article-title subtitle ref-list fig fig-group table-wrap table-wrap-foot disp-quote ack "
    "back body boxed-text fn fn-group list def-list def-item term def sub-article front-stub "
    "supplementary-material app app-group glossary statement notes disp-formula table tr td th "
    "title-group speech verse-group verse-line attrib article front".split()
)
_JATS_CITATIONS = frozenset("mixed-citation element-citation nlm-citation citation".split())
_JATS_HIDDEN = frozenset(
    "front front-stub journal-meta disp-formula tex-math table graphic inline-graphic object-id "
    "annotation mml:annotation permissions funding-group kwd-group counts custom-meta-group history "
    "processing-meta".split()
)
_JATS_SHOWN = frozenset("article-title abstract trans-abstract".split())  # shown even inside <front>
_NOT_HEADING_PARENTS = frozenset("caption fig table-wrap boxed-text supplementary-material".split())


class _Open:
    """An open element: its name, whether its text is visible, the citation element it is in ("" if none)."""

    __slots__ = ("name", "visible", "citation", "piece", "prev", "cites")

    def __init__(self, name: str, visible: bool, citation: str, piece: int, prev: str) -> None:
        self.name = name
        self.visible = visible
        self.citation = citation
        self.piece = piece  # index of its open tag in the output pieces
        self.prev = prev  # the last visible character before it
        self.cites = False  # a JATS <sup> holding an <xref ref-type="bibr">


class _SgmlMasker:
    """One scan over tags, comments and entities; a stack of open elements for JATS visibility."""

    def __init__(self, text: str, *, jats: bool) -> None:
        self.text = text
        self.jats = jats
        self.pieces: list[str] = []
        self.stack: list[_Open] = []
        self.last = ""  # the last visible non-space character written

    def run(self) -> str:
        text = self.text
        pos = 0
        search = _SGML_TOKEN.search
        while True:
            m = search(text, pos)
            if m is None:
                self._text(pos, len(text))
                break
            self._text(pos, m.start())
            pos = self._token(m)
        return "".join(self.pieces)

    @property
    def visible(self) -> bool:
        return self.stack[-1].visible if self.stack else True

    def _emit(self, piece: str) -> None:
        self.pieces.append(piece)

    def _text(self, start: int, end: int) -> None:
        if start >= end:
            return
        seg = self.text[start:end]
        if not self.visible:
            self._emit(_blanked(seg))
            return
        self._emit(seg)
        stripped = seg.rstrip()
        if stripped:
            self.last = stripped[-1]

    def _token(self, m: re.Match[str]) -> int:
        text = self.text
        start, end = m.start(), m.end()
        if m.group("ref") is not None:
            if self.visible:
                rendered = _render_entity(m.group("ref"), end - start)
                self._emit(rendered)
                if rendered.strip():
                    self.last = rendered.strip()[-1]
            else:
                self._emit(_blanked(m.group()))
            return end
        name = m.group("name")
        if name is None:
            if text.startswith("<![CDATA[", start):
                close = _CDATA_END.search(text, end)
                stop = close.start() if close else len(text)
                self._emit(_blanked(m.group()))
                self._text(end, stop)
                if close:
                    self._emit("   ")
                    return close.end()
                return stop
            self._emit(_blanked(m.group()))  # comment, DOCTYPE, processing instruction
            return end
        tag = m.group()
        lowered = name.lower() if not self.jats else name
        closing = bool(m.group("close"))
        self_closing = tag.endswith("/>")
        if closing:
            self._close(lowered, tag)
            return end
        if not self.jats and lowered in _HTML_RAW and not self_closing:
            close = _raw_close(lowered).search(text, end)
            stop = close.start() if close else len(text)
            self._emit(_blanked(text[start:stop], _PAIR))
            return stop
        self._open(lowered, tag, self_closing)
        return end

    def _open(self, name: str, tag: str, self_closing: bool) -> None:
        parent = self.stack[-1] if self.stack else None
        citation = parent.citation if parent else ""
        in_citation = bool(citation)
        table_cite = False
        if self.jats:
            visible = name in _JATS_SHOWN or ((parent.visible if parent else True) and name not in _JATS_HIDDEN)
            if not visible and name == "xref" and parent is not None and _BIBR.search(tag) and not self_closing:
                visible = table_cite = self._in_table()  # a citation in a table grid still cites
            block = name in _JATS_BLOCKS and not in_citation
            heading = block and (
                (name == "title" and (parent is None or parent.name not in _NOT_HEADING_PARENTS))
                or (name == "article-title" and not in_citation)
            )
        else:
            visible = True
            block = name in _HTML_BLOCKS
            heading = name in _HTML_HEADINGS
        lead = _PAIR if block else ""
        tail = _HEADING_MARK if heading and visible else ""
        if self.jats and name == "name" and citation == "element-citation" and parent is not None:
            self._separate_names(parent)
        if self.jats and name == "xref" and _BIBR.search(tag):
            sup = next((el for el in reversed(self.stack[-8:]) if el.name == "sup"), None)
            if sup is not None:
                sup.cites = True
        self._emit(_blanked(tag, lead, tail))
        if self_closing or (not self.jats and name in _HTML_VOID):
            return
        if not citation and name in _JATS_CITATIONS:
            citation = name
        self.stack.append(_Open(name, visible, citation, len(self.pieces) - 1, self.last))
        self.stack[-1].cites = table_cite
        if len(self.stack) > 100_000:  # unclosed HTML elements pile up; forget the oldest
            del self.stack[:50_000]

    def _close(self, name: str, tag: str) -> None:
        stack = self.stack
        found = -1
        for i in range(len(stack) - 1, max(-1, len(stack) - 1 - _MAX_CLOSE_SEARCH), -1):
            if stack[i].name == name:
                found = i
                break
        if found == -1:
            block = name in (_JATS_BLOCKS if self.jats else _HTML_BLOCKS)
            self._emit(_blanked(tag, _PAIR if block else ""))
            return
        element = stack[found]
        del stack[found:]
        parent = stack[-1] if stack else None
        citation = parent.citation if parent else ""
        in_citation = bool(citation)
        block = name in (_JATS_BLOCKS if self.jats else _HTML_BLOCKS) and not (self.jats and in_citation)
        lead = _PAIR if block else ""
        if self.jats and name == "label" and parent is not None and parent.name == "ref":
            if "".join(self.pieces[element.piece + 1 :]).strip().isdigit():
                lead = "." + _PAIR  # PLOS: <label>1</label> before each entry reads "1."
        if citation == "element-citation" and name in _CITATION_FIELD_ENDS and self.last and self.last not in ".?!,;:(":
            lead = "."  # element-citation fields have no punctuation between them
        if name == "person-group":
            self._last_name_piece = None
        self._emit(_blanked(tag, lead))
        if self.jats and name in ("name", "collab"):
            self._last_name_piece = len(self.pieces) - 1
        if name == "sup":
            self._superscript(element)
        elif name == "xref" and element.cites:
            self._bracket(element)
        if lead.startswith("."):
            self.last = "."

    _last_name_piece: int | None = None

    def _separate_names(self, parent: _Open) -> None:
        """``<name>`` after another one in an element-citation: the previous ``</name>`` reads ","."""
        index = self._last_name_piece
        if index is not None and index > parent.piece:
            piece = self.pieces[index]
            if piece.startswith(" "):
                self.pieces[index] = "," + piece[1:]
        self._last_name_piece = None

    def _in_table(self) -> bool:
        return any(el.name == "table" for el in self.stack[-_MAX_CLOSE_SEARCH:])

    def _bracket(self, element: _Open) -> None:
        """An ``<xref ref-type="bibr">`` inside a table grid (whose text is blanked): its content stays,
        between brackets written over the last character of its open tag and the first of its close
        tag (``[12]``, ``(Smith et al., 2010)``), so it reads as a citation of its own."""
        first = element.piece
        content = "".join(self.pieces[first + 1 : -1]).strip()
        if not content or len(self.pieces[first]) < 2 or len(self.pieces[-1]) < 2:
            return
        left, right = ("[", "]") if content[:1].isdigit() else ("(", ")")
        opening, closing = self.pieces[first], self.pieces[-1]
        if opening[-1] != " " or closing[0] != " ":
            return
        self.pieces[first] = opening[:-1] + left
        self.pieces[-1] = right + closing[1:]

    def _superscript(self, element: _Open) -> None:
        """``word<sup>1,2</sup>`` -> ``word¹,²`` followed by spaces, when the superscript holds only
        citation numbers and follows a word or punctuation (not a number: ``10<sup>5</sup>``); in
        JATS only when it holds an ``<xref ref-type="bibr">`` (``kg/m<sup>2</sup>`` stays ``kg/m2``)."""
        first = element.piece
        if self.jats and not element.cites:
            return  # JATS tags its citations: a bare <sup>2</sup> is an exponent, isotope or footnote
        content = "".join(self.pieces[first + 1 : -1])
        if not element.visible or not _CITATION_SUP.fullmatch(content) or not element.prev or element.prev.isdigit():
            return
        if self.pieces[first][:1] != " " or element.prev.isspace():
            return  # a block boundary or a line break starts it
        raised = _SPACE_RUNS.sub("", content).translate(_SUPERSCRIPT)
        run = "".join(self.pieces[first:])
        if "\n" in run or "\r" in run:
            return
        self.pieces[first:] = [raised + " " * (len(run) - len(raised))]
        self.last = raised[-1]


_BIBR = re.compile(r"""ref-type\s*=\s*["']bibr["']""")
_CITATION_FIELD_ENDS = frozenset(
    "person-group year article-title chapter-title source publisher-name edition data-title".split()
)
_HTML_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


@cache
def _raw_close(name: str) -> re.Pattern[str]:
    return re.compile(r"</" + re.escape(name) + r"(?![\w:.\-])", re.IGNORECASE)


# --- LaTeX ---------------------------------------------------------------------------------

_TEX_TOKEN = re.compile(r"\\(?:[A-Za-z@]++\*?|.)|%[^\n]*+|\$\$?|[{}~&]", re.DOTALL)
_CITE_AT = re.compile(r"\\[A-Za-z]*cite[A-Za-z]*\*?(?:\s*\[[^\[\]{}\n]{0,200}\]){0,2}(?:\s*\{[^{}\\]{0,2000}\})+")
_BIBITEM_AT = re.compile(r"\\bibitem(?:\[[^\]\n]{0,200}\])?\{[^}\n]{1,200}\}")
_ENV_AT = re.compile(r"\\(begin|end)\s*\{([^{}\n]{1,80})\}")
_ACCENT_AT = re.compile(r"\\([`'^\"~=.]|[cvuHkr](?=[\s{]))\s*(?:\{\s*(\\i|[A-Za-z])\s*\}|(\\i|[A-Za-z]))")
_OPTIONAL_AT = re.compile(r"[ \t]*\[[^\[\]{}\n]{0,200}\]")
_ARG_START = re.compile(r"[ \t]*\{")
_BRACES = re.compile(r"\\.|[{}]", re.DOTALL)
_COMBINING = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
    "k": "\u0328",
    "r": "\u030a",
}
_SYMBOLS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Delta": "Δ",
    "Sigma": "Σ",
    "Omega": "Ω",
    "Gamma": "Γ",
    "Phi": "Φ",
    "pm": "±",
    "times": "×",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "sim": "~",
    "ldots": "...",
    "dots": "...",
    "textellipsis": "...",
    "cdot": "·",
    "S": "§",
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "textendash": "–",
    "textemdash": "—",
    "textasciitilde": "~",
    "textless": "<",
    "textgreater": ">",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
}
_ESCAPES = frozenset("%&#_${}")
_HEADING_COMMANDS = frozenset("part chapter section subsection subsubsection paragraph subparagraph title".split())
_HIDDEN_ARG_COMMANDS = frozenset(
    "label ref eqref cref Cref autoref pageref nameref vref includegraphics usepackage documentclass "
    "bibliographystyle bibliography addbibresource input include newcommand renewcommand providecommand "
    "newenvironment renewenvironment setlength addtolength setcounter addtocounter vspace hspace "
    "pagestyle thispagestyle nocite hypersetup geometry graphicspath DeclareMathOperator author date "
    "thanks affiliation affil address email keywords linespread captionsetup newtheorem".split()
)
# Commands that print nothing and take no argument: a group after them is text ("\\noindent {\\bf X}").
_NO_ARGUMENT_COMMANDS = frozenset(
    "maketitle tableofcontents listoffigures listoftables newpage clearpage noindent centering small "
    "footnotesize large Large huge normalsize newblock".split()
)
_BLOCK_COMMANDS = frozenset("item par caption".split())
_HIDDEN_ENVS = frozenset(
    "equation equation* align align* gather gather* multline multline* eqnarray eqnarray* displaymath "
    "flalign flalign* alignat alignat* tabular tabular* tabularx longtable verbatim Verbatim lstlisting "
    "minted tikzpicture comment filecontents".split()
)
_KEPT_ENVS = frozenset({"thebibliography"})


class _TexMasker:
    """One scan over commands, braces, comments and math; a stack says what each ``}`` closes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pieces: list[str] = []
        self.groups: list[str] = []  # per open brace: "plain", "heading" or "block"

    def run(self) -> str:
        text = self.text
        begin = text.find("\\begin{document}")
        pos = 0
        if begin != -1:
            self.pieces.append(_blanked(text[:begin]))
            pos = begin
        end_doc = text.find("\\end{document}", pos)
        limit = len(text) if end_doc == -1 else end_doc
        search = _TEX_TOKEN.search
        while pos < limit:
            m = search(text, pos, limit)
            if m is None:
                self._keep(pos, limit)
                break
            self._keep(pos, m.start())
            pos = self._token(m, limit)
        if limit < len(text):
            self.pieces.append(_blanked(text[limit:], _PAIR))
        return _paragraph_lines(text, "".join(self.pieces))

    def _keep(self, start: int, end: int) -> None:
        if start < end:
            self.pieces.append(self.text[start:end])

    def _blank(self, start: int, end: int, lead: str = "", tail: str = "") -> int:
        self.pieces.append(_blanked(self.text[start:end], lead, tail))
        return end

    def _token(self, m: re.Match[str], limit: int) -> int:
        start, end = m.start(), m.end()
        tok = m.group()
        first = tok[0]
        if first == "%":
            return self._blank(start, end)
        if tok == "$$":
            return self._hide_until(start, end, "$$", limit)
        if first == "{":
            self.groups.append("plain")
            return self._blank(start, end)
        if first == "}":
            kind = self.groups.pop() if self.groups else "plain"
            return self._blank(start, end, PARAGRAPH if kind in ("heading", "block") else "")
        if first in "$~&":
            return self._blank(start, end)
        return self._command(m, limit)

    def _command(self, m: re.Match[str], limit: int) -> int:
        text = self.text
        start, end = m.start(), m.end()
        name = m.group()[1:]
        if len(name) == 1 and not name.isalpha():
            if name in _ESCAPES:
                self.pieces.append(name + " ")
                return end
            if name == "[":
                return self._hide_until(start, end, "\\]", limit)
            if name in "`'^\"~=.":
                return self._accent(start, end, limit)
            return self._blank(start, end)  # \\ \, \; \! \( \) and friends
        bare = name.rstrip("*")
        if "cite" in bare:
            cite = _CITE_AT.match(text, start, limit)
            if cite is not None and not bare.startswith("nocite"):
                self._keep(start, cite.end())
                return cite.end()
        if bare == "bibitem":
            item = _BIBITEM_AT.match(text, start, limit)
            if item is not None:
                self._keep(start, item.end())
                return item.end()
        if bare in ("begin", "end"):
            return self._environment(start, end, limit)
        if bare in _COMBINING and len(bare) == 1:
            return self._accent(start, end, limit)
        if bare in _SYMBOLS and end - start >= len(_SYMBOLS[bare]):
            symbol = _SYMBOLS[bare]
            self.pieces.append(symbol + " " * (end - start - len(symbol)))
            return end
        if bare in _HEADING_COMMANDS:
            stop = self._skip_optional(end, limit)
            arg = _ARG_START.match(text, stop, limit)
            if arg is None:
                return self._blank(start, stop, _PAIR)
            self.groups.append("heading")
            return self._blank(start, arg.end(), _PAIR, _HEADING_MARK)
        if bare in _NO_ARGUMENT_COMMANDS:
            return self._blank(start, end)
        if bare in _HIDDEN_ARG_COMMANDS:
            return self._blank(start, self._skip_arguments(end, limit))
        if bare == "href":
            arg = _ARG_START.match(text, end, limit)
            return self._blank(start, self._skip_group(arg.end(), limit) if arg else end)
        if bare in _BLOCK_COMMANDS:
            stop = self._skip_optional(end, limit)
            arg = _ARG_START.match(text, stop, limit) if bare == "caption" else None
            if arg is not None:
                self.groups.append("block")
                return self._blank(start, arg.end(), _PAIR)
            return self._blank(start, stop, _PAIR)
        return self._blank(start, end)

    def _accent(self, start: int, end: int, limit: int) -> int:
        m = _ACCENT_AT.match(self.text, start, limit)
        if m is None:
            return self._blank(start, end)
        letter = m.group(2) or m.group(3)
        letter = "i" if letter == "\\i" else letter
        composed = unicodedata.normalize("NFC", letter + _COMBINING[m.group(1)])
        if len(composed) != 1:
            composed = letter
        self.pieces.append(composed + _blanked(self.text[start + 1 : m.end()]))
        return m.end()

    def _environment(self, start: int, end: int, limit: int) -> int:
        text = self.text
        env = _ENV_AT.match(text, start, limit)
        if env is None:
            return self._blank(start, end)
        name = env.group(2).strip()
        if name in _KEPT_ENVS:
            self._keep(start, env.end())
            if env.group(1) == "begin":
                return self._blank(env.end(), self._skip_arguments(env.end(), limit))
            return env.end()
        if env.group(1) == "begin" and name in _HIDDEN_ENVS:
            return self._hide_until(start, env.end(), "\\end{" + name + "}", limit)
        return self._blank(start, self._skip_optional(env.end(), limit), _PAIR)

    def _hide_until(self, start: int, end: int, closer: str, limit: int) -> int:
        close = self.text.find(closer, end, limit)
        stop = limit if close == -1 else close + len(closer)
        return self._blank(start, stop)

    def _skip_optional(self, pos: int, limit: int) -> int:
        m = _OPTIONAL_AT.match(self.text, pos, limit)
        return m.end() if m else pos

    def _skip_arguments(self, pos: int, limit: int) -> int:
        """Past the ``[...]`` and ``{...}`` arguments that follow ``pos`` (the first may follow spaces)."""
        text = self.text
        first = True
        while pos < limit:
            if first:
                opt = _OPTIONAL_AT.match(text, pos, limit)
                arg = _ARG_START.match(text, pos, limit)
            else:
                opt = _OPTIONAL_AT.match(text, pos, limit) if text.startswith("[", pos) else None
                arg = _ARG_START.match(text, pos, limit) if text.startswith("{", pos) else None
            if opt is not None:
                pos = opt.end()
            elif arg is not None:
                pos = self._skip_group(arg.end(), limit)
            else:
                break
            first = False
        return pos

    def _skip_group(self, pos: int, limit: int) -> int:
        """Past the ``}`` that closes a group opened just before ``pos`` (nested groups counted)."""
        depth = 1
        for m in _BRACES.finditer(self.text, pos, limit):
            tok = m.group()
            if tok == "{":
                depth += 1
            elif tok == "}":
                depth -= 1
                if depth == 0:
                    return m.end()
        return limit


_WHITE_LINE = re.compile(r"(?<=\n)[ \t]++(?=\r?\n)")


def _paragraph_lines(original: str, masked: str) -> str:
    """A whitespace-only source line is a LaTeX paragraph break: write it as U+2029s, so that
    ``block_view`` keeps it apart from lines that only held commands or comments."""
    if not _WHITE_LINE.search(original):
        return masked
    parts: list[str] = []
    pos = 0
    for m in _WHITE_LINE.finditer(original):
        parts.append(masked[pos : m.start()])
        parts.append(PARAGRAPH * (m.end() - m.start()))
        pos = m.end()
    parts.append(masked[pos:])
    return "".join(parts)
