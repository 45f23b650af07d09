"""Abbreviations a document defines for itself, and one key per term for matching.

The definitions come from the Schwartz & Hearst (2003) algorithm ("A simple
algorithm for identifying abbreviation definitions in biomedical text", PSB
2003): a short form in parentheses after its long form, "repetitive
transcranial magnetic stimulation (rTMS)", or the reverse, "rTMS (repetitive
transcranial magnetic stimulation)". The long form is the shortest run of the
preceding ``min(|SF| + 5, 2 * |SF|)`` words in which every letter and digit of
the short form can be found, right to left, with the short form's first
character starting a word.

``Abbreviations.key(term)`` maps a long form, a short form and its spelling
variants ("rTMS", "r-TMS", "RTMS", "rTMS's") to one key, so claims that say
the same thing in different words meet in one index bucket.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["Abbreviations", "find_definitions", "normalize_term"]

# "long form (SF)" or "SF (long form)"; the parenthesis holds at most 10 words, without nested brackets.
_PAREN = re.compile(r"\(([^()\[\]\n]{1,120})\)")
_WORDS_BEFORE = re.compile(r"[\w'’-]+")
_SF_OK = re.compile(r"^[\w][\w.'’/-]{0,9}$")
_NON_KEY = re.compile(r"[^0-9a-z]+")


def normalize_term(term: str) -> str:
    """Lower-case letters and digits only: 'r-TMS' -> 'rtms', "rTMS's" -> 'rtms', 'ECTs' stays 'ects'."""
    term = re.sub(r"['’]s$", "", term.strip())
    return _NON_KEY.sub("", term.lower())


def _is_short_form(candidate: str) -> bool:
    if not _SF_OK.match(candidate) or len(candidate) < 2:
        return False
    if not any(ch.isalpha() for ch in candidate):
        return False
    return any(ch.isupper() for ch in candidate) or len(candidate) <= 5 and candidate[0].isalpha()


def _best_long_form(short: str, long_candidate: str) -> str | None:
    """Schwartz & Hearst's right-to-left match of the short form's characters in the long form."""
    s = short.lower()
    lf = long_candidate.lower()
    si = len(s) - 1
    li = len(lf) - 1
    while si >= 0:
        ch = s[si]
        if not ch.isalnum():
            si -= 1
            continue
        while li >= 0 and (lf[li] != ch or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    start = lf.rfind(" ", 0, li + 1) + 1
    found = long_candidate[start:].strip()
    if len(found) <= len(short) or " " not in found and len(found) < 2 * len(short):
        return None
    return found


def _window(text: str, end: int, short: str) -> str:
    """The ``min(|SF| + 5, 2 * |SF|)`` words before ``end`` (stopping at a sentence or clause break)."""
    limit = min(len(short) + 5, 2 * len(short))
    cut = max(text.rfind(". ", 0, end), *(text.rfind(ch, 0, end) for ch in ";()<>[]"))
    head = text[cut + 1 : end]
    words = list(_WORDS_BEFORE.finditer(head))[-limit:]
    return head[words[0].start() :].strip() if words else ""


def find_definitions(text: str) -> list[tuple[str, str]]:
    """(short form, long form) for every definition in ``text``, in order; a short form may be defined twice."""
    out: list[tuple[str, str]] = []
    for m in _PAREN.finditer(text):
        inside = m.group(1).strip()
        inner_first = re.split(r"[;,]\s", inside)[0].strip()
        if _is_short_form(inner_first):
            long_form = _best_long_form(inner_first, _window(text, m.start(), inner_first))
            if long_form:
                out.append((inner_first, long_form))
            continue
        # "SF (long form)": the word right before the parenthesis is the short form.
        before = _WORDS_BEFORE.findall(text[max(0, m.start() - 12) : m.start()])
        if before and _is_short_form(before[-1]) and len(inside.split()) <= 10:
            long_form = _best_long_form(before[-1], inside)
            if long_form:
                out.append((before[-1], long_form))
    return out


class Abbreviations:
    """The abbreviations of one document, keyed for matching: every long form and every
    spelling of a short form maps to the short form's normalized key."""

    def __init__(self, definitions: Iterable[tuple[str, str]] = ()) -> None:
        self.definitions = list(dict.fromkeys(definitions))
        self._long: dict[str, str] = {}
        for short, long_form in self.definitions:
            self._long.setdefault(" ".join(_words(long_form)), normalize_term(short))
        self.short_keys = frozenset(normalize_term(short) for short, _ in self.definitions)
        self.max_long_words = max((len(k.split()) for k in self._long), default=0)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Abbreviations:
        return cls(pair for text in texts for pair in find_definitions(text))

    def key(self, term: str) -> str:
        """One key for a term: a known long form becomes its short form's key; anything else is normalized."""
        words = " ".join(_words(term))
        if words in self._long:
            return self._long[words]
        return normalize_term(term)

    def long_form_at(self, words: list[str], i: int) -> tuple[str, int] | None:
        """The key and length (in words) of the longest known long form starting at ``words[i]``."""
        for n in range(min(self.max_long_words, len(words) - i), 1, -1):
            phrase = " ".join(w.lower() for w in words[i : i + n])
            if phrase in self._long:
                return self._long[phrase], n
        return None


_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d+(?:\.\d+)?")


def _words(text: str) -> list[str]:
    """Tokens as ``claims.propositions`` splits them, so long forms are looked up word for word."""
    return [w.lower() for w in _TOKEN.findall(text)]
