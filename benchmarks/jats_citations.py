"""Citation-rule findings on published JATS articles, to watch for false alarms from markup.

Runs the whole pipeline (JATS read directly, default configuration) on every PLOS and eLife
article of ``../shared/bench/fulltext_citations`` and prints the counts of the citation rules
that markup can mislead: CIT002 uncited-reference (a reference cited only in a table or
caption), CIT005 year-mismatch and CIT007 mixed-citation-style (``kg/m<sup>2</sup>`` read as a
citation), CIT009 non-peer-reviewed-source (a structured ``<element-citation>`` typed as a web
page). ``--dump FILE`` writes one JSON line per finding (file, code, quoted text, message) for
the hand review whose verdicts the README quotes.

Run: .venv/bin/python benchmarks/jats_citations.py [--dump FILE.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.loading import load_document  # noqa: E402
from verifier.config import VerifierConfig  # noqa: E402
from verifier.pipeline import analyze  # noqa: E402

DATA = ROOT / ".." / "shared" / "bench" / "fulltext_citations"
CODES = ("CIT002", "CIT005", "CIT007", "CIT009")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    files = sorted([*DATA.glob("jats_plos/*.xml"), *DATA.glob("jats_elife/*.xml")])
    if not files:
        print(f"no articles under {DATA}; nothing measured")
        return 0
    counts: Counter[str] = Counter()
    rows = []
    all_findings = []
    for path in files:
        report = analyze(load_document(str(path)), VerifierConfig())
        all_findings.extend(report.findings)
        for f in report.findings:
            if f.code in CODES:
                counts[f.code] += 1
                rows.append({"file": path.name, "code": f.code, "quoted": f.quoted[:200], "message": f.message})
    others = Counter(f.code for f in all_findings if f.code.startswith("CIT") and f.code not in CODES)
    print(f"articles: {len(files)}")
    print("  ".join(f"{code} {counts[code]}" for code in CODES))
    print("other citation rules: " + "  ".join(f"{code} {n}" for code, n in sorted(others.items())))
    if args.dump:
        args.dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
