"""The files a manuscript pulls in: LaTeX ``\\input``/``\\include``/``\\subfile`` and the
bibliography it names (``\\bibliography{}``, ``\\addbibresource{}``, R Markdown's YAML
``bibliography:``).

Why the included files are spliced into one text: a ``main.tex`` that only ``\\input``s its
sections has no prose of its own, so read alone it gave 0 claims. The text every span indexes
is then the main file with each include command replaced by that file's text (what
``verifier text main.tex`` prints); without includes it is the file itself. Paths resolve
relative to the main file, as LaTeX run in its folder resolves them; a missing file, a cycle
or more than ``MAX_DEPTH`` levels is reported, never fatal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from claims.models import SkippedPart

__all__ = ["Expanded", "bibliography_files", "expand_tex", "yaml_bibliography"]

MAX_DEPTH = 8
MAX_INCLUDED_BYTES = 25_000_000
_INCLUDE = re.compile(r"\\(input|include|subfile)\s*\{([^{}\n]{1,300})\}")
_BIBLIOGRAPHY = re.compile(r"\\(bibliography|addbibresource)\s*+(?:\[[^\]\n]{0,200}\]\s*+)?\{([^{}\n]{1,500})\}")
_DOCUMENT = re.compile(r"\\begin\{document\}(.*?)(?:\\end\{document\}|\Z)", re.DOTALL)


@dataclass
class Expanded:
    text: str
    skipped: list[SkippedPart] = field(default_factory=list)


def _commented(text: str, pos: int) -> bool:
    """Whether ``pos`` sits after an unescaped ``%`` on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    return re.search(r"(?<!\\)%", text[line_start:pos]) is not None


def expand_tex(text: str, main: Path, decode) -> Expanded:  # type: ignore[no-untyped-def]  # decode: bytes -> (str, enc)
    """``text`` (the content of ``main``) with every include replaced by its file's text."""
    out = Expanded("")
    out.text = _expand(text, main.parent, main, decode, out, depth=0, chain=(main.resolve(),))
    return out


def _expand(text: str, folder: Path, current: Path, decode, out: Expanded, *, depth: int, chain: tuple) -> str:  # type: ignore[no-untyped-def,type-arg]
    parts: list[str] = []
    pos = 0
    for m in _INCLUDE.finditer(text):
        if _commented(text, m.start()):
            continue
        parts.append(text[pos : m.start()])
        pos = m.end()
        name = m.group(2).strip()
        target = folder / name
        if not target.suffix:
            target = target.with_suffix(".tex")
        line = text.count("\n", 0, m.start()) + 1
        where = f"{current.name}:{line}"
        if depth >= MAX_DEPTH or target.resolve() in chain:
            out.skipped.append(
                SkippedPart(
                    what=f"\\{m.group(1)}{{{name}}}", where=where, why="included in a cycle or too deeply; not read"
                )
            )
            parts.append(m.group())
            continue
        try:
            data = target.read_bytes()[: MAX_INCLUDED_BYTES + 1]
            if len(data) > MAX_INCLUDED_BYTES:
                raise OSError("larger than the size limit")
            included, _ = decode(data)
        except Exception as exc:  # noqa: BLE001  # missing, unreadable or binary: reported, not fatal
            why = "file not found" if not target.exists() else f"cannot read it ({exc})"
            out.skipped.append(SkippedPart(what=f"\\{m.group(1)}{{{name}}}", where=where, why=why))
            parts.append(m.group())
            continue
        if m.group(1) == "subfile":
            body = _DOCUMENT.search(included)
            included = body.group(1) if body else included
        parts.append(_expand(included, folder, target, decode, out, depth=depth + 1, chain=(*chain, target.resolve())))
    parts.append(text[pos:])
    return "".join(parts)


def bibliography_files(text: str, main: Path) -> list[str]:
    """The ``.bib`` files ``\\bibliography{a,b}`` and ``\\addbibresource{c.bib}`` name, relative to ``main``."""
    out: list[str] = []
    for m in _BIBLIOGRAPHY.finditer(text):
        if _commented(text, m.start()):
            continue
        for name in m.group(2).split(","):
            name = name.strip()
            if not name:
                continue
            path = main.parent / name
            if m.group(1) == "bibliography" and path.suffix.lower() != ".bib":
                path = path.with_name(path.name + ".bib")
            out.append(str(path))
    return list(dict.fromkeys(out))


_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_YAML_BIB = re.compile(r"^bibliography:[ \t]*(.*)$", re.MULTILINE)
_YAML_ITEM = re.compile(r"^[ \t]+-[ \t]*(.+)$", re.MULTILINE)


def yaml_bibliography(text: str, main: Path) -> list[str]:
    """The files an R Markdown/Quarto/pandoc front matter's ``bibliography:`` lists (a string or a list)."""
    front = _FRONT_MATTER.match(text)
    if front is None:
        return []
    block = front.group(1)
    m = _YAML_BIB.search(block)
    if m is None:
        return []
    value = m.group(1).strip()
    if value.startswith("["):
        names = [v.strip(" '\"") for v in value.strip("[]").split(",")]
    elif value:
        names = [value.strip(" '\"")]
    else:
        rest = block[m.end() :]
        names = []
        for item in rest.splitlines()[1:]:
            im = _YAML_ITEM.match(item)
            if im is None:
                break
            names.append(im.group(1).strip(" '\""))
    return [str(main.parent / n) for n in names if n]
