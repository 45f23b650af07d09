"""Where the title ends in the text that follows the author list (and year).

A reference string after its authors is a row of segments cut at sentence ends
(``.``, ``?``, ``!``): the title is the first segment plus every following one
that reads like more title, and the container (journal, book, site, publisher)
starts at the first segment that does not. A later segment is more title when it
is not the last one, reads as a sentence-case phrase, does not open with a container or note word
(``lexicons/venue_openers.txt``: In, Proc., Available, Edited ...), holds no
volume/year numbers, is not a "City: Publisher" pair, and the segment after it
does not open with numbers, a date or an access note (``lexicons/note_openers.txt``;
then this one is the journal or site: "Title. J Foo. 2001;3:4"). So "Who shares? Who doesn't? Factors ..."
and "Thymic carcinoma. Ten years' experience ..." keep their second sentence,
while "Title. Crit Care Med 1982; 10:72" ends at the first.

Periods after abbreviations (``lexicons/abbreviation_words.txt``: "Proc.",
"Natl.", "e.g.") or before a lower-case word do not cut segments.
"""

from __future__ import annotations

import re

from references.parsing.lexicon import load_words
from references.parsing.tail import YEAR, venue_end

__all__ = ["comma_title_end", "container_start", "first_stop", "journal_only", "title_end"]

_SENTENCE_END = re.compile(r"[.?!]+(?=\s|$)")
_PUBLISHER = re.compile(r"^[A-Z][\w.' -]{1,40}?(?:,\s*[A-Z][\w. ]{1,20})?\s*:\s*[A-Z]")
_COMMA = re.compile(r",\s+")
_TAIL_NUMBERS = re.compile(r"\b(?:[Vv]ol|[Nn]o|pp|[Pp]ages?)\.?\s*\d|\d\s*\(\s*\d{1,4}\s*\)|\d\s*:\s*\d")
_GLUED_TAIL = re.compile(
    r"(?<=[a-z]) (?P<bare>(?:1[5-9]|20)\d\d(?= [A-Z]| *$))"
    r"| (?:1[5-9]|20)\d\d[a-z]? *;| \((?:1[5-9]|20)\d\d\) *\d+ *(?:\(\s*\d{1,4}\s*\) *)?:"
    r"|(?<=\.), \d{1,4} \((?:1[5-9]|20)\d\d\)"
)
_WORD = re.compile(r"\S+")
_PUBLICATION_FACTS = re.compile(
    r"\s\([^():]{2,60}:[^()]{2,120}?(?:1[5-9]|20)\d\d[a-z]?\)"
)  # " (London: Penguin, 1995)"
_NOTE_AFTER_TITLE = re.compile(
    r",\s+(?:ed\.|eds\.|trans\.|edited\s+by|translated\s+by|comp\.|in(?=\s+[A-Z]))\s", re.IGNORECASE
)
_SENTENCE_STOP = re.compile(r"[.?!]\s+[A-Z]")
# "... of coral reefs In: Sale PF, editor", "..., in Proceedings of the ACM": the container, with no stop before it
_IN_CONTAINER = re.compile(r"\s+In:\s|\.\s+In:?\s+(?=[A-Z])|,\s+[Ii]n:?\s+(?=Proc(?:eedings|\.)\s)")
_PART_NUMBER = re.compile(
    r"(?:[Pp]art\s+)?(?:I{1,3}|IV|VI{0,3}|IX|X)"
    r"|(?:Volume|Volumen|Band|Tome|Part)\s+(?:\d{1,3}|[IVX]{1,4})(?::\s.*)?"  # "Volume 2: Bony fishes part 1"
)
_LEADING_WORD = re.compile(r"[\s\"“‘'(\[]*([^\s:,;.]+)")


def _cuts(text: str) -> list[tuple[int, int]]:
    """Segment ends: (end of the segment's text, start of the next segment)."""
    cuts = []
    depth = 0  # open round brackets before the match: "Title (5. Ed.)" is not cut at "5."
    scanned = 0
    for m in _SENTENCE_END.finditer(text):
        pos = m.start()
        depth = max(0, depth + text.count("(", scanned, pos) - text.count(")", scanned, pos))
        scanned = pos
        if depth and text.find(")", m.end(), m.end() + 12) >= 0:
            continue
        nxt_start = m.end()
        while nxt_start < len(text) and text[nxt_start].isspace():
            nxt_start += 1
        if nxt_start >= len(text) or pos < 2:
            continue
        if text[nxt_start].islower():
            continue
        if m.group()[0] == ".":
            before = text[:pos].rsplit(None, 1)
            word = before[-1].lower().strip("(\"“‘'[") if before else ""
            if word in load_words("abbreviation_words"):
                continue
        end = pos + 1 if m.group()[0] in "?!" else pos
        cuts.append((end, nxt_start))
    return cuts


