"""Small field normalizers shared by every reference-file loader.

Each loader maps its own format onto ``references.models.Reference``; the
cleanups that do not depend on the format (DOI prefixes, years, HTML in
abstracts, personal-name splitting, file decoding) live here so the loaders
agree on them.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Collection
from typing import Any

from claims.errors import InputError
from claims.files import DEFAULT_MAX_BYTES, read_regular
from references.errors import ReferenceParseError
from references.models import Author, SkippedInput, SourceType

DUPLICATE_KEY_OF = "duplicate_key_of"  # Reference.extra mark: a later entry that reused this key


def duplicate_key(key: str, line: int | None, taken: Collection[str]) -> str:
    """The key a later entry that reuses ``key`` is kept under: ``key~line``, or ``key~line~2``,
    ``key~line~3``… when two repeats start on one line (a one-line CSL-JSON array) or a file
    already uses ``key~line`` for another entry — keys must stay unique for linking."""
    base = f"{key}~{line if line is not None else 0}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}~{n}"
    return candidate


_DOI = re.compile(r"10\.\d{4,9}/\S+")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)([a-z])?(?![\d])")
_TAG = re.compile(r"<[^<>]{0,500}>")
_SPACE = re.compile(r"\s+")
_PARTICLES = frozenset("van von der den de del della di da dos du le la ten ter vom zu d' l' al el bin ibn".split())


MAX_REFERENCE_BYTES = DEFAULT_MAX_BYTES  # a reference file is refused above this, before it is read


def read_text(path: str) -> tuple[str, list[SkippedInput]]:
    """Decode a reference file; UTF-8 first, then the best charset-normalizer guess.

    A file that is not UTF-8 still loads (its entries are kept) and a
    ``SkippedInput`` says which line first failed to decode, so accented
    names can be checked. Raises ``ReferenceParseError`` when the file cannot
    be opened, is binary, or has no text.
    """
    try:
        data = read_regular(path, MAX_REFERENCE_BYTES, what="reference file")
    except InputError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        raise ReferenceParseError(f"{path}: cannot read reference file ({reason})") from None
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReferenceParseError(f"{path}: binary file, not a reference list")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
    from charset_normalizer import from_bytes  # only for a file that is not UTF-8: 40 ms saved at start-up

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding.startswith(("cp125", "iso8859", "latin")):
        encoding = "cp1252"  # short Western files are guessed as any of these; cp1252 is what editors write
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "latin-1"
        text = data.decode(encoding)
    note = SkippedInput(
        what="encoding",
        where=f"{path}:{bad_line}",
        why=f"file is not UTF-8 (first bad byte on line {bad_line}); decoded as {encoding}, check accented names",
    )
    return text, [note]


def clean_doi(value: str | None) -> str | None:
    """``https://doi.org/10.1/ABC.`` -> ``10.1/abc`` (DOIs are case-insensitive)."""
    if not value:
        return None
    match = _DOI.search(value)
    if match is None:
        return None
    return match.group(0).rstrip(".,;)]}>").lower()


def year_from(value: object) -> str | None:
    """The first plausible year (with a/b suffix) in a date-ish value, as text."""
    if value is None:
        return None
    match = _YEAR.search(str(value))
    if match is None:
        return None
    return match.group(1) + (match.group(2) or "")


def strip_html(value: str | None) -> str | None:
    """Plain text of an abstract written in HTML (tags dropped, entities decoded)."""
    if value is None:
        return None
    text = _TAG.sub(" ", value)
    text = _SPACE.sub(" ", html.unescape(text)).strip()
    return text or None


def squash(value: str | None) -> str | None:
    """Collapse whitespace; empty becomes ``None``."""
    if value is None:
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None


def split_keywords(value: str | list[str] | None) -> list[str]:
    """Keywords given as one ``;``/``,``-separated string or as a list."""
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[;,\n]", value)
    return [s for s in (squash(str(i)) for i in items) if s]


def author_from_name(name: str) -> Author | None:
    """One personal name as written (``Vlachos, A.``, ``Liangliang Ping``, ``Ludwig van Beethoven``).

    ``Family, Given`` is split at the comma; otherwise the last word is the
    family name, together with any lower-case particles before it.
    """
    name = squash(html.unescape(name).replace("\u00a0", " ")) or ""
    if not name:
        return None
    if "," in name:
        family, _, given = name.partition(",")
        family, given = family.strip(), given.strip()
        return Author(family=family, given=given or None) if family else None
    words = name.split(" ")
    if len(words) == 1:
        return Author(family=words[0])
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    return Author(family=" ".join(words[i:]), given=" ".join(words[:i]) or None)


def preprint_venue(*values: str | None) -> bool:
    """True when a venue or publisher names a preprint server."""
    text = " ".join(v for v in values if v).lower()
    return any(
        s in text for s in ("arxiv", "biorxiv", "medrxiv", "psyarxiv", "ssrn", "research square", "preprints.org")
    )


CSL_TYPES: dict[str, SourceType] = {
    "article-journal": SourceType.JOURNAL_ARTICLE,
    "review": SourceType.JOURNAL_ARTICLE,
    "book": SourceType.BOOK,
    "chapter": SourceType.CHAPTER,
    "entry-encyclopedia": SourceType.WEB_PAGE,
    "webpage": SourceType.WEB_PAGE,
    "post": SourceType.WEB_PAGE,
    "post-weblog": SourceType.WEB_PAGE,
    "article-newspaper": SourceType.NEWS,
    "article-magazine": SourceType.NEWS,
    "thesis": SourceType.THESIS,
}


def ascii_fold(value: str) -> str:
    """Lower-case letters and digits only, diacritics removed (``Müller-D.`` -> ``mullerd``)."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def made_key(authors: list[Author], year: str | None, taken: set[str]) -> str:
    """``smith2020`` from the first author and year, made unique with ``-2``, ``-3``…"""
    base = (ascii_fold(authors[0].family) if authors else "") + (year or "")
    base = base or "ref"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key


def line_of(text: str, offset: int) -> int:
    """1-based line of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


_JSON = json.JSONDecoder()


def decode_json(text: str, start: int, path: str) -> tuple[Any, int]:
    """``raw_decode`` of the JSON value at ``start``; every way it fails is one
    ``ReferenceParseError`` naming the file and line: invalid JSON, nesting too deep for the
    decoder (``RecursionError``), a number with more digits than Python converts (``ValueError``)."""
    try:
        return _JSON.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise ReferenceParseError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    except RecursionError:
        raise ReferenceParseError(f"{path}:{line_of(text, start)}: JSON nested too deeply to read") from None
    except ValueError:
        raise ReferenceParseError(f"{path}:{line_of(text, start)}: JSON holds a number too long to read") from None
