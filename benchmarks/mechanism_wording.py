"""How often the mechanism-wording reader (``claims.features.mechanism``, used by OVR007) fires, by claim strength.

Reads ../shared/bench/claim_strength/ and prints, for the PubMed conclusion sentences (Yu et al. 2019
labels 0-3), the share of sentences with an unhedged and with a hedged mechanism statement per label,
and for the InSciOut pairs the share of press-release conclusions against abstract conclusions that state
one. No label says "mechanism", so these are rates, not accuracy: an unhedged mechanism should be rare
among sentences labelled "no relationship" (0) or "correlational" (1), commoner in causal ones (2, 3) and
in press releases than in the abstracts they report. ``--show N`` prints N detections per label to read.

Run: .venv/bin/python benchmarks/mechanism_wording.py [--show N]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.features.mechanism import mechanisms  # noqa: E402

BENCH = REPO / ".." / "shared" / "bench" / "claim_strength"


def kind(sentence: str) -> tuple[str, str]:
    """("unhedged" | "hedged" | "none", the words quoted) for one sentence."""
    found = mechanisms(sentence)
    if not found:
        return "none", ""
    m = next((x for x in found if x.hedge is None), found[0])
    return ("unhedged" if m.hedge is None else "hedged"), sentence[m.verb.start : m.means_end]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many detections per label")
    args = parser.parse_args()
    pubmed = BENCH / "pubmed_strength_dev.csv"
    if not pubmed.exists():
        print(f"no data under {BENCH}; nothing to measure")
        return
    with pubmed.open(encoding="utf-8") as fh:
        rows = [(r["sentence"], r["label"]) for r in csv.DictReader(fh)]
    by_label: dict[str, Counter[str]] = {}
    shown: dict[str, list[str]] = {}
    for sentence, label in rows:
        k, quoted = kind(sentence)
        by_label.setdefault(label, Counter())[k] += 1
        if k == "unhedged" and len(shown.setdefault(label, [])) < args.show:
            shown[label].append(f"    [{label}] {quoted}  <-  {sentence[:160]}")
    print(f"PubMed conclusion sentences ({len(rows)}): mechanism statements by Yu et al. label")
    print(f"  {'label':<8}{'sentences':>10}{'unhedged':>10}{'hedged':>8}{'unhedged %':>12}")
    for label in sorted(by_label):
        c = by_label[label]
        n = sum(c.values())
        print(f"  {label:<8}{n:>10}{c['unhedged']:>10}{c['hedged']:>8}{100 * c['unhedged'] / n:>12.1f}")
    for label in sorted(shown):
        for line in shown[label]:
            print(line)
    pairs_file = BENCH / "exaggeration_pairs_train.jsonl"
    if pairs_file.exists():
        pairs = [json.loads(line) for line in pairs_file.open(encoding="utf-8") if line.strip()]
        press = Counter(kind(p["press_release_conclusion"])[0] for p in pairs)
        abstract = Counter(kind(p["abstract_conclusion"])[0] for p in pairs)
        print(f"\nInSciOut pairs ({len(pairs)}): conclusions stating a mechanism")
        print(f"  press releases: {press['unhedged']} unhedged, {press['hedged']} hedged")
        print(f"  abstracts:      {abstract['unhedged']} unhedged, {abstract['hedged']} hedged")


if __name__ == "__main__":
    main()
