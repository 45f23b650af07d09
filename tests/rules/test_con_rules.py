from pathlib import Path

import pytest

from claims.features import describe
from claims.models import CitationMarker, Claim, Document, MarkerStyle
from claims.quantities import find_quantities
from claims.spans import LineIndex, OffsetMap, SentenceView
from references.models import Link, Reference
from verifier.against import compare_documents
from verifier.rules.base import RuleContext
from verifier.rules.con.con001_internal_contradiction import InternalContradiction
from verifier.rules.con.con002_contradicts_source import ContradictsSource
from verifier.rules.con.con003_number_mismatch import NumberMismatch
from verifier.rules.ovr.ovr006_hedge_dropped import HedgeDropped


def build(sentences: list[str], cites: dict[int, str] | None = None, sources: dict[str, str] | None = None):
    """A context for a document made of ``sentences``; ``cites`` maps sentence index -> reference key."""
    text = " ".join(sentences)
    lines = LineIndex(text)
    claims, links, pos = [], [], 0
    cites = cites or {}
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        pos = start + len(s)
        span = lines.span(start, pos)
        view = SentenceView(OffsetMap.identity(s), 0, len(s), lines, text, base=start)
        markers = []
        if i in cites:
            m = s.rindex("[")
            markers = [
                CitationMarker(
                    text=s[m:], span=lines.span(start + m, pos), style=MarkerStyle.NUMERIC_BRACKET, keys=[cites[i]]
                )
            ]
            links.append(
                Link(
                    claim_id=f"c{i}",
                    marker_text=s[m:],
                    marker_span=markers[0].span,
                    cited=cites[i],
                    reference_key=cites[i],
                )
            )
        features = describe(view).model_copy(update={"quantities": find_quantities(view)})
        claims.append(Claim(id=f"c{i}", text=s, span=span, markers=markers, features=features))
    doc = Document(path="t.txt", text=text, sha256="0", format="txt", encoding="utf-8", claims=claims)
    refs = [Reference(key=k, raw=f"{k}. A source.") for k in sorted(set(cites.values()))]
    return RuleContext.build(doc, refs, links, has_reference_list=True, sources=sources)


def quoted_ok(ctx, findings):
    for f in findings:
        assert ctx.document.text[f.span.start : f.span.end] == f.quoted


def test_con001_effect_against_no_change_same_treatment() -> None:
    ctx = build(
        [
            "Electroconvulsive therapy (ECT) is used in severe depression.",
            "Imaging studies of ECT show no change in frontal hypometabolism.",
            "A course of bilateral ECT reduced frontal metabolism in depressed patients.",
        ]
    )
    [f] = list(InternalContradiction().check(ctx))
    assert f.claim_id == "c2" and f.related_claim_ids == ["c1"]
    assert f.evidence[0].kind == "sentence" and f.evidence[0].span == ctx.claims[1].span
    quoted_ok(ctx, [f])


def test_con001_silent_for_different_treatments_and_hedged_claims() -> None:
    ctx = build(
        [
            "Imaging studies of ECT show no change in frontal metabolism.",
            "Ketamine reduced frontal metabolism in depressed patients.",
            "ECT may reduce frontal metabolism.",
            "ECT reduced hippocampal volume loss.",
        ]
    )
    assert list(InternalContradiction().check(ctx)) == []


def test_con001_opposite_directions() -> None:
    ctx = build(["Lithium increased grey matter volume.", "Lithium decreased grey matter volume in adults."])
    [f] = list(InternalContradiction().check(ctx))
    assert "opposite directions" in f.message


SRC = "Ketamine did not reduce suicidal ideation compared with midazolam. Remission was achieved by 32% of patients."


def test_con002_contradicts_source_quotes_source_sentence() -> None:
    ctx = build(["Ketamine reduced suicidal ideation in the trial [1]."], {0: "1"}, {"1": SRC})
    [f] = list(ContradictsSource().check(ctx))
    assert f.evidence[0].kind == "source_sentence" and f.evidence[0].reference_key == "1"
    assert f.evidence[0].text.startswith("Ketamine did not reduce")
    quoted_ok(ctx, [f])


