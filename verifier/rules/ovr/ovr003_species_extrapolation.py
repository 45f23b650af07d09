"""OVR003 species-extrapolation."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from claims.models import Claim, Population
from claims.spans import SentenceView
from references.evidence.in_text import FIELD as IN_TEXT
from references.models import Reference, Species
from verifier.models import Confidence, Finding, Severity
from verifier.rules._evidence import describe_levels, described_as, description_triggers, reference_trigger
from verifier.rules._parts import parts
from verifier.rules.base import Rule, RuleContext, Scope

PRECLINICAL = {Species.ANIMAL, Species.IN_VITRO}
# A document is about people when its claims name people at least this many times as often as
# animals or cells; only there does a claim that names no species read as a claim about people.
HUMAN_FOCUS = 2


class SpeciesExtrapolation(Rule):
    """A claim about people resting only on animal or in-vitro studies.

    ## What it flags
    A claim that does not itself say it is about animals or cells ("Ketamine is
    an opioid agonist", "rTMS restores synaptic plasticity in depression") whose
    every cited work is an animal or in-vitro study.

    ## Why it matters
    Most findings in animals do not carry over to patients; stating them
    without the species reads as a finding in humans. Readers who do not open
    the reference take it as clinical evidence.

    ## Example
    ```
    Ketamine restores synaptic connections in the prefrontal cortex of depressed patients [1].

    References
    1. Li N, Lee B, Liu RJ, et al. mTOR-dependent synapse formation underlies the rapid antidepressant effects of NMDA antagonists in rats. Science. 2010;329(5994):959-964.
    ```
    Use instead:
    ```
    In rats, ketamine restores synaptic connections in the prefrontal cortex [1].

    References
    1. Li N, Lee B, Liu RJ, et al. mTOR-dependent synapse formation underlies the rapid antidepressant effects of NMDA antagonists in rats. Science. 2010;329(5994):959-964.
    ```

    ## Known problems
    A claim that is a general mechanism (true of any mammal) may be flagged
    although the author did not mean patients. The rule stays silent when any
    cited work's species is unknown, and when the sentence names an animal or
    cell model itself. A claim that names no species is read as a claim about
    people only in a document about people (its claims name people at least
    twice as often as animals or cells): in a paper on worms or flies an
    unqualified sentence is about worms or flies. Only a claim's own
    citations count: a sentence that continues a cited one comments on it. Methods, Results, captions
    and abstracts are skipped: a citation there points to a protocol or a
    comparison, not to evidence for a claim about patients.

    ## Options
    None.

    ## References
    Perel et al. (2007), "Comparison of treatment effects between animal experiments and clinical trials:
    systematic review", BMJ 334:197; the "In mice" convention (@justsaysinmice).
    """

    code = "OVR003"
    name = "species-extrapolation"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    needs_references = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        structure = parts(ctx)
        named = Counter(c.features.population for c in ctx.claims)
        about_people = named[Population.HUMAN] >= HUMAN_FOCUS * (named[Population.ANIMAL] + named[Population.IN_VITRO])
        for claim in ctx.claims:
            population = claim.features.population
            if not claim.checkworthy or structure.reports_own_work(claim.span.start):
                continue
            # its own citations: a sentence that only continues a cited one ("This is a surprising finding
            # because … in transplant recipients …") comments on that work, it does not extrapolate from it
            refs = ctx.cited_evidence(claim, include_continuation=False)
            if not refs or not all(r.evidence.species in PRECLINICAL for r in refs):
                continue
            start, end = claim.span.start, claim.span.end
            model = _model_named_at(claim, refs)
            if population in (Population.ANIMAL, Population.IN_VITRO):
                species_at = [c.span.start for c in claim.features.cues if c.kind == "species"]
                model = min([*species_at, *([model] if model is not None else [])], default=claim.span.start)
            if model is not None:
                if not about_people:
                    continue
                hedges = [c.span.start for c in claim.features.cues if c.kind == "hedge"]
                clause = _generalizing_clause(ctx.view(claim), model, hedges)
                if clause is None:
                    continue  # the sentence says it is about the animal or cell model: in proportion
                start, end = clause
                population = Population.UNSPECIFIED
            elif population is Population.UNSPECIFIED and not about_people:
                continue
            kinds = " and ".join(sorted({r.evidence.species.value.replace("_", "-") for r in refs}))
            if (start, end) != (claim.span.start, claim.span.end):
                said = (
                    "This clause states as a general fact what the rest of its sentence reports in an animal "
                    f"or cell model; the cited work is only {kinds} work"
                )
            else:
                said = f"{_who(claim)} but rests only on {kinds} work"
            yield self.finding(
                ctx,
                start=start,
                end=end,
                message=f"{said} ({describe_levels(refs)}).{described_as(refs)}",
                claim_id=claim.id,
                reference_keys=[r.key for r in refs],
                evidence=[*(reference_trigger(r) for r in refs), *description_triggers(refs)],
                suggestion="say the finding is from animal or in-vitro work ('in rats, …'), or cite a study in humans",
                confidence=Confidence.HIGH if claim.features.population is Population.HUMAN else Confidence.MEDIUM,
            )


def _who(claim: Claim) -> str:
    """The message's subject: the people the claim names ("Claim is about 'patients'"), or that it names
    no species (then it reads as a claim about people)."""
    if claim.features.population is Population.HUMAN:
        named = [c.text for c in claim.features.cues if c.kind == "species"]
        return f"Claim is about people ('{named[0]}')" if named else "Claim is about people"
    return "Claim does not name a species (in a document about people)"


# Where one clause ends and a coordinated one begins: "; ", ", and/but/while/whereas ", " and its/their …".
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas)\s+|\s+and\s+(?=(?:its|their|the|this|these|it|they)\b)", re.IGNORECASE
)
# A finite verb stating a general property or action in the present tense ("is an opioid agonist",
# "acts on", "blocks", "increases"): the clause asserts it, not reports an experiment.
_GENERAL_PREDICATE = re.compile(
    r"\b(?:is|are|acts|act|works|has|have|blocks|block|activates|activate|inhibits|inhibit|increases|increase|"
    r"decreases|decrease|reduces|reduce|causes|cause|produces|produce|induces|induce|binds|bind|enhances|enhance)\b",
    re.IGNORECASE,
)


def _model_named_at(claim: Claim, refs: list[Reference]) -> int | None:
    """Where the claim's own sentence names the animal or cell model of its cited work, as the
    in-text evidence stage read it (a reason span inside the sentence), or None."""
    starts = [
        r.span.start
        for ref in refs
        for r in ref.evidence.reasons
        if r.field == IN_TEXT
        and r.span is not None
        and r.conclusion.startswith(("species=animal", "species=in_vitro"))
        and claim.span.start <= r.span.start < claim.span.end
    ]
    return min(starts) if starts else None


def _generalizing_clause(view: SentenceView, model_at: int, hedges: list[int]) -> tuple[int, int] | None:
    """The document span of a leading clause that states, unhedged and with no species, what a
    later clause of the same sentence places in an animal or cell model ("Ketamine is an opioid
    agonist and its analgesic effects in rats are reversed by naltrexone"), or None."""
    text = view.text
    for m in _CLAUSE_BREAK.finditer(text):
        first = text[: m.start()]
        start, end = view.original_range(0, m.start())
        if end > model_at:
            return None
        hedged = any(start <= h < end for h in hedges)  # the claim's hedge cues (the hedge lexicon)
        if _GENERAL_PREDICATE.search(first) and not hedged and len(first.split()) >= 3:
            return start, end
    return None
