"""In-document suppressions that name rule codes.

``<!-- verifier: ignore OVR005 SUP001 -->`` (Markdown/HTML) or
``% verifier: ignore OVR005`` (LaTeX) silences those codes on the next
sentence; ``verifier: off CODES`` … ``verifier: on`` silences them over a
region (``off`` with no codes silences every rule until ``on``). An ``ignore``
must name codes — a bare one is reported, since a blanket ignore hides
problems nobody looked at (vale's ``<!-- vale off -->``, ruff's ``# noqa: F841``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claims.models import Claim

_DIRECTIVE = re.compile(
    r"(?:<!--[ \t]*verifier:[ \t]*(?P<a>ignore|off|on)\b(?P<ac>[^\n>]*?)-->"
    r"|^[ \t]*%[ \t]*verifier:[ \t]*(?P<b>ignore|off|on)\b(?P<bc>[^\n]*))",
    re.MULTILINE,
)
_CODE = re.compile(r"^[A-Z]{3}\d{0,3}$|^ALL$")


@dataclass
class Suppression:
    kind: str  # ignore | off
    codes: tuple[str, ...]  # empty for a bare "off"
    start: int  # original offsets the suppression covers
    end: int
    line: int
    used: bool = False

    def covers(self, code: str, start: int) -> bool:
        if not self.start <= start < self.end:
            return False
        return not self.codes or any(c == "ALL" or code.startswith(c) for c in self.codes)


@dataclass
class Suppressions:
    active: list[Suppression] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, why)

    def silences(self, code: str, start: int) -> bool:
        hit = False
        for s in self.active:
            if s.covers(code, start):
                s.used = True
                hit = True
        return hit


def parse_suppressions(text: str, claims: list[Claim]) -> Suppressions:
    """Find every directive in ``text`` and the range of original offsets it covers."""
    out = Suppressions()
    claim_starts = sorted((c.span.start, c.span.end) for c in claims)
    open_off: Suppression | None = None
    for m in _DIRECTIVE.finditer(text):
        verb = m.group("a") or m.group("b")
        words = (m.group("ac") if m.group("a") else m.group("bc")) or ""
        codes = tuple(w.strip(",;").upper() for w in words.split() if w.strip(",;"))
        line = text.count("\n", 0, m.start()) + 1
        bad = [c for c in codes if not _CODE.match(c)]
        if bad:
            out.problems.append((line, f"unknown code(s) {', '.join(bad)} in suppression"))
            continue
        if verb == "ignore":
            if not codes:
                out.problems.append((line, "'verifier: ignore' names no rule codes; name the codes to silence"))
                continue
            nxt = next(((s, e) for s, e in claim_starts if s >= m.end()), None)
            if nxt is not None:
                out.active.append(Suppression("ignore", codes, nxt[0], nxt[1], line))
        elif verb == "off":
            open_off = Suppression("off", codes, m.end(), len(text), line)
            out.active.append(open_off)
        elif open_off is not None:  # "on"
            open_off.end = m.start()
            open_off = None
    return out
