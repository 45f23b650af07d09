"""Sentence-level hedge detection on BioScope abstracts (CoNLL-2010 task 1 setting).

A sentence is gold-speculative when it holds a ``<cue type="speculation">``; it is predicted speculative when
``claims.features.certainty`` calls it hedged.  Prints precision/recall/F1, throughput, and the cue words
behind most false positives.  Reads ../shared/bench/hedge_bioscope/abstracts.xml relative to the repository
(parsed with defusedxml, no DTD or network).  Run: .venv/bin/python benchmarks/hedging.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from defusedxml import ElementTree

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.features.certainty import certainty  # noqa: E402
from claims.models import Certainty  # noqa: E402
from claims.spans import SentenceView  # noqa: E402

DATA = REPO / ".." / "shared" / "bench" / "hedge_bioscope" / "abstracts.xml"


def sentences(path: Path) -> list[tuple[str, bool, list[str]]]:
    """(text, has speculation cue, speculation cue words) for every sentence."""
    root = ElementTree.parse(path, forbid_dtd=False, forbid_entities=True, forbid_external=True).getroot()
    out = []
    for s in root.iter("sentence"):
        cues = [(c.text or "").lower() for c in s.iter("cue") if c.get("type") == "speculation"]
        out.append(("".join(s.itertext()), bool(cues), cues))
    return out


def main() -> None:
    if not DATA.exists():
        print(f"no benchmark data at {DATA}")
        return
    rows = sentences(DATA)
    start = time.perf_counter()
    results = [certainty(SentenceView.of(text)) for text, _, _ in rows]
    elapsed = time.perf_counter() - start
    tp = fp = fn = 0
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    for (_text, gold, gold_cues), (level, cues) in zip(rows, results):
        pred = level is Certainty.HEDGED
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
        if pred and not gold:
            false_pos.update(c.text.lower() for c in cues if c.kind == "hedge")
        if gold and not pred:
            false_neg.update(gold_cues)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    chars = sum(len(t) for t, _, _ in rows)
    print(f"Hedge detection on {DATA.name}: {len(rows)} sentences, {sum(g for _, g, _ in rows)} speculative")
    print(f"  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}   (tp {tp}, fp {fp}, fn {fn})")
    print(f"  throughput: {len(rows) / elapsed:,.0f} sentences/s, {chars / elapsed / 1e6:.2f} MB/s")
    print("  cues behind false positives:", ", ".join(f"{w} {n}" for w, n in false_pos.most_common(12)))
    print("  gold cues missed:", ", ".join(f"{w} {n}" for w, n in false_neg.most_common(12)))


if __name__ == "__main__":
    main()
