"""CIT009 non-peer-reviewed-source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from references.models import LinkStatus, Reference, SourceType
from verifier.models import Confidence, Finding, Severity
from verifier.rules._evidence import reference_trigger
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.cit._entries import entry_label

# The sentence already tells the reader the source is not peer reviewed.
_SAYS_PREPRINT = re.compile(
    r"\bpre-?prints?\b|\bnot\s+(?:yet\s+)?(?:been\s+)?peer[-\s]reviewed\b|\bnon[-\s]peer[-\s]reviewed\b|"
    r"\bbiorxiv\b|\bmedrxiv\b|\barxiv\b|\bssrn\b|\bresearch\s+square\b|\bunpublished\b|\bunder\s+review\b",
    re.I,
)
_KIND = {SourceType.PREPRINT: "a preprint", SourceType.WEB_PAGE: "a web page", SourceType.NEWS: "a news article"}


class Cit009Options(BaseModel):
    """Options of CIT009."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    report_web_pages: bool = Field(default=True, alias="report-web-pages")


class NonPeerReviewedSource(Rule):
    """A preprint or web page is cited for a scientific claim.

    ## What it flags
    A check-worthy claim whose citation resolves to a preprint (bioRxiv,
    medRxiv, arXiv, SSRN, Research Square ...; known by venue, URL or DOI
    prefix), a web page (health sites, clinic and company pages,
    encyclopedias, agency pages) or a news article. Preprints are a warning;
    web pages and news are info. One finding per claim and cited work, at
    the citation marker.

    ## Why it matters
    A preprint has not been through peer review and often changes, or is never
    published; a web page or news story is a secondary account. A reader
    should know which claims rest on such sources.

    ## Example
    ```
    Dexamethasone reduces deaths among patients receiving invasive mechanical ventilation [1].

    References
    1. Horby P, Lim WS, Emberson J, et al. Effect of dexamethasone in hospitalized patients with COVID-19: preliminary report. medRxiv. 2020. doi:10.1101/2020.06.22.20137273
    ```
    Use instead:
    ```
    A preprint reported that dexamethasone reduced deaths among patients receiving invasive mechanical ventilation [1].

    References
    1. Horby P, Lim WS, Emberson J, et al. Effect of dexamethasone in hospitalized patients with COVID-19: preliminary report. medRxiv. 2020. doi:10.1101/2020.06.22.20137273
    ```

    ## Known problems
    Severity: preprints are a warning because they are cited as research
    findings; web pages and news are info because they are rarely cited for
    research results, and a clinical claim resting only on them is SUP002's
    business (so the two rules do not raise the same alarm twice at warning
    level). A preprint that has since been published in a journal is still
    flagged: cite the published version. A sentence that says the source is a
    preprint ("a preprint reported", "not yet peer reviewed", "medRxiv") is
    not flagged. Entries with too little metadata to tell their kind are
    never flagged; a guideline body's site (NICE, USPSTF) is not a web page.

    ## Options
    ``report-web-pages`` (default true): set false to report preprints only.

    ## References
    ASAPbio list of preprint servers; Crossref posted-content DOI prefixes; ICMJE recommendations on
    preprints (2023).
    """

    code = "CIT009"
    name = "non-peer-reviewed-source"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    needs_references = True
    options_model = Cit009Options

    def _kinds(self) -> set[SourceType]:
        opts = self.options
        web = bool(getattr(opts, "report_web_pages", True))
        return {SourceType.PREPRINT, SourceType.WEB_PAGE, SourceType.NEWS} if web else {SourceType.PREPRINT}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        kinds = self._kinds()
        for claim in ctx.claims:
            if not claim.checkworthy:
                continue
            says_preprint = bool(_SAYS_PREPRINT.search(claim.text))
            seen: set[str] = set()
            for link in ctx.links_by_claim.get(claim.id, []):
                if link.status is not LinkStatus.LINKED or link.reference_key is None:
                    continue
                ref: Reference | None = ctx.references_by_key.get(link.reference_key)
                if ref is None or ref.key in seen or ref.source_type not in kinds:
                    continue
                if ref.source_type is SourceType.PREPRINT and says_preprint:
                    continue
                seen.add(ref.key)
                preprint = ref.source_type is SourceType.PREPRINT
                yield self.finding(
                    ctx,
                    start=link.marker_span.start,
                    end=link.marker_span.end,
                    message=f"Claim rests on {entry_label(ref)}, {_KIND[ref.source_type]} (not peer reviewed).",
                    claim_id=claim.id,
                    reference_keys=[ref.key],
                    evidence=[reference_trigger(ref)],
                    suggestion="Cite the peer-reviewed version, or say in the sentence that the source is a preprint."
                    if preprint
                    else "Cite the primary peer-reviewed study behind this page.",
                    confidence=Confidence.HIGH if preprint else Confidence.MEDIUM,
                    severity=self.severity if preprint else Severity.INFO,
                )
