"""Continuations: uncited sentences that go on about the study cited just before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claims.features.continuation import find_continuations
from claims.models import CitationMarker, Claim, Document, MarkerStyle, Sentence, UnitKind
from claims.spans import LineIndex

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


def build(text: str, parts: list[tuple[str, bool]], headings: tuple[str, ...] = ()) -> Document:
    """A Document whose claims are the given (sentence, cited) parts, found in ``text`` in order."""
    lines = LineIndex(text)
    claims, sentences, pos = [], [], 0
    for i, (part, cited) in enumerate(parts):
        start = text.index(part, pos)
        pos = start + len(part)
        markers = []
        if cited:
            m = re.compile(r"\s*\[\d+\]").match(text, pos)
            assert m, part
            markers = [
                CitationMarker(
                    text=m.group().strip(),
                    span=lines.span(m.end() - len(m.group().strip()), m.end()),
                    style=MarkerStyle.NUMERIC_BRACKET,
                    keys=["1"],
                )
            ]
        claims.append(Claim(id=f"c{i}", text=part, span=lines.span(start, pos), markers=markers))
    for heading in headings:
        start = text.index(heading)
        sentences.append(Sentence(text=heading, span=lines.span(start, start + len(heading)), kind=UnitKind.HEADING))
    return Document(
        path="x.txt", text=text, sha256="0", format="txt", encoding="utf-8", sentences=sentences, claims=claims
    )


def test_back_reference_continues_cited_sentence() -> None:
    text = (
        "Lee reported that ECT reduced glucose use [1]. These decreases were largest in frontal cortex. Sleep is vital."
    )
    doc = build(
        text,
        [
            ("Lee reported that ECT reduced glucose use", True),
            ("These decreases were largest in frontal cortex.", False),
            ("Sleep is vital.", False),
        ],
    )
    assert find_continuations(doc) == {"c1": "c0"}


def test_chain_of_continuations_is_bounded() -> None:
    text = "A trial tested X [1]. The study results indicated benefit. It also lowered cost. They saw no harm. These held. This too."
    parts = [
        ("A trial tested X", True),
        ("The study results indicated benefit.", False),
        ("It also lowered cost.", False),
        ("They saw no harm.", False),
        ("These held.", False),
        ("This too.", False),
    ]
    assert find_continuations(build(text, parts), max_chain=3) == {"c1": "c0", "c2": "c0", "c3": "c0"}


def test_no_continuation_without_back_reference_or_across_heading() -> None:
    text = "A trial tested X [1]. Depression is common. Results\nThese effects were small."
    parts = [("A trial tested X", True), ("Depression is common.", False), ("These effects were small.", False)]
    assert find_continuations(build(text, parts)) == {}
    text2 = "A trial tested X [1]. Results\nThese effects were small."
    doc2 = build(text2, [("A trial tested X", True), ("These effects were small.", False)], headings=("Results",))
    assert find_continuations(doc2) == {}


def test_corpus_000_decreases_continue_cited_sentence() -> None:
    found = sorted(SEEDS.glob("000_*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.skip("shared corpus not present")
    text = found[0].read_text(encoding="utf-8")
    cited = re.search(r"Nobler and\s+colleagues reported.*?depression\.", text, re.S)
    follow = re.search(r"These\s+decreases were widespread.*?cortexes\.", text, re.S)
    if not (cited and follow):
        pytest.skip("corpus file changed")
    doc = build(text, [(cited.group(), True), (follow.group(), False)])
    assert find_continuations(doc) == {"c1": "c0"}
