"""BibTeX through bibtexparser 2: split, then an explicit middleware stack.

The stack separates co-authors and splits their names while braces still
protect corporate authors (``{World Health Organization}``), then decodes
LaTeX in every field (``M{\\"u}ller`` -> ``Müller``); bibtexparser's own
decoder skips split names, so ``DecodeNamePartsMiddleware`` decodes them.
Failed blocks become ``SkippedInput`` with their 1-based line; an entry with
a duplicate key or duplicate field is still kept (CIT003 reports the former).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import bibtexparser
from bibtexparser import Library
from bibtexparser.middlewares import (
    BlockMiddleware,
    LatexDecodingMiddleware,
    NameParts,
    SeparateCoAuthors,
    SplitNameParts,
    default_parse_stack,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    ParsingFailedBlock,
    String,
)
from pylatexenc.latex2text import LatexNodes2Text

from references.loaders._fields import (
    DUPLICATE_KEY_OF,
    clean_doi,
    duplicate_key,
    preprint_venue,
    split_keywords,
    squash,
    year_from,
)
from references.models import Author, Reference, SkippedInput, SourceType

__all__ = ["DecodeNamePartsMiddleware", "PlainAwareLatexDecodingMiddleware", "load_bibtex"]

_TYPES: dict[str, SourceType] = {
    "article": SourceType.JOURNAL_ARTICLE,
    "book": SourceType.BOOK,
    "booklet": SourceType.BOOK,
    "inbook": SourceType.CHAPTER,
    "incollection": SourceType.CHAPTER,
    "phdthesis": SourceType.THESIS,
    "mastersthesis": SourceType.THESIS,
    "thesis": SourceType.THESIS,
    "online": SourceType.WEB_PAGE,
    "www": SourceType.WEB_PAGE,
    "webpage": SourceType.WEB_PAGE,
    "electronic": SourceType.WEB_PAGE,
}
_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "publisher", "howpublished", "institution", "school")
_KNOWN = frozenset(
    "author editor title year date doi pmid pmcid url urldate abstract keywords journal journaltitle booktitle "
    "publisher volume number issue pages ENTRYTYPE ID".split()
)


def _has_latex(value: str) -> bool:
    return any(c in value for c in "\\{}$~")


class PlainAwareLatexDecodingMiddleware(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoder, skipping values with no LaTeX in them (most of them; 3x faster)."""

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not _has_latex(python_string):
            return python_string, ""
        return super()._transform_python_value_string(python_string)


class DecodeNamePartsMiddleware(BlockMiddleware):
    """Decode LaTeX inside split names (a ``list[NameParts]`` value) to Unicode."""

    def __init__(self, allow_inplace_modification: bool = True) -> None:
        super().__init__(allow_inplace_modification=allow_inplace_modification, allow_parallel_execution=True)
        self._decoder = LatexNodes2Text()

    def _decode(self, parts: list[str]) -> list[str]:
        return [self._decoder.latex_to_text(p).strip() if _has_latex(p) else p for p in parts]

    def transform_entry(self, entry: Entry, library: Library) -> Entry:
        for field in entry.fields:
            if isinstance(field.value, list) and all(isinstance(v, NameParts) for v in field.value):
                field.value = [
                    NameParts(
                        first=self._decode(n.first),
                        von=self._decode(n.von),
                        last=self._decode(n.last),
                        jr=self._decode(n.jr),
                    )
                    for n in field.value
                ]
        return entry


def _stack() -> list[BlockMiddleware]:
    """Names are split before decoding so braces still protect corporate authors.

    In-place modification is allowed: the library is private to one call, and
    the defensive deep copies cost a third of the load time.
    """
    return [
        SeparateCoAuthors(allow_inplace_modification=True),
        SplitNameParts(allow_inplace_modification=True),
        PlainAwareLatexDecodingMiddleware(allow_inplace_modification=True),
        DecodeNamePartsMiddleware(allow_inplace_modification=True),
    ]


