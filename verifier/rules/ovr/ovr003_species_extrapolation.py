"""OVR003 species-extrapolation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from claims.models import Claim, Population
from references.models import Species
from verifier.models import Confidence, Finding, Severity
from verifier.rules._evidence import describe_levels, reference_trigger
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
    unqualified sentence is about worms or flies. Methods, Results, captions
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
            if not claim.checkworthy or population in (Population.ANIMAL, Population.IN_VITRO):
                continue
            if (population is Population.UNSPECIFIED and not about_people) or structure.reports_own_work(
                claim.span.start
            ):
                continue
            refs = ctx.cited_references(claim)
            if not refs or not all(r.evidence.species in PRECLINICAL for r in refs):
                continue
            kinds = sorted({r.evidence.species.value.replace("_", "-") for r in refs})
            yield self.finding(
                ctx,
                start=claim.span.start,
                end=claim.span.end,
                message=f"{_who(claim)} but rests only on {' and '.join(kinds)} work ({describe_levels(refs)}).",
                claim_id=claim.id,
                reference_keys=[r.key for r in refs],
                evidence=[reference_trigger(r) for r in refs],
                suggestion="say the finding is from animal or in-vitro work ('in rats, …'), or cite a study in humans",
                confidence=Confidence.HIGH if claim.features.population is Population.HUMAN else Confidence.MEDIUM,
            )


def _who(claim: Claim) -> str:
    """The message's subject: the people the claim names ("Claim is about 'patients'"), or that it names
    no species (then it reads as a claim about people)."""
    if claim.features.population is Population.HUMAN:
        named = [c.text for c in claim.features.cues if c.kind == "species"]
        return f"Claim is about people ('{named[0]}')" if named else "Claim is about people"
    return "Claim does not name a species"
