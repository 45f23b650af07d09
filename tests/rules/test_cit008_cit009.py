"""CIT008 retracted-reference and CIT009 non-peer-reviewed-source on hand-built contexts."""

from __future__ import annotations

from helpers import cited_context as build

from claims.spans import LineIndex
from references.evidence import assess
from references.models import LinkStatus, Reference, RetractionStatus, SourceType
from verifier.models import Severity
from verifier.rules.base import RuleContext
from verifier.rules.cit.cit008_retracted_reference import RetractedReference
from verifier.rules.cit.cit009_non_peer_reviewed_source import Cit009Options, NonPeerReviewedSource


def graded(key: str, **kw) -> Reference:
    return assess(Reference(key=key, **kw))


def with_status(ref: Reference, status: RetractionStatus) -> Reference:
    ev = ref.evidence.model_copy(
        update={
            "retraction": status,
            "retracted": status is RetractionStatus.RETRACTED,
            "retraction_source": "Retraction Watch record 1",
        }
    )
    return ref.model_copy(update={"evidence": ev})


def run(rule, ctx):
    findings = list(rule.check(ctx))
    for f in findings:
        assert ctx.document.text[f.span.start : f.span.end] == f.quoted
    return findings


# --- CIT008 -------------------------------------------------------------------------------------------


def test_cit008_flags_a_retracted_citation_at_its_marker():
    ref = graded("1", raw="Wakefield AJ. RETRACTED: Ileal-lymphoid hyperplasia in children. Lancet. 1998;351:637-41.")
    ctx = build([("The MMR vaccine causes autism", ["1"])], [ref])
    (f,) = run(RetractedReference(), ctx)
    assert (f.code, f.name, f.severity, f.quoted, f.reference_keys) == (
        "CIT008",
        "retracted-reference",
        Severity.ERROR,
        "[1]",
        ["1"],
    )
    assert "retracted" in f.message and f.evidence[0].reference_key == "1"


def test_cit008_concern_and_correction_are_info():
    refs = [
        with_status(Reference(key="1", title="A"), RetractionStatus.EXPRESSION_OF_CONCERN),
        with_status(Reference(key="2", title="B"), RetractionStatus.CORRECTION),
    ]
    ctx = build([("Drug X lowers pain", ["1", "2"])], refs)
    found = run(RetractedReference(), ctx)
    assert [f.severity for f in found] == [Severity.INFO, Severity.INFO]
    assert "expression of concern" in found[0].message and "corrected" in found[1].message


def test_cit008_sentence_that_mentions_the_retraction_is_not_flagged():
    ref = with_status(Reference(key="1", title="A"), RetractionStatus.RETRACTED)
    for sentence in (
        "A retracted report claimed a link with autism",
        "The trial was withdrawn after data problems were found",
    ):
        assert run(RetractedReference(), build([(sentence, ["1"])], [ref])) == []


def test_cit008_clean_references_pass_and_one_finding_per_claim_and_work():
    bad = with_status(Reference(key="1", title="A"), RetractionStatus.RETRACTED)
    ok = graded("2", title="A randomized trial of drug X")
    ctx = build([("Drug X works", ["1", "1", "2"]), ("Drug X is safe", ["2"])], [bad, ok])
    assert len(run(RetractedReference(), ctx)) == 1


def test_cit008_uncited_retracted_entry_in_the_manuscript_is_flagged_at_the_entry():
    text_ctx = build([("Drug X works", [])], [])
    doc_text = text_ctx.document.text + "1. Doe J. RETRACTED: A trial. J Foo. 2001;3:4.\n"
    start = doc_text.index("1. Doe")
    lines = LineIndex(doc_text)
    ref = assess(Reference(key="1", raw=doc_text[start:-1], span=lines.span(start, len(doc_text) - 1)))
    doc = text_ctx.document.model_copy(update={"text": doc_text})
    ctx = RuleContext.build(doc, [ref], [], has_reference_list=True)
    (f,) = run(RetractedReference(), ctx)
    assert f.quoted.startswith("1. Doe J. RETRACTED") and f.claim_id is None


# --- CIT009 -------------------------------------------------------------------------------------------


PREPRINT = dict(
    title="Neural imbalance and severe depression",
    venue="bioRxiv",
    url="https://www.biorxiv.org/content/10.1101/2021.07.09.451784v1",
)
WEB = dict(
    title="Depression (major depressive disorder)",
    venue="MayoClinic",
    raw="Depression. MayoClinic. Published July 29, 2021. Accessed June 22, 2022.",
)


def test_cit009_preprint_is_a_warning_web_page_is_info():
    refs = [graded("1", **PREPRINT), graded("2", **WEB)]
    assert refs[0].source_type is SourceType.PREPRINT and refs[1].source_type is SourceType.WEB_PAGE
    found = run(NonPeerReviewedSource(), build([("rTMS restores the excitation-inhibition balance", ["1", "2"])], refs))
    assert [(f.severity, f.reference_keys) for f in found] == [(Severity.WARNING, ["1"]), (Severity.INFO, ["2"])]
    assert "preprint" in found[0].message and "web page" in found[1].message


def test_cit009_sentence_that_says_preprint_is_not_flagged():
    ctx = build([("A preprint, not yet peer reviewed, reported an imbalance", ["1"])], [graded("1", **PREPRINT)])
    assert run(NonPeerReviewedSource(), ctx) == []


def test_cit009_journal_articles_unknown_entries_and_non_checkworthy_claims_pass():
    refs = [graded("1", title="A trial", venue="J Neurosci", volume="32"), graded("2", title="Something")]
    assert run(NonPeerReviewedSource(), build([("Drug X works", ["1", "2"])], refs)) == []
    assert (
        run(NonPeerReviewedSource(), build([("See the overview", ["1"])], [graded("1", **PREPRINT)], checkworthy=False))
        == []
    )


def test_cit009_option_turns_web_pages_off():
    refs = [graded("1", **PREPRINT), graded("2", **WEB)]
    rule = NonPeerReviewedSource(options=Cit009Options(report_web_pages=False))
    found = run(rule, build([("Drug X works", ["1", "2"])], refs))
    assert [f.reference_keys for f in found] == [["1"]]


def test_cit009_dangling_and_continuation_links_are_ignored():
    ctx = build([("Drug X works", ["1"])], [graded("1", **PREPRINT)])
    links = [ln.model_copy(update={"status": LinkStatus.CONTINUATION}) for ln in ctx.links]
    ctx2 = RuleContext.build(ctx.document, ctx.references, links, has_reference_list=True)
    assert run(NonPeerReviewedSource(), ctx2) == []