def _opens_with(segment: str, words: frozenset[str]) -> bool:
    m = _LEADING_WORD.match(segment)
    return m is not None and m.group(1).lower().rstrip(".") in words


def _opens_with_numbers(segment: str) -> bool:
    return venue_end(segment.lstrip(" ([")) == 0


def _sentence_case(segment: str) -> bool:
    """Two or more words, opening with a letter, one of them a lower-case content word ("An update",
    "Ten years' experience in twenty patients"); Title Case names ("Man Ther", "University of
    North Carolina Press", "John Wiley") and abbreviation pieces ("Nutr", "Am. J. Hum") are not."""
    words = segment.split()
    if len(words) < 2 or not words[0].lstrip("\"“‘'")[:1].isalpha():
        return False
    function = load_words("function_words")
    return any(w[0].islower() and w.lower() not in function for w in words[1:])


def _more_title(segment: str, following: str | None) -> bool:
    """Whether ``segment`` (not the first) continues the title rather than starting the container."""
    if following is None or not _sentence_case(segment):
        return False
    if _opens_with(segment, load_words("venue_openers")) or _PUBLISHER.match(segment):
        return False
    if venue_end(segment) < len(segment):
        return False
    return not (_opens_with_numbers(following) or _opens_with(following, load_words("note_openers")))


def _comma_cut(text: str, end: int) -> int:
    """Cut a title that ran into its container without a period ("Robot Vision, MIT Press, 1986",
    "A Note on X, Information and Computation, 84, 119-127") at the first comma followed by a
    piece that does not continue it (one that starts lower-case, "an Information Workspace", does)."""
    if end < len(text) and not _TAIL_NUMBERS.search(text, 0, end):
        return end  # a period ended the title; a year inside it ("Cancer statistics, 2015") is title
    stop = venue_end(text[:end])
    for m in _COMMA.finditer(text, 0, stop):
        if not text[m.end() : m.end() + 1].islower():
            return m.start()
    return end


def _glued_venue(text: str, end: int, limit: int, bare_year: bool) -> int:
    """Cut a sentence-case title glued to its journal with no period before the numbers
    ("... of lymphocyte homing Science 1996; 272:60-66", "... pain patients Pain (1992) 49(1):71-75",
    "... receptivity Fertility and Sterility, 1989; 52", "... feature maps 1990 Connection Science 2"):
    the journal is the run of capitalized words (with "and", "of" between two of them) before the year,
    and the title ends at the lower-case word before that run. The numbers are looked for up to ``limit``
    (the segment's end; ``end`` may already stop before them, at a comma). A bare year counts only when
    no period cut the entry at all (``bare_year``): "heatwave of 2003. Nature" keeps its year."""
    m = _GLUED_TAIL.search(text, 0, limit)
    if m is None:
        return end
    if m.group("bare"):
        return m.start() if bare_year and m.start() < end else end
    words = list(_WORD.finditer(text, 0, m.start()))
    function = load_words("function_words")
    k = len(words)
    while k > 0 and (
        words[k - 1].group()[0].isupper()
        or (k < len(words) and k > 1 and words[k - 1].group() in function and words[k - 2].group()[0].isupper())
    ):
        k -= 1
    if k == 0 or k == len(words) or not words[k - 1].group()[0].islower():
        return end
    return min(end, words[k - 1].end())


_ABBREVIATED = re.compile(r"[A-Z][A-Za-z]{0,8}\.")  # "J.", "Appl.", "Macromol."
_NUMBER_BLOCK = re.compile(r"(?:[\s\d,.;:()\-–—]|\b(?:[Vv]ol(?:ume)?|[Nn]o|[Pp]p?|[Pp]ages?)\b\.?)+")
_YEAR_SPAN = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d\s*[-–—]\s*(?:1[5-9]|20)\d\d(?!\d)")
_BRACKETED = re.compile(r"\[[^\]]*\]?|\([^)]*\)?")
_WORD_RUN = re.compile(r"[^\W\d_]{2,}")
_VOLUME_AND_PAGES = re.compile(r"\d\s*[-–—]\s*\d|\b[Pp]p?\.\s*\d|\d\s*[:,]\s*\d")


