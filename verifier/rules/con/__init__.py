"""Contradiction rules (CON001-CON003) and the readings they share: a normalized view of each claim,
the document's abbreviations, and the claim's propositions."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from claims.abbreviations import Abbreviations
from claims.models import Certainty, Claim
from claims.propositions import Proposition, propositions
from verifier.models import Trigger
from verifier.rules.base import RuleContext
from verifier.source_match import Disagreement, Match, SourceIndex, judge, source_sentences

__all__ = [
    "claim_propositions",
    "document_abbreviations",
    "source_disagreements",
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


def source_disagreements(
    ctx: RuleContext, claim: Claim, abbreviations: Abbreviations
) -> Iterator[tuple[str, Match, list[Disagreement]]]:
    """For each cited work with known text: its key, the source sentence closest to the claim, and how
    the claim departs from it. Works whose text shares too little with the claim are skipped."""
    if not claim.checkworthy:
        return
    view = ctx.view(claim)
    for ref in ctx.cited_references(claim):
        text = source_text(ctx, ref.key)
        if not text:
            continue
        index = _source_index(text, tuple(abbreviations.definitions))
        matches = index.best(view.text, k=1)
        if not matches or matches[0].score < MIN_MATCH:
            continue
        yield (
            ref.key,
            matches[0],
            judge(view, matches[0].sentence, index.abbreviations, matches[0].score, ctx.extra_cues),
        )


@lru_cache(maxsize=64)
def _source_index(text: str, definitions: tuple[tuple[str, str], ...]) -> SourceIndex:
    """One index per source text, shared by every claim that cites it (and by the three source rules)."""
    local = Abbreviations([*definitions, *Abbreviations.of([text]).definitions])
    return SourceIndex(source_sentences(text), local)


def source_trigger(key: str, match: Match, detail: str) -> Trigger:
    """The evidence item quoting the source sentence a finding relied on."""
    return Trigger(kind="source_sentence", text=match.sentence, reference_key=key, detail=detail)
