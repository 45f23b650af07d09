"""Judges: does a cited source support a claim, contradict it, or say too little to tell?

One interface for every way of answering (the built-in learned judge, a transformers
cross-encoder, a third-party plugin): a judge takes the claim sentence and the source passages
closest to it (retrieved once by the shared loop in ``verifier.rules.con``) and returns a
``Verdict``: the label, a calibrated probability, the passage that decided it, and reasons a
person can read. CON002 (contradicts-source), OVR006 (hedge-dropped) and CON003
(number-mismatch) all read the same verdict.

Judges are found by name (the ``judge`` configuration key): ``builtin`` and ``nli`` here, others
under the entry-point group ``verifier.judges`` (a class or factory; it receives the ``judge-model``
value as its one argument when one is configured, none otherwise). Loading is lazy: a run whose
rules never judge imports nothing from this package but these names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib.metadata import entry_points
from typing import Protocol

from claims.abbreviations import Abbreviations
from claims.spans import SentenceView
from verifier.config import ConfigError
from verifier.source_match import Disagreement, Match

__all__ = ["ENTRY_POINT_GROUP", "Judge", "Label", "Verdict", "get_judge", "judge_names"]

ENTRY_POINT_GROUP = "verifier.judges"


class Label(str, Enum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    NOT_ENOUGH_INFO = "not_enough_info"


@dataclass(frozen=True)
class Verdict:
    """A judge's answer for one claim against one cited source.

    ``score`` is the calibrated probability of ``label``; ``probabilities`` has all three.
    ``passage`` is the source sentence that decided it (``None`` when no sentence aligned with
    the claim). ``disagreements`` are the rule-level readings (direction / hedge / number) of the
    best-aligned passage, which OVR006 and CON003 report; ``aligned`` is that passage.
    """

    label: Label
    score: float
    probabilities: dict[str, float]
    passage: Match | None
    reasons: tuple[str, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    aligned: Match | None = None
    judge: str = "builtin"
    decisive: bool = False  # the passage's own reading (opposed propositions) decided, not the probability


class Judge(Protocol):
    """What the shared loop asks of a judge: one verdict per (claim, cited source)."""

    name: str

    def judge(self, claim: SentenceView, passages: Sequence[Match], abbreviations: Abbreviations) -> Verdict:
        """``passages``: the source sentences most aligned with the claim, best first (may be empty)."""
        ...


def _builtin(model: str | None) -> Judge:
    from pathlib import Path

    from verifier.judges.builtin import BuiltinJudge

    if model and not Path(model).is_file():  # said before any rule runs, not at the first verdict
        raise ConfigError(f"judge-model {model}: no such model file")
    return BuiltinJudge(Path(model) if model else None)


def _nli(model: str | None) -> Judge:
    from verifier.judges.nli import NliJudge

    return NliJudge.from_environment(model)


_KNOWN: dict[str, Callable[[str | None], Judge]] = {"builtin": _builtin, "nli": _nli}


def judge_names() -> list[str]:
    """The built-in judge names and those registered under ``verifier.judges``."""
    return sorted({*_KNOWN, *(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))})


@cache
def get_judge(name: str = "builtin", model: str | None = None) -> Judge:
    """The judge called ``name``, built once per process (a model is loaded on its first verdict).

    ``model`` (the ``judge-model`` key): another model file for ``builtin``, the model folder or
    cached name for ``nli``; a plugin factory receives it as its one argument when it is given."""
    factory: Callable[..., Judge] | None = _KNOWN.get(name)  # a plugin factory may take no argument
    if factory is None:
        found = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
        if not found:
            raise ConfigError(f"unknown judge '{name}' (known: {', '.join(judge_names())})")
        try:
            factory = found[0].load()
        except Exception as err:  # a broken plugin must not take the tool down
            raise ConfigError(f"cannot load judge plugin '{name}': {err}") from None
    try:
        made = factory(model) if model is not None or name in _KNOWN else factory()
    except ConfigError:
        raise
    except Exception as err:
        raise ConfigError(f"cannot start judge '{name}': {err}") from None
    if not callable(getattr(made, "judge", None)):
        raise ConfigError(f"judge plugin '{name}' has no judge() method")
    return made
