"""Pandoc citations: ``[@smith04; @doe99, p. 33]``, ``[-@smith04]``, ``[see @a, ch. 1]`` and bare ``@smith04``.

Keys follow Pandoc's grammar: they start with a letter, digit or ``_`` and may contain internal
``:.#$%&-+?<>~/`` punctuation, or are written in braces ``@{...}``. A bare ``@key`` in running
text is ambiguous with e-mail addresses and social-media handles, so it is accepted only when
the text also holds a bracketed Pandoc citation (the document is Pandoc Markdown) and the ``@``
does not follow a word character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.markers._match import MarkerMatch
from claims.models import MarkerStyle

_KEY = r"(?:\{[^{}\s]{1,200}\}|[\w](?:[\w]|[:.#$%&+?<>~/-](?=[\w])){0,200})"
_ITEM = rf"[^\[\]@;]{{0,120}}?-?@(?>{_KEY})[^\[\]@;]{{0,120}}"
_BRACKETED = re.compile(rf"\[(?P<body>{_ITEM}(?:;{_ITEM})*)\]")
_KEY_IN = re.compile(rf"(?<![\w@])-?@(?P<key>{_KEY})")
# "@" first, then the look-behind at the character before it: the engine jumps from "@" to "@".
_BARE = re.compile(rf"@(?<![\w@.\[\-].)(?P<key>{_KEY})")


def _clean(key: str) -> str:
    return key[1:-1] if key.startswith("{") else key


def find_pandoc(text: str) -> Iterator[MarkerMatch]:
    """Bracketed Pandoc citations, and bare ``@key`` mentions in a Pandoc document."""
    bracketed: list[tuple[int, int]] = []
    for m in _BRACKETED.finditer(text):
        keys = tuple(_clean(k.group("key")) for k in _KEY_IN.finditer(m.group("body")))
        if keys:
            bracketed.append((m.start(), m.end()))
            yield MarkerMatch(m.start(), m.end(), MarkerStyle.PANDOC, keys)
    if not bracketed:
        return
    for m in _BARE.finditer(text):
        key = _clean(m.group("key"))
        if key[0].isalpha() or key[0] == "_":
            yield MarkerMatch(m.start(), m.end(), MarkerStyle.PANDOC, (key,))
