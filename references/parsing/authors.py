"""Reading the author list at the start of a reference string.

The list is read name by name on tokens, trying the shapes the common styles
use for one name:

- ``A`` inverted with initials: ``Smith, J. A.`` (APA, Harvard, Chicago author-date)
- ``G`` given name first: ``Robin C. Williamson`` (Chicago notes, many CS lists)
- ``V`` family then bare initials: ``Moreno-Agostino D``, ``Kempner J.C.`` (Vancouver, AMA, PLOS)
- ``I`` initials first: ``S. E. Han`` (IEEE, ACM)
- ``C`` inverted full name, first author only: ``Hearn, Lafcadio`` (Chicago, MLA)

Names are joined by ``,``, ``;``, ``and`` or ``&`` and may end in ``et al.``.
The list must end at a plausible boundary (a period, a comma, a colon, an
opening parenthesis or quote); otherwise there is no author list and the
entry starts with its title (web pages, anonymous works). A list made only of
full names is checked against word lists so that a title such as
"Transcranial Magnetic Stimulation" is not read as a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from references.models import Author
from references.parsing.lexicon import load_words

_TOKEN = re.compile(r"[^\s,;:()\[\]\"“”„«»]+|[,;:()\[\]\"“”„«»]")
_QUOTES = frozenset('"“”„«»')
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NOT_INITIALS = frozenset({"jr", "sr", "ed", "eds", "co", "st", "dr", "no", "vol", "pp", "in", "mr", "ms"})
_EDITOR_WORDS = frozenset({"ed", "eds", "editor", "editors", "ed.", "eds.", "hrsg", "dir", "dirs", "comp", "comps"})
_MAX_TOKENS = 600
_YEAR_TOKEN = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
_RESYNC = re.compile(r"\.\s|\s\((?=\d{4})|\s[\"“]")


class _Tok(NamedTuple):  # a tuple: built hundreds of times per entry, so cheap construction matters
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class AuthorScan:
    """The author list found at the start of a string: names, where it ends, how."""

    authors: list[Author]
    end: int  # offset just past the last character of the list (names, "et al.", "(Eds.)")
    et_al: bool
    editors: bool
    full_names_only: bool


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        out.append(_Tok(m.group(), *m.span()))
        if len(out) >= _MAX_TOKENS:
            break
    return out


def _bare(word: str) -> str:
    return word[:-1] if word.endswith(".") else word


@lru_cache(maxsize=8192)
def is_dotted_initials(word: str) -> bool:
    """'J.', 'J.A.', 'J.-P.', 'Ch.', 'D.I.' (not 'Jr.' or 'Ed.')."""
    if not word.endswith(".") or len(word) > 12:
        return False
    parts = [p for p in re.split(r"[.\-‐]", word) if p]
    if not parts or len(parts) > 4:
        return False
    if len(parts) == 1 and parts[0].lower() in _NOT_INITIALS:
        return False
    return all(p[0].isupper() and p[0].isalpha() and (len(p) == 1 or (len(p) == 2 and p[1].islower())) for p in parts)


@lru_cache(maxsize=8192)
def _plain_initials(word: str) -> bool:
    """'YT', 'M', 'JJ' (Vancouver: up to three capitals, no dots)."""
    letters = word.replace("-", "")
    return (
        1 <= len(letters) <= 4
        and len(word) <= 5
        and letters.isalpha()
        and letters.isupper()
        and not word.startswith("-")
    )


@lru_cache(maxsize=8192)
def _cap_word(word: str) -> bool:
    """A capitalized name word: 'Moreno-Agostino', "O'Brien", 'McCain', 'Pérez'; trailing '.' allowed."""
    w = _bare(word)
    if len(w) < 2 or not w[0].isupper() or not w[0].isalpha():
        return False
    if not all(c.isalpha() or c in "-'’‐" or unicodedata.combining(c) for c in w):
        return False  # a decomposed accent ("Le\u0301on") is a letter's mark, not punctuation
    return any(c.islower() for c in w[1:]) or (len(w) >= 4 and w.isupper())


@lru_cache(maxsize=8192)
def _particle(word: str) -> bool:
    return word.lower() in load_words("name_particles")


_JOINED_PARTICLE = re.compile(r"([a-z]{1,4})[-‐'’]([A-Z][^\W\d_]+(?:[-‐][A-Z][^\W\d_]+)?)\.?")


@lru_cache(maxsize=8192)
def _particle_name(word: str) -> bool:
    """A family name joined to its lower-case particle: 'ben-Avraham', 'al-Khalili', "d'Alembert"."""
    m = _JOINED_PARTICLE.fullmatch(word)
    return m is not None and (m.group(1) in {"d", "l"} or _particle(m.group(1)))


@lru_cache(maxsize=8192)
def _initials_not_family(word: str) -> bool:
    """After a family word, an all-capital word of up to four letters is its initials, not more of
    the family name: "Ahmed SSSJ", "Candel MJJM", "Chan C-KK", "de Quervain DJ-F", "Pettijohn TFII"."""
    return word.isupper() and _plain_initials(word)


def _family(toks: list[_Tok], i: int, limit: int = 3) -> int:
    """Index after a family name starting at ``i`` (particles + up to ``limit`` words), or ``i``."""
    j = i
    n = len(toks)
    while (
        j + 1 < n
        and _particle(toks[j].text)
        and j - i < 3
        and (toks[j].text.islower() or _particle(toks[j + 1].text) or _cap_word(toks[j + 1].text))
    ):
        j += 1
    words = 0
    while (
        j < n
        and words < limit
        and (_cap_word(toks[j].text) or (not words and _particle_name(toks[j].text)))
        and not (words and _initials_not_family(toks[j].text))
    ):
        j += 1
        words += 1
        if toks[j - 1].text.endswith("."):
            break
        # particles inside: "Van der Berg"
        if j + 1 < n and _particle(toks[j].text) and _cap_word(toks[j + 1].text):
            j += 1
    return j if words else i


def _words(toks: list[_Tok], i: int, j: int) -> str:
    return " ".join(_bare(t.text) if k == j - 1 else t.text for k, t in enumerate(toks[i:j], start=i))


def _initials_run(toks: list[_Tok], i: int) -> int:
    j = i
    while j < len(toks) and j - i < 4 and is_dotted_initials(toks[j].text):
        j += 1
    return j


def _form_a(toks: list[_Tok], i: int) -> tuple[int, Author] | None:
    j = _family(toks, i)
    if j == i or j >= len(toks) or toks[j].text != "," or toks[j - 1].text.endswith("."):
        return None
    k = _initials_run(toks, j + 1)
    if k == j + 1:
        return None
    given = " ".join(t.text for t in toks[j + 1 : k])
    if k + 1 < len(toks) and toks[k].text == "," and _bare(toks[k + 1].text).lower() in _SUFFIXES:
        k += 2
    return k, Author(family=_words(toks, i, j), given=given)


def _form_v(toks: list[_Tok], i: int) -> tuple[int, Author] | None:
    j = _family(toks, i)
    if j == i or j >= len(toks) or toks[j - 1].text.endswith("."):
        return None
    word = toks[j].text
    if _plain_initials(word) or _plain_initials(_bare(word)) or is_dotted_initials(word):
        k = j + 1
        if is_dotted_initials(word):  # spaced initials: "Neal R. M."
            k = _initials_run(toks, j)
            word = " ".join(t.text for t in toks[j:k])
        if k < len(toks) and _bare(toks[k].text).lower() in _SUFFIXES | {"2nd", "3rd", "4th"}:
            k += 1  # "Owens AP 3rd", "King ML Jr"
        return k, Author(family=_words(toks, i, j), given=_bare(word) if _plain_initials(_bare(word)) else word)
    return None


def _form_i(toks: list[_Tok], i: int) -> tuple[int, Author] | None:
    j = _initials_run(toks, i)
    plain = j == i and i < len(toks) and _plain_initials(toks[i].text) and toks[i].text.isupper()
    if plain:
        j = i + 1  # "RB Doorenbos, O Etzioni": undotted initials first, accepted only before a separator
    if j == i:
        return None
    k = _family(toks, j)
    if k == j or (plain and not _ends_name(toks, k)):
        return None
    return k, Author(family=_words(toks, j, k), given=" ".join(t.text for t in toks[i:j]))


def _ends_name(toks: list[_Tok], k: int) -> bool:
    """A full name must be followed by a separator or end in a period."""
    if toks[k - 1].text.endswith("."):
        return True
    if k >= len(toks):
        return True
    nxt = toks[k].text
    if _YEAR_TOKEN.fullmatch(nxt):
        return True  # "Bradley J. Parker 2012 Introduction"
    if nxt == "&" or nxt.lower() == "and":
        # "Obata K. Excitatory and trophic action": a name follows "and", a title word does not
        return k + 1 < len(toks) and toks[k + 1].text[:1].isupper()
    return nxt in {",", ";", "("} or nxt in _QUOTES


def _form_g(toks: list[_Tok], i: int) -> tuple[int, Author] | None:
    n = len(toks)
    if i >= n or not _cap_word(toks[i].text) or toks[i].text.endswith("."):
        return None
    j = i + 1
    while (
        j < n
        and j - i < 3
        and (
            is_dotted_initials(toks[j].text)
            or (
                _cap_word(toks[j].text) and j + 1 < n and _cap_word(toks[j + 1].text) and not toks[j].text.endswith(".")
            )
        )
    ):
        j += 1
    k = _family(toks, j, limit=2)
    if k == j and j - i >= 2 and _cap_word(toks[j - 1].text):
        j, k = j - 1, j  # a two-letter family read as an initial: "Ai Li."
    if k == j or not _ends_name(toks, k):
        return None
    if (
        k == j + 1
        and _initials_not_family(toks[j].text)
        and (("-" in toks[j].text) or not any(c in "AEIOUY" for c in toks[j].text))
    ):
        return None  # "Ahmed SSSJ," / "Chan C-KK,": family then initials (form V), not a family named SSSJ
    return k, Author(family=_words(toks, j, k), given=" ".join(t.text for t in toks[i:j]))


def _form_c(toks: list[_Tok], i: int) -> tuple[int, Author] | None:
    j = _family(toks, i, limit=2)
    if j == i or j + 1 >= len(toks) or toks[j].text != "," or toks[j - 1].text.endswith("."):
        return None
    k = j + 1
    if not _cap_word(toks[k].text):
        return None
    k += 1
    while (
        k < len(toks)
        and k - j <= 3
        and not toks[k - 1].text.endswith(".")
        and (is_dotted_initials(toks[k].text) or _cap_word(toks[k].text))
    ):
        k += 1
    if not _ends_name(toks, k):
        return None
    return k, Author(family=_words(toks, i, j), given=_words(toks, j + 1, k))


_FULL_FORMS = (_form_g, _form_c)


def _plausible_person(author: Author) -> bool:
    """Reject full-name 'authors' that are really title words ('Selective Serotonin ...')."""
    stop = load_words("not_name_words")
    suffixes = load_words("not_name_suffixes")
    for word in f"{author.given or ''} {author.family}".split():
        if is_dotted_initials(word):
            continue  # "A." is an initial, not the article
        w = word.strip(".").lower()
        if w in stop or any(w.endswith(s) and len(w) > len(s) + 2 for s in suffixes):
            return False
    return True


def _separator(toks: list[_Tok], i: int) -> int | None:
    n = len(toks)
    if i >= n:
        return None
    t = toks[i].text
    if t in {",", ";"}:
        if i + 1 < n and toks[i + 1].text.lower() in {"and", "&"}:
            return i + 2
        if i + 1 < n and toks[i + 1].text in {"...", "…", ".", ". . ."}:
            return i + 2
        return i + 1
    if t.lower() in {"and", "&"}:
        return i + 1
    return None


def _et_al(toks: list[_Tok], i: int) -> int | None:
    if i < len(toks) and toks[i].text.lower() in {"et", "et.", "etal", "etal."}:
        if toks[i].text.lower().startswith("etal"):
            return i + 1
        if i + 1 < len(toks) and toks[i + 1].text.lower().startswith("al"):
            return i + 2
    return None


def _editor_marker(toks: list[_Tok], i: int) -> int | None:
    """'(Eds.)', '(ed.)', ', editors' after a name list."""
    n = len(toks)
    if i + 2 < n and toks[i].text == "(" and toks[i + 1].text.lower() in _EDITOR_WORDS and toks[i + 2].text == ")":
        return i + 3
    if i + 1 < n and toks[i].text == "," and toks[i + 1].text.lower().rstrip(".") in {"ed", "eds", "editor", "editors"}:
        return i + 2
    return None


_Form = Callable[[list[_Tok], int], "tuple[int, Author] | None"]


def _name(toks: list[_Tok], i: int, prefer: _Form | None) -> tuple[int, Author, _Form] | None:
    """One name at ``i`` in the first shape that fits: (next index, author, the shape).

    ``prefer`` is the shape of the list's first name, tried first: a list keeps one style, so after
    "Xu XC, Liu X," the name "Lotan R. Expression and ..." is "Lotan R." and not a full name.
    A full-name shape whose words are title words ("The Design") does not count as a name.
    """
    forms = (
        (_form_a, _form_g, _form_v, _form_i, _form_c)
        if prefer is None
        else (prefer, _form_a, _form_g, _form_v, _form_i)
    )
    for form in forms:
        res = form(toks, i)
        if res and (form not in _FULL_FORMS or _plausible_person(res[1])):
            return res[0], res[1], form
    return None


def scan_authors(text: str, *, family_first: bool = False) -> AuthorScan | None:
    """The author list at the start of ``text``, or None when the entry does not start with one.
    ``family_first`` tries "Family I." (Vancouver) before "Given I. Family" for the first name."""
    short = _scan(text, _tokens(text[:400]), family_first)
    if len(text) <= 400 or (short is not None and short.end < 300):
        return short
    return _scan(text, _tokens(text[:3000]), family_first)  # a long author list: read further


def _scan(text: str, toks: list[_Tok], family_first: bool) -> AuthorScan | None:
    if not toks:
        return None
    authors: list[Author] = []
    full_only = True
    i = 0
    et_al = False
    res = _name(toks, 0, prefer=_form_v if family_first else None)
    prefer = res[2] if res and res[2] is not _form_c else None
    while res is not None:
        i, author, form = res
        full_only = full_only and form in _FULL_FORMS
        authors.append(author)
        k = _et_al(toks, i)
        if k is not None:
            i, et_al = k, True
            break
        if toks[i - 1].text.endswith(".") and not is_dotted_initials(toks[i - 1].text):
            break
        k = _separator(toks, i)
        if k is None:
            break
        m = _et_al(toks, k)
        if m is not None:
            i, et_al = m, True
            break
        res = _name(toks, k, prefer=prefer)
    if not authors:
        return None
    editors = False
    m = _editor_marker(toks, i)
    if m is not None:
        i, editors = m, True
    last = toks[i - 1].text
    boundary = (
        i >= len(toks)
        or last.endswith(".")
        or last == ")"
        or toks[i].text in {",", ":", ";", "(", "["}
        or toks[i].text in _QUOTES
        or _YEAR_TOKEN.fullmatch(toks[i].text) is not None  # "... and E. J. Crossman 1973 Title"
    )
    if not boundary:
        if len(authors) < 2:
            return None
        # A malformed name later in the list ("Levin S a"): keep the names read so far and
        # resume after the next period, year in parentheses or opening quote.
        resync = _RESYNC.search(text, toks[i - 1].end)
        if resync is None:
            return None
        return AuthorScan(
            authors=authors,
            end=resync.start() + (1 if resync.group().startswith(".") else 0),
            et_al=et_al,
            editors=editors,
            full_names_only=full_only,
        )
    if full_only and not all(_plausible_person(a) for a in authors):
        return None
    return AuthorScan(authors=authors, end=toks[i - 1].end, et_al=et_al, editors=editors, full_names_only=full_only)
