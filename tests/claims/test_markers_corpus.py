"""The marker detector on the real messy seed texts in ../shared/corpus (skipped when absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claims.markers import find_markers
from claims.models import MarkerStyle

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


def seed(prefix: str) -> str:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip(f"corpus seed {prefix} not available")
    return paths[0].read_text(encoding="utf-8")


def test_every_bracketed_marker_of_000_is_found_and_expanded() -> None:
    text = seed("000")
    written = [(m.start(), m.end()) for m in re.finditer(r"\[[\d,\-–\s]+\]", text)]
    found = [m for m in find_markers(text) if m.style is MarkerStyle.NUMERIC_BRACKET]
    assert [(m.start, m.end) for m in found] == written
    for m in found:
        raw = text[m.start + 1 : m.end - 1]
        for part in raw.split(","):
            if "-" in part or "–" in part:
                lo, hi = (int(x) for x in re.split(r"[-–]", part))
                assert [str(n) for n in range(lo, hi + 1)] == [k for k in m.keys if lo <= int(k) <= hi]
            else:
                assert part.strip() in m.keys
    assert next(m for m in found if text[m.start : m.end] == "[9-12]").keys == ("9", "10", "11", "12")


def test_no_statistic_or_reference_detail_of_002_is_a_marker() -> None:
    assert find_markers(seed("002")) == []


def test_parenthetical_numbers_of_001_are_markers_but_phone_and_issue_numbers_are_not() -> None:
    text = seed("001")
    found = find_markers(text)
    assert all(m.style is MarkerStyle.NUMERIC_PAREN for m in found)
    written = [text[m.start : m.end] for m in found]
    assert written[:4] == ["(1)", "(2)", "(3,4,5)", "(6)"]
    assert "(212)" not in written
    for m in found:
        assert not text[m.start - 1].isdigit()  # never an issue number like 17(2)
    assert len(found) == 10


def test_web_pages_without_citations_have_no_markers() -> None:
    assert find_markers(seed("003")) == []
    assert find_markers(seed("004")) == []
