"""``build_valid`` and the run-length ``OffsetMap``: the fast paths must build exactly what
the validated, per-character versions build."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from claims.document import analyze_document
from claims.models import CitationMarker, Claim, Document, MarkerStyle, Sentence, Span, UnitKind
from claims.normalize import normalize
from claims.spans import LineIndex, OffsetMap, build_valid


def _span() -> Span:
    return Span(start=3, end=9, line=1, column=4, end_line=2, end_column=2)


def test_built_span_equals_validated_span() -> None:
    fields = {"start": 3, "end": 9, "line": 1, "column": 4, "end_line": 2, "end_column": 2}
    built = build_valid(Span, dict(fields))
    assert built == _span()
    assert built.model_fields_set == _span().model_fields_set
    assert built.model_dump_json() == _span().model_dump_json()
    assert hash(built) == hash(_span())
    assert pickle.loads(pickle.dumps(built)) == built
    assert copy.deepcopy(built) == built
    with pytest.raises(ValidationError):
        built.start = 4  # still frozen


def test_built_models_behave_like_validated_ones() -> None:
    marker = CitationMarker(text="[1]", span=_span(), style=MarkerStyle.NUMERIC_BRACKET, keys=["1"])
    values = {"text": "A claim. [1]", "span": _span(), "kind": UnitKind.PROSE, "section": None, "markers": [marker]}
    built = build_valid(Sentence, dict(values))
    assert built == Sentence(**values)
    assert built.model_copy(update={"section": "Intro"}).section == "Intro"
    assert built.model_copy(update={"section": "Intro"}).model_fields_set == {*values, "section"}


def test_line_index_span_matches_the_validated_span() -> None:
    text = "first line\nsecond\n\nfourth line here"
    lines = LineIndex(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            line, column = lines.position(start)
            end_line, end_column = lines.position(end)
            expected = Span(start=start, end=end, line=line, column=column, end_line=end_line, end_column=end_column)
            assert lines.span(start, end) == expected
    with pytest.raises(ValueError):
        lines.span(5, 2)
    with pytest.raises(ValidationError):
        lines.span(-1, 2)  # not built unvalidated: validation rejects it as before


def test_analyzed_claims_equal_their_validated_copies() -> None:
    text = "Intro\n\nKetamine reduced symptoms [1,2]. Smith et al. (2020) agreed.\nIt may help (3)."
    doc = analyze_document(Document(path="t.txt", text=text, sha256="0" * 64, format="txt", encoding="utf-8"))
    assert doc.claims
    for claim in doc.claims:
        assert Claim.model_validate(claim.model_dump()) == claim
        assert claim.model_fields_set == {"id", "text", "span", "section", "checkworthy", "markers"}
        assert text[claim.span.start : claim.span.end] == claim.text
    for sentence in doc.sentences:
        assert Sentence.model_validate(sentence.model_dump()) == sentence


_TEXT = st.text(alphabet=st.sampled_from("ab .-\n\r\x0c\u2028[1]"), max_size=60)


@given(_TEXT)
def test_run_length_map_answers_like_a_per_character_list(text: str) -> None:
    omap = normalize(text)
    norm = omap.normalized
    origin = [omap.start(i) for i in range(len(norm))]
    for i, ch in enumerate(norm):
        assert text[origin[i]] == ch or ch in " \n"  # copied, or a break turned into one space / newline
    reference = [*origin, len(text)]  # what the map used to store
    rebuilt = OffsetMap(norm, origin, len(text))  # the per-character constructor, compressed to runs
    for i in range(len(norm) + 1):
        for j in range(i, len(norm) + 1):
            expected = (reference[i], reference[i]) if j <= i else (reference[i], reference[j - 1] + 1)
            assert omap.range(i, j) == expected
            assert rebuilt.range(i, j) == expected
    assert OffsetMap.identity(text).range(0, len(text)) == (0, len(text))
