"""``lexicon.find_many`` and the memoized scans must give exactly what one ``find`` per lexicon gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.features import lexicon
from claims.features.cues import scan

NAMES = ("negations", "hedges", "boosters", "direction_increase", "direction_decrease", "stats_significance")
WORDS = [e for name in NAMES for e in lexicon.entries(name)[:25]]
NOISE = ["not", "clear", "x", "-", "'", "(", ")", ",", ".", "  ", "\n", "Significantly", "un", "ly", "NOT", "é"]


def _separate(names: tuple[str, ...], text: str) -> list[tuple[int, int, int]]:
    return sorted((i, s, e) for i, name in enumerate(names) for s, e in lexicon.find(name, text))


def test_find_many_equals_one_find_per_lexicon_on_a_sentence() -> None:
    text = "It is not clear whether ketamine significantly increased, or may have reduced, symptoms."
    hits = lexicon.find_many(NAMES, text)
    assert sorted(hits) == _separate(NAMES, text)
    assert hits == sorted(hits, key=lambda h: (h[1], h[0]))
    assert any(text[s:e] == "not" for _, s, e in hits)


def test_find_many_with_no_cue_and_empty_text() -> None:
    assert lexicon.find_many(NAMES, "") == []
    assert lexicon.find_many(NAMES, "1234 5678 (n = 40)") == _separate(NAMES, "1234 5678 (n = 40)")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS + NOISE), max_size=14),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True),
)
def test_find_many_property(parts: list[str], names: list[str]) -> None:
    text = " ".join(parts).replace(" - ", "-")
    chosen = tuple(names)
    assert sorted(lexicon.find_many(chosen, text)) == _separate(chosen, text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS + NOISE), max_size=12))
def test_scan_returns_a_fresh_list_each_time(parts: list[str]) -> None:
    text = " ".join(parts)
    kinds = {"negations": "negation", "hedges": "hedge", "boosters": "booster"}
    first = scan(text, kinds)
    first.clear()  # a caller changing its list must not change what the next caller gets
    assert scan(text, kinds) == scan(text, dict(kinds))
    assert all(text[m.start : m.end] for m in scan(text, kinds))


def test_the_declared_union_covers_every_lexicon_the_scans_ask_for():
    """The union is built once from SCANNED_LEXICONS; a scan outside it would rebuild it per process."""
    from importlib import import_module

    asked = {"negations"}  # strength.py scans negations alone
    for module, constant in [
        ("claims.direction", "_KINDS"),
        ("claims.features.causality", "_KINDS"),
        ("claims.features.population", "_KINDS"),
        ("claims.features.certainty", "_KINDS"),
        ("verifier.rules.sta.reported", "_WORDING"),
    ]:
        asked.update(getattr(import_module(module), constant))
    assert asked <= set(lexicon.SCANNED_LEXICONS)
    assert len(set(lexicon.SCANNED_LEXICONS)) == len(lexicon.SCANNED_LEXICONS)
