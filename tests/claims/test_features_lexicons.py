"""Every feature lexicon names its source and licence in '#' header lines and loads without duplicates."""

from __future__ import annotations

import pytest

from claims.features.lexicon import LEXICON_DIR, entries

FEATURE_LEXICONS = [
    "hedges",
    "boosters",
    "absolutes",
    "negations",
    "causal_direct",
    "causal_conditional",
    "correlational",
    "no_claim",
    "species_human",
    "species_animal",
    "in_vitro",
    "continuation_openers",
    "causal_change",
    "causal_nominal",
    "comparison",
]


@pytest.mark.parametrize("name", FEATURE_LEXICONS)
def test_lexicon_header_and_entries(name: str) -> None:
    header = [
        line for line in (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines() if line.startswith("#")
    ]
    assert any("Source" in line for line in header) and any("Licence" in line for line in header)
    assert len(entries(name)) > 5
