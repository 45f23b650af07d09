"""Study design implied by the journal: review journals, Cochrane, case-report journals.

Some venues publish one kind of article only ("Cochrane Database Syst Rev"
publishes systematic reviews, "BMJ Case Rep" case reports, "Nat Rev Neurosci"
reviews), so their name is a design cue of its own. Patterns live in
``lexicons/venue_designs.txt``; the venue is reduced to its words without
"of/the/and/in/for/on" so NLM abbreviations and full names read alike.
General journals (NEJM, Lancet, Nature) are absent: they publish everything.
Rows labelled ``bare_topic_review`` name the general journals whose research
titles say what was found, so a title that is a bare topic ("Depression")
there is a review article; ``bare_topic_review`` answers that for
``title_shape``.
"""

from __future__ import annotations

import re
from functools import cache

from references.evidence._lexicon import load_rows
from references.evidence.design import DesignResult
from references.models import EvidenceReason, StudyDesign

_STOP = frozenset({"of", "the", "and", "in", "for", "on"})
_WORD = re.compile(r"[a-z0-9]+")
REVIEW_VENUE_DESIGNS = (StudyDesign.SYSTEMATIC_REVIEW, StudyDesign.NARRATIVE_REVIEW)


def _pattern(text: str) -> re.Pattern[str]:
    """``"^nat* rev* ..."`` -> a regex over space-joined venue words (see the lexicon header)."""
    words = text.split()
    start = words[0].startswith("^")
    end = words[-1].endswith("$")
    parts = []
    for w in words:
        w = w.strip("^$")
        if w == "...":
            parts.append(r"(?:[a-z0-9]+(?: |$))*")
        elif w.endswith("*"):
            parts.append(re.escape(w[:-1]) + r"[a-z0-9]*(?: |$)")
        else:
            parts.append(re.escape(w) + r"(?: |$)")
    body = "".join(parts)
    return re.compile(("^" if start else r"(?:^| )") + body + ("$" if end else ""))


_BARE_TOPIC = "bare_topic_review"


@cache
def _patterns() -> tuple[tuple[StudyDesign, str, re.Pattern[str]], ...]:
    return tuple(
        (StudyDesign(label), text, _pattern(text))
        for label, text in load_rows("venue_designs.txt")
        if label != _BARE_TOPIC
    )


@cache
def _bare_topic_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(_pattern(text) for label, text in load_rows("venue_designs.txt") if label == _BARE_TOPIC)


def venue_words(venue: str) -> str:
    """``"Cochrane Database of Systematic Reviews"`` -> ``"cochrane database systematic reviews"``."""
    return " ".join(w for w in _WORD.findall(venue.lower()) if w not in _STOP)


def design_from_venue(venue: str | None) -> DesignResult:
    """The design a venue's name implies, with a reason quoting the venue; undecided for general journals."""
    if not venue:
        return DesignResult()
    words = venue_words(venue)
    for design, text, pattern in _patterns():
        if pattern.search(words):
            reason = EvidenceReason(
                field="venue", cue=venue, conclusion=f"design={design.value} (venue pattern '{text}')"
            )
            return DesignResult(design=design, label=design.value, reasons=[reason])
    return DesignResult()


def bare_topic_review(venue: str | None) -> bool:
    """Whether a bare-topic title ("Depression") in ``venue`` is a review article (see module docstring)."""
    if not venue:
        return False
    words = venue_words(venue)
    return any(p.search(words) for p in _bare_topic_patterns())
