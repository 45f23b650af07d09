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
from dataclasses import dataclass
from functools import cache

from claims.features.lexicon import LEXICON_DIR, matcher, trie_pattern
from claims.lexicon_files import data_lines
from claims.models import Document, UnitKind
from claims.spans import SentenceView

__all__ = ["ArticleParts", "article_parts", "checkworthiness", "own_work"]

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
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*+(?:\[[^\]]{0,40}\]|\(\d[\d,\s\u2013-]{0,30}\))?\s*$")
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


_NOT_ASCII_LETTERS = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())


def _too_short(text: str) -> bool:
    """Fewer than four words (three for a sentence closed by a full stop: "Ketamine is 100% safe.");
    in a script without spaces between words (CJK), fewer than eight letters."""
    if _mostly_uncased(text):
        return sum(c.isalpha() for c in text) < 2 * _MIN_WORDS
    needed = _MIN_WORDS - 1 if text.rstrip().endswith((".", "!")) else _MIN_WORDS
    return len(_WORD.findall(text)) < needed


def _mostly_uncased(text: str) -> bool:
    """More than half the letters are of a script without case (CJK, Thai, Arabic).

    Only non-ASCII characters can be uncased letters, so when they are no more than the ASCII
    letters the answer is no without looking at each character in Python (nearly every
    sentence); only otherwise is every letter checked."""
    ascii_only = text.encode("ascii", "ignore")
    non_ascii = len(text) - len(ascii_only)
    if non_ascii == 0 or non_ascii <= len(ascii_only.translate(None, _NOT_ASCII_LETTERS)):
        return False
    letters = [c for c in text if c.isalpha()]
    uncased = sum(not (c.isupper() or c.islower()) for c in letters)
    return bool(letters) and uncased > len(letters) / 2


def checkworthiness(view: SentenceView, *, kind: UnitKind, section: str | None, has_markers: bool) -> tuple[bool, str]:
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
    if section and re.match(
        r"\s*(?:references|bibliography|acknowledg|funding|conflicts? of interest|disclosure)", section, re.I
    ):
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


# -- Citation-worthiness: what the authors report of their own work needs no citation. --------------------

# A pointer to the document's own figures, tables and supplements ("(Fig 2A)", "Table S1", "S3 Fig",
# "Protocol S1", "Supplementary file 4", "Figure 5—figure supplement 1").
_OWN_DISPLAY = re.compile(
    r"(?<![\w-])(?:"
    r"(?:fig(?:ure)?s?|tables?|movies?|videos?)\.?\s*S?\d+[A-Za-z]?(?![\w-])"
    r"|S\d+[A-Za-z]?(?:[_.]\d+)*\s+(?:figs?|figures?|tables?|texts?|files?|appendix|datasets?|data|movies?|videos?|protocols?)(?![\w-])"
    r"|(?:texts?|protocols?|datasets?|data\s+sets?|files?|appendix)\s+S\d+(?![\w-])"
    r"|supplementa(?:ry|l)\s+(?:files?|tables?|figures?|figs?|data|materials?|information|texts?|notes?|methods)(?![\w-])"
    r"|supporting\s+(?:information|texts?|data)(?![\w-])"
    r"|appendi(?:x|ces)\s*\d"
    r")",
    re.IGNORECASE,
)
# A caption panel read as a sentence: "(A) Cells stained for ...", "( D ) Comparison between ...".
_PANEL = re.compile(r"^\W*\(\s*[A-Za-z]\s*\)\s")
# In a research article, the authors speaking of themselves ("we", "our") or of their own results
# without naming a source ("These data reveal", "This study demonstrates", "The results confirm"):
# a sentence about a cited study that says "these results" continues it and is linked by
# ``continuation``, so one left unlinked speaks of the article's own.
_RESEARCH_OWN = re.compile(
    r"(?<![\w-])(?:we|our|ours|us|ourselves)(?![\w-])"
    r"|(?<![\w-])(?:these|this|the\s+present|the\s+current)\s+"
    r"(?:results?|data|findings|observations?|experiments?|analys[ie]s|study|work|report|trial|model|simulations?)(?![\w-])"
    r"|^\W*the\s+(?:results?|data|findings|analys[ie]s|study|trial|survey|experiment)(?![\w-])(?!\s+(?:of|from|in|by)\b)",
    re.IGNORECASE,
)


def own_work(text: str, *, research_article: bool) -> str | None:
    """The words by which ``text`` reports the document's own work, or None.

    Own work needs no citation: a pointer to the document's own figures, tables, supplements or
    other passages ("(Fig 2A)", "S1 Table", "data not shown", "discussed below"), a caption panel
    ("(B) Cells were ..."), a phrase naming the present study ("the present study", "here we",
    "the results presented here"), and, when ``research_article`` (the document has a Methods
    or Results part, see ``article_parts``), the authors' "we" and "our" and their results
    named without a source ("These data show", "This study demonstrates"). Outside a research
    article "we" is as often a clinic or a columnist speaking, so it does not count there.
    """
    patterns = (_OWN_DISPLAY, _PANEL, matcher("checkworthy_own_work"), *((_RESEARCH_OWN,) if research_article else ()))
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            return m.group(0)
    return None


