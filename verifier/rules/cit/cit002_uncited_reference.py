"""CIT002 uncited-reference."""

from __future__ import annotations

from collections.abc import Iterator

from references.dedupe import find_duplicates
from references.models import LinkStatus
from verifier.models import Confidence, Finding, Severity
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.cit._entries import entry_label, entry_range


class UncitedReference(Rule):
    """A reference entry that no citation marker cites.

    ## What it flags
    Each entry of the reference list (or of the given bibliography file) that
    no marker in the text resolves to. When the text has no citation markers
    at all, one info finding says so instead of one per entry.

    ## Why it matters
    An uncited entry pads the list, or shows that a citation was lost in
    editing and a claim now stands without its source.

    ## Example
    ```
    Ketamine has rapid antidepressant effects [1].

    References
    1. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. 2000;47(4):351-354.
    2. Zarate CA, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
    ```
    Use instead:
    ```
    Ketamine has rapid antidepressant effects [1, 2].

    References
    1. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. 2000;47(4):351-354.
    2. Zarate CA, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864.
    ```

    ## Known problems
    Markers lost when text is copied from a PDF (superscripts flattened into
    digits) leave their entries uncited; when more than half the entries are
    uncited the findings carry low confidence. A .bib file shared by several
    manuscripts holds many entries a given one does not cite. Entries that
    repeat another entry are left to CIT003, and the candidates of an
    ambiguous or year-mismatched citation count as cited.

    ## Options
    None.

    ## References
    LaTeX's and biber's "unused entry" checks; citeproc-py's uncited-items list.
    """

    code = "CIT002"
    name = "uncited-reference"
    default_severity = Severity.WARNING
    scope = Scope.REFERENCE
    needs_references = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if not ctx.references:
            return
        if not ctx.links:
            start, end = entry_range(ctx.references[0])
            yield self.finding(
                ctx,
                start=start,
                end=end,
                message=f"none of the {len(ctx.references)} reference entries is cited: no citation markers were found in the text",
                severity=Severity.INFO,
                confidence=Confidence.LOW,
                suggestion="cite each entry where it supports the text, e.g. [1] or (Smith et al., 2020)",
            )
            return
        cited: set[str] = set()
        for link in ctx.links:
            if link.reference_key is not None and link.status in (LinkStatus.LINKED, LinkStatus.CONTINUATION):
                cited.add(link.reference_key)
            cited.update(link.candidates)
        repeats = {d.duplicate for d in find_duplicates(ctx.references)}
        uncited = [r for r in ctx.references if r.key not in cited and r.key not in repeats]
        confidence = Confidence.LOW if len(uncited) * 2 > len(ctx.references) else Confidence.HIGH
        for ref in uncited:
            start, end = entry_range(ref)
            yield self.finding(
                ctx,
                start=start,
                end=end,
                message=f"reference {entry_label(ref)} is not cited in the text",
                reference_keys=[ref.key],
                confidence=confidence,
                suggestion="cite it where it supports a claim, or remove it from the list",
            )
