"""CIT008 retracted-reference."""

from __future__ import annotations

import re
from collections.abc import Iterator

from references.models import LinkStatus, Reference, RetractionStatus
from verifier.models import Confidence, Finding, Severity
from verifier.rules._evidence import reference_trigger
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.cit._entries import entry_label

# The citing sentence already tells the reader about the notice.
_MENTIONS_NOTICE = re.compile(
    r"\bretract(?:ed|ion|ions)\b|\bwithdrawn\b|\bwithdrew\b|\bexpression\s+of\s+concern\b|\bcorrigend|\berrat(?:um|a)\b|"
    r"\bcorrected\b|\bcorrection\b|\bdiscredited\b",
    re.I,
)
_WORDS = {
    RetractionStatus.RETRACTED: "was retracted",
    RetractionStatus.EXPRESSION_OF_CONCERN: "carries an expression of concern",
    RetractionStatus.CORRECTION: "was corrected",
}


class RetractedReference(Rule):
    """A cited work appears in a retraction list or carries a retraction notice.

    ## What it flags
    A citation of a work that was retracted (error), or that carries an
    expression of concern or a correction (info), according to a retraction
    list given with ``--retractions`` (the Retraction Watch CSV as Crossref
    publishes it, or a DOI list), to a notice printed in the entry itself
    ("RETRACTED:", "Retraction in:", PubMed's "Retracted Publication" type),
    or, with ``--lookup``, to the registry records: PubMed's
    ``CommentsCorrectionsList`` (RetractionIn, ExpressionOfConcernIn,
    ErratumIn), Crossref's ``updated-by`` notices, OpenAlex's
    ``is_retracted``, and Retraction Watch files imported into the lookup store.
    The finding points at the citation marker; an entry that no sentence
    cites but that sits in the manuscript's list is flagged at the entry.

    ## Why it matters
    Retracted papers keep being cited as if valid, long after the notice.
    A claim resting on one has lost its support; an expression of concern or
    a correction is worth a look at what changed.

    ## Example
    ```
    The MMR vaccine causes autism in children [1].

    References
    1. Wakefield AJ, Murch SH, Anthony A, et al. RETRACTED: Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children. Lancet. 1998;351(9103):637-641.
    ```
    Use instead:
    ```
    A 1998 case series that was later retracted claimed a link between the MMR vaccine and autism [1].

    References
    1. Wakefield AJ, Murch SH, Anthony A, et al. RETRACTED: Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children. Lancet. 1998;351(9103):637-641.
    ```

    ## Known problems
    A sentence that mentions the retraction ("retracted", "was withdrawn",
    "expression of concern", "erratum") is not flagged, since it discusses the
    notice rather than relying on the work; a sentence that says "withdrawn"
    about something else is missed as well. Title matches (no DOI) are fuzzy:
    they need the same first-author family name, a year within one and a
    title score of at least 92, and carry medium confidence. Works retracted
    after the list was exported are not known.

    ## Options
    None. The list itself is given with ``--retractions`` or
    ``[tool.verifier] retractions = "path"``, or imported with
    ``verifier lookups import`` and used by ``--lookup``.

    ## References
    Retraction Watch Database (retractiondatabase.org), distributed by Crossref
    (api.labs.crossref.org/data/retractionwatch); COPE Retraction guidelines (2019).
    """

    code = "CIT008"
    name = "retracted-reference"
    default_severity = Severity.ERROR
    scope = Scope.CLAIM
    needs_references = True

    def _severity(self, ref: Reference) -> Severity:
        return self.severity if ref.evidence.retraction is RetractionStatus.RETRACTED else Severity.INFO

    def _confidence(self, ref: Reference) -> Confidence:
        fuzzy = any(r.field == "retraction_list" and r.cue.startswith("title") for r in ref.evidence.reasons)
        return Confidence.MEDIUM if fuzzy else Confidence.HIGH

    def _suggestion(self, ref: Reference) -> str:
        if ref.evidence.retraction is RetractionStatus.RETRACTED:
            return "Remove the citation or replace it with a sound source; if the retraction is the point, say so in the sentence."
        return "Check the notice and whether the cited finding still stands."

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cited: set[str] = set()
        for claim in ctx.claims:
            links = ctx.links_by_claim.get(claim.id, [])
            mentions = bool(_MENTIONS_NOTICE.search(claim.text))
            seen: set[str] = set()
            for link in links:
                if link.status is not LinkStatus.LINKED or link.reference_key is None:
                    continue
                cited.add(link.reference_key)
                ref = ctx.references_by_key.get(link.reference_key)
                if ref is None or ref.key in seen or ref.evidence.retraction is RetractionStatus.NONE or mentions:
                    continue
                seen.add(ref.key)
                yield self.finding(
                    ctx,
                    start=link.marker_span.start,
                    end=link.marker_span.end,
                    message=f"Cites {entry_label(ref)}, which {_WORDS[ref.evidence.retraction]} "
                    f"({ref.evidence.retraction_source or 'retraction list'}).",
                    claim_id=claim.id,
                    reference_keys=[ref.key],
                    evidence=[reference_trigger(ref)],
                    suggestion=self._suggestion(ref),
                    confidence=self._confidence(ref),
                    severity=self._severity(ref),
                )
        for ref in ctx.references:
            if ref.key in cited or ref.span is None or ref.evidence.retraction is RetractionStatus.NONE:
                continue
            yield self.finding(
                ctx,
                start=ref.span.start,
                end=ref.span.end,
                message=f"Reference {entry_label(ref)} {_WORDS[ref.evidence.retraction]} "
                f"({ref.evidence.retraction_source or 'retraction list'}).",
                reference_keys=[ref.key],
                evidence=[reference_trigger(ref)],
                suggestion=self._suggestion(ref),
                confidence=self._confidence(ref),
                severity=self._severity(ref),
            )
