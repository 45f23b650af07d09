"""Every feature lexicon names its source and licence in '#' header lines and loads without duplicates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z.,1²éß漢字タイ ไทย\u0639\u0631")), max_size=30))
def test_the_uncased_script_shortcut_agrees_with_the_letter_walk(text: str) -> None:
    from claims.features.checkworthy import _mostly_uncased

    letters = [c for c in text if c.isalpha()]
    uncased = sum(not (c.isupper() or c.islower()) for c in letters)
    assert _mostly_uncased(text) == (bool(letters) and uncased > len(letters) / 2)
