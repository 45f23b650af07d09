"""One reference string -> ``Reference`` fields (Vancouver/AMA, APA, Harvard, Chicago, IEEE, web).

The string is read left to right: a leading label (``12.``, ``[12]``), then
identifiers are lifted out (``parsing.identifiers``), then the author list
(``parsing.authors``), an optional year right after it (APA/Harvard/PLOS), the
title (quoted, or up to the next sentence end), and the rest goes to
``parsing.tail`` for venue, year, volume, issue and pages. ``parse_reference``
never raises: on text it cannot read it returns a ``Reference`` with ``raw``
and whatever it could find.
"""

from __future__ import annotations

import re

from references.models import Author, Reference
from references.parsing import crf_tagger
from references.parsing.authors import AuthorScan, scan_authors
from references.parsing.classify import classify
from references.parsing.identifiers import extract_identifiers
from references.parsing.lexicon import load_words
from references.parsing.tail import YEAR, clean_venue, parse_tail, year_of
from references.parsing.title import comma_title_end, container_start, first_stop, journal_only, title_end

__all__ = ["parse_reference", "strip_label"]

_LABEL = re.compile(r"^\s*(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)](?!\d)|(\d{1,4})\s(?=\s*[A-Z\"“]))\s*")
_MARK = re.compile(r"^\s*(?:[•·▪◦‣]|\([a-z]\)(?=\s+[A-Z]))\s*")  # unnumbered: a bullet, a lettered "(b)"
_SAME_AUTHORS = re.compile(r"^\s*(?:_{3,}|[—–-]{3,})\s*+[.,]?\s*")  # "———." / "___ .": the previous entry's authors
_TAGS = re.compile(r"</?[a-zA-Z][\w:-]{0,20}(?:\s[^<>]{0,200})?>")
_YEAR_AFTER_AUTHORS = re.compile(
    r"^[\s.,:]*(?:\(\s*((?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.?|in\s+press|forthcoming)(?:[,;/][^()]{0,30})?\.?\s*\)"
    r"|((?:1[5-9]|20)\d\d[a-z]?)(?=[.,:]\s|[.,:]?$|\s+[^\d\s;:(]))[\s.,:]*",
    re.IGNORECASE,
)
_LATE_YEAR = (
    re.compile(  # "Tesser (2003) Title", "NEEM community members (2013) Title": names the scan left, then the year
        r"^(?P<who>[^()\d]{1,60}?)\s*\(\s*(?P<year>(?:1[5-9]|20)\d\d[a-z]?)\s*\)\s+(?=[\"“‘'A-Z])"
    )
)
_PUBLISHER_YEAR_ONLY = re.compile(r"[\s.]*[^.;]{1,80};\s*(?:1[5-9]|20)\d\d[a-z]?\.?\s*$")
_ACRONYM = re.compile(r"[A-Z]{2,10}")
_OPEN_QUOTES = {'"': '"', "“": "”", "„": "“”", "«": "»", "‘": "’", "'": "'", "”": "”"}
_TITLE_NOTE = re.compile(
    r"\s*\[(?:published\s+(?:online\s+)?ahead\s+of\s+print|epub\s+ahead|in\s+press|internet|published\s+correction|"
    r"retracted|erratum|corrected)[^\]]{0,80}\]\s*",
    re.IGNORECASE,
)
_DOUBLE_PERIOD = re.compile(r"(?<!\.)\.\.(?!\.)")
_IN_EDITORS = re.compile(r"^\s*In(?:\s*:)?\s+", re.IGNORECASE)
_EDITOR_TAIL = re.compile(r"^[\s,]*+(?:\(?\s*(?:eds?|editors?|hrsg)\.?\s*+\)?)[\s.,:]*", re.IGNORECASE)


def strip_label(text: str) -> tuple[int | None, str]:
    """Split a leading list label ('12.', '[12]', '(12)', or an unnumbered '•', '(b)') off;
    return (number or None, rest)."""
    m = _LABEL.match(text)
    if not m:
        mark = _MARK.match(text)
        return None, text[mark.end() :] if mark else text
    num = next(g for g in m.groups() if g is not None)
    return int(num), text[m.end() :]


def _opens_title(quoted: str, after: str) -> bool:
    """A quoted phrase that only opens the title ("“Manifesto” for advancing ...", "'Hard' and
    'soft' principles ..."): the quote holds no closing punctuation and the title goes on after it."""
    after = after.lstrip()
    if quoted.rstrip()[-1:] in {",", ".", "?", "!", ";"}:
        return False
    word = after.split(None, 1)[0].lower().strip(".,") if after else ""
    if after[:2] in {"- ", "– ", "— "}:
        return True  # "‘Schmallenberg virus’ - a novel orthobunyavirus"
    return after[:1] == ":" or (after[:1].islower() and word not in load_words("venue_openers"))