def _authors(value: Any) -> list[Author]:
    out: list[Author] = []
    for name in value if isinstance(value, list) else []:
        if not isinstance(name, NameParts):
            continue
        family = " ".join(name.von + name.last).strip()
        given = " ".join(name.first + name.jr).strip()
        if family:
            out.append(Author(family=family, given=given or None))
    return out


def _text(entry: Entry, key: str) -> str | None:
    value = entry.fields_dict.get(key)
    return squash(value.value) if value is not None and isinstance(value.value, str) else None


def _to_reference(entry: Entry, source_path: str, raw: str, start_line: int | None) -> Reference:
    get = lambda k: _text(entry, k)  # noqa: E731 - a local shorthand
    venue = next((v for v in (get(k) for k in _VENUE_FIELDS) if v), None)
    source_type = _TYPES.get(entry.entry_type.lower(), SourceType.OTHER)
    if preprint_venue(venue, get("archiveprefix"), get("eprinttype")):
        source_type = SourceType.PREPRINT
    keywords = split_keywords(get("keywords"))
    pubtypes = split_keywords(get("pubtype") or get("publication_type") or get("publicationtype"))
    extra = {
        k: v
        for k, v in ((f.key.lower(), squash(f.value) if isinstance(f.value, str) else None) for f in entry.fields)
        if v and k not in {x.lower() for x in _KNOWN} and k not in ("pubtype", "publication_type", "publicationtype")
    }
    extra["entry_type"] = entry.entry_type.lower()
    return Reference(
        key=entry.key,
        raw=raw,
        source_path=source_path,
        start_line=start_line,
        authors=_authors(entry.fields_dict["author"].value) if "author" in entry.fields_dict else [],
        year=year_from(get("year")) or year_from(get("date")),
        title=get("title"),
        venue=venue,
        volume=get("volume"),
        issue=get("number") or get("issue"),
        pages=get("pages"),
        doi=clean_doi(get("doi")),
        pmid=get("pmid"),
        pmcid=get("pmcid"),
        url=get("url"),
        accessed=get("urldate"),
        abstract=get("abstract"),
        keywords=keywords,
        publication_types=pubtypes,
        extra=extra,
        source_type=source_type,
    )


def _normalize_set_aside(entry: Entry, strings: list[String]) -> Entry | None:
    """Run the whole parse stack on an entry bibtexparser set aside (duplicate key or field).

    A duplicated field keeps its first value; ``@string`` macros of the file
    stay visible so ``journal = jn`` still resolves.
    """
    first: dict[str, Field] = {}
    for field in entry.fields:
        first.setdefault(field.key, field)
    clean = Entry(entry.entry_type, entry.key, list(first.values()), start_line=entry.start_line, raw=entry.raw)
    library = Library([*strings, clean])
    for middleware in [*default_parse_stack(allow_inplace_modification=True), *_stack()]:
        library = middleware.transform(library)
    return library.entries[0] if library.entries else None


