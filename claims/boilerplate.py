"""Recognising text that is not prose: web-page furniture and bibliographic metadata.

A manuscript copied from a web page carries navigation, vote widgets, share
buttons, phone numbers, 'Read More' links, cookie and copyright lines; one
copied from a journal carries DOIs, keyword lines, author lists and table
cells. None of it is a claim, and treating it as one produces false alarms
(an unsupported 'claim' that is really a call to action). The tests here are
deliberately narrow (whole-line labels, a few unmistakable cues) because
labelling real prose as boilerplate silently hides claims.
"""

from __future__ import annotations

import re
from functools import cache

from claims.features.lexicon import entries, matcher
from claims.models import UnitKind

__all__ = ["classify_line", "classify_sentence", "is_boilerplate_section", "is_read_more"]

_PUNCT = re.compile(r"[^\w\s&-]+")
_PHONE = re.compile(
    r"(?<![\w.])(?:\+?1[\s.-]?)?\(\d{3}\)[\s.-]?\d{3}[\s.-]\d{4}(?!\d)"
    r"|(?<![\w.(])\d{3}[.-]\d{3}[.-]\d{4}(?![\d.])"
    r"|(?<![\w.])\+\d{1,3}(?:[\s.-]\d{2,4}){2,4}(?!\d)"
)
_PHONE_HINT = re.compile(r"\d{3}[\s.)-]{1,2}\d{3}[\s.-]\d{4}|\+\d")
_COPYRIGHT = re.compile(r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b", re.IGNORECASE)
_VOTES = re.compile(
    r"^\d+(?:\.\d+)?\s*/\s*\d+\b.*\b(?:votes?|average|ratings?|stars?)\b|\b\d+\s+votes?\b|^(?:average|rating)\s*:",
    re.IGNORECASE,
)
_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CAPTION = re.compile(
    r"(?:table|fig(?:ure)?\.?|supplementary (?:table|figure))\s*[A-Z]?\d+[a-z]?\s*[:.|-]", re.IGNORECASE
)
_LETTERS = re.compile(r"[^\W\d_]+")
_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’.-]*){0,3}")
_NAME_SEPARATOR = re.compile(r"[,;]| and ")
_MAX_LINE_WORDS = 30


@cache
def _line_labels() -> frozenset[str]:
    return frozenset(_label_key(e) for e in entries("boilerplate_lines"))


@cache
def _section_labels() -> frozenset[str]:
    return frozenset(_label_key(e) for e in entries("boilerplate_sections"))


@cache
def _metadata_prefixes() -> tuple[str, ...]:
    return entries("metadata_prefixes")


def _label_key(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def classify_line(line: str) -> UnitKind | None:
    """``BOILERPLATE`` or ``METADATA`` when a whole (stripped) line is not prose, else ``None``.

    Only short lines qualify (at most 30 words), so a paragraph that merely
    mentions 'privacy policy' stays prose.
    """
    stripped = line.strip()
    if not stripped:
        return None
    if stripped[0] in "{[" and stripped[-1] in "}]" and '":' in stripped:
        return UnitKind.METADATA  # a JSON record pasted from a database page
    if len(stripped.split(maxsplit=_MAX_LINE_WORDS)) > _MAX_LINE_WORDS:
        return None
    if _label_key(stripped) in _line_labels() or _VOTES.search(stripped):
        return UnitKind.BOILERPLATE
    if _URL_OR_EMAIL.fullmatch(stripped) or _PHONE.search(stripped):
        return UnitKind.BOILERPLATE
    lowered = stripped.lower()
    if lowered.startswith(_metadata_prefixes()) or _CAPTION.match(stripped):
        return UnitKind.METADATA
    if (
        stripped[0] in "*†‡§"
        and stripped[1:2] not in ("", " ", "*")
        and len(stripped.split()) <= 8
        and not stripped.endswith(".")
    ):
        return UnitKind.METADATA  # a table footnote: "*rBF=regional blood flow"
    if _mostly_symbols(stripped) or _is_name_list(stripped):
        return UnitKind.METADATA
    return None


def classify_sentence(sentence: str) -> UnitKind | None:
    """``BOILERPLATE`` for a sentence carrying a call to action, phone number, cookie or copyright notice.

    Plain substring tests screen each sentence first; the regexes run only on
    the rare sentence that passes, which keeps this cheap on long documents.
    """
    lowered = sentence.lower()
    if _PHONE_HINT.search(sentence) and _PHONE.search(sentence):
        return UnitKind.BOILERPLATE
    if ("©" in sentence or "copyright" in lowered or "(c)" in lowered) and _COPYRIGHT.search(sentence):
        return UnitKind.BOILERPLATE
    if _cue_screen().search(lowered) and matcher("boilerplate_cues").search(sentence):
        return UnitKind.BOILERPLATE
    return None


@cache
def _cue_screen() -> re.Pattern[str]:
    """The longest word of every cue (without a ``*`` ending), as one plain alternation for the
    lower-cased sentence: a cheap necessary condition for a cue match. (The last word was used
    before; 'to' and 'on' made it true of almost every sentence.)"""
    words = {max(e.split(), key=len).rstrip("*") for e in entries("boilerplate_cues")}
    return re.compile("|".join(re.escape(w) for w in sorted(words)))


def is_read_more(line: str) -> bool:
    """A 'Read More' style link: the paragraph before it is a teaser for another page."""
    # Every label contains "read": a cheap exact screen, as this runs on every line of a document.
    return "read" in line.lower() and _label_key(line) in {
        "read more",
        "continue reading",
        "keep reading",
        "read full article",
    }


def is_boilerplate_section(heading: str) -> bool:
    """A heading such as 'Recent Posts' whose section holds teasers or comments, not the article."""
    return _label_key(heading) in _section_labels()


def _mostly_symbols(line: str) -> bool:
    """Table rows and rules (``ECT - + + + +``): few letters, or mostly tokens without any letter."""
    tokens = line.split()
    visible = sum(map(len, tokens))
    if visible < 3:
        return False
    letters = visible - len(_LETTERS.sub("", line)) + (len(line) - visible)
    if letters < 0.4 * visible:
        return True
    if len(tokens) < 4:
        return False
    bare = sum(1 for t in tokens if not (t.isalpha() or any(map(str.isalpha, t))))
    return bare >= 0.7 * len(tokens)


def _is_name_list(line: str) -> bool:
    """An author line: three or more comma-separated capitalised names and nothing else."""
    parts = [p.strip() for p in _NAME_SEPARATOR.split(line) if p.strip()]
    if len(parts) < 3:
        return False
    return all(_NAME.fullmatch(p) and len(p.split()) <= 4 for p in parts)
