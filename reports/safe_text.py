"""Characters a manuscript must not smuggle into a report: terminal controls and bidi overrides.

ESC, BEL and the other C0 controls (except tab and line breaks), DEL and the C1 range can
retitle, recolour or reset a terminal when a report is printed or ``cat``-ed; the Unicode
bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C) reorder how a line
reads ("Trojan Source"). Plain-text formats (terminal, Markdown, CSV, GitHub annotations, the
``claims``/``refs`` listings) show each as U+FFFD; JSON formats keep the data exact and write
them as ``\\uXXXX`` escapes, which every JSON reader decodes back to the same string.
"""

from __future__ import annotations

import re
from typing import TextIO

__all__ = ["UNSAFE", "SafeWriter", "escape_in_json", "neutralise"]

_CODES = [
    *(c for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0D)),
    0x7F,
    *range(0x80, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
UNSAFE = {c: "\ufffd" for c in _CODES}
"""``str.translate`` table: every unsafe character to U+FFFD."""
_UNSAFE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _CODES) + "]")


def neutralise(text: str) -> str:
    """``text`` with every unsafe character shown as U+FFFD (tabs and line breaks kept)."""
    return text.translate(UNSAFE)


def escape_in_json(text: str) -> str:
    """Serialized JSON with every unsafe character written as a ``\\uXXXX`` escape: the same data,
    nothing raw for a terminal. (Outside strings JSON holds none of these characters.)"""
    return _UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeWriter:
    """Writes to ``out`` through ``neutralise``: for renderers that write piece by piece."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(neutralise(text))
