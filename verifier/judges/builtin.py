"""The built-in judge: a multinomial logistic regression over linguistic features, shipped as JSON.

Trained by ``benchmarks/train_judge.py`` on the Citation-Integrity train split only (MIT licence),
calibrated (one temperature) and thresholded on its dev split. The fitted coefficients are exported
to ``data/judge-v1.json`` (a few kB), so inference needs only the standard library: scikit-learn is
needed to train, never to run, and the file is read on the first verdict, not at import.

Decision, precision first: ``contradicts`` only when its calibrated probability reaches the
threshold stored in the model file (chosen on dev), or when a passage is decisive on its own: its
propositions oppose the claim's about the same subject and outcome (``claims.propositions``; rare in
the training data, so the model cannot weigh it, and its score is then the smoothed precision of that
reading on Citation-Integrity, stored as ``decisive_precision``). Otherwise ``not_enough_info`` when
its probability reaches its own threshold (also chosen on dev), else ``supports``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from claims.abbreviations import Abbreviations
from claims.spans import SentenceView
from verifier.config import ConfigError
from verifier.judges import Label, Verdict
from verifier.judges.features import FEATURES, PairReading, read_document, read_pair
from verifier.source_match import Match

__all__ = ["MODEL_FILE", "BuiltinJudge", "LinearModel"]

MODEL_FILE = Path(__file__).parent / "data" / "judge-v1.json"
FORMAT = "verifier-judge-linear/1"


@dataclass(frozen=True)
class LinearModel:
    """Standardize, multiply, divide by the temperature, softmax: the fitted model as plain numbers."""

    classes: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]
    temperature: float
    contradicts_threshold: float
    nei_threshold: float
    decisive_precision: float
    version: str

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ConfigError(f"cannot read judge model {path}: {err}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ConfigError(f"{path}: not a {FORMAT} model file")
        if tuple(data.get("features", ())) != FEATURES:
            raise ConfigError(f"{path}: model features differ from this version's; retrain it")
        try:
            return cls.from_dict(data)
        except (KeyError, TypeError, ValueError) as err:
            raise ConfigError(f"{path}: incomplete judge model ({type(err).__name__}: {err})") from None

    @classmethod
    def from_dict(cls, data: dict) -> LinearModel:  # type: ignore[type-arg]
        """The model from the model file's fields (also how the training script tries thresholds)."""
        return cls(
            classes=tuple(data["classes"]),
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            coef=tuple(tuple(row) for row in data["coef"]),
            intercept=tuple(data["intercept"]),
            temperature=float(data["temperature"]),
            contradicts_threshold=float(data["contradicts_threshold"]),
            nei_threshold=float(data["nei_threshold"]),
            decisive_precision=float(data["decisive_precision"]),
            version=str(data["version"]),
        )

    def probabilities(self, x: Sequence[float]) -> dict[str, float]:
        z = [(v - m) / s for v, m, s in zip(x, self.mean, self.scale)]
        logits = [
            (b + sum(w * v for w, v in zip(row, z))) / self.temperature for row, b in zip(self.coef, self.intercept)
        ]
        top = max(logits)
        exp = [math.exp(v - top) for v in logits]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}

    def decide(self, p: dict[str, float], decisive: bool = False) -> Label:
        """``decisive``: a passage's propositions oppose the claim's (same subject and outcome)."""
        if decisive or p[Label.CONTRADICTS.value] >= self.contradicts_threshold:
            return Label.CONTRADICTS
        if p[Label.NOT_ENOUGH_INFO.value] >= self.nei_threshold:
            return Label.NOT_ENOUGH_INFO
        return Label.SUPPORTS


class BuiltinJudge:
    """The learned judge; ``path`` picks another model file of the same format (training, tests)."""

    name = "builtin"

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or MODEL_FILE

    @cached_property
    def model(self) -> LinearModel:
        return LinearModel.load(self.path)

    def features(
        self, claim: SentenceView, passages: Sequence[Match], abbreviations: Abbreviations
    ) -> tuple[list[float], list[PairReading], PairReading | None]:
        """(feature vector, pair readings best first, deciding reading); for training and the benchmark."""
        readings = [read_pair(claim, m, abbreviations) for m in passages]
        x, deciding = read_document(claim, readings, abbreviations)
        return x, readings, deciding

    def judge(self, claim: SentenceView, passages: Sequence[Match], abbreviations: Abbreviations) -> Verdict:
        if not passages:
            p = {c.value: float(c is Label.NOT_ENOUGH_INFO) for c in Label}
            return Verdict(Label.NOT_ENOUGH_INFO, 1.0, p, None, ("no sentence of the source aligns with the claim",))
        x, readings, deciding = self.features(claim, passages, abbreviations)
        p = self.model.probabilities(x)
        decisive = next((r for r in readings if r.values["proposition_conflict"] > 0), None)
        deciding = decisive or deciding
        assert deciding is not None  # one reading per passage, and passages is not empty
        label = self.model.decide(p, decisive is not None)
        score = max(p[label.value], self.model.decisive_precision) if decisive else p[label.value]
        passage = deciding.match if label is Label.CONTRADICTS else readings[0].match
        reasons = deciding.reasons if label is Label.CONTRADICTS else readings[0].reasons
        shown = (f"{label.value} (p={score:.2f}, judge model v{self.model.version})", *reasons)
        return Verdict(
            label=label,
            score=score,
            probabilities=p,
            passage=passage,
            reasons=shown,
            disagreements=readings[0].disagreements,
            aligned=readings[0].match,
            judge=self.name,
            decisive=decisive is not None,
        )