def journal_only(text: str) -> bool:
    """Whether the text after the authors is a journal and its numbers with no title, as physics and
    chemistry lists write them ("J. Appl. Cryst. 2014, 47, 1797-1803", "Theor Appl Genet 84 : 755-762",
    "Wear, Vol. 111, No. 2, p. 217"): up to eight capitalized words (or function words) and no comma before
    the first number, then only numbers holding a volume and pages. A period inside those words must close
    an abbreviation, and when one stands before more words most words must be abbreviated: "Mass
    Extinctions in the Marine Fossil Record. Science 215: 1501" is a title and its journal."""
    stop = venue_end(text)
    head = text[:stop].strip(" ,;:(")
    words = head.split()
    if not words or len(words) > 8 or "," in head or ":" in text[:stop]:
        return False  # "Selected Writings: Volume 1 1913-1926" is a title and its subtitle
    block = _NUMBER_BLOCK.match(text, stop)
    numbers = _YEAR_SPAN.sub(" ", block.group()) if block else ""  # "Speeches, 1832–1858, ed. ...": years, not pages
    if not _VOLUME_AND_PAGES.search(numbers) or len(YEAR.findall(numbers)) > 1:
        return False  # "The Four Texts (1798, 1799, 1805, 1850)": years, not a volume and pages
    assert block is not None  # without a block ``numbers`` is "" and the test above returned
    after = _BRACKETED.sub(" ", text[block.end() :])
    if len(_WORD_RUN.findall(after)) > 3 or _VOLUME_AND_PAGES.search(after):
        return False  # "Network of 50,185 Sexual Contacts. PLOS Comput Biol 7: 1-9": numbers inside a title
    function = load_words("function_words")
    if any(not w[0].isupper() and w.lower() not in function for w in words) or words[0].lower() == "in":
        return False
    abbreviated = [w for w in words if w.endswith(".")]
    if any(not _ABBREVIATED.fullmatch(w) for w in abbreviated):
        return False
    inner_stop = any(len(w) > 2 and w.endswith(".") for w in words[:-1])
    return not inner_stop or 2 * len(abbreviated) > len(words)


def title_end(text: str) -> int:
    """Offset in ``text`` where the title that starts at 0 ends (its closing '?' or '!' included)."""
    return container_start(text, _segments_end(text))


def first_stop(text: str, comma_mode: bool = False) -> int:
    """Offset of the first stop (or, in ``comma_mode``, comma) that ends a sentence starting at 0:
    not after an abbreviation or before a lower-case word ("?" and "!" are kept in)."""
    for m in re.finditer(r"[.?!](?=\s|$)|,(?=\s)" if comma_mode else r"[.?!](?=\s|$)", text):
        ch = m.group()
        pos = m.start()
        if ch in "?!":
            return pos + 1
        if ch == ".":
            before = text[:pos].rsplit(None, 1)
            word = before[-1].lower() if before else ""
            if word.strip('("“') in load_words("abbreviation_words"):
                continue
            nxt = text[pos + 1 :].lstrip()[:1]
            if nxt and nxt.islower():
                continue
        if pos < 2:
            continue
        return pos
    return len(text)


def comma_title_end(text: str) -> int:
    """Where a title ends in a list that puts a comma after the names (Chicago notes, many humanities
    lists). With the publication facts in brackets, "Title, with, commas, ed. X (City: Publisher, 1989)",
    the title runs to the note or the bracket, commas and all; otherwise it ends at the first stop or comma."""
    facts = _PUBLICATION_FACTS.search(text)
    if facts:
        note = _NOTE_AFTER_TITLE.search(text, 0, facts.start())
        end = note.start() if note else facts.start()
        if end > 0 and not _SENTENCE_STOP.search(text, 0, end):
            return end
    return first_stop(text, comma_mode=True)


def container_start(text: str, end: int) -> int:
    """Where a book or proceedings opens inside ``text[:end]`` ("... of coral reefs In: Sale PF, editor",
    "... semantics. In Analysis of ...", "..., in Proceedings of the ACM"), or ``end``."""
    m = _IN_CONTAINER.search(text, 0, end)
    return m.start() if m and m.start() > 0 else end


def _segments_end(text: str) -> int:
    cuts = _cuts(text)
    if not cuts:
        return _glued_venue(text, _comma_cut(text, len(text)), len(text), bare_year=True)
    end = _glued_venue(text, _comma_cut(text, cuts[0][0]), cuts[0][0], bare_year=False)
    if end < cuts[0][0]:
        return end
    for idx in range(1, len(cuts) + 1):
        seg_start = cuts[idx - 1][1]
        seg_end = cuts[idx][0] if idx < len(cuts) else len(text)
        following = text[cuts[idx][1] :] if idx < len(cuts) else None
        segment = text[seg_start:seg_end]
        if _PART_NUMBER.fullmatch(segment) and following is not None:
            end = seg_end  # "Genetic control of B-cell responses. I. Selective ...", "... Atlantic. Volume 1: Sharks"
            continue
        if not _more_title(segment, following):
            break
        end = seg_end
    return end
