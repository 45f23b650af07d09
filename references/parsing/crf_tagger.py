"""Labelling the words of a reference string with the trained CRF (python-crfsuite).

The model (``references/data/refstring.crfsuite``, trained by ``benchmarks/train_refparse.py`` on
AnyStyle and GROBID strings; see ``references/data/NOTICE``) gives each word one of: author, editor,
date, title, container, collection, volume, issue, pages, publisher, location, ident, label, note,
other. Rules stay better at identifiers and numbers; the CRF is better at where a title or a
journal name starts and stops. Without python-crfsuite or without the model file, ``tag`` returns
None and the parser keeps to its rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from references.parsing.crf_features import Token, features, tokens

__all__ = ["Field", "MODEL_PATH", "Reading", "available", "fields", "read", "rule_hints", "tag"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "refstring.crfsuite"


@dataclass(frozen=True)
class Field:
    """A run of consecutive words with one label: offsets into the tagged text, and the lowest
    marginal probability of the label over its words (how sure the model is of the whole run)."""

    label: str
    start: int
    end: int
    confidence: float


@cache
def _tagger():
    try:
        import pycrfsuite
    except ImportError:
        return None
    if not MODEL_PATH.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(MODEL_PATH))
    except (OSError, ValueError):
        return None
    return tagger


def available() -> bool:
    """Whether the CRF can be used (library importable and model file readable)."""
    return _tagger() is not None


def rule_hints(text: str, toks: list[Token], title: str | None, venue: str | None) -> list[str]:
    """Where the rule parser put each token: before its title, in it, in its venue, or after."""
    t0 = text.find(title) if title else -1
    t1 = t0 + len(title) if title and t0 >= 0 else 0
    v0 = text.find(venue, t1) if venue else -1
    v1 = v0 + len(venue) if venue and v0 >= 0 else -1
    out = []
    for _, start, _end in toks:
        if v0 <= start < v1:
            out.append("venue")
        elif t0 < 0:
            out.append("none" if v0 < 0 or start >= v1 else "pre")
        elif start < t0:
            out.append("pre")
        elif start < t1:
            out.append("title")
        else:
            out.append("post")
    return out


@dataclass(frozen=True)
class Reading:
    """The CRF's labelling of one string and how it weighs the rules' title against its own."""

    runs: list[Field]
    rule_title_odds: float  # P(labels with the rules' title forced) / P(best labels); 1.0 when they agree

    def first(self, label: str) -> Field | None:
        return next((run for run in self.runs if run.label == label), None)


def read(text: str, title: str | None = None, venue: str | None = None) -> Reading | None:
    """Label the words of ``text``; None when the CRF is unavailable. ``title`` and ``venue`` are
    what the rules read (substrings of ``text``), given to the model as hints; the odds compare the
    best labelling with the one where exactly the rules' title words are labelled title."""
    tagger = _tagger()
    if tagger is None:
        return None
    toks = tokens(text)
    if not toks:
        return Reading([], 1.0)
    hints = rule_hints(text, toks, title, venue)
    labels = tagger.tag(features(toks, hints))
    runs: list[Field] = []
    run_start = 0
    for i in range(1, len(toks) + 1):
        if i < len(toks) and labels[i] == labels[run_start]:
            continue
        label = labels[run_start]
        conf = min(tagger.marginal(label, k) for k in range(run_start, i))
        runs.append(Field(label, toks[run_start][1], toks[i - 1][2], conf))
        run_start = i
    forced = list(labels)
    for k, hint in enumerate(hints):
        if hint == "title":
            forced[k] = "title"
        elif forced[k] == "title":
            forced[k] = max((lab for lab in _labels() if lab != "title"), key=lambda lab: tagger.marginal(lab, k))
    odds = 1.0
    if forced != labels:
        best = tagger.probability(labels)
        odds = tagger.probability(forced) / best if best > 0 else 0.0
    return Reading(runs, odds)


@cache
def _labels() -> tuple[str, ...]:
    tagger = _tagger()
    return tuple(tagger.labels()) if tagger is not None else ()


def tag(text: str, title: str | None = None, venue: str | None = None) -> list[Field] | None:
    """Runs of equally labelled words of ``text`` in order, or None when the CRF is unavailable."""
    reading = read(text, title, venue)
    return None if reading is None else reading.runs


def fields(text: str, title: str | None = None, venue: str | None = None) -> dict[str, Field] | None:
    """The first run of each label in ``text`` (None when the CRF is unavailable)."""
    runs = tag(text, title, venue)
    if runs is None:
        return None
    out: dict[str, Field] = {}
    for run in runs:
        out.setdefault(run.label, run)
    return out
