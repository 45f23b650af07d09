"""Weak title cues: the shapes of reviews and opinion pieces, and named trials.

A title with no design word can still say what it is by its shape:
"Why ...", "The case for ...", "...: a call to action" are opinion pieces,
"... revisited", "... in health and disease", "...: focus on ..." are reviews
(``lexicons/title_shapes.txt``). Shapes are weaker than design words, so
``assess`` consults them only when nothing else decided.

A named trial ("the ACCORD trial", "SPRINT study") is usually, but not always,
randomized: it counts as an RCT only when some other field of the entry says
"randomi[sz]ed"; otherwise the reason records the trial and the design stays
unknown.
"""

from __future__ import annotations

import re
from functools import cache

from references.evidence._lexicon import load_rows, normalize
from references.evidence.design import DesignResult
from references.models import EvidenceReason, StudyDesign

_COLON = re.compile(r":\s*|\s+-\s+")
# An acronym of three or more capitals (digits and inner hyphens allowed), then "trial" or "study".
_NAMED_TRIAL = re.compile(r"(?<![\w-])(?P<name>(?-i:[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*))\)?\s+(?:trial|study)\b", re.I)
_RANDOMIZED = re.compile(r"\brandomi[sz]", re.I)


@cache
def _shapes() -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for label, where, phrase in load_rows("title_shapes.txt"):
        out.setdefault(where, []).append((label, " ".join(normalize(phrase).split())))
    return {k: tuple(v) for k, v in out.items()}


def _words(text: str) -> str:
    return " ".join(normalize(text).replace("?", " ").replace(".", " ").split())


def _starts(text: str, phrase: str) -> bool:
    return text == phrase or text.startswith(phrase + " ")


def design_from_title_shape(title: str) -> DesignResult:
    """The design a title's shape implies (see module docstring), or undecided."""
    whole = _words(title)
    if not whole:
        return DesignResult()
    parts = _COLON.split(title, maxsplit=1)
    after = _words(parts[1]) if len(parts) > 1 else ""
    shapes = _shapes()
    checks = (
        ("start", lambda p: _starts(whole, p)),
        ("end", lambda p: whole == p or whole.endswith(" " + p)),
        ("after_colon", lambda p: bool(after) and _starts(after, p)),
        ("anywhere", lambda p: f" {p} " in f" {whole} "),
    )
    for where, hit in checks:
        for label, phrase in shapes.get(where, ()):
            if hit(phrase):
                design = StudyDesign(label)
                reason = EvidenceReason(field="title", cue=phrase, conclusion=f"design={design.value} (title shape: {where})")
                return DesignResult(design=design, label=label, reasons=[reason])
    return DesignResult()


def named_trial(title: str, others: list[tuple[str, str]]) -> tuple[DesignResult, list[EvidenceReason]]:
    """An RCT when the title names a trial and another field says randomized; else only a note.

    ``others`` are ``(field name, text)`` pairs searched for "randomi[sz]ed" (abstract, keywords, note, raw).
    """
    m = _NAMED_TRIAL.search(title)
    if m is None:
        return DesignResult(), []
    name = m.group().strip()
    for field_name, text in others:
        r = _RANDOMIZED.search(text or "")
        if r:
            reasons = [
                EvidenceReason(field="title", cue=name, conclusion="named trial"),
                EvidenceReason(field=field_name, cue=r.group(), conclusion="design=rct (named trial, randomized)"),
            ]
            return DesignResult(design=StudyDesign.RCT, label="rct", reasons=reasons), []
    return DesignResult(), [EvidenceReason(field="title", cue=name, conclusion="named trial; randomization not stated, design left unknown")]
