"""CIT003 duplicate-reference."""

from __future__ import annotations

from collections.abc import Iterator

from references.dedupe import Duplicate, find_duplicates
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.cit._entries import entry_label, entry_range


class DuplicateReference(Rule):
    """Two reference entries for the same work.

    ## What it flags
    A later entry with the same DOI as an earlier one, a BibTeX/CSL/RIS key
    used twice, or an entry whose year, first (and second) author and title
    match an earlier one up to punctuation, case, word order and small typos.

    ## Why it matters
    A work listed twice makes the evidence look broader than it is, and the
    two numbers are often cited for different claims, so readers cannot tell
    they are one source.

    ## Example
    ```
    Magnetic stimulation induces plasticity in slice cultures [1], and in the hippocampus [2].

    References
    1. Vlachos A, Müller-Dahlhaus F, Rosskopp J, et al. Repetitive magnetic stimulation induces functional and structural plasticity of excitatory postsynapses in mouse organotypic hippocampal slice cultures. J Neurosci. 2012;32(48):17514-17523.
    2. Vlachos A, Muller-Dahlhaus F, Rosskopp J, et al. Repetitive magnetic stimulation induces functional and structural plasticity of excitatory postsynapses in mouse organotypic hippocampal slice cultures. J Neurosci. 2012;32(48):17514-23.
    ```
    Use instead:
    ```
    Magnetic stimulation induces plasticity in hippocampal slice cultures [1].

    References
    1. Vlachos A, Müller-Dahlhaus F, Rosskopp J, et al. Repetitive magnetic stimulation induces functional and structural plasticity of excitatory postsynapses in mouse organotypic hippocampal slice cultures. J Neurosci. 2012;32(48):17514-17523.
    ```

    ## Known problems
    Two parts of one study with near-identical titles (Part I / Part II) in
    the same year can look alike; a differing volume or DOI keeps them apart.
    Entries without a year, first author, or a title of three words are not
    compared.

    ## Options
    None.

    ## References
    rapidfuzz `token_sort_ratio`; the duplicate-record checks of Zotero and JabRef.
    """

    code = "CIT003"
    name = "duplicate-reference"
    default_severity = Severity.WARNING
    scope = Scope.REFERENCE
    needs_references = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for dup in find_duplicates(ctx.references):
            original = ctx.references_by_key.get(dup.original)
            repeat = ctx.references_by_key.get(dup.duplicate)
            if repeat is None:
                continue
            yield self._finding(
                ctx,
                dup,
                original_label=entry_label(original) if original else repr(dup.original),
                repeat_label=entry_label(repeat),
                start_end=entry_range(repeat),
            )

    def _finding(
        self, ctx: RuleContext, dup: Duplicate, *, original_label: str, repeat_label: str, start_end: tuple[int, int]
    ) -> Finding:
        start, end = start_end
        return self.finding(
            ctx,
            start=start,
            end=end,
            message=f"reference {repeat_label} repeats {original_label} ({dup.reason})",
            reference_keys=[dup.original, dup.duplicate],
            evidence=[
                Trigger(
                    kind="reference", text=dup.reason, reference_key=dup.original, detail=f"similarity {dup.score:.2f}"
                )
            ],
            confidence=Confidence.HIGH if dup.score >= 0.97 else Confidence.MEDIUM,
            suggestion=f"keep one entry and cite it as {original_label} throughout",
        )
