"""What a renderer is told besides the report itself.

Renderers never compute findings and never import the rule registry: the
caller passes the rule descriptions it wants shown (``RuleInfo``) and the
manuscript text the HTML view highlights.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from verifier.models import Severity


@dataclass(frozen=True)
class RuleInfo:
    """A rule as reports describe it (SARIF ``tool.driver.rules``, the HTML help text)."""

    code: str
    name: str
    summary: str
    why: str = ""
    help: str = ""
    default_severity: Severity = Severity.WARNING
    url: str | None = None


@dataclass(frozen=True)
class RenderOptions:
    """Options shared by every renderer; each reads only what it needs.

    ``source_text``: the decoded manuscript (HTML highlights claims in it);
    ``color``: emit ANSI colour (text format; decide it with ``should_color``);
    ``by``: ``"finding"`` or ``"reference"`` rows (csv format);
    ``rules``: descriptions of the rules, from the registry.
    """

    source_text: str | None = None
    color: bool = False
    by: str = "finding"
    rules: Sequence[RuleInfo] = ()

    def rule(self, code: str) -> RuleInfo | None:
        """The description of ``code``, or None when the caller did not pass one."""
        for info in self.rules:
            if info.code == code:
                return info
        return None


def should_color(stream: TextIO, env: Mapping[str, str] | None = None, force: bool | None = None) -> bool:
    """Colour only on a terminal: ``force`` (``--color``) wins, then ``NO_COLOR``
    (https://no-color.org: any non-empty value), then ``FORCE_COLOR``, then isatty."""
    if force is not None:
        return force
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
