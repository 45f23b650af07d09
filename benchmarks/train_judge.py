"""Train the built-in claim-vs-source judge and write ``verifier/judges/data/judge-v1.json``.

Data: Citation-Integrity only (MIT). The model is fitted on the **train** split; the **dev** split
chooses the regularization, the calibration temperature and the two decision thresholds. No other
set is read (HealthVer has no stated licence and is only measured on, by ``claim_vs_source.py``).

Model: standardized features (``verifier.judges.features``), multinomial logistic regression
(scikit-learn, lbfgs, balanced class weights; deterministic, ``SEED`` fixed for the record), a
temperature fitted on dev by log-loss, and two thresholds chosen together on dev (contradicts, then
not-enough-info; else supports): the pair giving the best dev macro-F1 among those whose dev
contradiction precision is at least ``MIN_CONTRADICTS_PRECISION`` (precision first). The coefficients are exported as JSON so that
inference needs no scikit-learn.

Run: .venv/bin/pip install -e '.[train]' && .venv/bin/python benchmarks/train_judge.py [--cache DIR]
(``--cache`` keeps the feature matrices between runs; delete it after changing the features.)
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from judge_data import citation_integrity, passages
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score

from verifier.judges import Label
from verifier.judges.builtin import FORMAT, MODEL_FILE, BuiltinJudge, LinearModel
from verifier.judges.features import FEATURES

SEED = 14
VERSION = "1"
CLASSES = tuple(label.value for label in Label)  # supports, contradicts, not_enough_info
MIN_CONTRADICTS_PRECISION = 0.5
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
_extractor = BuiltinJudge(Path("unused"))  # only its feature reading is used: no model file is read


def featurize(items):  # type: ignore[no-untyped-def]
    """(X, y, mask of items with at least one aligned passage); unaligned items are judged NEI without the model."""
    rows, ys, aligned = [], [], []
    for item in items:
        view, found, abbreviations = passages(item.claim, item.sentences)
        x = _extractor.features(view, found, abbreviations)[0] if found else [0.0] * len(FEATURES)
        rows.append(x)
        ys.append(CLASSES.index(item.gold.value))
        aligned.append(bool(found))
    return np.array(rows), np.array(ys), np.array(aligned)


def cached(name: str, items):  # type: ignore[no-untyped-def]
    """``featurize(items)``, kept in ``--cache DIR`` between runs when that option is given."""
    if "--cache" not in sys.argv:
        return featurize(items)
    path = Path(sys.argv[sys.argv.index("--cache") + 1]) / f"judge_{name}.npz"
    if path.exists():
        data = np.load(path)
        return data["X"], data["y"], data["a"]
    X, y, a = featurize(items)
    np.savez(path, X=X, y=y, a=a)
    return X, y, a


def export(model, mean, scale, temperature: float, t_c: float, t_n: float, meta: dict) -> dict:  # type: ignore[no-untyped-def]
    return {
        "format": FORMAT,
        "version": VERSION,
        "features": list(FEATURES),
        "classes": [CLASSES[i] for i in model.classes_],
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [[round(float(w), 6) for w in row] for row in model.coef_],
        "intercept": [round(float(b), 6) for b in model.intercept_],
        "temperature": round(temperature, 4),
        "contradicts_threshold": round(t_c, 4),
        "nei_threshold": round(t_n, 4),
        **meta,
    }


def predict(linear: LinearModel, probabilities: list[dict[str, float] | None], decisive) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Class indices as the judge decides them; unaligned items (``None``) are not_enough_info."""
    out = []
    for p, dec in zip(probabilities, decisive):
        label = linear.decide(p, bool(dec)) if p is not None else Label.NOT_ENOUGH_INFO
        out.append(CLASSES.index(label.value))
    return np.array(out)


