"""In-document suppressions: named codes, regions, bare ignores reported."""

from __future__ import annotations

from claims.models import Claim
from claims.spans import LineIndex
from verifier.suppressions import parse_suppressions


def _claims(text: str, sentences: list[str]) -> list[Claim]:
    lines = LineIndex(text)
    out = []
    for i, s in enumerate(sentences, 1):
        start = text.index(s)
        out.append(Claim(id=f"c{i}", text=s, span=lines.span(start, start + len(s))))
    return out


def test_ignore_names_codes_and_covers_the_next_sentence_only():
    text = "First claim.\n<!-- verifier: ignore OVR005, SUP001 -->\nSecond claim.\nThird claim.\n"
    claims = _claims(text, ["First claim.", "Second claim.", "Third claim."])
    sup = parse_suppressions(text, claims)
    second, third, first = claims[1].span.start, claims[2].span.start, claims[0].span.start
    assert sup.silences("OVR005", second)
    assert sup.silences("SUP001", second + 3)
    assert not sup.silences("OVR002", second)
    assert not sup.silences("OVR005", third)
    assert not sup.silences("OVR005", first)
    assert sup.problems == []


def test_latex_comment_and_prefix_codes():
    text = "% verifier: ignore OVR\nA claim here.\n"
    claims = _claims(text, ["A claim here."])
    sup = parse_suppressions(text, claims)
    assert sup.silences("OVR002", claims[0].span.start)
    assert not sup.silences("SUP001", claims[0].span.start)


def test_off_on_region():
    text = "<!-- verifier: off CIT -->\nOne.\nTwo.\n<!-- verifier: on -->\nThree.\n"
    claims = _claims(text, ["One.", "Two.", "Three."])
    sup = parse_suppressions(text, claims)
    assert sup.silences("CIT001", claims[1].span.start)
    assert not sup.silences("CIT001", claims[2].span.start)
    assert not sup.silences("SUP001", claims[0].span.start)


def test_bare_ignore_and_unknown_codes_are_reported_not_applied():
    text = "<!-- verifier: ignore -->\nOne.\n<!-- verifier: ignore nonsense! -->\nTwo.\n"
    claims = _claims(text, ["One.", "Two."])
    sup = parse_suppressions(text, claims)
    assert sup.active == []
    assert [line for line, _ in sup.problems] == [1, 3]
    assert "names no rule codes" in sup.problems[0][1]


def test_used_flag_supports_unused_ignore_reports():
    text = "<!-- verifier: ignore OVR005 -->\nOne.\n"
    claims = _claims(text, ["One."])
    sup = parse_suppressions(text, claims)
    assert not sup.active[0].used
    sup.silences("OVR005", claims[0].span.start)
    assert sup.active[0].used
