"""CIT002 uncited-reference."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from references.dedupe import find_duplicates
from references.models import LinkStatus, Reference
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.cit._entries import entry_label, entry_range


class Cit002Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summarize_share: float = Field(default=0.5, ge=0, le=1)  # a file with more uncited entries than this share...
    summarize_min: int = Field(default=20, ge=1)  # ...and at least this many gets one summary finding


class UncitedReference(Rule):
    """A reference entry that no citation marker cites.

    ## What it flags
    Each entry of the reference list (or of the given bibliography file) that
    no marker in the text resolves to. When the text has no citation markers
    at all, one info finding says so instead of one per entry. When most
    entries of a bibliography file are uncited (a lab's master `.bib` given
    with `--refs`), one info finding names the file and the counts, and lists
    every uncited entry in its evidence, instead of a warning per entry.

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
    `summarize-share` (default 0.5) and `summarize-min` (default 20): a bibliography
    file whose uncited entries are more than this share of its entries, and at
    least this many, gets the one summary finding (999 entries, 58 cited: one
    finding listing 941, not 941 warnings). Set `summarize-share = 1` for one
    finding per entry always.

    ## References
    LaTeX's and biber's "unused entry" checks; citeproc-py's uncited-items list.
    """

    code = "CIT002"
    name = "uncited-reference"
    default_severity = Severity.WARNING
    scope = Scope.REFERENCE
    needs_references = True
    options_model = Cit002Options

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
        summarized = self._summarized_files(ctx.references, uncited)
        for path, entries in summarized.items():
            yield self._file_summary(ctx, path, entries, ctx.references, cited)
        for ref in uncited:
            if ref.source_path in summarized and ref.span is None:
                continue
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

    def _summarized_files(self, references: list[Reference], uncited: list[Reference]) -> dict[str, list[Reference]]:
        """Bibliography files most of whose entries are uncited, with those entries, in file order."""
        total: dict[str, int] = {}
        for ref in references:
            if ref.source_path and ref.span is None:
                total[ref.source_path] = total.get(ref.source_path, 0) + 1
        by_file: dict[str, list[Reference]] = {}
        for ref in uncited:
            if ref.source_path in total and ref.span is None:
                by_file.setdefault(ref.source_path, []).append(ref)
        options: Cit002Options = self.options  # type: ignore[assignment]
        return {
            path: refs
            for path, refs in by_file.items()
            if len(refs) >= options.summarize_min and len(refs) > options.summarize_share * total[path]
        }

    def _file_summary(
        self, ctx: RuleContext, path: str, entries: list[Reference], references: list[Reference], cited: set[str]
    ) -> Finding:
        """One finding for a bibliography file most of whose entries are uncited, listing them."""
        in_file = [r for r in references if r.source_path == path and r.span is None]
        n_cited = sum(1 for r in in_file if r.key in cited)
        repeats = len(in_file) - n_cited - len(entries)
        also = f", {repeats} repeating another entry (CIT003)" if repeats else ""
        return self.finding(
            ctx,
            start=0,
            end=0,
            message=f"{len(entries)} of the {len(in_file)} entries of {path} are not cited in the text "
            f"({n_cited} cited{also}); the uncited entries are listed in this finding's evidence",
            reference_keys=[r.key for r in entries],
            evidence=[Trigger(kind="reference", text=entry_label(r), reference_key=r.key) for r in entries],
            severity=Severity.INFO,
            confidence=Confidence.HIGH,
            suggestion=f"give a bibliography with only the cited works, or ignore CIT002 when {path} is a shared file",
        )
