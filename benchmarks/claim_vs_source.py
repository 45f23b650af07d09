"""Claim against its cited source: how well does the judge say supports / contradicts / not enough info?

Runs the configured judge (``builtin`` unless ``--judge NAME``) exactly as the rules do (the ``TOP_K``
sentences of the cited text most aligned with the claim, ``verifier.rules.con``) on:

- Citation-Integrity dev (the split the built-in model was calibrated and thresholded on: an
  optimistic figure; the train split is its training data and is not scored here);
- HealthVer dev (never trained or tuned on: a different domain, COVID-19 claims against abstracts);
- Citation-Integrity test, only if a ``claims_test.jsonl`` is ever put beside the others: printed
  once, at the end, and never used to choose anything.

Prints per-class precision / recall / F1, macro-F1 (three classes), the confusion matrix, a curve
of the contradiction threshold (what a stricter or looser threshold would give), the model file's
size, the time to read features and fit the model (scikit-learn, if installed), and claims judged
per second. The machine is shared: compare timings within one run only.

Run: .venv/bin/python benchmarks/claim_vs_source.py [--judge NAME]
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace

from judge_data import DATA, Item, citation_integrity, healthver, passages

from verifier.judges import Label, get_judge
from verifier.judges.builtin import MODEL_FILE, BuiltinJudge

LABELS = tuple(Label)
SHORT = {Label.SUPPORTS: "supports", Label.CONTRADICTS: "contradicts", Label.NOT_ENOUGH_INFO: "nei"}


def scores(pairs: list[tuple[Label, Label]]) -> dict[Label, tuple[float, float, float, int]]:
    out = {}
    for label in LABELS:
        tp = sum(g is label and p is label for g, p in pairs)
        fp = sum(g is not label and p is label for g, p in pairs)
        fn = sum(g is label and p is not label for g, p in pairs)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[label] = (prec, rec, f1, tp + fn)
    return out


def macro(s: dict[Label, tuple[float, float, float, int]]) -> float:
    return sum(v[2] for v in s.values()) / len(s)


def judge_all(judge, items: list[Item]):  # type: ignore[no-untyped-def]
    """Verdicts for every item (``None`` where no sentence aligned), and the elapsed seconds."""
    start = time.perf_counter()
    verdicts = []
    for item in items:
        view, found, abbreviations = passages(item.claim, item.sentences)
        verdicts.append(judge.judge(view, found, abbreviations))
    return verdicts, time.perf_counter() - start


def report(title: str, items: list[Item], verdicts, elapsed: float, builtin: BuiltinJudge | None) -> None:  # type: ignore[no-untyped-def]
    pairs = [(item.gold, v.label) for item, v in zip(items, verdicts)]
    s = scores(pairs)
    gold = {label: sum(g is label for g, _ in pairs) for label in LABELS}
    print(
        f"\n{title}: {len(pairs)} claim-source pairs (gold "
        + ", ".join(f"{SHORT[k]} {n}" for k, n in gold.items())
        + ")"
    )
    for label, (p, r, f1, _n) in s.items():
        print(f"  {SHORT[label]:12s} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    acc = sum(g is p for g, p in pairs) / len(pairs)
    base = macro(scores([(g, Label.SUPPORTS) for g, _ in pairs]))
    print(f"  macro-F1 {macro(s):.3f}  accuracy {acc:.3f}  (always-supports baseline macro-F1 {base:.3f})")
    print("  confusion (rows gold, columns predicted): " + " ".join(f"{SHORT[k]:>11s}" for k in LABELS))
    for g in LABELS:
        row = [sum(gg is g and p is k for gg, p in pairs) for k in LABELS]
        print(f"    {SHORT[g]:>12s}                         " + " ".join(f"{n:11d}" for n in row))
    two = [(g, p if p is Label.CONTRADICTS else Label.SUPPORTS) for g, p in pairs if g is not Label.NOT_ENOUGH_INFO]
    s2 = scores(two)
    two_f1 = (s2[Label.SUPPORTS][2] + s2[Label.CONTRADICTS][2]) / 2
    print(f"  two-class view (gold nei left out, not-contradicts read as supports): macro-F1 {two_f1:.3f}")
    print(f"  {len(items) / elapsed:.0f} claims judged per second ({elapsed:.1f}s, features and model)")
    if builtin is not None:
        curve(items, verdicts, builtin)


def curve(items: list[Item], verdicts, builtin: BuiltinJudge) -> None:  # type: ignore[no-untyped-def]
    """Contradiction threshold against contradicts precision / recall and macro-F1 (same probabilities)."""
    model = builtin.model
    print(f"  threshold curve (chosen: {model.contradicts_threshold:.2f}):")
    for t in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9):
        m = replace(model, contradicts_threshold=t)
        pairs = []
        for item, v in zip(items, verdicts):
            if v.passage is None:
                pairs.append((item.gold, Label.NOT_ENOUGH_INFO))
                continue
            pairs.append((item.gold, m.decide(v.probabilities, v.decisive)))
        s = scores(pairs)
        p, r, _, _ = s[Label.CONTRADICTS]
        fired = sum(pred is Label.CONTRADICTS for _, pred in pairs)
        print(f"    {t:.2f}: contradicts precision {p:.3f} recall {r:.3f} ({fired:4d} said)  macro-F1 {macro(s):.3f}")


def training_time() -> None:
    """Feature reading and fitting time of the shipped recipe on the train split (needs scikit-learn)."""
    try:
        import train_judge
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("training time: scikit-learn not installed (pip install -e '.[train]')")
        return
    train = citation_integrity("train") or []
    start = time.perf_counter()
    X, y, aligned = train_judge.featurize(train)
    read = time.perf_counter() - start
    start = time.perf_counter()
    mean, scale = X[aligned].mean(axis=0), X[aligned].std(axis=0)
    scale[scale == 0] = 1.0
    LogisticRegression(C=0.03, class_weight="balanced", max_iter=2000).fit((X[aligned] - mean) / scale, y[aligned])
    fit = time.perf_counter() - start
    print(f"training on Citation-Integrity train ({len(train)} pairs): features {read:.1f}s, one fit {fit:.2f}s")


def main() -> None:
    if not DATA.exists():
        print(f"no benchmark data at {DATA}")
        return
    name = sys.argv[sys.argv.index("--judge") + 1] if "--judge" in sys.argv else "builtin"
    judge = get_judge(name)
    builtin = judge if isinstance(judge, BuiltinJudge) else None
    if builtin is not None:
        print(f"judge: builtin, model {MODEL_FILE.name} v{builtin.model.version}, {MODEL_FILE.stat().st_size} bytes")
    else:
        print(f"judge: {name}")
    for title, items in (("Citation-Integrity dev", citation_integrity("dev")), ("HealthVer dev", healthver("dev"))):
        if items:
            report(title, items, *judge_all(judge, items), builtin)
    if builtin is not None:
        training_time()
    test = citation_integrity("test")
    if test:
        report("Citation-Integrity TEST (held out: reported once, never tuned on)", test, *judge_all(judge, test), None)


if __name__ == "__main__":
    main()
