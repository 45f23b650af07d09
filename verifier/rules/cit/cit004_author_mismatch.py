"""CIT004 author-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from claims.models import Claim, MarkerStyle
from references.linking import DEFAULT_THRESHOLD, name_similarity
from references.models import Reference
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.cit._entries import entry_label


class AuthorMismatch(Rule):
    """The sentence names an author who is not among the authors of the works it cites.

    ## What it flags
    A narrative mention ("Nobler and colleagues", "Murrough et al.") in a
    sentence whose citations resolve to entries none of which has that
    author. When another entry of the list does have the author, the finding
    names it: the citation number is probably wrong.

    ## Why it matters
    A wrong number sends readers to the wrong paper and attributes a finding
    to people who did not report it.

    ## Example
    ```
    Nobler and colleagues reported reduced regional blood flow after treatment [2].

    References
    1. Nobler MS, Oquendo MA, Kegeles LS, et al. Decreased regional brain metabolism after ECT. Am J Psychiatry. 2001;158(2):305-308.
    2. Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in treatment-resistant major depression. Am J Psychiatry. 2013;170(10):1134-1142.
    ```
    Use instead:
    ```
    Nobler and colleagues reported reduced regional blood flow after treatment [1].

    References
    1. Nobler MS, Oquendo MA, Kegeles LS, et al. Decreased regional brain metabolism after ECT. Am J Psychiatry. 2001;158(2):305-308.
    2. Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in treatment-resistant major depression. Am J Psychiatry. 2013;170(10):1134-1142.
    ```

    ## Known problems
    A sentence that names one group and cites another group's work for a
    different point ("unlike Smith et al., we … [4]") is flagged. Entries
    whose author list was cut short ("et al." after six names) may miss a
    later author. Sentences without a resolved citation, and entries without
    authors (web pages), are not checked.

    ## Options
    None.

    ## References
    Sarol et al. (2024), citation-integrity error types (MISQUOTE); name matching with rapidfuzz.
    """

    code = "CIT004"
    name = "author-mismatch"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    needs_references = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        first_authors: dict[str, list[Reference]] = {}
        for ref in ctx.references:
            if ref.authors:
                first_authors.setdefault(ref.authors[0].family, []).append(ref)
        for claim in ctx.claims:
            narrative = [m for m in claim.markers if m.style is MarkerStyle.NARRATIVE and m.authors]
            if not narrative:
                continue
            cited = [r for r in ctx.cited_references(claim, include_continuation=False) if r.authors]
            if not cited:
                continue
            for marker in narrative:
                for author in marker.authors:
                    if any(_has_author(ref, author) for ref in cited):
                        continue
                    yield self._finding(ctx, claim, marker.span.start, marker.span.end, author, cited, first_authors)
                    break

    def _finding(
        self,
        ctx: RuleContext,
        claim: Claim,
        start: int,
        end: int,
        author: str,
        cited: list[Reference],
        first_authors: dict[str, list[Reference]],
    ) -> Finding:
        elsewhere = [
            ref
            for family, refs in first_authors.items()
            if name_similarity(author, family) >= DEFAULT_THRESHOLD
            for ref in refs
            if ref not in cited
        ]
        names = ", ".join(f"{entry_label(r)} ({r.authors[0].family})" for r in cited[:4])
        hint = f"; {entry_label(elsewhere[0])} is by {elsewhere[0].authors[0].family}" if elsewhere else ""
        return self.finding(
            ctx,
            start=start,
            end=end,
            message=f"the sentence names {author}, who is not an author of the cited {names}{hint}",
            claim_id=claim.id,
            reference_keys=[r.key for r in cited],
            evidence=[
                Trigger(kind="reference", text=f"{r.key}: {r.authors[0].family}", reference_key=r.key)
                for r in cited[:4]
            ],
            confidence=Confidence.HIGH if elsewhere else Confidence.MEDIUM,
            suggestion=(
                f"cite {entry_label(elsewhere[0])} here"
                if elsewhere
                else f"cite the work by {author}, or correct the name"
            ),
        )


def _has_author(ref: Reference, author: str) -> bool:
    return any(name_similarity(author, a.family) >= DEFAULT_THRESHOLD for a in ref.authors)
