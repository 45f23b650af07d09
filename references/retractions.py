"""Retraction lists: the Retraction Watch CSV (as Crossref publishes it) or a plain DOI list.

Column names are matched without case or spaces, so derived tables that keep the Retraction Watch
names ("OriginalPaperDOI,RetractionDOI", or lower-cased ones) read as the CSV, with the columns
they lack empty (no nature means retraction; no record id means the row number).

``RetractionIndex.load(path)`` reads either format; ``index.match(reference)``
looks an entry up, by DOI exactly first, then by title, first author and year
fuzzily (rapidfuzz ``token_sort_ratio`` >= ``title_threshold``, default 92, on
the records sharing the first author's family name, with the year within one);
``apply(references, index)`` returns copies whose evidence says what was found.

Retraction Watch rows carry a ``RetractionNature``: "Retraction", "Expression
of concern", "Correction" or "Reinstatement". One paper can have several
notices; the status is the most severe notice not followed by a later
reinstatement (retraction > expression of concern > correction). A plain DOI
list (one DOI per line, '#' comments) means "retracted" for every DOI.

Indexing is linear: a dict by DOI and a dict of blocking keys (normalized
family name), so matching a reference costs the size of its block, not of the
list. Dates are "M/D/YYYY H:MM" in the Crossref export; ISO dates also parse.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz

from claims.errors import InputError
from claims.files import read_regular
from references.errors import ReferenceParseError
from references.models import EvidenceReason, Reference, RetractionStatus

__all__ = ["NOTICE_SEVERITY", "RetractionIndex", "RetractionMatch", "RetractionRecord", "apply", "normalize_doi"]

_DOI_RE = re.compile(r"10\.\d{4,9}/\S+", re.I)
_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
NOTICE_SEVERITY = {  # which notice outranks which: retraction > expression of concern > correction
    RetractionStatus.RETRACTED: 3,
    RetractionStatus.EXPRESSION_OF_CONCERN: 2,
    RetractionStatus.CORRECTION: 1,
    RetractionStatus.NONE: 0,
}


def normalize_doi(value: str | None) -> str | None:
    """``"https://doi.org/10.1000/ABC."`` -> ``"10.1000/abc"``; None when no DOI is in ``value``."""
    if not value:
        return None
    m = _DOI_RE.search(value.strip())
    return m.group().rstrip(".,;)]}>").lower() if m else None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^0-9a-z]+", " ", "".join(c for c in text if not unicodedata.combining(c)).lower()).strip()


def _family_key(name: str) -> str:
    """The last word of a name ("Andrew J Wakefield" -> "wakefield"; "van der Berg" -> "berg")."""
    words = _fold(name).split()
    return words[-1] if words else ""


def _date_key(value: str) -> tuple[int, int, int]:
    m = re.match(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})", value)
    if m:
        return int(m.group(3)), int(m.group(1)), int(m.group(2))
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else (0, 0, 0)


@cache
def _nature(value: str) -> RetractionStatus | None:
    v = value.strip().lower()
    if v.startswith("retraction"):
        return RetractionStatus.RETRACTED
    if "concern" in v:
        return RetractionStatus.EXPRESSION_OF_CONCERN
    if v.startswith("correction"):
        return RetractionStatus.CORRECTION
    if v.startswith("reinstatement"):
        return RetractionStatus.NONE
    return RetractionStatus.RETRACTED if not v else None


class RetractionRecord(NamedTuple):
    """One notice about one paper (a NamedTuple: 60,000 of them are built per load)."""

    record_id: str
    status: RetractionStatus  # NONE for a reinstatement
    title: str = ""
    first_author: str = ""
    year: int | None = None
    doi: str | None = None
    notice_doi: str | None = None
    date: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class RetractionMatch:
    """What the index knows about a reference, and how it was found."""

    status: RetractionStatus
    record_id: str
    method: str  # "doi" | "title"
    score: float  # 100 for a DOI match, the rapidfuzz score for a title match
    notice_doi: str | None = None
    date: str = ""
    reason: str = ""
    source: str = "Retraction Watch"

    def describe(self) -> str:
        """ "Retraction Watch record 12345 (retraction, 2010-02-02)" for ``retraction_source``."""
        when = f", {self.date}" if self.date else ""
        return f"{self.source} record {self.record_id} ({self.status.value}{when})"


def _status_of(records: list[RetractionRecord]) -> RetractionRecord | None:
    """The most severe notice not reinstated afterwards."""
    best: RetractionRecord | None = None
    for rec in sorted(records, key=lambda r: _date_key(r.date)):
        if rec.status is RetractionStatus.NONE:
            best = None
        elif best is None or NOTICE_SEVERITY[rec.status] >= NOTICE_SEVERITY[best.status]:
            best = rec
    return best


# The Retraction Watch CSV is ~60 MB for ~60,000 records (2025); four times that is refused unread.
MAX_RETRACTION_BYTES = 250_000_000


class RetractionIndex:
    """Notices indexed by paper DOI and by first-author family name."""

    def __init__(
        self, records: Iterable[RetractionRecord], *, source: str = "Retraction Watch", title_threshold: float = 92.0
    ) -> None:
        self.source = source
        self.title_threshold = title_threshold
        by_doi: dict[str, list[RetractionRecord]] = {}
        self._by_author: dict[str, list[RetractionRecord]] = {}
        by_author = self._by_author
        size = 0
        for rec in records:
            size += 1
            if rec.doi:
                if rec.doi in by_doi:
                    by_doi[rec.doi].append(rec)
                else:
                    by_doi[rec.doi] = [rec]
            if rec.first_author and rec.title:
                if rec.first_author in by_author:
                    by_author[rec.first_author].append(rec)
                else:
                    by_author[rec.first_author] = [rec]
        self._size = size
        self._by_doi = by_doi

    def __len__(self) -> int:
        return self._size

    def effective_records(self) -> Iterator[RetractionRecord]:
        """Per paper DOI, the notice that stands (the most severe not reinstated afterwards);
        ``verifier lookups import`` copies these into the lookup store."""
        for records in self._by_doi.values():
            rec = _status_of(records)
            if rec is not None:
                yield rec

    @classmethod
    def load(cls, path: str | Path, **kwargs: float) -> RetractionIndex:
        """Read a Retraction Watch CSV (header with "Record ID") or a plain DOI list."""
        path = Path(path)
        try:
            text = read_regular(str(path), MAX_RETRACTION_BYTES, what="retraction list").decode("utf-8-sig", "replace")
        except InputError as exc:
            reason = str(exc).removeprefix(f"{path}: ")
            raise ReferenceParseError(f"{path}: cannot read retraction list: {reason}") from None
        first = text.split("\n", 1)[0]
        squashed = first.lower().replace(" ", "")
        if "," in first and ("recordid" in squashed or "originalpaperdoi" in squashed):
            index = cls(_csv_records(text), source="Retraction Watch", **kwargs)
        else:
            index = cls(_doi_list_records(text, path.name), source=path.name, **kwargs)
        if not len(index):  # an empty, binary or wrong file must not pass for "nothing retracted"
            raise ReferenceParseError(f"{path}: no retraction records (a Retraction Watch CSV or DOIs) found")
        return index

    def match(self, reference: Reference) -> RetractionMatch | None:
        """The notice status of ``reference``, or None when the list does not hold it."""
        doi = normalize_doi(reference.doi)
        if doi and doi in self._by_doi:
            rec = _status_of(self._by_doi[doi])
            return None if rec is None else self._match(rec, "doi", 100.0)
        if not reference.title or not reference.authors:
            return None
        block = self._by_author.get(_family_key(reference.authors[0].family), [])
        year_m = _YEAR_RE.search(reference.year or "")
        year = int(year_m.group()) if year_m else None
        title = _fold(reference.title)
        hits = [
            (score, rec)
            for rec in block
            if year is None or rec.year is None or abs(rec.year - year) <= 1
            if (score := fuzz.token_sort_ratio(title, _fold(rec.title), score_cutoff=self.title_threshold))
        ]
        if not hits:
            return None
        best_score, best = max(hits, key=lambda h: h[0])
        rec = _status_of([r for _, r in hits if r.title == best.title])
        return None if rec is None else self._match(rec, "title", best_score)

    def _match(self, rec: RetractionRecord, method: str, score: float) -> RetractionMatch:
        return RetractionMatch(
            rec.status, rec.record_id, method, score, rec.notice_doi, rec.date, rec.reason, self.source
        )


def _fast_doi(value: str) -> str | None:
    """``normalize_doi`` without the regex for the common bare-DOI cell."""
    value = value.strip()
    if not value:
        return None
    if value.startswith("10.") and " " not in value:
        return value.rstrip(".,;)]}>").lower()
    return normalize_doi(value)


def _fast_family(author_cell: str) -> str:
    """``_family_key`` of the first ';'-separated author, with a fast path for plain ASCII names."""
    first = author_cell.split(";", 1)[0].strip()
    if first.isascii():
        last = first.rsplit(" ", 1)[-1].lower()
        if last.isalnum():
            return last
    return _family_key(first)


def _fast_year(date: str) -> int | None:
    """The year of "M/D/YYYY H:MM" (Crossref's export) or of any date with a four-digit year."""
    tail = date.split(" ", 1)[0].rsplit("/", 1)[-1]
    if len(tail) == 4 and tail.isdigit():
        return int(tail)
    m = _YEAR_RE.search(date)
    return int(m.group()) if m else None


_COLUMNS = (
    "Record ID",
    "Title",
    "Author",
    "RetractionDate",
    "RetractionDOI",
    "OriginalPaperDate",
    "OriginalPaperDOI",
    "RetractionNature",
    "Reason",
)


def _csv_records(text: str) -> Iterable[RetractionRecord]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower().replace(" ", "") for h in next(reader, [])]
    wanted = [c.lower().replace(" ", "") for c in _COLUMNS]
    indexes = [header.index(c) if c in header else len(header) for c in wanted]
    width = max(indexes) + 1  # one past the last column used; a missing column reads as ""
    pick = itemgetter(*indexes)
    pad = [""] * width
    for row in reader:
        if len(row) < width:
            if len(row) < len(header) // 2:  # a blank or truncated line
                continue
            row = row + pad[len(row) :]
        rid, title, author, rdate, rdoi, odate, odoi, nature, reason = pick(row)
        status = _nature(nature)
        if status is None:
            continue
        yield RetractionRecord(
            rid.strip() or f"row {reader.line_num}",
            status,
            title.strip(),
            _fast_family(author),
            _fast_year(odate),
            _fast_doi(odoi),
            _fast_doi(rdoi),
            rdate.split(" ", 1)[0],
            reason.strip(),
        )


def _doi_list_records(text: str, name: str) -> Iterable[RetractionRecord]:
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        doi = normalize_doi(line)
        if doi:
            yield RetractionRecord(record_id=f"{name}:{n}", status=RetractionStatus.RETRACTED, doi=doi)


def apply(references: list[Reference], index: RetractionIndex) -> list[Reference]:
    """Copies of ``references`` with ``evidence.retraction`` (and ``retracted``) set where the index matches."""
    out = []
    for ref in references:
        found = index.match(ref)
        if found is None:
            out.append(ref)
            continue
        reason = EvidenceReason(
            field="retraction_list",
            cue=f"{found.method} match" + (f" (score {found.score:.0f})" if found.method == "title" else ""),
            conclusion=f"retraction={found.status.value}",
        )
        evidence = ref.evidence.model_copy(
            update={
                "retraction": found.status,
                "retracted": found.status is RetractionStatus.RETRACTED,
                "retraction_source": found.describe(),
                "reasons": [*ref.evidence.reasons, reason],
            }
        )
        out.append(ref.model_copy(update={"evidence": evidence}))
    return out