def test_con002_silent_when_source_agrees_or_is_unknown() -> None:
    agree = build(["Ketamine did not reduce suicidal ideation more than midazolam [1]."], {0: "1"}, {"1": SRC})
    assert list(ContradictsSource().check(agree)) == []
    unknown = build(["Ketamine reduced suicidal ideation in the trial [1]."], {0: "1"}, {})
    assert list(ContradictsSource().check(unknown)) == []


def test_con003_number_differs_from_source_and_from_other_claim() -> None:
    ctx = build(["Remission was achieved by 45% of patients receiving ketamine [1]."], {0: "1"}, {"1": SRC})
    [f] = list(NumberMismatch().check(ctx))
    assert "32%" in f.evidence[0].text
    same = build(["Remission was achieved by 32% of patients receiving ketamine [1]."], {0: "1"}, {"1": SRC})
    assert list(NumberMismatch().check(same)) == []
    doc = build(
        [
            "Ketamine reduced suicidal ideation in 45% of patients [2].",
            "In that trial ketamine reduced suicidal ideation in 54% of patients [2].",
        ],
        {0: "2", 1: "2"},
    )
    [g] = list(NumberMismatch().check(doc))
    assert g.quoted == "54%" and g.related_claim_ids == ["c0"]


def test_ovr006_hedge_dropped() -> None:
    src = "Vitamin D supplementation may reduce the severity of respiratory infections in older adults."
    ctx = build(
        ["Vitamin D supplementation reduces the severity of respiratory infections in older adults [1]."],
        {0: "1"},
        {"1": src},
    )
    [f] = list(HedgeDropped().check(ctx))
    assert f.evidence[0].text == src and "'may'" in f.message
    hedged = build(
        ["Vitamin D supplementation may reduce the severity of respiratory infections [1]."], {0: "1"}, {"1": src}
    )
    assert list(HedgeDropped().check(hedged)) == []


def test_compare_documents_against_another_text() -> None:
    a = build(["Ketamine reduced suicidal ideation in the trial."])
    b = Document(path="b.txt", text=SRC, sha256="0", format="txt", encoding="utf-8")
    found = compare_documents(a, b)
    assert [f.code for f in found] == ["CON002"]
    assert found[0].reference_keys == ["b.txt"]


SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


def test_con001_on_seed_corpus_flags_only_the_ect_pair() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared corpus absent")
    from claims.loading import load_document
    from verifier.config import VerifierConfig
    from verifier.pipeline import analyze

    flagged = []
    for path in sorted(SEEDS.glob("*.txt")):
        doc = load_document(str(path))
        report = analyze(doc, VerifierConfig())
        ctx = RuleContext.build(
            doc.model_copy(update={"claims": report.claims}), report.references, report.links, has_reference_list=True
        )
        flagged += [(path.name[:3], f.quoted) for f in InternalContradiction().check(ctx)]
    assert len(flagged) == 1 and flagged[0][0] == "000" and "ECT" in flagged[0][1]


def test_against_findings_go_through_the_engine_suppressions_and_crash_guard() -> None:
    """``--against`` once called the rules directly: a suppression comment did not silence its
    findings and a rule that raised ended the run."""
    from helpers import document

    from verifier.config import VerifierConfig
    from verifier.pipeline import Inputs, analyze

    other = document(SRC, "meta.txt")
    claim = "Ketamine reduced suicidal ideation in the trial."
    plain = document(claim + "\n", "a.md")
    silenced = document(f"<!-- verifier: ignore CON002 -->\n{claim}\n", "a.md")
    config = VerifierConfig(select=["CON002"])
    assert [f.code for f in analyze(plain, config, Inputs(against=[other])).findings] == ["CON002"]
    assert analyze(silenced, config, Inputs(against=[other])).findings == []

    def broken(self, ctx):
        raise RuntimeError("boom")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ContradictsSource, "check", broken)
        report = analyze(plain, config, Inputs(against=[other]))
    assert report.findings == []
    assert [(s.what, "boom" in s.why) for s in report.skipped] == [("rule CON002", True)]
