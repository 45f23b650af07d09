"""What the rules share through ``RuleContext`` (claim views, memoized readings), the fast
``Rule.finding`` path, the clause splitter and the paused collector: same results, built once."""

from __future__ import annotations

import gc

from helpers import analyze_text
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.gcpause import paused_gc
from claims.models import Claim, Document
from claims.spans import LineIndex
from verifier.models import Confidence, Finding, Suggestion, Trigger
from verifier.rules.base import RuleContext
from verifier.rules.con.con001_internal_contradiction import InternalContradiction
from verifier.rules.sta.reported import _JOINT_RE, clauses

TEXT = "Intro.\nKetamine reduced depres-\nsive symptoms [1]. Ketamine did not change depressive symptoms [2]."


def _ctx() -> RuleContext:
    lines = LineIndex(TEXT)
    claims = []
    for n, sentence in enumerate(
        ("Ketamine reduced depres-\nsive symptoms [1].", "Ketamine did not change depressive symptoms [2]."), 1
    ):
        start = TEXT.index(sentence)
        claims.append(Claim(id=f"c{n}", text=sentence, span=lines.span(start, start + len(sentence))))
    doc = Document(path="t.txt", text=TEXT, sha256="0", format="txt", encoding="utf-8", claims=claims)
    return RuleContext.build(doc, [], [], has_reference_list=False)


def test_view_is_built_once_and_indexes_the_original() -> None:
    ctx = _ctx()
    claim = ctx.claims[0]
    view = ctx.view(claim)
    assert ctx.view(claim) is view
    assert view.text == "Ketamine reduced depressive symptoms [1]."
    i = view.text.index("depressive")
    start, end = view.original_range(i, i + len("depressive"))
    assert TEXT[start:end] == "depres-\nsive" == view.quote(i, i + len("depressive"))
    assert _ctx().view(claim) is not view  # per context


def test_memo_builds_once_per_key() -> None:
    ctx = _ctx()
    calls: list[int] = []
    assert ctx.memo("k", lambda: calls.append(1) or 5) == 5
    assert ctx.memo("k", lambda: calls.append(1) or 6) == 5
    assert calls == [1]


def test_fast_finding_equals_the_validated_one() -> None:
    ctx = _ctx()
    rule = InternalContradiction()
    trigger = Trigger(kind="sentence", text="x", span=ctx.span(0, 1))
    kwargs = dict(
        start=7,
        end=20,
        message="m",
        claim_id="c1",
        reference_keys=["1"],
        evidence=[trigger],
        suggestion="fix it",
        related_claim_ids=["c2"],
        confidence=Confidence.HIGH,
    )
    fast = rule.finding(ctx, **kwargs)
    slow = Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        confidence=Confidence.HIGH,
        message="m",
        span=ctx.span(7, 20),
        quoted=TEXT[7:20],
        claim_id="c1",
        related_claim_ids=["c2"],
        reference_keys=["1"],
        evidence=[trigger],
        suggestion=Suggestion(title="fix it"),
    )
    assert fast == slow
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.model_dump_json() == slow.model_dump_json()
    assert fast.quoted == TEXT[fast.span.start : fast.span.end]


def test_finding_with_unusual_types_is_validated() -> None:
    ctx = _ctx()
    finding = InternalContradiction().finding(ctx, start=0, end=5, message="m", reference_keys=("1",))  # type: ignore[arg-type]
    assert finding.reference_keys == ["1"] and type(finding.reference_keys) is list


def test_con001_one_finding_per_pair_and_bounded_on_repeats() -> None:
    small = analyze_text("Ketamine reduced depressive symptoms. Ketamine increased depressive symptoms.", ["CON001"])
    assert [f.code for f in small.findings] == ["CON001"]
    repeated = " ".join(
        "Ketamine reduced depressive symptoms." if n % 2 else "Ketamine increased depressive symptoms."
        for n in range(60)
    )
    report = analyze_text(repeated, ["CON001"])
    pairs = [(f.claim_id, tuple(f.related_claim_ids)) for f in report.findings]
    assert len(pairs) == len(set(pairs))
    assert 30 <= len(pairs) <= 30 * 8  # every opposed later claim is flagged, against at most 8 earlier ones


def _clauses_reference(text: str) -> list[tuple[int, int]]:
    depth_at = [0] * (len(text) + 1)
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        depth_at[i + 1] = depth
    out, start = [], 0
    for m in _JOINT_RE.finditer(text):
        if depth_at[m.start()] == 0 and m.start() > start:
            out.append((start, m.start()))
            start = m.start()
    out.append((start, len(text)))
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", " ", "(", ")", "[", "]", ";", " but ", ", whereas ", "p = .2", "yet"]), max_size=30)
)
def test_clauses_match_the_character_walk(parts: list[str]) -> None:
    text = "".join(parts)
    assert clauses(text) == _clauses_reference(text)


def test_paused_gc_restores_the_collector_and_nests() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # the caller's choice is kept
    finally:
        gc.enable()
