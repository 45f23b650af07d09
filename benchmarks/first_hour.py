"""Figures for issue 17's "new user's first hour" (CLI and the HTML report an editor reads).

Prints, for the code as it is: the CIT002 findings on a 999-entry bibliography with 58 cited
(synthetic, seeded), seed 000's marker counts as the summary and CIT001 state them, how its
claims are shown in the HTML report (checked / not checked / red markers), and how far into a
JATS article's manuscript view its first claim starts (characters of whitespace before it).
The shared corpus parts are skipped when ../shared is absent.
Run: .venv/bin/python benchmarks/first_hour.py
"""

from __future__ import annotations

import io
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.loading import load_document  # noqa: E402
from reports import RenderOptions, render  # noqa: E402
from verifier.config import VerifierConfig  # noqa: E402
from verifier.pipeline import Inputs, analyze  # noqa: E402

SHARED = ROOT.parent / "shared"
WORDS = "ketamine mood sleep memory cortex trial cohort outcome dose relapse anxiety stress insulin glucose".split()


def _master_bib() -> None:
    rng = random.Random(17)
    with tempfile.TemporaryDirectory() as tmp:
        bib, paper = Path(tmp) / "master.bib", Path(tmp) / "paper.md"
        bib.write_text(
            "\n".join(
                f"@article{{k{i:03d}, author = {{Surname{i}, A.}}, title = {{{' '.join(rng.sample(WORDS, 6))}}}, "
                f"journal = {{J Psychiatr Res}}, year = {{{1950 + i % 70}}}}}\n"
                for i in range(1, 1000)
            ),
            encoding="utf-8",
        )
        paper.write_text(
            "\n\n".join(f"Finding {i} held in adults [@k{i:03d}]." for i in range(1, 59)), encoding="utf-8"
        )
        cfg = VerifierConfig(select=["CIT002"])
        report = analyze(load_document(str(paper)), cfg, Inputs(reference_files=[str(bib)]))
    found = report.findings
    listed = sum(len(f.evidence) for f in found if len(f.evidence) > 1)
    print(f"999-entry .bib, 58 cited: {len(found)} CIT002 finding(s), {listed} uncited entries listed in evidence")


def _html(report, text: str) -> str:
    out = io.StringIO()
    render("html", report, out, RenderOptions(source_text=text))
    return out.getvalue()


def _seed_000() -> None:
    seeds = sorted((SHARED / "corpus" / "seeds").glob("000_*.txt"))
    if not seeds:
        print("seed 000: ../shared/corpus absent, skipped")
        return
    doc = load_document(str(seeds[0]))
    report = analyze(doc, VerifierConfig())
    s = report.summary
    stated = [f.message.split(",")[0] for f in report.findings if f.code == "CIT001"]
    print(
        f"seed 000 summary: markers {s.markers} = {getattr(s, 'citation_markers', '?')} citation markers + "
        f"{getattr(s, 'author_mentions', '?')} author mentions; CIT001 says {stated}"
    )
    markup = _html(report, doc.text)
    counts = {name: markup.count(f'class="claim {name}" id=') for name in ("v-supported", "v-not-checked")}
    red = markup.count('class="marker dangling"')
    banner_first = 0 <= markup.find('id="document-problems"') < markup.find('id="overview"')
    print(
        f"seed 000 HTML: {counts['v-not-checked']} claims not checked, {counts['v-supported']} checked with nothing "
        f"found, {red} red dangling markers, banner first: {banner_first}"
    )


def _jats() -> None:
    articles = sorted((SHARED / "bench" / "fulltext_citations" / "jats_plos").glob("*.xml"))[:5]
    if not articles:
        print("JATS: ../shared/bench absent, skipped")
        return
    for path in articles:
        doc = load_document(str(path))
        markup = _html(analyze(doc, VerifierConfig()), doc.text)
        view = markup.split('aria-label="Manuscript text">', 1)[1]
        before_first_claim = re.sub(r"<[^>]+>", "", view.split('<mark class="claim', 1)[0])
        blank = sum(ch.isspace() for ch in before_first_claim)
        print(f"JATS {path.name}: {blank} whitespace characters shown before the first claim")


if __name__ == "__main__":
    _master_bib()
    _seed_000()
    _jats()
