"""Every lexicon data file says where its words come from and under what licence
(DESIGN.md: lexicons are data files with a header naming their source)."""

from __future__ import annotations

import pytest
from helpers import ROOT

FILES = sorted(
    p
    for folder in ("claims/lexicons", "references/lexicons")
    for p in (ROOT / folder).glob("*")
    if p.suffix in (".txt", ".tsv")
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_header_names_source_and_licence(path):
    header = " ".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")).lower()
    assert "source" in header or "from" in header or "written" in header, f"{path.name}: header names no source"
    assert "licen" in header, f"{path.name}: header names no licence"
    body = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert body, f"{path.name}: no entries"