def _quoted(text: str) -> tuple[str, int] | None:
    """A title in quotation marks at the start of ``text``: (title, end offset after the close)."""
    stripped = text.lstrip(" ,.:")
    off = len(text) - len(stripped)
    if not stripped or stripped[0] not in _OPEN_QUOTES:
        return None
    closers = _OPEN_QUOTES[stripped[0]]
    for i in range(1, min(len(stripped), 1500)):
        if stripped[i] in closers and (i + 1 == len(stripped) or not stripped[i + 1].isalnum()):
            if i < 3 or _opens_title(stripped[1:i], stripped[i + 1 :]):
                return None
            return stripped[1:i].strip(" ,."), off + i + 1
    return None


def _organization(text: str) -> tuple[Author, int] | None:
    """A corporate author as the first sentence ('World Health Organization. Title...')."""
    end = first_stop(text)
    paren = re.search(r"\s\((?=(?:1[5-9]|20)\d\d)", text[:end])
    if paren:
        end = paren.start()
    head = text[:end]
    words = head.split()
    if not words or len(words) > 12 or end >= len(text) - 3:
        return None
    if len(words) == 1 and _ACRONYM.fullmatch(head.strip(" .,")):
        return Author(family=head.strip(" .,")), end + (
            0 if paren else 1
        )  # "WHO. Report on the Global ...", "CDC. Guidelines ..."
    orgs = load_words("organization_words")
    if not any(w.strip(".,()").lower() in orgs for w in words):
        return None
    if any(w[0].islower() and w not in {"of", "for", "and", "the", "on", "in", "&"} for w in words):
        return None
    return Author(family=head.strip(" .,")), end + (0 if paren else 1)


_EDITION = re.compile(
    r"\s*\(\s*(?:\d{1,2}(?:st|nd|rd|th|e|a|ª)?\.?|first|second|third|fourth|fifth|revised|new)\s*"
    r"(?:ed|edn|edition|éd|edição|edición|aufl|auflage)\.?\s*\)\s*$",
    re.IGNORECASE,
)


_VOLUME_OR_VERSION = re.compile(r"(?:[.,]\s*(?:volume|vol\.)|\.\s*(?:version|ver\.))\s*\d[\d.]*\s*$", re.IGNORECASE)


def _clean_title(title: str) -> str | None:
    title = _TITLE_NOTE.sub(" ", title)
    title = _EDITION.sub("", title)  # "Title (5. Ed.)", "Title (2nd edn)": the edition is not the title
    title = _VOLUME_OR_VERSION.sub("", title)  # "Point processes, volume 1", "EstimateS. version 7.5"
    title = title.strip(" \t.,;:")
    title = re.sub(r"\s{2,}", " ", title)
    if len(title) >= 2 and title[0] in "\"“'‘«" and title[-1] in "\"”'’»":
        title = title[1:-1].strip(" .,")
    return title or None


def parse_rules(raw: str) -> Reference:
    """Fields of one reference string read by the rules alone (no CRF)."""
    return _read_rules(raw)[0]


