"""analyze_document: original-offset spans, markers attached to their sentence, claims, exclusions, corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.document import analyze_document
from claims.loading import load_document
from claims.models import Document, UnitKind

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


def _doc(text: str) -> Document:
    return Document(path="t.txt", text=text, sha256="0" * 64, format="txt", encoding="utf-8")


def _check_spans(doc: Document) -> None:
    for s in doc.sentences:
        assert doc.text[s.span.start : s.span.end] == s.text
        assert s.text == s.text.strip()
        for m in s.markers:
            assert doc.text[m.span.start : m.span.end] == m.text
            assert s.span.start <= m.span.start and m.span.end <= s.span.end
    for c in doc.claims:
        assert doc.text[c.span.start : c.span.end] == c.text


def test_pdf_copy_sentences_markers_and_claims() -> None:
    text = (
        "Title Of The Review\n\n \n\n"
        "Major depression is a highly prevalent illness \r\n\r\n"
        "associated with morbidity and mortality.\r\n[1,2]\r\n\r\n \r\n\r\n"
        "Diverse studies suggest that many patients \r\n\r\n"
        "fail to respond to drug therapy (Smith et al., 2020).\r\n"
    )
    doc = analyze_document(_doc(text))
    _check_spans(doc)
    assert [c.id for c in doc.claims] == ["c1", "c2"]
    first = doc.claims[0]
    assert first.text.startswith("Major depression") and first.text.endswith("mortality.\r\n[1,2]")
    assert [m.text for m in first.markers] == ["[1,2]"]
    assert first.markers[0].keys == ["1", "2"]
    assert first.section == "Title Of The Review"
    assert first.span.line == 5 and first.span.column == 1
    assert doc.claims[1].markers[0].text == "(Smith et al., 2020)"
    assert doc.sentences[0].kind is UnitKind.HEADING
    assert all(c.checkworthy for c in doc.claims)


def test_input_document_is_not_modified() -> None:
    doc = _doc("Ketamine works. [1]")
    out = analyze_document(doc)
    assert doc.sentences == [] and doc.claims == []
    assert len(out.claims) == 1


def test_exclude_makes_reference_units() -> None:
    body = "Ketamine is fast-acting [1].\n\nReferences\n"
    refs = "1. Smith J. Ketamine trial [2]. J Psych. 2020;1:1-2.\n2. Lee K. Another study. 2019.\n"
    text = body + refs
    doc = analyze_document(_doc(text), exclude=[(len(body), len(text))])
    _check_spans(doc)
    kinds = [(s.text, s.kind) for s in doc.sentences]
    assert kinds[-2:] == [
        ("1. Smith J. Ketamine trial [2]. J Psych. 2020;1:1-2.", UnitKind.REFERENCE),
        ("2. Lee K. Another study. 2019.", UnitKind.REFERENCE),
    ]
    assert [c.text for c in doc.claims] == ["Ketamine is fast-acting [1]."]
    assert all(not s.markers for s in doc.sentences if s.kind is UnitKind.REFERENCE)
    assert doc.sentences[-1].section == "References"


def test_exclude_out_of_range_and_overlapping_is_tolerated() -> None:
    text = "One claim here. [1]\nAnother claim. [2]"
    doc = analyze_document(_doc(text), exclude=[(15, 10), (30, 999), (25, 35), (-5, 0)])
    _check_spans(doc)
    assert doc.claims[0].text == "One claim here. [1]"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("aZ .?!-[](),;1 2\n\r\t#*é。") + ["et al.", "Fig. ", "(Smith, 2020)", "[1,2]", "\n\n"]),
        max_size=120,
    ).map("".join),
    st.lists(st.tuples(st.integers(-5, 320), st.integers(-5, 320)), max_size=3),
)
def test_never_raises_and_spans_give_back_text(text: str, exclude: list[tuple[int, int]]) -> None:
    doc = analyze_document(_doc(text), exclude=exclude)
    _check_spans(doc)
    ids = [c.id for c in doc.claims]
    assert ids == [f"c{i}" for i in range(1, len(ids) + 1)]


def _seed(prefix: str) -> Document:
    if not SEEDS.is_dir():
        pytest.skip("shared corpus absent")
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"corpus seed {prefix} absent")
    return analyze_document(load_document(str(paths[0])))


def test_corpus_000_markers_attach_to_the_sentence_they_follow() -> None:
    doc = _seed("000")
    _check_spans(doc)
    bracket = re.compile(r"\[\d[\d,\s-]*\]")
    for s in doc.sentences:
        for m in s.markers:
            if bracket.fullmatch(m.text):
                before = doc.text[s.span.start : m.span.start].rstrip()
                assert before, f"marker {m.text} opens a sentence: {s.text[:60]!r}"
    first = next(c for c in doc.claims if c.text.startswith("Major depressive disorder"))
    assert first.text.endswith("morbidity and mortality.\n[1,2]")
    assert [m.text for m in first.markers] == ["[1,2]"]
    headings = {s.text for s in doc.sentences if s.kind is UnitKind.HEADING}
    assert {"Psychobiology of depression", "Electroconvulsive therapy (ECT)", "DISCUSSION"} <= headings
    assert next(c for c in doc.claims if "dopamine depletion" in c.text).section == "Psychobiology of depression"


def test_corpus_001_web_boilerplate() -> None:
    doc = _seed("001")
    _check_spans(doc)
    kind = {s.text: s.kind for s in doc.sentences}
    for text in ("0 / 5 Average: 5 Votes 1", "Your vote:", "Read More", "Contact Us Online!"):
        assert kind[text] is UnitKind.BOILERPLATE, text
    phone = [s for s in doc.sentences if s.text.startswith("phone (212) 731-2033")]
    assert phone and all(s.kind is UnitKind.BOILERPLATE for s in phone)
    claim_texts = [c.text for c in doc.claims]
    assert not any("Read More" in t or "Contact Us" in t or "731-2033" in t for t in claim_texts)
    enjoy = next(c for c in doc.claims if c.text.endswith("enjoy.(1)"))
    assert [m.text for m in enjoy.markers] == ["(1)"]


def test_corpus_all_seeds_spans() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared corpus absent")
    for path in sorted(SEEDS.glob("*.txt")):
        _check_spans(analyze_document(load_document(str(path))))