_HEADING_NUMBER = re.compile(r"^[\s#\u2029]*(?:(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.|[A-Z][.)])\s+)?")
# Starts only where a white-space run starts: "\s*[/&]" tried at every space was quadratic.
_AND = re.compile(r"(?<!\s)\s*+[/&]\s*+")
_CAPTION_LABEL = re.compile(
    r"^(?:(?:fig(?:ure)?s?|tables?|schemes?|charts?|plates?)\.?\s*S?\d+[A-Za-z]?|S\d+\s+(?:figs?|figures?|tables?))(?![\w-])",
    re.IGNORECASE,
)
# A caption label set as a sentence of its own ("Figure 1.", "Figure 2—figure supplement 1.").
_LABEL_SENTENCE = re.compile(
    r"\W*(?:fig(?:ure)?|table)\.?\s*S?\d+[A-Za-z]?(?:\s*[\u2014\u2013-]\s*(?:figure|source\s+data)\s+supplement\s+\d+)?\s*+[.:]?\s*",
    re.IGNORECASE,
)


@cache
def _part_kinds() -> dict[str, str]:
    """Normalized part heading -> kind ("study", "summary", "context", "correspondence")."""
    out: dict[str, str] = {}
    for line in data_lines(LEXICON_DIR / "checkworthy_parts.tsv"):
        kind, heading = line.split("\t", 1)
        out[_heading_key(heading)] = kind.strip()
    return out


def _heading_key(heading: str) -> str:
    text = _HEADING_NUMBER.sub("", heading.strip(), count=1)
    text = _AND.sub(" and ", text.replace("\u2019", "'")).rstrip(" .:;").lower()
    return " ".join(text.split())


@dataclass(frozen=True)
class ArticleParts:
    """Where each sentence sits in the article's top-level structure (keys: sentence start offsets).

    ``part``: the heading of the top-level part the sentence sits in ("Results", "Materials and
    methods", "Author response"), None before the first one; ``kind``: that part's kind
    ("study", "summary", "context", "correspondence", or "front matter" for everything before
    the Introduction of a research article: title, abstract, summaries); ``captions``: sentences
    in a figure or table caption; ``research_article``: the document has a part reporting its
    own study (Methods, Results).
    """

    part: dict[int, str | None]
    kind: dict[int, str | None]
    captions: frozenset[int]
    research_article: bool

    def reports_own_work(self, start: int) -> bool:
        """The sentence at ``start`` sits where authors report their own work: Methods, Results,
        an abstract or summary, published peer review, or a caption."""
        return self.kind.get(start) in _OWN_KINDS or start in self.captions

    def describes_procedure(self, start: int) -> bool:
        """The sentence at ``start`` describes the authors' own procedure and observations:
        Methods, Results, published peer review or a caption (not an abstract, which states
        the paper's claims)."""
        return self.kind.get(start) in _PROCEDURE_KINDS or start in self.captions

    def says_own_work(self, text: str) -> str | None:
        """``own_work`` of ``text``, read as this document (a research article or not) reads."""
        return own_work(text, research_article=self.research_article)


_OWN_KINDS = frozenset({"study", "summary", "correspondence", "front matter"})
_PROCEDURE_KINDS = frozenset({"study", "correspondence"})


def article_parts(doc: Document) -> ArticleParts:
    """The top-level part (and caption membership) of every sentence of ``doc``.

    Why: ``Claim.section`` is the nearest heading, and in a research article that is usually a
    subsection ("Cell culture", "Negative selection on truncating mutations") whose name says
    nothing about whether the authors report their own work there. The part is the latest
    heading that names a top-level part of a research article (checkworthy_parts.tsv, the
    whole heading, numbering ignored); other headings do not change it. In a research article
    with an Introduction, what comes before it is front matter (title, abstract, author or
    editors' summary), which cites nothing by convention. A caption starts at a heading that
    is a figure or table label ("Fig 4", "Table 2", "S3 Fig"), takes in the caption title
    heading right after it, and lasts until the next heading after its text.
    """
    kinds = _part_kinds()
    part: dict[int, str | None] = {}
    kind_of: dict[int, str | None] = {}
    captions: set[int] = set()
    current: str | None = None
    current_kind: str | None = None
    research = False
    introduction: int | None = None
    in_caption = False
    caption_text_seen = False
    for sentence in doc.sentences:
        start = sentence.span.start
        if sentence.kind is UnitKind.HEADING:
            key = _heading_key(sentence.text)
            kind = kinds.get(key)
            if kind is not None:
                current = " ".join(sentence.text.strip(" #\t\n\u2029").split())
                current_kind = kind
                research = research or kind == "study"
                if introduction is None and key == "introduction":
                    introduction = start
                in_caption = False
            elif _CAPTION_LABEL.match(key):
                in_caption, caption_text_seen = True, False
            elif in_caption and caption_text_seen:
                in_caption = False
        elif _LABEL_SENTENCE.fullmatch(sentence.text):
            in_caption, caption_text_seen = True, False
            captions.add(start)
        elif in_caption:
            caption_text_seen = True
            captions.add(start)
        part[start] = current
        kind_of[start] = current_kind
    if research and introduction is not None:
        for start in kind_of:
            if start < introduction:
                kind_of[start] = "front matter"
    return ArticleParts(part=part, kind=kind_of, captions=frozenset(captions), research_article=research)