def main() -> None:
    train, dev = citation_integrity("train"), citation_integrity("dev")
    if train is None or dev is None:
        sys.exit("Citation-Integrity train/dev not found under ../shared/bench/claim_vs_source/")
    start = time.perf_counter()
    (Xt, yt, at), (Xd, yd, ad) = cached("train", train), cached("dev", dev)
    read_time = time.perf_counter() - start

    fit_start = time.perf_counter()
    mean, scale = Xt[at].mean(axis=0), Xt[at].std(axis=0)
    scale[scale == 0] = 1.0
    Zt, Zd = (Xt[at] - mean) / scale, (Xd[ad] - mean) / scale
    best = None
    for c in C_GRID:
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=SEED)
        model.fit(Zt, yt[at])
        score = f1_score(yd[ad], model.predict(Zd), average="macro")
        print(f"  C={c:<5} dev macro-F1 (argmax) {score:.3f}")
        if best is None or score > best[0]:
            best = (score, c, model)
    _, c, model = best
    logits = Zd @ model.coef_.T + model.intercept_
    gold_idx = np.searchsorted(model.classes_, yd[ad])

    def nll(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(z)), gold_idx].mean())

    temperature = min((t / 20 for t in range(5, 81)), key=nll)
    # A passage whose propositions oppose the claim's decides alone; its score is that reading's
    # Laplace-smoothed precision on train + dev.
    flag = FEATURES.index("proposition_conflict")
    fired = np.concatenate([yt[Xt[:, flag] > 0], yd[Xd[:, flag] > 0]])
    hits = int((fired == CLASSES.index(Label.CONTRADICTS.value)).sum())
    meta = {
        "trained_on": "Citation-Integrity train (MIT), calibrated and thresholded on its dev split",
        "seed": SEED,
        "C": c,
        "min_contradicts_precision": MIN_CONTRADICTS_PRECISION,
        "train_items": int(len(yt)),
        "dev_items": int(len(yd)),
        "decisive_precision": round((hits + 1) / (len(fired) + 2), 4),
        "decisive_fired": f"{hits} of {len(fired)} train+dev pairs were contradicts",
    }
    chosen = None
    linear = LinearModel.from_dict(export(model, mean, scale, temperature, 1.0, 1.0, meta))
    probabilities = [linear.probabilities(x) if ok else None for x, ok in zip(Xd, ad)]
    decisive = Xd[:, flag] > 0
    contra = CLASSES.index(Label.CONTRADICTS.value)
    for t_c in [x / 100 for x in range(30, 96)]:
        for t_n in [x / 40 for x in range(8, 39)]:
            pred = predict(replace(linear, contradicts_threshold=t_c, nei_threshold=t_n), probabilities, decisive)
            if not (pred == contra).any():
                continue
            prec = precision_score(yd, pred, labels=[contra], average="macro", zero_division=0)
            if prec < MIN_CONTRADICTS_PRECISION:
                continue
            score = f1_score(yd, pred, average="macro")
            if chosen is None or score > chosen[0] + 1e-9:
                chosen = (score, t_c, t_n)
    if chosen is None:
        sys.exit("no threshold reaches the precision floor on dev")
    score, t_c, t_n = chosen
    fit_time = time.perf_counter() - fit_start
    data = export(model, mean, scale, temperature, t_c, t_n, meta)
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    MODEL_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"features read in {read_time:.1f}s ({len(yt) + len(yd)} items); fit + calibration in {fit_time:.1f}s")
    print(
        f"C={c}, temperature {temperature:.2f}, contradicts threshold {t_c:.2f}, nei threshold {t_n:.3f}: "
        f"dev macro-F1 {score:.3f}"
    )
    print(f"wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size} bytes)")
    weights = sorted(zip(FEATURES, model.coef_[list(model.classes_).index(1)]), key=lambda kv: -abs(kv[1]))
    print("largest contradicts weights: " + ", ".join(f"{n} {w:+.2f}" for n, w in weights[:8]))
    print(f"decisive proposition conflicts: {meta['decisive_fired']}")


if __name__ == "__main__":
    main()
