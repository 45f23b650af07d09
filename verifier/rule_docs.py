"""Reading a rule's documentation: its docstring split into ``## `` sections.

The docstring is the one source for ``verifier rule CODE``, the README rule
table, SARIF descriptions and the docs test that runs each Example.
"""

from __future__ import annotations

import inspect
import re

from verifier.rules.base import Rule

REQUIRED_SECTIONS = ("What it flags", "Why it matters", "Example", "Known problems", "Options", "References")

_HEADING = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)


def sections(rule: type[Rule]) -> dict[str, str]:
    """Section title -> body text (dedented, stripped), in docstring order."""
    doc = inspect.cleandoc(rule.__doc__ or "")
    parts = _HEADING.split(doc)
    out: dict[str, str] = {}
    for i in range(1, len(parts) - 1, 2):
        out[parts[i]] = parts[i + 1].strip()
    return out


def example(rule: type[Rule]) -> tuple[str, str]:
    """(flagged text, fixed text) from the Example section: before and after ``Use instead:``."""
    body = sections(rule).get("Example", "")
    flagged, sep, fixed = body.partition("Use instead:")
    if not sep:
        raise ValueError(f"{rule.code}: Example has no 'Use instead:'")
    return _unquote(flagged), _unquote(fixed)


def _unquote(block: str) -> str:
    """The example text: lines of a ``` fenced block, or the paragraph itself."""
    fence = re.search(r"```[a-z]*\n(.*?)```", block, re.DOTALL)
    text = fence.group(1) if fence else block
    return text.strip()
