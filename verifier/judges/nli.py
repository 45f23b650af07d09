"""The ``nli`` judge: a sequence-classification cross-encoder (an NLI model) run with ``transformers``.

Install with ``pip install 'citation-claim-verifier[nli]'`` and name the model with the
``judge-model`` configuration key (or the ``VERIFIER_JUDGE_MODEL`` environment variable): a local
folder saved with ``save_pretrained``, or a model name already in the local Hugging Face cache.
Nothing is downloaded (``local_files_only``): the verifier never reaches the network.

Each of the passages the shared loop retrieved is paired with the claim (premise = passage,
hypothesis = claim) and classified; the model's labels are mapped by name (entailment / support,
contradiction / refute, neutral / not enough info). The passage with the highest contradiction
probability decides when it reaches ``THRESHOLD``; otherwise the one with the highest entailment
probability, when that reaches ``THRESHOLD``; otherwise not enough information. The rule-level
readings that OVR006 and CON003 report come from ``verifier.source_match`` on the best-aligned
passage, as for the built-in judge.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from typing import Any

from claims.abbreviations import Abbreviations
from claims.spans import SentenceView
from verifier.config import ConfigError
from verifier.judges import Label, Verdict
from verifier.source_match import Match, judge

__all__ = ["THRESHOLD", "NliJudge", "label_map"]

THRESHOLD = 0.5  # a user's model has no dev split here: the plain majority of its own probabilities
ENV = "VERIFIER_JUDGE_MODEL"
_NAMES = {
    Label.SUPPORTS: ("entail", "support"),
    Label.CONTRADICTS: ("contradict", "refute"),
    Label.NOT_ENOUGH_INFO: ("neutral", "not_enough", "not enough", "nei", "unrelated"),
}


def label_map(id2label: dict[int, str]) -> dict[int, Label]:
    """The model's output index -> our label, by the label's name; an unknown name is an error."""
    out: dict[int, Label] = {}
    for index, name in id2label.items():
        low = name.lower()
        found = [label for label, cues in _NAMES.items() if any(c in low for c in cues)]
        if len(found) != 1:
            raise ConfigError(f"nli judge: cannot tell what the model's label '{name}' means")
        out[int(index)] = found[0]
    if Label.CONTRADICTS not in out.values():
        raise ConfigError("nli judge: the model has no contradiction label")
    return out


class NliJudge:
    """A transformers cross-encoder behind the judge interface; the model loads on the first verdict."""

    name = "nli"

    def __init__(self, model: str, batch_size: int = 8) -> None:
        self.model_name = model
        self.batch_size = batch_size
        self._loaded: tuple[Any, Any, dict[int, Label]] | None = None

    @classmethod
    def from_environment(cls, model: str | None = None) -> NliJudge:
        name = model or os.environ.get(ENV)
        if not name:
            raise ConfigError(f"the nli judge needs a model: set judge-model in the configuration or {ENV}")
        if importlib.util.find_spec("transformers") is None:
            raise ConfigError("the nli judge needs: pip install 'citation-claim-verifier[nli]'")
        if (os.path.isabs(name) or name.startswith(".")) and not os.path.exists(name):  # a path, not a cached name
            raise ConfigError(f"nli judge: no model folder at {name}")
        return cls(name)

    def _load(self) -> tuple[Any, Any, dict[int, Label]]:
        if self._loaded is None:
            try:
                import torch  # noqa: F401  (transformers needs it; say so plainly when it is missing)
                from transformers import AutoModelForSequenceClassification, AutoTokenizer
            except ImportError:
                raise ConfigError("the nli judge needs: pip install 'citation-claim-verifier[nli]'") from None
            try:
                tokenizer = AutoTokenizer.from_pretrained(self.model_name, local_files_only=True)
                model = AutoModelForSequenceClassification.from_pretrained(self.model_name, local_files_only=True)
            except (OSError, ValueError) as err:
                first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
                raise ConfigError(f"nli judge: cannot load model '{self.model_name}': {first}") from None
            model.eval()
            self._loaded = (tokenizer, model, label_map(model.config.id2label))
        return self._loaded

    def probabilities(self, claim: str, passages: Sequence[str]) -> list[dict[Label, float]]:
        """Per passage, the model's probability of each label (premise = passage, hypothesis = claim)."""
        import torch

        tokenizer, model, labels = self._load()
        out: list[dict[Label, float]] = []
        for i in range(0, len(passages), self.batch_size):
            batch = list(passages[i : i + self.batch_size])
            enc = tokenizer(batch, [claim] * len(batch), truncation=True, padding=True, return_tensors="pt")
            with torch.no_grad():
                probs = model(**enc).logits.softmax(dim=-1).tolist()
            for row in probs:
                p = dict.fromkeys(Label, 0.0)
                for index, value in enumerate(row):
                    p[labels[index]] += value
                out.append(p)
        return out

    def judge(self, claim: SentenceView, passages: Sequence[Match], abbreviations: Abbreviations) -> Verdict:
        if not passages:
            p = {c.value: float(c is Label.NOT_ENOUGH_INFO) for c in Label}
            return Verdict(
                Label.NOT_ENOUGH_INFO,
                1.0,
                p,
                None,
                ("no sentence of the source aligns with the claim",),
                judge=self.name,
            )
        probs = self.probabilities(claim.text, [m.sentence for m in passages])
        label, k = Label.NOT_ENOUGH_INFO, 0
        for wanted in (Label.CONTRADICTS, Label.SUPPORTS):
            best = max(range(len(probs)), key=lambda i: probs[i][wanted])
            if probs[best][wanted] >= THRESHOLD:
                label, k = wanted, best
                break
        p = {c.value: v for c, v in probs[k].items()}
        reason = f"{label.value} (p={p[label.value]:.2f}, nli model {self.model_name})"
        return Verdict(
            label=label,
            score=p[label.value],
            probabilities=p,
            passage=passages[k],
            reasons=(reason,),
            disagreements=tuple(judge(claim, passages[0].sentence, abbreviations, passages[0].score)),
            aligned=passages[0],
            judge=self.name,
        )
