"""Contradiction rules (CON001-CON003) and the readings they share: a normalized view of each claim,
the document's abbreviations, and the claim's propositions."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from claims.abbreviations import Abbreviations
from claims.features.certainty import NO_EXTRA_CUES
from claims.models import Certainty, Claim
from claims.propositions import Proposition, propositions
from verifier.judges import Verdict, get_judge
from verifier.models import Trigger
from verifier.rules.base import RuleContext
from verifier.source_match import Disagreement, Match, SourceIndex, source_sentences
from verifier.source_match import judge as read_disagreements

__all__ = [
    "claim_propositions",
    "document_abbreviations",
    "aligned_disagreements",
    "source_verdicts",
    "source_text",
    "source_trigger",
]


def document_abbreviations(ctx: RuleContext) -> Abbreviations:
    """The abbreviations the document defines, read once per context for all three rules."""
    return ctx.memo(("abbreviations",), lambda: Abbreviations.of([ctx.document.text]))


def claim_propositions(ctx: RuleContext, claim: Claim, abbreviations: Abbreviations) -> list[Proposition]:
    """Propositions of a check-worthy, unhedged claim (a hedged claim asserts no direction to contradict).

    Read once per claim and context: CON001 and CON003 both ask."""
    if not claim.checkworthy or claim.features.certainty is Certainty.HEDGED:
        return []
    read = ctx.memo(
        ("propositions", claim.id, claim.span.start, abbreviations),
        lambda: tuple(
            propositions(
                ctx.view(claim),
                claim.id,
                abbreviations,
                population=claim.features.population,
                quantities=claim.features.quantities,
            )
        ),
    )
    return list(read)


def source_text(ctx: RuleContext, key: str) -> str | None:
    """The text known for a cited work: a ``--sources`` file or metadata record first, else its abstract."""
    ref = ctx.references_by_key.get(key)
    return ctx.sources.get(key) or (ref.abstract if ref is not None else None)


MIN_MATCH = 0.3  # a source sentence must share this share of the claim's weighted words to be relied on
TOP_K = 3  # the source sentences most aligned with the claim that a judge reads


def source_verdicts(ctx: RuleContext, claim: Claim, abbreviations: Abbreviations) -> list[tuple[str, Verdict]]:
    """For each cited work with known text: its key and the judge's verdict on the claim against the
    ``TOP_K`` sentences of that text most aligned with it.

    The one loop over a claim's cited sources that CON002, OVR006 and CON003 share: each verdict is
    computed once per (claim, work) and context, whichever rule asks first. Works none of whose
    sentences shares a word with the claim get no verdict."""
    if not claim.checkworthy:
        return []
    return ctx.memo(("verdicts", claim.id, claim.span.start), lambda: _verdicts(ctx, claim, abbreviations))


def _verdicts(ctx: RuleContext, claim: Claim, abbreviations: Abbreviations) -> list[tuple[str, Verdict]]:
    judge = get_judge(ctx.judge, ctx.judge_model)
    view = ctx.view(claim)
    out: list[tuple[str, Verdict]] = []
    for ref in ctx.cited_references(claim):
        text = source_text(ctx, ref.key)
        if not text:
            continue
        index = _source_index(text, tuple(abbreviations.definitions))
        passages = index.best(view.text, k=TOP_K)
        if passages:
            verdict = judge.judge(view, passages, index.abbreviations)
            if ctx.extra_cues != NO_EXTRA_CUES and verdict.aligned is not None:
                # the configured hedges and boosters are read in the cited source too (OVR006)
                found = read_disagreements(
                    view, verdict.aligned.sentence, index.abbreviations, verdict.aligned.score, ctx.extra_cues
                )
                verdict = replace(verdict, disagreements=tuple(found))
            out.append((ref.key, verdict))
    return out


def aligned_disagreements(verdict: Verdict) -> tuple[Match, tuple[Disagreement, ...]] | None:
    """The best-aligned passage and its rule-level disagreements, when it shares enough of the claim
    (``MIN_MATCH``) to be relied on; OVR006 and CON003 report these."""
    if verdict.aligned is None or verdict.aligned.score < MIN_MATCH:
        return None
    return verdict.aligned, verdict.disagreements


@lru_cache(maxsize=64)
def _source_index(text: str, definitions: tuple[tuple[str, str], ...]) -> SourceIndex:
    """One index per source text, shared by every claim that cites it (and by the three source rules)."""
    local = Abbreviations([*definitions, *Abbreviations.of([text]).definitions])
    return SourceIndex(source_sentences(text), local)


def source_trigger(key: str, match: Match, detail: str) -> Trigger:
    """The evidence item quoting the source sentence a finding relied on."""
    return Trigger(kind="source_sentence", text=match.sentence, reference_key=key, detail=detail)
