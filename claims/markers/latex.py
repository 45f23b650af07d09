"""LaTeX citation commands: ``\\cite{a,b}``, ``\\citep[p.~3]{a}``, ``\\textcite``, ``\\autocites{a}{b}``.

natbib and biblatex spell the same thing many ways; every command that produces an in-text
citation is accepted, with up to two optional ``[...]`` arguments (prenote, postnote) and, for
the multi-cite forms, several ``{...}`` groups. ``\\nocite`` prints nothing in the text and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.markers._match import MarkerMatch
from claims.models import MarkerStyle

_COMMANDS = (
    "cite|citep|citet|citealp|citealt|citeauthor|citeyear|citeyearpar|citenum|citetext|"
    "parencite|textcite|autocite|footcite|footcitetext|smartcite|supercite|fullcite|"
    "Cite|Citep|Citet|Citealp|Citealt|Citeauthor|Parencite|Textcite|Autocite|Smartcite|Footcite|"
    "cites|parencites|textcites|autocites|footcites|smartcites|supercites|"
    "Cites|Parencites|Textcites|Autocites"
)
_OPT = r"(?:\s*\[[^\[\]{}]{0,200}\])"
_GROUP = r"\{[^{}\\]{0,2000}\}"
_CITE = re.compile(rf"\\(?:{_COMMANDS})\*?(?:{_OPT}{{0,2}}\s*{_GROUP})+(?![A-Za-z])")
_GROUPS = re.compile(r"\{([^{}]*)\}")


def find_latex(text: str) -> Iterator[MarkerMatch]:
    """LaTeX citation commands with the keys of all their brace groups."""
    for m in _CITE.finditer(text):
        keys = tuple(key.strip() for group in _GROUPS.findall(m.group()) for key in group.split(",") if key.strip())
        if keys:
            yield MarkerMatch(m.start(), m.end(), MarkerStyle.LATEX, keys)
