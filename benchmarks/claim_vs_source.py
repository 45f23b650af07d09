"""Claim against source: does the cited text support or refute the claim?

Runs the machinery of CON002 / OVR006 / CON003 (``verifier.source_match``: sentence
matching, direction with negation, hedges, numbers) on two labeled sets and prints
precision / recall / F1 of SUPPORT and REFUTE and their macro-F1.

A pair is predicted REFUTE when ``judge`` finds a disagreement (opposed direction,
dropped hedge, mismatched number) with the best-matching evidence sentence, or when
no evidence sentence shares at least ``MIN_OVERLAP`` of the claim's weighted content
words (the claim is not substantiated by that text). ``MIN_OVERLAP`` is chosen on the
training split of Citation-Integrity and then applied unchanged to the dev splits.

Data (../shared/bench/claim_vs_source/ relative to the repository):
- citation_integrity/: each (claim, cited document) pair with a SUPPORT or REFUTE label,
  against the labelled evidence sentences of that document in corpus.jsonl. Claims with no
  label (not enough information) are left out of the figures and counted.
- healthver/healthver_dev.csv: claim against its evidence passage; Supports / Refutes
  scored, Neutral rows left out of the figures and counted.

Run: .venv/bin/python benchmarks/claim_vs_source.py
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.abbreviations import Abbreviations  # noqa: E402
from claims.spans import SentenceView  # noqa: E402
from verifier.rules.ovr.ovr006_hedge_dropped import SAME_FINDING  # noqa: E402
from verifier.source_match import SourceIndex, judge, source_sentences  # noqa: E402

DATA = REPO / ".." / "shared" / "bench" / "claim_vs_source"
PLACEHOLDER = re.compile(r"\s*\[?\(?<\|[a-z_]+\|>\]?\)?")
LABELS = ("SUPPORT", "REFUTE")


def read(claim: str, sentences: list[str]) -> tuple[float, list[str]]:
    """(best overlap, disagreement kinds as the rules would report them) for a claim against evidence sentences."""
    index = SourceIndex(sentences, Abbreviations.of([claim, *sentences]))
    matches = index.best(claim, k=1)
    if not matches:
        return 0.0, []
    best = matches[0]
    found = judge(SentenceView.of(claim), best.sentence, index.abbreviations, best.score)
    return best.score, [d.kind for d in found if d.kind != "hedge" or best.score >= SAME_FINDING]


def predict(score: float, kinds: list[str], min_overlap: float) -> tuple[str, list[str]]:
    if kinds:
        return "REFUTE", kinds
    if score < min_overlap:
        return "REFUTE", ["low-overlap"]
    return "SUPPORT", []


def scores(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[float, float, float, int]]:
    pairs = list(pairs)
    out = {}
    for label in LABELS:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[label] = (prec, rec, f1, tp + fn)
    return out


def macro(s: dict[str, tuple[float, float, float, int]]) -> float:
    return sum(v[2] for v in s.values()) / len(s)


def citation_integrity(split: str) -> tuple[list[tuple[str, str, list[str]]], int]:
    """(claim, gold label, evidence sentences) per labelled (claim, cited document) pair; and the unlabelled count."""
    folder = DATA / "citation_integrity"
    corpus = {}
    with open(folder / "corpus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            corpus[str(doc["doc_id"])] = doc["abstract"]
    items: list[tuple[str, str, list[str]]] = []
    unlabelled = 0
    with open(folder / f"claims_{split}.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            claim = PLACEHOLDER.sub("", row["claim"]).strip()
            if not row["evidence"]:
                unlabelled += 1
                continue
            for doc_id, evs in row["evidence"].items():
                abstract = corpus.get(str(doc_id), [])
                for ev in evs:
                    sents = [abstract[i] for i in ev["sentences"] if i < len(abstract)]
                    items.append((claim, ev["label"], sents))
    return items, unlabelled


def healthver() -> tuple[list[tuple[str, str, list[str]]], int]:
    items: list[tuple[str, str, list[str]]] = []
    neutral = 0
    with open(DATA / "healthver" / "healthver_dev.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            label = {"Supports": "SUPPORT", "Refutes": "REFUTE"}.get(row["label"])
            if label is None:
                neutral += 1
                continue
            items.append((row["claim"], label, source_sentences(row["evidence"])))
    return items, neutral


Read = list[tuple[str, float, list[str]]]


def read_all(items: list[tuple[str, str, list[str]]]) -> Read:
    return [(gold, *read(claim, sents)) for claim, gold, sents in items]


def run(reads: Read, min_overlap: float) -> tuple[list[tuple[str, str]], dict[str, int]]:
    pairs: list[tuple[str, str]] = []
    why: dict[str, int] = {}
    for gold, score, found in reads:
        label, kinds = predict(score, found, min_overlap)
        pairs.append((gold, label))
        for k in kinds:
            why[k] = why.get(k, 0) + 1
    return pairs, why


def report(title: str, items: list[tuple[str, str, list[str]]], left_out: str, min_overlap: float) -> None:
    start = time.perf_counter()
    reads = read_all(items)
    elapsed = time.perf_counter() - start
    pairs, why = run(reads, min_overlap)
    s = scores(pairs)
    print(f"\n{title}: {len(pairs)} pairs scored ({left_out})")
    for label, (p, r, f1, n) in s.items():
        print(f"  {label:8s} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  (gold {n})")
    acc = sum(g == p for g, p in pairs) / len(pairs)
    base = scores((g, "SUPPORT") for g, _ in pairs)
    print(f"  macro-F1 {macro(s):.3f}  accuracy {acc:.3f}  (always-SUPPORT baseline macro-F1 {macro(base):.3f})")
    print(f"  REFUTE reasons fired: {dict(sorted(why.items()))}")
    print(f"  {len(pairs) / elapsed:.0f} pairs/s")


def main() -> None:
    if not DATA.exists():
        print(f"no benchmark data at {DATA}")
        return
    train, _ = citation_integrity("train")
    train_reads = read_all(train)
    grid = [x / 100 for x in range(0, 61, 5)]
    tuned = max(grid, key=lambda t: macro(scores(run(train_reads, t)[0])))
    print(f"MIN_OVERLAP chosen on Citation-Integrity train ({len(train)} pairs): {tuned:.2f}")
    dev, unlabelled = citation_integrity("dev")
    report("Citation-Integrity dev", dev, f"{unlabelled} claims without a label (not enough info) left out", tuned)
    hv, neutral = healthver()
    report("HealthVer dev", hv, f"{neutral} Neutral rows left out", tuned)


if __name__ == "__main__":
    main()
