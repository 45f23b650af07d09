"""The proposition index stays bounded (linear CON001) and stems are the same with the per-word cache."""

from __future__ import annotations

from claims.abbreviations import Abbreviations
from claims.propositions import PropositionIndex, _word_stems, propositions, stems
from claims.spans import SentenceView


def _prop(text: str, cid: str):
    [p] = propositions(SentenceView.of(text), cid, Abbreviations())
    return p


def test_bucket_keeps_only_the_first_propositions() -> None:
    index = PropositionIndex(max_bucket=3)
    for n in range(10):
        index.add(_prop("Ketamine reduced depressive symptoms.", f"c{n}"))
    probe = _prop("Ketamine did not change depressive symptoms.", "c99")
    assert [p.claim_id for p in index.matches(probe)] == ["c0", "c1", "c2"]


def test_default_cap_does_not_bite_on_a_few_repeats() -> None:
    index = PropositionIndex()
    for n in range(5):
        index.add(_prop("Ketamine reduced depressive symptoms.", f"c{n}"))
    probe = _prop("Ketamine increased depressive symptoms.", "c9")
    assert sorted(p.claim_id for p in index.matches(probe)) == [f"c{n}" for n in range(5)]


def test_matches_never_return_the_same_claim_and_are_ordered() -> None:
    index = PropositionIndex()
    index.add(_prop("Ketamine reduced depressive symptom severity.", "c1"))
    index.add(_prop("Ketamine reduced depressive symptoms.", "c2"))
    probe = _prop("Ketamine did not change depressive symptom severity.", "c1")
    assert [p.claim_id for p in index.matches(probe)] == ["c2"]


def test_cached_stems_equal_fresh_ones() -> None:
    text = "reduced the depressive symptoms and anxiety in 40 patients"
    first = stems(text)
    _word_stems.cache_clear()
    assert stems(text) == first
    assert {"depress", "symptom"} <= first
    assert _word_stems("the") == () and _word_stems("40") == ()
