"""Loading reference files: BibTeX, CSL-JSON, RIS and metadata JSON.

``load_reference_file`` picks the loader by extension, then by content when
the extension says nothing (``.txt``, ``.json`` from an unknown tool). Every
loader returns the readable entries plus ``SkippedInput`` records (with file
and line) for what it could not read; only a file that cannot be read at all
raises ``ReferenceParseError``.

The loaders are imported when a file of their kind is read (``bibtexparser``, ``pylatexenc`` and
``rispy`` cost ~50 ms of a check's start, and most checks read no reference file).
"""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path
from typing import Any

from references.errors import ReferenceParseError
from references.loaders._fields import read_text
from references.models import Reference, SkippedInput

__all__ = [
    "load_bibtex",
    "load_csl_json",
    "load_metadata_json",
    "load_reference_file",
    "load_ris",
    "metadata_record_to_reference",
]

# public name -> the submodule that defines it, imported on first use
_LAZY = {
    "load_bibtex": "bibtex",
    "load_csl_json": "csl_json",
    "load_metadata_json": "metadata_json",
    "metadata_record_to_reference": "metadata_json",
    "load_ris": "ris",
}
_LOADERS = {"bibtex": "load_bibtex", "csl": "load_csl_json", "ris": "load_ris", "metadata": "load_metadata_json"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"references.loaders.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_RIS_START = re.compile(r"^TY  - ", re.M)
_BIB_START = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.M)
_CSL_HINTS = ('"issued"', '"container-title"', '"type": "article', '"type":"article', '"author": [', '"author":[')


def _sniff(text: str) -> str | None:
    head = text[:20000]
    stripped = head.lstrip()
    if stripped.startswith(("[", "{")):
        if any(h in head for h in _CSL_HINTS) or '"authors"' not in head:
            return "csl"
        return "metadata"
    if _RIS_START.search(head):
        return "ris"
    if _BIB_START.search(head):
        return "bibtex"
    return None


_BY_SUFFIX = {".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".csl": "csl"}


def load_reference_file(path: str) -> tuple[list[Reference], list[SkippedInput]]:
    """The references in ``path`` and what was skipped; raises ``ReferenceParseError``
    (one line) when the file cannot be read or is not a reference file at all."""
    text, skipped = read_text(path)
    if not text.strip():
        raise ReferenceParseError(f"{path}: empty reference file")
    kind = _BY_SUFFIX.get(Path(path).suffix.lower()) or _sniff(text)
    if kind not in _LOADERS:
        raise ReferenceParseError(f"{path}: not a BibTeX, CSL-JSON, RIS or metadata JSON file")
    refs, more = __getattr__(_LOADERS[kind])(text, path)
    if not refs and not more:
        raise ReferenceParseError(f"{path}: no reference entries found")
    return refs, skipped + more
