"""Report renderers: one module per format, one interface, no computation.

Each format is ``render(report, out, *, options) -> None``. ``FORMATS`` holds
the built-in ones; third-party renderers register under the entry-point group
``verifier.reporters`` (name = format, value = the render callable) and are
found by ``available_formats`` and ``render``. Built-in names win a clash.

A renderer's module is imported when its format is first rendered: a check that prints text does
not pay for the HTML, SARIF and Markdown writers at start-up.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from importlib.metadata import entry_points
from typing import TextIO

from reports.options import RenderOptions, RuleInfo, should_color
from reports.safe_text import escape_in_json, neutralise
from reports.writer import write_atomic
from verifier.models import Report

Renderer = Callable[..., None]
ENTRY_POINT_GROUP = "verifier.reporters"


class _Renderers(Mapping[str, Renderer]):
    """The built-in formats by name; a renderer is imported from ``reports.<module>`` on first use."""

    _MODULES = {
        "text": "text",
        "json": "json",
        "markdown": "markdown",
        "html": "html",
        "sarif": "sarif",
        "csv": "csv",
        "github": "github",
    }

    def __getitem__(self, name: str) -> Renderer:
        return import_module(f"reports.{self._MODULES[name]}").render

    def __iter__(self) -> Iterator[str]:
        return iter(self._MODULES)

    def __len__(self) -> int:
        return len(self._MODULES)


FORMATS: Mapping[str, Renderer] = _Renderers()


def available_formats() -> dict[str, Renderer]:
    """Built-in formats plus those installed through the ``verifier.reporters`` entry points."""
    formats: dict[str, Renderer] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name not in FORMATS:
            formats[ep.name] = ep.load()
    formats.update(FORMATS)
    return formats


def render(fmt: str, report: Report, out: TextIO, options: RenderOptions | None = None) -> None:
    """Render ``report`` in format ``fmt`` to ``out``; ValueError names the known formats."""
    renderer = FORMATS.get(fmt)
    if renderer is None:
        plugins = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == fmt]
        if not plugins:
            known = ", ".join(sorted(available_formats()))
            raise ValueError(f"unknown report format {fmt!r}; known formats: {known}")
        renderer = plugins[0].load()
    if fmt not in _MADE_SAFE:
        renderer(report, out, options=options or RenderOptions())
        return
    buffer = io.StringIO()
    renderer(report, buffer, options=options or RenderOptions())
    out.write(_MADE_SAFE[fmt](buffer.getvalue()))


# Formats whose whole output is made safe here (``reports.safe_text``); the terminal report
# cleans each piece itself (its own colour codes are ESC sequences), HTML escapes in its renderer.
_MADE_SAFE: dict[str, Callable[[str], str]] = {
    "markdown": neutralise,
    "csv": neutralise,
    "github": neutralise,
    "json": escape_in_json,
    "sarif": escape_in_json,
}


__all__ = [
    "ENTRY_POINT_GROUP",
    "FORMATS",
    "RenderOptions",
    "Renderer",
    "RuleInfo",
    "available_formats",
    "render",
    "should_color",
    "write_atomic",
]
