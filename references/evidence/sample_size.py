"""Sample size stated in a title or abstract ("n = 36", "1,204 patients",
"Thirty-six MDD patients").

Numbers in words count, up to the thousands ("one hundred and twenty").
A count must sit right before a person-level noun, with at most three words
between ("36 drug-naive MDD patients"); bare numbers, years, doses and
percentages never count. When a text gives several counts, "a total of N"
wins, then the largest count, which is the whole sample rather than an arm
or a subgroup ("224 cases", "responders (n = 128)" -> 224).
"""

from __future__ import annotations

import re

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_WORD_NUMBER = rf"(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_NOUNS = (
    "patients|participants|subjects|adults|children|adolescents|youths|infants|newborns|neonates|women|men|"
    "girls|boys|individuals|volunteers|people|persons|veterans|students|mothers|pregnancies|twins|pairs|"
    "outpatients|inpatients|smokers|respondents|cases|controls|users|residents|employees|workers|athletes|"
    "soldiers|nurses|physicians|survivors|donors|recipients|births|families|households|couples|eyes"
)
_COUNT_RE = re.compile(
    rf"(?<![\w.,])(?P<total>total\s+of\s+)?(?P<num>{_DIGITS}|{_WORD_NUMBER})"
    rf"(?P<between>(?:[\s-]+[A-Za-z][\w'/]*){{0,3}}?)\s+(?:{_NOUNS})\b",
    re.IGNORECASE,
)
_N_RE = re.compile(rf"(?<![\w])[nN]\s*=\s*(?P<num>{_DIGITS})(?![\d.])")
_MAX_PLAUSIBLE = 50_000_000


def words_to_int(text: str) -> int | None:
    """``"thirty-six"`` -> 36, ``"one hundred and twenty"`` -> 120; None when not a number."""
    total = current = 0
    seen = False
    for token in re.split(r"[\s-]+", text.lower()):
        if token == "and" or not token:
            continue
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] == 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _to_int(text: str) -> int | None:
    if text[0].isdigit():
        return int(text.replace(",", ""))
    return words_to_int(text)


def extract_sample_size(text: str) -> tuple[int, str] | None:
    """``(n, the words that stated it)`` for the sample of ``text``, or None."""
    best: tuple[int, int, str] | None = None  # (rank, n, cue)
    for m in _COUNT_RE.finditer(text):
        if any(w.lower() in {"and", "or", "of", "in", "per", "to", "from", "with"} for w in m.group("between").split()):
            continue
        n = _to_int(m.group("num"))
        if n is None or n < 1 or n > _MAX_PLAUSIBLE or (1900 <= n <= 2100 and m.group("num").isdigit()):
            continue
        cand = (1 if m.group("total") else 0, n, m.group().strip())
        best = cand if best is None or cand[:2] > best[:2] else best
    for m in _N_RE.finditer(text):
        n = _to_int(m.group("num"))
        if n is None or n < 1 or n > _MAX_PLAUSIBLE:
            continue
        cand = (0, n, m.group())
        best = cand if best is None or cand[:2] > best[:2] else best
    return None if best is None else (best[1], best[2])
