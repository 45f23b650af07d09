"""Rendering speed: every report format on the report of a ~2 MB manuscript.

The report is synthetic and built by hand (no pipeline run): ~20k claims, one
marker and link each, a finding on every fourth claim, 400 references. The
bar from the brief is under 2 s per format. Prints one line per format.
Run: .venv/bin/python benchmarks/render.py
"""

from __future__ import annotations

import gc
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.models import CitationMarker, Claim, MarkerStyle  # noqa: E402
from claims.spans import LineIndex  # noqa: E402
from references.models import EvidenceAssessment, EvidenceLevel, Link, Reference, StudyDesign  # noqa: E402
from reports import FORMATS, RenderOptions, RuleInfo  # noqa: E402
from verifier.models import Finding, InputInfo, Report, Severity, Suggestion, Summary, ToolInfo, Trigger  # noqa: E402

TARGET_BYTES = 2_000_000
N_REFS = 400
SUBJECTS = ("Sleep loss", "Aerobic exercise", "The <b>new</b> drug", "Caffeine & sugar", "Ketamine", "Mindfulness")
VERBS = ("causes", "is associated with", "always improves", "reduces", "may increase", "proves to reverse")
OBJECTS = ("memory in adults", "fatigue, p = 0.04", "depressive symptoms (n = 120)", "recall in mice", "blood pressure")
CODES = (
    ("OVR002", "causal-from-correlational", Severity.WARNING),
    ("OVR005", "absolute-language", Severity.INFO),
    ("CIT001", "dangling-citation", Severity.ERROR),
    ("OVR003", "species-extrapolation", Severity.ERROR),
)
LEVELS = list(EvidenceLevel)


def build() -> tuple[Report, str]:
    parts: list[str] = []
    sentences: list[tuple[int, int, int, int]] = []  # start, end, marker start, marker number
    pos, i = 0, 0
    while pos < TARGET_BYTES - 40_000:
        ref_no = i % N_REFS + 1
        body = f"{SUBJECTS[i % 6]} {VERBS[i % 5]} {OBJECTS[i % 4]} in study {i} "
        marker = f"[{ref_no}]"
        sentence = body + marker + "."
        sep = "\n" if i % 3 == 2 else " "
        sentences.append((pos, pos + len(sentence), pos + len(body), ref_no))
        parts.append(sentence + sep)
        pos += len(sentence) + len(sep)
        i += 1
    parts.append("\nReferences\n")
    ref_lines = [f"{n}. Author{n} A. Title of study {n}. Journal. 20{n % 25:02d}.\n" for n in range(1, N_REFS + 1)]
    text = "".join(parts) + "".join(ref_lines)
    lines = LineIndex(text)
    claims, links, findings = [], [], []
    for k, (start, end, m_start, ref_no) in enumerate(sentences):
        m_end = m_start + len(f"[{ref_no}]")
        m_span = lines.span(m_start, m_end)
        marker = CitationMarker(
            text=text[m_start:m_end], span=m_span, style=MarkerStyle.NUMERIC_BRACKET, keys=[str(ref_no)]
        )
        cid = f"c{k}"
        claims.append(
            Claim(id=cid, text=text[start:end], span=lines.span(start, end), markers=[marker], checkworthy=k % 7 != 0)
        )
        links.append(
            Link(
                claim_id=cid, marker_text=marker.text, marker_span=m_span, cited=str(ref_no), reference_key=str(ref_no)
            )
        )
        if k % 4 == 0:
            code, name, sev = CODES[(k // 4) % 4]
            v_start = start + len(SUBJECTS[k % 6]) + 1
            v_end = v_start + len(VERBS[k % 5])
            findings.append(
                Finding(
                    code=code,
                    name=name,
                    severity=sev,
                    message=f"'{text[v_start:v_end]}' overstates [{ref_no}].",
                    span=lines.span(v_start, v_end),
                    quoted=text[v_start:v_end],
                    claim_id=cid,
                    reference_keys=[str(ref_no)],
                    evidence=[
                        Trigger(kind="reference", text=f"[{ref_no}]", reference_key=str(ref_no), evidence_level="4")
                    ],
                    suggestion=Suggestion(title="soften the verb", replacement="is associated with"),
                )
            )
    references = []
    offset = len(text) - sum(map(len, ref_lines))
    for n, line in enumerate(ref_lines, 1):
        references.append(
            Reference(
                key=str(n),
                number=n,
                raw=line.strip(),
                span=lines.span(offset, offset + len(line) - 1),
                evidence=EvidenceAssessment(level=LEVELS[n % len(LEVELS)], design=StudyDesign.COHORT, confidence=0.7),
            )
        )
        offset += len(line)
    report = Report(
        tool=ToolInfo(name="verifier", version="bench"),
        input=InputInfo(path="synthetic.txt", sha256="0" * 64, format="txt", encoding="utf-8", size=len(text.encode())),
        claims=claims,
        references=references,
        links=links,
        findings=findings,
        summary=Summary(
            claims=len(claims),
            checkworthy_claims=sum(c.checkworthy for c in claims),
            markers=len(claims),
            references=N_REFS,
        ),
    )
    return report, text


def main() -> None:
    t0 = time.perf_counter()
    report, text = build()
    print(
        f"synthetic report: {len(text) / 1e6:.2f} MB text, {len(report.claims)} claims, {len(report.links)} links, "
        f"{len(report.findings)} findings, {len(report.references)} references (built in {time.perf_counter() - t0:.1f} s)"
    )
    gc.collect()  # settle the collection building the report set off, so it is not charged to one format
    rules = [
        RuleInfo(code, name, f"{name} summary", why="why it matters", default_severity=sev) for code, name, sev in CODES
    ]
    worst = 0.0
    for fmt, renderer in FORMATS.items():
        variants = [("finding", "finding"), ("reference", "reference")] if fmt == "csv" else [("", "finding")]
        for label, by in variants:
            out = io.StringIO()
            options = RenderOptions(source_text=text, color=False, by=by, rules=rules)
            start = time.perf_counter()
            renderer(report, out, options=options)
            elapsed = time.perf_counter() - start
            worst = max(worst, elapsed)
            name = f"{fmt}({label})" if label else fmt
            print(
                f"{name:16s} {elapsed:6.3f} s  {len(out.getvalue()) / 1e6:7.2f} MB out  "
                f"{len(text) / 1e6 / elapsed:7.1f} MB/s of manuscript"
            )
    print(f"slowest format: {worst:.3f} s ({'PASS' if worst < 2.0 else 'FAIL'}: bar is < 2 s per format)")


if __name__ == "__main__":
    main()
