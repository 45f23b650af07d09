"""Weak title cues: the shapes of reviews and opinion pieces, and named trials.

A title with no design word can still say what it is by its shape:
"Why ...", "The case for ...", "...: a call to action" are opinion pieces,
"... revisited", "... in health and disease", "...: focus on ..." are reviews
(``lexicons/title_shapes.txt``). Shapes are weaker than design words, so
``assess`` consults them only when nothing else decided.

Four shapes are code over lexicon rows, checked in this order:
a single person as the subject ("... in a National Football League player",
"... from an asymptomatic contact") is a case report; a counted series
("report of 12 cases", "99 cases of ...", "35 consecutive patients") is a
case series unless the title also names controls (then it is likely a
case-control study, left to other cues); and a bare topic of at most three
words ("Depression", "Vitamin D deficiency") in a general journal whose
research titles say what was found (``bare_topic_review`` rows of
``lexicons/venue_designs.txt``: NEJM, Lancet, Nature, Science, Cell) is a
review (seminar, review article). Elsewhere short titles are as often methods
or primary papers ("Fast statistical alignment", "Onion routing"), and titles
ending in a question are as often experiments ("Does hunger influence ...?")
as opinion pieces, so neither decides. Opinion shapes and bare topics carry
the lowest confidence. A review shape at the start of a title ("Mechanisms
of ...") does not decide when the title names the people studied
("Mechanisms of ... in human motor cortex" is an experiment): primary studies
name their sample, reviews their topic.

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
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    "eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand"
)
_NUM = rf"(?:\d[\d,. ]{{0,10}}\d|\d|(?:(?:{_NUMBER_WORDS})\s+(?:and\s+)?){{0,6}}(?:{_NUMBER_WORDS}))"
# Matched on the normalized title (lower case, dashes as spaces).
_CASE_COUNT = re.compile(
    rf"\b(?:reports?|series|summary|review|description|experience)\s+(?:of|with)\s+{_NUM}\s+"
    rf"(?:(?:consecutive|new|fatal|additional|further|pediatric|paediatric)\s+)?(?:cases|patients)\b"
    rf"|\b{_NUM}\s+(?:consecutive\s+)?cases\s+of\b|\b{_NUM}\s+consecutive\s+(?:cases|patients)\b"
)
_CONTROLS = re.compile(
    r"\bcontrols\b|\bcontrol\s+(?:groups?|subjects|participants|patients|individuals)\b|\bcontrolled\b"
)
# After the person noun: the end, punctuation, or a word that ties the person to the clinical story.
_PERSON_LINKS = (
    "with|who|after|following|treated|receiving|undergoing|presenting|during|on|in|at|from|without|taking|born|"
    "exposed|infected|living|using|due|suffering"
)
_SHORT_TOPIC_WORDS = 3


@cache
def _shapes() -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for label, where, phrase in load_rows("title_shapes.txt"):
        out.setdefault(where, []).append((label, " ".join(normalize(phrase).split())))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _person_re() -> re.Pattern[str]:
    nouns = sorted((p for _, p in _shapes().get("person", ())), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in nouns)
    return re.compile(
        rf"(?<![a-z0-9])(?:in|from)\s+(?:a|an|one)\s+(?:[a-z0-9'.,]+\s+){{0,4}}?(?:{body})"
        rf"(?=\s*$|\s*[,:;.?()]|\s+(?:{_PERSON_LINKS})\b)"
    )


def _words(text: str) -> str:
    return " ".join(normalize(text).replace("\u2019", "'").replace("?", " ").replace(".", " ").split())


def _shaped(label: str, cue: str, where: str) -> DesignResult:
    design = StudyDesign(label)
    reason = EvidenceReason(field="title", cue=cue, conclusion=f"design={design.value} (title shape: {where})")
    return DesignResult(design=design, label=label, shape=where, reasons=[reason])


def _starts(text: str, phrase: str) -> bool:
    return text == phrase or text.startswith(phrase + " ")


@cache
def _by_word(where: str, last: bool) -> dict[str, tuple[tuple[str, str], ...]]:
    """Rows of one ``where`` keyed by their first (or last) word, in file order: one dict lookup per title."""
    out: dict[str, list[tuple[str, str]]] = {}
    for label, phrase in _shapes().get(where, ()):
        words = phrase.split()
        out.setdefault(words[-1] if last else words[0], []).append((label, phrase))
    return {k: tuple(v) for k, v in out.items()}


def design_from_title_shape(title: str, *, topic_venue: bool = False, names_people: bool = False) -> DesignResult:
    """The design a title's shape implies (see module docstring), or undecided.

    ``topic_venue``: the venue is one where a bare topic title is a review (``venue.bare_topic_review``).
    ``names_people``: the title names a human population, so review shapes at its start do not decide.
    """
    whole = _words(title)
    if not whole:
        return DesignResult()
    low = normalize(title)
    m = _person_re().search(low)
    if m:
        return _shaped("case_report", title[m.start() : m.end()], "single person")
    m = _CASE_COUNT.search(low)
    if m and not _CONTROLS.search(low):
        return _shaped("case_series", title[m.start() : m.end()], "counted cases")
    parts = _COLON.split(title, maxsplit=1)
    after = _words(parts[1]) if len(parts) > 1 else ""
    words = whole.split()
    checks = (
        ("start", _by_word("start", False).get(words[0], ()), lambda p: _starts(whole, p)),
        ("end", _by_word("end", True).get(words[-1], ()), lambda p: whole == p or whole.endswith(" " + p)),
        (
            "after_colon",
            _by_word("after_colon", False).get(after.split(" ", 1)[0], ()) if after else (),
            lambda p: _starts(after, p),
        ),
        ("anywhere", _shapes().get("anywhere", ()), lambda p: f" {p} " in f" {whole} "),
    )
    for where, rows, hit in checks:
        for label, phrase in rows:
            if hit(phrase) and not (names_people and label == "narrative_review" and where == "start"):
                return _shaped(label, phrase, where)
    if topic_venue and not names_people and "?" not in title and len(words) <= _SHORT_TOPIC_WORDS:
        return _shaped("narrative_review", title.strip(), "bare topic")
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
    return DesignResult(), [
        EvidenceReason(field="title", cue=name, conclusion="named trial; randomization not stated, design left unknown")
    ]
