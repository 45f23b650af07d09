"""Pull identifiers (DOI, PMID, PMCID, arXiv, URL) and access dates out of an entry.

They are removed from the working string before the author/title/venue split,
because their dots, slashes and digits otherwise look like segment ends, pages
and years. Every pattern is linear: bounded quantifiers, no nested repetition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
MONTH = _MONTH
DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"  # June 22, 2022
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"  # 22 June 2022
    rf"|\d{{4}}\s+{_MONTH}(?:\s+\d{{1,2}})?"  # 2022 Jun 22
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"  # 2022-06-22
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"  # 6/22/2022
    rf"|{_MONTH}\s+\d{{4}})"  # June 2022
)

_DOI = re.compile(
    r"(?:\b(?:doi|DOI)\s*+:?\s*|https?://(?:dx\.)?doi\.org/|\bdoi\.org/)?"
    r"(10\.\d{4,9}/[^\s\"<>]{1,200})"
)
_PMCID = re.compile(r"\b(?:PMCID\s*+:?\s*)?(PMC\d{4,9})\b")
_PMID = re.compile(r"\b(?:PMID|PubMed\s+ID)\s*+:?\s*(\d{4,9})\b", re.IGNORECASE)
_ARXIV = re.compile(r"\barXiv\s*+:?\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)", re.IGNORECASE)
_URL = re.compile(r"(?:<\s*)?\b((?:https?://|www\.)[^\s<>\"]{2,500})(?:\s*>)?")
_ACCESSED = re.compile(
    rf"[\[(]?\s*(?:last\s+)?(?:accessed|cited|retrieved|viewed|consulted)(?:\s+on)?\s*+:?\s*({DATE})\s*[\])]?",
    re.IGNORECASE,
)
# Link-text and database noise left behind by copy-paste from web pages: a link word standing alone
# between stops, so that titles keep their words ("... joins Index Medicus and Medline.", "Abstract
# evolution equations").
_NOISE = re.compile(
    r"(?:(?:^|(?<=[.;,:)\]] )|(?<=[.;,:)\]]))(?:Available\s+(?:at|from|online)|Retrieved\s+from|Link|Full\s*text|"
    r"Google\s+Scholar|PubMed|CrossRef|Crossref|Medline|Web\s+of\s+Science|Abstract|"
    r"PMC\s+free\s+article|Free\s+PMC\s+article|View\s+Article)\b\s*[:.]?(?=\s*(?:$|[A-Z\[(\d]))"
    r"|\[(?:Internet|PubMed|Google Scholar|CrossRef)\])",
)
_ACCESS_WORDS = ("accessed", "cited", "retrieved", "viewed", "consulted")
_PUNCT_RUN = re.compile(r"\s*[.,;:](?:\s+[.,;:])+(?=\s|$)")


@dataclass
class Identifiers:
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    arxiv: str | None = None
    url: str | None = None
    accessed: str | None = None
    removed: list[str] = field(default_factory=list)


def _clean_doi(doi: str) -> str:
    """Drop trailing punctuation; keep a ')' only when the DOI opened one itself."""
    doi = doi.rstrip(".,;:]}>'\"")
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1].rstrip(".,;:")
    return doi


def _cut(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " + text[match.end() :]


def extract_identifiers(text: str) -> tuple[Identifiers, str]:
    """Return the identifiers found and ``text`` with them (and link noise) removed."""
    ids = Identifiers()
    low = text.lower()
    m = _ACCESSED.search(text) if any(k in low for k in _ACCESS_WORDS) else None
    if m:
        ids.accessed = m.group(1).strip()
        text = _cut(text, m)
    m = _DOI.search(text) if "10." in text else None
    if m:
        ids.doi = _clean_doi(m.group(1))
        text = _cut(text, m)
    m = _PMCID.search(text) if "PMC" in text else None
    if m:
        ids.pmcid = m.group(1)
        text = _cut(text, m)
    m = _PMID.search(text) if ("pmid" in low or "pubmed" in low) else None
    if m:
        ids.pmid = m.group(1)
        text = _cut(text, m)
    m = _ARXIV.search(text) if "arxiv" in low else None
    if m:
        ids.arxiv = m.group(1)
    m = _URL.search(text) if ("http" in low or "www." in low) else None
    if m:
        url = m.group(1).rstrip(".,;:)]}>")
        ids.url = url
        # A second DOI form hidden in a doi.org-like URL was handled above; other URLs go.
        text = _cut(text, m)
        text = _URL.sub(" ", text)
    text = _NOISE.sub(" ", text)
    text = re.sub(r"\s{2,}", " ", text).strip(" \t,;:")
    # Leftover "..  ." runs where pieces were cut out.
    text = _PUNCT_RUN.sub(".", text).strip(" \t,;:")
    return ids, text