def load_bibtex(text: str, source_path: str) -> tuple[list[Reference], list[SkippedInput]]:
    """Every readable entry of a BibTeX string, and what was skipped (with its line).

    Duplicate keys: the later entry is kept under ``key + "~" + line`` with
    ``extra["duplicate_key_of"]`` set, so keys stay unique and CIT003 can
    report it; a duplicated field keeps its first value.
    """
    with _captured_parser_log() as messages:
        library = bibtexparser.parse_string(text, append_middleware=_stack())
    refs: list[tuple[int, Reference]] = []
    skipped: list[SkippedInput] = []
    for entry in library.entries:
        line = entry.start_line + 1 if entry.start_line is not None else None
        if not entry.key.strip():  # ``@book{}``: nothing can cite it, and '' is no key
            skipped.append(_keyless(entry, source_path, line))
            continue
        refs.append((line or 0, _to_reference(entry, source_path, entry.raw or "", line)))
    for block in library.failed_blocks:
        line = block.start_line + 1 if block.start_line is not None else None
        where = f"{source_path}:{line}" if line else source_path
        kept = None
        inner = block.ignore_error_block if isinstance(block, ParsingFailedBlock) else None
        if isinstance(block, (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock)) and isinstance(inner, Entry):
            kept = _normalize_set_aside(inner, library.strings)
        if kept is not None and not kept.key.strip():
            skipped.append(_keyless(kept, source_path, line))
            continue
        if kept is None:
            first_line = (block.raw or "").strip().splitlines()[:1]
            logged = messages.get(block.start_line) if block.start_line is not None else None
            skipped.append(
                SkippedInput(
                    what="bibtex entry" + (f" {first_line[0][:60]!r}" if first_line else ""),
                    where=where,
                    why=f"malformed BibTeX: {logged or _reason(block)}",
                )
            )
            continue
        ref = _to_reference(kept, source_path, block.raw or "", line)
        if isinstance(block, DuplicateBlockKeyBlock):
            first = block.previous_block
            first_at = first.start_line + 1 if first.start_line is not None else "?"
            ref = ref.model_copy(
                update={"key": f"{kept.key}~{line}", "extra": {**ref.extra, DUPLICATE_KEY_OF: kept.key}}
            )
            why = f"duplicate key {kept.key!r} (first at line {first_at}); kept as {ref.key!r}"
        else:
            why = f"{_reason(block)}; kept the first value"
        skipped.append(SkippedInput(what=f"bibtex entry {kept.key!r}", where=where, why=why))
        refs.append((line or 0, ref))
    refs.sort(key=lambda item: item[0])
    return _unique_keys(refs, source_path, skipped), skipped


def _unique_keys(refs: list[tuple[int, Reference]], source_path: str, skipped: list[SkippedInput]) -> list[Reference]:
    """A key bibtexparser did not see twice because one of its entries failed on a
    duplicate field is still renamed like any duplicate key, so keys stay unique."""
    out: list[Reference] = []
    seen: dict[str, int] = {}
    for line, ref in refs:
        if ref.key in seen:
            key = ref.key
            new_key = duplicate_key(key, line, seen)
            ref = ref.model_copy(update={"key": new_key, "extra": {**ref.extra, DUPLICATE_KEY_OF: key}})
            skipped.append(
                SkippedInput(
                    what=f"bibtex entry {key!r}",
                    where=f"{source_path}:{line}",
                    why=f"duplicate key {key!r} (first at line {seen[key]}); kept as {ref.key!r}",
                )
            )
        seen.setdefault(ref.key, line)
        out.append(ref)
    return out


def _keyless(entry: Entry, source_path: str, line: int | None) -> SkippedInput:
    return SkippedInput(
        what=f"bibtex entry @{entry.entry_type}",
        where=f"{source_path}:{line}" if line else source_path,
        why="entry has no citation key",
    )


def _reason(block: Any) -> str:
    error = getattr(block, "error", None)
    message = str(error).strip().splitlines()[0] if error is not None and str(error).strip() else ""
    if not message:
        message = type(error).__name__ if error is not None else "unreadable block"
        if message == "BlockAbortedException":
            message = "entry not closed before the next '@' (missing '}' or '\"')"
    return message.split(". Note:")[0]


_LOG_LINE = re.compile(r"block \(line (\d+)\) aborted on line (\d+)[^:]*:\s*(.*)", re.S)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: dict[int, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        match = _LOG_LINE.search(record.getMessage())
        if match:
            detail = " ".join(match.group(3).split())
            self.messages[int(match.group(1))] = f"{detail} (parser stopped on line {int(match.group(2)) + 1})"


@contextmanager
def _captured_parser_log() -> Iterator[dict[int, str]]:
    """Turn bibtexparser's log lines about aborted blocks into our messages, instead of stderr output."""
    logger = logging.getLogger("bibtexparser")
    handler = _Collect()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