def _read_rules(raw: str) -> tuple[Reference, bool]:
    """The rules' reading, and whether they decided the entry has no title (a journal and its numbers
    only), which the CRF must not overturn."""
    text = " ".join(raw.split())
    if "``" in text:  # LaTeX quotes: ``Title,''
        text = text.replace("``", "“").replace("''", "”")
    if ".." in text:  # "Gill GS.. Title": a doubled period, not an ellipsis
        text = _DOUBLE_PERIOD.sub(".", text)
    number, body = strip_label(text)
    body = _TAGS.sub("", body) if "<" in body else body
    ids, body = extract_identifiers(body)
    ref = Reference(
        key="", raw=raw, number=number, doi=ids.doi, pmid=ids.pmid, pmcid=ids.pmcid, url=ids.url, accessed=ids.accessed
    )
    if ids.arxiv:
        ref.extra["arxiv"] = ids.arxiv
    if not body:
        return ref, False

    same = _SAME_AUTHORS.match(body)
    if same:  # the authors are the previous entry's: what follows is a year or the title, not names
        body = body[same.end() :]
    scan: AuthorScan | None = None if same else scan_authors(body)
    pos = 0
    comma_mode = False
    if scan is not None and scan.full_names_only and _organization(body) is not None:
        scan = None  # "Northfield Water Board. ..." is a body, not a person named Board
    if (
        scan is not None
        and scan.full_names_only
        and len(scan.authors) == 1
        and _PUBLISHER_YEAR_ONLY.match(body[scan.end :])
    ):
        # "Meyer M. Cinder. Feiwel & Friends; 2012.": read as "Given I. Family" nothing is left for a
        # title but a Vancouver "Publisher; year", so the name is "Family I." and the next word the title
        scan = scan_authors(body, family_first=True) or scan
    if scan is not None:
        ref.authors = scan.authors
        if scan.et_al:
            ref.extra["et_al"] = "true"
        if scan.editors:
            ref.extra["editors"] = "true"
        pos = scan.end
        comma_mode = body[pos : pos + 1] == ","
    elif not same:
        org = _organization(body)
        if org is not None:
            ref.authors = [org[0]]
            pos = org[1]
    rest = body[pos:]

    year: str | None = None
    m = _YEAR_AFTER_AUTHORS.match(rest)
    if m and (scan is not None or ref.authors or same):
        year = m.group(1) or m.group(2)
        rest = rest[m.end() :]
        comma_mode = comma_mode and not rest.startswith(".")
    elif not same:
        late = _LATE_YEAR.match(rest.lstrip(" .,:;"))
        if late and len(late.group("who").split()) <= 6:
            year = late.group("year")
            if not ref.authors:
                ref.authors = [Author(family=late.group("who").strip(" .,"))]
            rest = rest.lstrip(" .,:;")[late.end() :]
    rest = rest.lstrip(" .,:;")

    quoted = _quoted(rest)
    no_title = quoted is None and journal_only(rest)
    if quoted is not None:
        title, end = quoted
    elif no_title:
        title, end = "", 0
    else:
        end = comma_title_end(rest) if comma_mode else title_end(rest)
        title = rest[:end]
        if end < len(rest) and rest[end] in "?!":
            end += 1
    ref.title = _clean_title(title)
    after = rest[end:].lstrip(" .,:;")

    chapter_editors = False
    m = _IN_EDITORS.match(after)
    if m:
        inner = after[m.end() :]
        ed = scan_authors(inner)
        if ed is not None:
            rest_ed = inner[ed.end :]
            em = _EDITOR_TAIL.match(rest_ed)
            if ed.editors or (em and em.group().strip(" ,.:")):
                chapter_editors = True
                inner = rest_ed[em.end() :] if em else rest_ed
                after = "In: " + inner.lstrip(" ,.:")

    tail = parse_tail(after)
    ref.venue = clean_venue(tail.venue) if tail.venue else None
    ref.volume, ref.issue, ref.pages = tail.volume, tail.issue, tail.pages
    if ref.volume and ref.volume[0].isalpha():  # Vancouver e-locator "2022;appiajp21050541"
        ref.pages, ref.volume = ref.pages or ref.volume.rstrip("."), None
    ref.year = year if year and YEAR.match(year) else tail.year or (year_of(rest) if not year else None)
    if ref.year is None and year is None:
        ref.year = year_of(body)
    if year and not YEAR.match(year):
        ref.extra["date"] = year
    ref.source_type = classify(
        body,
        after,
        doi=ref.doi,
        arxiv=ids.arxiv,
        has_url=ref.url is not None or "link" in raw.lower().split(". "),
        accessed=ref.accessed is not None,
        venue=ref.venue,
        journal_shape=tail.journal_shape,
        volume=ref.volume,
        pages=ref.pages,
    )
    if chapter_editors and ref.source_type.value in {"book", "other", "journal_article"}:
        from references.models import SourceType

        ref.source_type = SourceType.CHAPTER
    return ref, no_title


def parse_reference(raw: str, *, crf: bool = True) -> Reference:
    """Fields of one reference string; ``key`` is left "" for the caller to assign.

    The rules read every field; then, when ``crf`` is on and the model is available, the CRF
    (``parsing.crf_tagger``, given the rules' title and venue as hints) decides the title and venue.
    """
    ref, no_title = _read_rules(raw)
    if crf and not no_title and len(raw) <= MAX_CRF_CHARS:
        _apply_crf(ref)
    return ref


# Longest entry the CRF reads: real entries are far shorter, and a 150 kB "entry" (a list whose
# numbering never advances, read as one) took most of a run's time in the tagger.
MAX_CRF_CHARS = 5000


def _read_as_container(reading: crf_tagger.Reading, text: str, title: str) -> bool:
    start = text.find(title)
    return start >= 0 and any(r.label == "container" and r.start <= start < r.end for r in reading.runs)


