"""Check-worthiness: factual statements versus headings, aims, roadmaps, questions, calls to action, bios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claims.features.checkworthy import checkworthiness
from claims.models import UnitKind
from claims.spans import SentenceView

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


def judge(sentence: str, *, kind: UnitKind = UnitKind.PROSE, has_markers: bool = False) -> tuple[bool, str]:
    return checkworthiness(SentenceView.of(sentence), kind=kind, section=None, has_markers=has_markers)


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Magnetic Stimulation Lifts Mood In Weeks", "heading"),
        ("RESULTS AND DISCUSSION", "heading"),
        ("Is ketamine safe for teenagers?", "question"),
        ("The aim of this review is to compare three treatments.", "aim statement"),
        ("The purpose of this study was to map clinic waiting times.", "aim statement"),
        ("In this article, I will first describe the history of ECT.", "roadmap"),
        ("The remainder of this paper is organized as follows.", "roadmap"),
        ("To find a clinic near you, contact us online today.", "call to action"),
        ("Book an appointment with our team.", "call to action"),
        ("Call (555) 010-2345 for a consultation.", "call to action"),
        ("Dr. Lane is an associate professor of psychiatry at a city hospital.", "author bio"),
        ("Copyright 2021 the authors.", "boilerplate"),
        ("Share this", "call to action"),
        ("Side effects: rare", "fragment"),
    ],
)
def test_not_checkworthy(sentence: str, reason: str) -> None:
    assert judge(sentence) == (False, reason)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ketamine reduced depressive symptoms within 24 hours in most patients.",
        "ECT remains the most effective treatment for severe depression.",
        "About 30% of patients do not respond to two antidepressants.",
        "Diverse animal studies suggest most depressions involve dopamine dysfunction.",
    ],
)
def test_factual_statements_are_checkworthy(sentence: str) -> None:
    assert judge(sentence) == (True, "factual statement")


def test_unit_kind_decides_first() -> None:
    assert judge("Ketamine reduced symptoms in most patients.", kind=UnitKind.HEADING) == (False, "heading")
    assert judge("Smith J. Ketamine. J Psych. 2020;1:1-9.", kind=UnitKind.REFERENCE) == (False, "reference entry")


def test_cited_line_without_period_is_not_taken_for_a_heading() -> None:
    assert judge("Transcranial Magnetic Stimulation Improves Mood In Older Adults", has_markers=True)[0]


def _sentence_at(path: Path, opening: str) -> str:
    """The sentence that starts with ``opening`` in a corpus file, hard wraps joined."""
    flat = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
    m = re.search(re.escape(opening) + r".*?(?:[.?!](?=\s|$)|$)", flat)
    assert m, opening
    return m.group(0)


def _seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.skip("shared corpus not present")
    return found[0]


@pytest.mark.parametrize(
    ("seed", "opening", "reason"),
    [
        ("001", "Ready to try TMS", "question"),
        ("001", "If you're in the New York City area", "call to action"),
        ("000", "The aim of this review is", "aim statement"),
        ("000", "In this article, I will first", "roadmap"),
    ],
)
def test_corpus_sentences_not_checkworthy(seed: str, opening: str, reason: str) -> None:
    sentence = _sentence_at(_seed(seed), opening)
    assert judge(sentence) == (False, reason)


def test_corpus_headline_is_a_heading() -> None:
    headline = _seed("003").read_text(encoding="utf-8").splitlines()[0]
    assert judge(headline) == (False, "heading")


def test_corpus_prose_is_checkworthy() -> None:
    path = _seed("003")
    second = path.read_text(encoding="utf-8").splitlines()[1]
    assert judge(second)[0]


def test_uncased_script_is_not_taken_for_a_heading() -> None:
    assert judge("经颅磁刺激可改善抑郁症状(HAMD-17)") == (True, "factual statement")
