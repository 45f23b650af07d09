"""A hand-built report over a small hostile manuscript, shared by the reports tests.

The manuscript is written here (not copied from the corpus). It carries markup
that must never run (<script>, onerror=, javascript: links), rich markup look-
alikes ([@smith2020], :smile:), a spreadsheet formula, characters GitHub
annotations must escape (% , :), an astral-plane emoji before the claims (so
code-point offsets differ from UTF-16 ones), and a claim that spans two lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from claims.models import CitationMarker, Claim, ClaimFeatures, MarkerStyle
from claims.spans import LineIndex
from references.models import (
    Author,
    EvidenceAssessment,
    EvidenceLevel,
    EvidenceReason,
    Link,
    LinkStatus,
    Reference,
    SkippedInput,
    SourceType,
    Species,
    StudyDesign,
)
from reports.options import RuleInfo
from verifier.models import (
    Confidence,
    Finding,
    InputInfo,
    Report,
    Severity,
    Suggestion,
    Summary,
    ToolInfo,
    Trigger,
)

MANUSCRIPT = (
    "Sleep and memory \U0001f600 notes\n"
    "\n"
    "Sleep deprivation causes memory loss in adults [1]. Several studies show that napping improves "
    "recall (Smith et al., 2020).\n"
    "Caffeine always reverses fatigue [2,3].\n"
    "<script>window.__pwned = 1</script> Melatonin was\n"
    "well tolerated in mice [4].\n"
    '=HYPERLINK("http://evil") <img src=x onerror="window.__pwned=2"> and '
    "[x](javascript:window.__pwned=3) [@smith2020] :smile: 50%, p = 0.2.\n"
    "The sky is blue.\n"
    "\n"
    "References\n"
    "1. Doe J. Sleep loss and memory: a cross-sectional survey. J Sleep. 2019.\n"
    "2. Roe A, Poe B. Caffeine and fatigue: a randomized controlled trial. Lancet. 2021.\n"
    "3. Coffee blog. https://example.com/coffee\n"
    "4. Kim H. Melatonin in mice. Lab Anim. 2018.\n"
    "5. Uncited U. An uncited narrative review. 2017.\n"
)

RULES = (
    RuleInfo(
        "OVR002",
        "causal-from-correlational",
        "Causal wording resting on correlational evidence.",
        why="Correlation does not show cause.",
        help="Say 'is associated with'.",
        url="https://verifier.invalid/rules/OVR002",
    ),
    RuleInfo(
        "SUP003",
        "plural-claim-single-source",
        "A plural claim with fewer than two citations.",
        why="'Studies show' promises more than one study.",
    ),
    RuleInfo(
        "CIT001", "dangling-citation", "A marker cites an entry that does not exist.", default_severity=Severity.ERROR
    ),
    RuleInfo("OVR005", "absolute-language", "Absolute words such as always and never.", default_severity=Severity.INFO),
    RuleInfo(
        "OVR003",
        "species-extrapolation",
        "A claim about people resting on animal studies.",
        default_severity=Severity.ERROR,
    ),
    RuleInfo("CIT002", "uncited-reference", "A reference entry that no marker cites.", default_severity=Severity.INFO),
)


@dataclass
class Sample:
    report: Report
    text: str
    lines: LineIndex

    def at(self, needle: str, after: int = 0) -> tuple[int, int]:
        start = self.text.index(needle, after)
        return start, start + len(needle)


def _build() -> Sample:
    text = MANUSCRIPT
    lines = LineIndex(text)
    sample = Sample(report=None, text=text, lines=lines)  # type: ignore[arg-type]

    def span(needle: str, after: int = 0):
        return lines.span(*sample.at(needle, after))

    def marker(needle: str, style: MarkerStyle, keys: list[str]) -> CitationMarker:
        return CitationMarker(text=needle, span=span(needle), style=style, keys=keys)

    def claim(cid: str, sentence: str, markers: list[CitationMarker], checkworthy: bool = True) -> Claim:
        return Claim(
            id=cid,
            text=sentence,
            span=span(sentence),
            markers=markers,
            checkworthy=checkworthy,
            features=ClaimFeatures(),
        )

    m1 = marker("[1]", MarkerStyle.NUMERIC_BRACKET, ["1"])
    m2 = marker("(Smith et al., 2020)", MarkerStyle.AUTHOR_YEAR, ["Smith et al. 2020"])
    m3 = marker("[2,3]", MarkerStyle.NUMERIC_BRACKET, ["2", "3"])
    m4 = marker("[4]", MarkerStyle.NUMERIC_BRACKET, ["4"])
    hostile = '=HYPERLINK("http://evil") <img src=x onerror="window.__pwned=2"> and [x](javascript:window.__pwned=3) [@smith2020] :smile: 50%, p = 0.2.'
    claims = [
        claim("c1", "Sleep deprivation causes memory loss in adults [1].", [m1]),
        claim("c2", "Several studies show that napping improves recall (Smith et al., 2020).", [m2]),
        claim("c3", "Caffeine always reverses fatigue [2,3].", [m3]),
        claim("c4", "Melatonin was\nwell tolerated in mice [4].", [m4]),
        claim("c5", hostile, []),
        claim("c6", "The sky is blue.", [], checkworthy=False),
    ]

    def ref(key: str, line: str, level: EvidenceLevel, design: StudyDesign, **kw) -> Reference:
        start, end = sample.at(line)
        return Reference(
            key=key,
            number=int(key),
            raw=line,
            span=lines.span(start, end),
            evidence=EvidenceAssessment(level=level, design=design, confidence=0.8, **kw),
        )

    references = [
        ref(
            "1",
            "Doe J. Sleep loss and memory: a cross-sectional survey. J Sleep. 2019.",
            EvidenceLevel.L4,
            StudyDesign.CROSS_SECTIONAL,
            species=Species.HUMAN,
            reasons=[EvidenceReason(field="title", cue="cross-sectional", conclusion="design=cross_sectional")],
        ),
        ref(
            "2",
            "Roe A, Poe B. Caffeine and fatigue: a randomized controlled trial. Lancet. 2021.",
            EvidenceLevel.L2,
            StudyDesign.RCT,
            reasons=[EvidenceReason(field="title", cue="randomized controlled trial", conclusion="design=rct")],
        ),
        ref(
            "3",
            "Coffee blog. https://example.com/coffee",
            EvidenceLevel.NON_SCHOLARLY,
            StudyDesign.WEB_PAGE,
            peer_reviewed=False,
        ),
        ref(
            "4",
            "Kim H. Melatonin in mice. Lab Anim. 2018.",
            EvidenceLevel.PRECLINICAL,
            StudyDesign.ANIMAL_STUDY,
            species=Species.ANIMAL,
            reasons=[EvidenceReason(field="title", cue="mice", conclusion="species=animal")],
        ),
        ref("5", "Uncited U. An uncited narrative review. 2017.", EvidenceLevel.L5, StudyDesign.NARRATIVE_REVIEW),
    ]
    references[0] = references[0].model_copy(
        update={"authors": [Author(family="Doe", given="J")], "year": "2019", "doi": "10.1000/sleep.1"}
    )
    references[2] = references[2].model_copy(
        update={"url": "https://example.com/coffee", "source_type": SourceType.WEB_PAGE}
    )

    def link(cid: str, m: CitationMarker, cited: str, key: str | None, status=LinkStatus.LINKED) -> Link:
        return Link(claim_id=cid, marker_text=m.text, marker_span=m.span, cited=cited, reference_key=key, status=status)

    links = [
        link("c1", m1, "1", "1"),
        link("c2", m2, "Smith et al. 2020", None, LinkStatus.DANGLING),
        link("c3", m3, "2", "2"),
        link("c3", m3, "3", "3"),
        link("c4", m4, "4", "4"),
    ]

    def finding(
        code: str,
        name: str,
        sev: Severity,
        needle: str,
        message: str,
        claim_id: str | None,
        keys: list[str] | None = None,
        evidence: list[Trigger] | None = None,
        suggestion: Suggestion | None = None,
        after: int = 0,
    ) -> Finding:
        start, end = sample.at(needle, after)
        return Finding(
            code=code,
            name=name,
            severity=sev,
            confidence=Confidence.MEDIUM,
            message=message,
            span=lines.span(start, end),
            quoted=text[start:end],
            claim_id=claim_id,
            reference_keys=keys or [],
            evidence=evidence or [],
            suggestion=suggestion,
            url=f"https://verifier.invalid/rules/{code}",
        )

    findings = [
        finding(
            "OVR002",
            "causal-from-correlational",
            Severity.WARNING,
            "causes",
            "'causes' states a causal effect, but [1] is a cross-sectional survey (level 4).",
            "c1",
            ["1"],
            [
                Trigger(kind="cue", text="causes", span=span("causes")),
                Trigger(kind="reference", text="[1] Doe 2019", reference_key="1", evidence_level="4"),
            ],
            Suggestion(title="soften 'causes' to 'is associated with'", replacement="is associated with"),
        ),
        finding(
            "SUP003",
            "plural-claim-single-source",
            Severity.WARNING,
            "Several studies show",
            "'Several studies show' rests on one citation.",
            "c2",
            suggestion=Suggestion(title="cite the studies, or say 'one study suggests'"),
        ),
        finding(
            "CIT001",
            "dangling-citation",
            Severity.ERROR,
            "(Smith et al., 2020)",
            "(Smith et al., 2020) matches no reference entry.",
            "c2",
            suggestion=Suggestion(title="add the entry to the reference list"),
        ),
        finding(
            "OVR005",
            "absolute-language",
            Severity.INFO,
            "always",
            "'always' admits no exception.",
            "c3",
            ["2", "3"],
            suggestion=Suggestion(title="say 'often'", replacement="often"),
        ),
        finding(
            "OVR003",
            "species-extrapolation",
            Severity.ERROR,
            "Melatonin was\nwell tolerated",
            "A claim about tolerance, key: mice only, 100% of cited work is animal (see [4]).",
            "c4",
            ["4"],
            [Trigger(kind="reference", text="[4] Kim 2018", reference_key="4", evidence_level="preclinical")],
            Suggestion(title="cite a human study, or say 'in mice'"),
        ),
        finding(
            "OVR005",
            "absolute-language",
            Severity.INFO,
            '=HYPERLINK("http://evil")',
            "formula-like text, with commas: and 50% signs",
            "c5",
        ),
        finding(
            "CIT002",
            "uncited-reference",
            Severity.INFO,
            "Uncited U. An uncited narrative review. 2017.",
            "Reference 5 is never cited.",
            None,
            ["5"],
        ),
    ]
    by_code: dict[str, int] = {}
    by_sev: dict[str, int] = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
        by_sev[f.severity.value] = by_sev.get(f.severity.value, 0) + 1
    report = Report(
        tool=ToolInfo(name="verifier", version="0.1.0"),
        input=InputInfo(
            path="papers/sleep notes.txt",
            sha256="ab" * 32,
            format="txt",
            encoding="utf-8",
            size=len(text.encode("utf-8")),
        ),
        claims=claims,
        references=references,
        links=links,
        findings=findings,
        skipped=[SkippedInput(what="bib entry", where="refs.bib:12", why="unbalanced braces <b>")],
        summary=Summary(
            claims=len(claims),
            checkworthy_claims=5,
            markers=4,
            references=len(references),
            findings_by_code=by_code,
            findings_by_severity=by_sev,
        ),
    )
    sample.report = report
    return sample


@pytest.fixture(scope="session")
def sample() -> Sample:
    return _build()


@pytest.fixture(scope="session")
def rules() -> tuple[RuleInfo, ...]:
    return RULES
