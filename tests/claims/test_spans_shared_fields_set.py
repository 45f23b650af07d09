"""``build_valid`` shares a model's fields-set only where pydantic can never change it, and
``with_updates`` is ``model_copy(update=...)`` with that sharing: same values, same fields-set."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claims.models import Claim, Quantity, Sentence, Span, UnitKind
from claims.quantities import find_quantities
from claims.spans import LineIndex, SentenceView, build_valid, with_updates


def _sentence(lines: LineIndex, section: str | None) -> Sentence:
    values = {"text": "x", "span": lines.span(0, 1), "kind": UnitKind.PROSE, "section": section, "markers": []}
    return build_valid(Sentence, values)


def test_spans_share_one_complete_fields_set() -> None:
    lines = LineIndex("one\ntwo three\n")
    a, b = lines.span(0, 3), lines.span(4, 13)
    assert a.model_fields_set is b.model_fields_set
    assert a.model_fields_set == Span(start=0, end=3, line=1, column=1, end_line=1, end_column=4).model_fields_set


def test_assignment_on_a_complete_model_leaves_the_others_alone() -> None:
    lines = LineIndex("x")
    first, second = _sentence(lines, None), _sentence(lines, None)
    assert first.model_fields_set is second.model_fields_set  # every field given: shared
    first.section = "Methods"
    assert second.section is None
    assert second.model_fields_set == set(Sentence.model_fields)


def test_a_partial_set_on_a_mutable_model_is_never_shared() -> None:
    lines = LineIndex("x")
    values = {"text": "x", "span": lines.span(0, 1), "kind": UnitKind.PROSE, "section": None, "markers": []}
    first = build_valid(Sentence, dict(values), {"text", "span"})
    second = build_valid(Sentence, dict(values), {"text", "span"})
    assert first.model_fields_set is not second.model_fields_set
    first.section = "Methods"  # pydantic records the assignment in the model's own set
    assert first.model_fields_set == {"text", "span", "section"}
    assert second.model_fields_set == {"text", "span"}


def test_with_updates_equals_model_copy() -> None:
    lines = LineIndex("Ketamine helps.")
    claim = Claim(id="c1", text="Ketamine helps.", span=lines.span(0, 15))
    update = {"checkworthy": False, "continues": "c0"}
    fast, slow = with_updates(claim, update), claim.model_copy(update=update)
    assert fast == slow
    assert fast.model_fields_set == slow.model_fields_set == {"id", "text", "span", "checkworthy", "continues"}
    assert list(fast.__dict__) == list(Claim.model_fields)  # declaration order kept
    assert claim.checkworthy is True and claim.continues is None  # the original is untouched
    assert Claim.model_validate(fast.model_dump()) == fast


def test_quantities_share_a_complete_fields_set() -> None:
    view = SentenceView.of("Remission rose to 45% (n = 120; p = 0.03) at 0.5 mg/kg.")
    found = find_quantities(view)
    assert len(found) >= 3
    assert all(q.model_fields_set is found[0].model_fields_set for q in found)
    for q in found:
        assert q.model_fields_set == set(Quantity.model_fields)
        assert Quantity.model_validate(q.model_dump()) == q
        assert view.text[q.span.start : q.span.end] == q.text


@given(st.integers(0, 30), st.integers(0, 30))
def test_shared_span_sets_equal_the_validated_ones(start: int, length: int) -> None:
    text = "ab\ncd ef\n\nghij klm nop qrs tuv wx\n"
    lines = LineIndex(text)
    built = lines.span(start, start + length)
    assert built == Span.model_validate(built.model_dump())
    assert built.model_fields_set == Span.model_validate(built.model_dump()).model_fields_set
