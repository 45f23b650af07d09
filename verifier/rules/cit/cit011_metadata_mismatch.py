"""CIT011 metadata-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from references.lookup.records import REGISTRY_NAMES
from references.models import RegistryDifference, RegistryStatus
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.cit._entries import entry_label, entry_or_first_citation
from verifier.rules.cit.cit010_reference_not_found import registry_triggers

_NAMES = {
    "doi": "DOI",
    "pmid": "PMID",
    "title": "title",
    "first_author": "first author",
    "year": "year",
    "venue": "venue",
}


def _describe(diff: RegistryDifference) -> str:
    if diff.field in ("doi", "pmid"):
        return f"the {_NAMES[diff.field]} belongs to another work, {diff.registry}"
    return f"{_NAMES.get(diff.field, diff.field)} '{diff.reference}' in the entry vs '{diff.registry}' in the record"


class MetadataMismatch(Rule):
    """The registry record differs from the entry: another work's DOI, or a wrong title, author, year or venue.

    ## What it flags
    With registry lookups on (``--lookup``), a reference whose DOI or PMID
    resolves to a different work (the titles share little and the first
    author differs), or whose title, first author, year or venue differ from
    the registry's record beyond typing errors (a title similarity below 75,
    another first author, a year more than one off, a venue that is neither
    the journal's name nor its abbreviation, shown alongside another
    difference). Both values are shown.

    ## Why it matters
    A wrong DOI sends readers to another paper; a wrong year or author makes
    the work hard to find and is a common trace of a reference assembled from
    memory or generated text. Mismatches are how garbled references show
    themselves when the work does exist.

    ## Example
    ```
    Thyroid storm in children carries a high mortality [1].

    References
    1. Sadasivan S, Pond BB. Thyroid storm in pediatrics: a systematic review. J Pediatr Endocrinol Metab. 2019;35:1-12. doi:10.1371/journal.pone.0033693
    ```
    Use instead:
    ```
    Methylphenidate exposure caused dopamine neuron loss in mice [1].

    References
    1. Sadasivan S, Pond BB, Pani AK, et al. Methylphenidate exposure induces dopamine neuron loss and activation of microglia in the basal ganglia of mice. PLoS One. 2012;7(3):e33693. doi:10.1371/journal.pone.0033693
    ```

    ## Known problems
    Years within one are accepted (online-first and print years differ). A
    venue abbreviation the matcher does not recognise, or a title the
    reference parser cut short, can read as a difference; so a venue
    difference alone is listed in the report's ``registry.differences`` but
    is not flagged.
    Registry records have errors too: the finding says which registry
    disagreed so the reader can judge.

    ## Options
    None. Lookups are turned on with ``--lookup`` or ``lookups = [...]`` in
    ``[tool.verifier]``.

    ## References
    Crossref REST API (api.crossref.org); NCBI E-utilities; OpenAlex.
    """

    code = "CIT011"
    name = "metadata-mismatch"
    default_severity = Severity.WARNING
    scope = Scope.REFERENCE
    needs_references = True
    needs_lookups = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for ref in ctx.references:
            check = ref.registry
            if check is None or check.status is not RegistryStatus.MISMATCH or not check.differences:
                continue
            name = REGISTRY_NAMES.get(check.source or "", check.source or "registry")
            where = f"{name} record {check.id}" if check.id else f"the {name} record"
            start, end, claim_id = entry_or_first_citation(ref, ctx)
            other_work = check.differences[0].field in ("doi", "pmid")
            # the other work's title is already in the DOI's difference: not said twice
            said = [d for d in check.differences if not (other_work and d.field == "title")]
            evidence = [
                Trigger(
                    kind="registry_difference",
                    text=f"{d.field}: entry '{d.reference}' / registry '{d.registry}'",
                    reference_key=ref.key,
                    detail=f"similarity {d.score:.0f}" if d.score is not None else None,
                )
                for d in check.differences
            ]
            yield self.finding(
                ctx,
                start=start,
                end=end,
                message=f"Reference {entry_label(ref)} does not match {where}: "
                + "; ".join(_describe(d) for d in said)
                + ".",
                claim_id=claim_id,
                reference_keys=[ref.key],
                evidence=[*evidence, *registry_triggers(ref)],
                suggestion="Correct the entry from the registry record, or fix the DOI if it belongs to another work.",
                confidence=Confidence.HIGH if other_work or len(check.differences) > 1 else Confidence.MEDIUM,
            )
