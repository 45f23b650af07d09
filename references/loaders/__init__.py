"""Loading reference files: BibTeX, CSL-JSON, RIS and metadata JSON.

``load_reference_file`` picks the loader by extension, then by content when
the extension says nothing (``.txt``, ``.json`` from an unknown tool). Every
loader returns the readable entries plus ``SkippedInput`` records (with file
and line) for what it could not read; only a file that cannot be read at all
raises ``ReferenceParseError``.
"""

from __future__ import annotations

import re
from pathlib import Path

from references.errors import ReferenceParseError
from references.loaders._fields import read_text
from references.loaders.bibtex import load_bibtex
from references.loaders.csl_json import load_csl_json
from references.loaders.metadata_json import load_metadata_json, metadata_record_to_reference
from references.loaders.ris import load_ris
from references.models import Reference, SkippedInput

__all__ = [
    "load_bibtex",
    "load_csl_json",
    "load_metadata_json",
    "load_reference_file",
    "load_ris",
    "metadata_record_to_reference",
]

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
    loaders = {"bibtex": load_bibtex, "csl": load_csl_json, "ris": load_ris, "metadata": load_metadata_json}
    if kind not in loaders:
        raise ReferenceParseError(f"{path}: not a BibTeX, CSL-JSON, RIS or metadata JSON file")
    refs, more = loaders[kind](text, path)
    if not refs and not more:
        raise ReferenceParseError(f"{path}: no reference entries found")
    return refs, skipped + more
