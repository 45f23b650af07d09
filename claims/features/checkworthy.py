"""Check-worthiness: does a sentence state a fact that a citation should support?

Not check-worthy (with the reason returned): headings and titles, questions,
aim statements ("The aim of this review is..."), roadmaps ("In this article, I
will first..."), calls to action ("contact us online"), author bios,
boilerplate, and fragments too short to assert anything.  Phrase lists are data
(``claims/lexicons/checkworthy_openers.tsv`` for sentence openings,
``checkworthy_anywhere.tsv`` for phrases anywhere).  A heading is also judged
by shape, since loaders cannot always tell one from prose: no closing
punctuation and title case or capitals.
"""

from __future__ import annotations

import re
from functools import cache

from claims.features.lexicon import LEXICON_DIR, trie_pattern
from claims.lexicon_files import data_lines
from claims.models import UnitKind
from claims.spans import SentenceView

__all__ = ["checkworthiness"]

_KIND_REASON = {
    UnitKind.HEADING: "heading",
    UnitKind.BOILERPLATE: "boilerplate",
    UnitKind.REFERENCE: "reference entry",
    UnitKind.METADATA: "metadata",
}
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to vs with via".split())
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_PHONE = re.compile(r"\(\d{3}\)\s?\d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b")
_CLOSING = ".!?:;\"'\u201d\u2019)]\u3002\uff01\uff1f\uff1b"
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*(?:\[[^\]]{0,40}\]|\(\d[\d,\s\u2013-]{0,30}\))?\s*$")
_MIN_WORDS = 4


@cache
def _table(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Rows ``(reason, phrase)`` of a TSV lexicon, grouped into one regex per reason."""
    by_reason: dict[str, list[str]] = {}
    for line in data_lines(LEXICON_DIR / name):
        reason, phrase = line.split("\t", 1)
        by_reason.setdefault(reason.strip(), []).append(" ".join(phrase.lower().split()))
    anchored = name.startswith("checkworthy_openers")
    out = []
    for reason, phrases in by_reason.items():
        body = trie_pattern(tuple(dict.fromkeys(phrases)))
        prefix = r"^[\W_]*" if anchored else r"(?<![\w-])"
        out.append((re.compile(rf"{prefix}(?:{body})(?![\w-])", re.IGNORECASE), reason))
    return tuple(out)


def _looks_like_heading(text: str) -> bool:
    stripped = text.strip()
    if not stripped or _SENTENCE_END.search(stripped) or stripped[-1] in _CLOSING:
        return False
    words = _WORD.findall(stripped)
    if not words or len(words) > 20:
        return False
    letters = [c for c in stripped if c.isalpha()]
    cased = [c for c in letters if c.isupper() or c.islower()]
    if len(cased) < 0.8 * len(letters):
        return False  # mostly uncased script (CJK...): shape says nothing
    if stripped.isupper():
        return True
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitalised = sum(w[0].isupper() for w in content)
    return bool(content) and capitalised / len(content) >= 0.8


# A section headed by a person ("Dr. David Woo", "About the author") is a biography.
_PERSON_HEADING = re.compile(
    r"\s*(?:(?:dr|prof|professor)\.?\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*$|about\s+the\s+authors?\b)",
    re.IGNORECASE,
)


def _too_short(text: str) -> bool:
    """Fewer than four words (three for a sentence closed by a full stop: "Ketamine is 100% safe.");
    in a script without spaces between words (CJK), fewer than eight letters."""
    letters = [c for c in text if c.isalpha()]
    uncased = sum(not (c.isupper() or c.islower()) for c in letters)
    if letters and uncased > len(letters) / 2:
        return len(letters) < 2 * _MIN_WORDS
    needed = _MIN_WORDS - 1 if text.rstrip().endswith((".", "!")) else _MIN_WORDS
    return len(_WORD.findall(text)) < needed


def checkworthiness(
    view: SentenceView, *, kind: UnitKind, section: str | None, has_markers: bool
) -> tuple[bool, str]:
    """``(checkworthy, reason)``: reason is "factual statement" when check-worthy, else one of
    "heading", "boilerplate", "reference entry", "metadata", "question", "aim statement",
    "roadmap", "call to action", "author bio", "fragment".

    ``has_markers`` relaxes the shape tests (a cited line without a full stop
    is a sentence broken by extraction, not a heading); ``section`` is the
    heading the sentence sits under: sentences in a references or
    acknowledgements section are boilerplate.
    """
    if kind in _KIND_REASON:
        return False, _KIND_REASON[kind]
    text = view.text.strip()
    if section and re.match(r"\s*(?:references|bibliography|acknowledg|funding|conflicts? of interest|disclosure)", section, re.I):
        return False, "boilerplate"
    if section and _PERSON_HEADING.match(section):
        return False, "author bio"
    if text.rstrip("\"'\u201d\u2019) ").endswith("?"):
        return False, "question"
    for table in ("checkworthy_openers.tsv", "checkworthy_anywhere.tsv"):
        for pattern, reason in _table(table):
            if pattern.search(text):
                return False, reason
    if _PHONE.search(text):
        return False, "call to action"
    if not has_markers:
        if _looks_like_heading(text):
            return False, "heading"
        if _too_short(text):
            return False, "fragment"
    return True, "factual statement"
