"""Claim-rule findings on ordinary published research articles, to watch for false alarms.

Runs the whole pipeline (as ``verifier check FILE.xml -f json`` does: JATS read directly,
default configuration) on every PLOS and eLife article of ``../shared/bench/fulltext_citations``
and prints, per claim rule (SUP, OVR, CON, STA), the number of findings and findings per
1,000 sentences, for each journal and overall. No labels are needed: these articles are
peer-reviewed, so a rule that fires often on them is crying wolf more often than not, and a
change in the rate shows drift. The verdicts of a hand review live in the project's notes,
not here (the articles may not be copied into the project).

Run: .venv/bin/python benchmarks/article_precision.py [--dump FILE.jsonl] [--jobs N]
``--dump`` writes one JSON line per claim-rule finding (file, code, section, quoted text, the
claim's sentence, message) for review.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.loading import load_document  # noqa: E402
from verifier.config import VerifierConfig  # noqa: E402
from verifier.pipeline import analyze  # noqa: E402
from verifier.registry import active_rules  # noqa: E402

DATA = ROOT / ".." / "shared" / "bench" / "fulltext_citations"
FAMILIES = ("SUP", "OVR", "CON", "STA")


def run(path: Path) -> dict:
    """Findings of one article, reduced to what the tables and the dump need."""
    doc = load_document(str(path))
    start = time.perf_counter()
    report = analyze(doc, VerifierConfig())
    seconds = time.perf_counter() - start
    claims = {c.id: c for c in report.claims}
    findings = []
    for f in report.findings:
        if not f.code.startswith(FAMILIES):
            continue
        claim = claims.get(f.claim_id) if f.claim_id else None
        findings.append(
            {
                "file": path.name,
                "code": f.code,
                "section": claim.section if claim else None,
                "quoted": " ".join(f.quoted.split())[:600],
                "sentence": " ".join(claim.text.split())[:600] if claim else None,
                "message": f.message,
            }
        )
    return {
        "file": path.name,
        "sentences": len(report.claims),
        "bytes": len(doc.text),
        "seconds": seconds,
        "findings": findings,
    }


def table(title: str, results: list[dict], codes: list[str]) -> None:
    sentences = sum(r["sentences"] for r in results)
    counts = Counter(f["code"] for r in results for f in r["findings"])
    with_any = Counter(code for r in results for code in {f["code"] for f in r["findings"]})
    print(f"\n{title}: {len(results)} articles, {sentences:,} sentences")
    print(f"  {'rule':<8}{'findings':>10}{'per 1k sent.':>14}{'articles':>10}")
    for code in codes:
        print(f"  {code:<8}{counts[code]:>10}{1000 * counts[code] / max(sentences, 1):>14.2f}{with_any[code]:>10}")
    total = sum(counts.values())
    print(
        f"  {'all':<8}{total:>10}{1000 * total / max(sentences, 1):>14.2f}{sum(1 for r in results if r['findings']):>10}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, help="write every claim-rule finding as JSON lines")
    parser.add_argument("--jobs", type=int, default=4)
    args = parser.parse_args()
    journals = {name: sorted((DATA / name).glob("*.xml")) for name in ("jats_plos", "jats_elife")}
    if not any(journals.values()):
        print(f"no articles under {DATA}; nothing to measure")
        return
    codes = sorted(r.code for r in active_rules(VerifierConfig(), "x.xml") if r.code.startswith(FAMILIES))
    results: dict[str, list[dict]] = {}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for name, paths in journals.items():
            results[name] = list(pool.map(run, paths))
    for name, res in results.items():
        table(name, res, codes)
    everything = [r for res in results.values() for r in res]
    table("all articles", everything, codes)
    mb = sum(r["bytes"] for r in everything) / 1e6
    seconds = sum(r["seconds"] for r in everything)
    print(f"\npipeline: {mb:.1f} MB of XML in {seconds:.1f} s of worker time ({mb / seconds:.2f} MB/s per core)")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for r in everything:
                for f in r["findings"]:
                    out.write(json.dumps(f, ensure_ascii=False) + "\n")
        print(f"findings written to {args.dump}")


if __name__ == "__main__":
    main()