def _splits_rule_title(reading: crf_tagger.Reading, text: str, title: str) -> bool:
    """Whether the CRF labels two or more separate pieces of the rules' title as title, and none outside it."""
    start = text.find(title)
    if start < 0:
        return False
    pieces = [r for r in reading.runs if r.label == "title"]
    return len(pieces) > 1 and all(start <= r.start and r.end <= start + len(title) + 1 for r in pieces)


def _quoted_title(text: str, title: str) -> crf_tagger.Field | None:
    """The rules' title as a field when quotation marks enclose it in ``text``, else None."""
    start = text.find(title)
    end = start + len(title)
    closer = text[end : end + 3].lstrip(",.")[:1]
    if start > 0 and text[start - 1] in _OPEN_QUOTES and closer and closer in "\"”’'»":
        return crf_tagger.Field("title", start, end, 1.0)
    return None


def _joins_title_and_venue(crf_title: str, title: str, venue: str) -> bool:
    """Whether the CRF's title is the rules' title followed by the rules' venue."""
    return crf_title.startswith(title) and crf_title.rstrip(" .,;").endswith(venue)


def _ends_on_function_word(crf_title: str, title: str) -> bool:
    """Whether the CRF's title stops inside the rules' (longer) title on a word like "of" or "the"."""
    words = crf_title.split()
    return (
        len(crf_title) < len(title)
        and title.startswith(crf_title)
        and bool(words)
        and (words[-1].lower() in load_words("function_words"))
    )


def _drops_opening_words(text: str, title: str, crf_start: int) -> bool:
    """Whether the CRF's title starts a word or two inside the rules' title with no punctuation between:
    a title does not begin mid-phrase ("Breakdown | of the Internet", "LEGO-based | Robotics in ..."),
    whereas a cut after a bracket or stop ("Tesser (2003) | History of ...") may drop author residue."""
    start = text.find(title)
    if start < 0 or not start < crf_start < start + len(title):
        return False
    dropped = text[start:crf_start]
    return len(dropped.split()) <= 3 and re.fullmatch(r"[\w‐-]+(?: [\w‐-]+)* ", dropped) is not None


_KEEP_RULE_TITLE = 0.01  # keep the rules' title unless the CRF finds it this much less likely than its own


def _apply_crf(ref: Reference) -> None:
    """Replace the rules' title (and then the venue) with the CRF's when the CRF finds the rules'
    title boundaries unlikely; identifiers, year, volume and pages stay with the rules."""
    text = " ".join(ref.raw.split())
    if "``" in text:  # as parse_rules reads LaTeX quotes, so that its title is found in the text
        text = text.replace("``", "“").replace("''", "”")
    reading = crf_tagger.read(text, ref.title, ref.venue)
    if reading is None or (ref.title and reading.rule_title_odds >= _KEEP_RULE_TITLE):
        return
    title = reading.first("title")
    # '“Communication Networks,” in The Forbidden ...': the quotation marks say where the title ends
    title = (_quoted_title(text, ref.title) if ref.title else None) or title
    if title is None and ref.title and _read_as_container(reading, text, ref.title):
        return  # "Ward staffing? Nursing Times 12": title and journal read as one journal; keep the rules'
    if ref.title and _splits_rule_title(reading, text, ref.title):
        return  # "Sleep diaries (1798, 1805) of a watchman": the CRF broke one title in two around dates
    if (
        title is not None
        and ref.title
        and text.count("(", title.start, title.end) != text.count(")", title.start, title.end)
    ):
        return  # the CRF cut inside brackets ("insights from (1)H MR spectroscopy", "diaries (1798, 1805) of")
    if (
        title is not None
        and ref.title
        and ref.venue
        and _joins_title_and_venue(text[title.start : title.end], ref.title, ref.venue)
    ):
        return  # "Cancer statistics, 2015. CA: a cancer journal for clinicians": the CRF ran on into the journal
    if title is not None and ref.title and _ends_on_function_word(text[title.start : title.end], ref.title):
        return  # "... Tobacco Control Act of | 2009, January 2014": a title does not end on "of"
    start = title.start if title else 0
    if title is not None and ref.title and _drops_opening_words(text, ref.title, title.start):
        start = text.find(
            ref.title
        )  # "In vivo fate mapping", "Consort 2010 statement": the CRF read the first words as something else
    ref.title = _clean_title(text[start : container_start(text, title.end)]) if title else None
    venue = reading.first("container")
    if venue is not None and (title is None or venue.start >= title.end):
        ref.venue = clean_venue(text[venue.start : venue.end])
