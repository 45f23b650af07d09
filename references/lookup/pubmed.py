"""NCBI E-utilities for PubMed: ``esearch.fcgi`` to find PMIDs, ``efetch.fcgi`` for the records.

A PMID goes straight to efetch; a DOI is searched as ``"<doi>"[doi]``; a title
as its first eight significant words, each tagged ``[ti]``, with
``<family>[1au]`` and ``<year-1>:<year+1>[dp]``. Each record
gives the abstract (labelled parts joined as "LABEL: text"), the
``PublicationTypeList`` (Randomized Controlled Trial, Meta-Analysis, Case
Reports, ...), the MeSH check tags ``Humans`` / ``Animals`` (added to the
types, which the evidence lexicon reads as species), and notices from
``CommentsCorrectionsList`` (``RetractionIn``, ``ExpressionOfConcernIn``,
``ErratumIn``) and the "Retracted Publication" type.

The same parser reads ``MedlineCitation`` elements of the MEDLINE/PubMed
baseline files for ``verifier lookups import`` (``store``). XML is parsed with
defusedxml (no entity expansion, no external DTD).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from references.lookup.client import Fetch, FetchError
from references.lookup.records import Candidates, Notice, WorkRecord, year_of
from references.models import Reference, RetractionStatus
from references.retractions import normalize_doi

__all__ = ["lookup", "parse_article", "parse_articles"]

NAME = "pubmed"
_NOTICES = {
    "RetractionIn": RetractionStatus.RETRACTED,
    "ExpressionOfConcernIn": RetractionStatus.EXPRESSION_OF_CONCERN,
    "ErratumIn": RetractionStatus.CORRECTION,
}
_CHECK_TAGS = ("Humans", "Animals")
_QUERY_JUNK = re.compile(r"[\[\]()\"*:;,.?!]+")
_STOP = {"the", "and", "for", "with", "from", "into", "than", "that", "this", "are", "was", "were", "its", "not"}


def _text(elem: Element | None) -> str | None:
    if elem is None:
        return None
    value = " ".join("".join(elem.itertext()).split())
    return value or None


def _abstract(article: Element) -> str | None:
    parts = []
    for node in article.iterfind("Abstract/AbstractText"):
        text = _text(node)
        if text:
            label = node.get("Label")
            parts.append(f"{label}: {text}" if label and label.upper() != "UNLABELLED" else text)
    return " ".join(parts) or None


def _authors(article: Element) -> list[str]:
    out = []
    for author in article.iterfind("AuthorList/Author"):
        name = _text(author.find("LastName")) or _text(author.find("CollectiveName"))
        if name:
            out.append(name)
    return out


def _year(article: Element) -> int | None:
    date = article.find("Journal/JournalIssue/PubDate")
    if date is not None:
        found = year_of(_text(date.find("Year"))) or year_of(_text(date.find("MedlineDate")))
        if found:
            return found
    return year_of(_text(article.find("ArticleDate/Year")))


def _doi(citation: Element, pubmed_data: Element | None) -> str | None:
    if pubmed_data is not None:
        for node in pubmed_data.iterfind("ArticleIdList/ArticleId"):
            if node.get("IdType") == "doi":
                return normalize_doi(_text(node))
    for node in citation.iterfind("Article/ELocationID"):
        if node.get("EIdType") == "doi":
            return normalize_doi(_text(node))
    return None


def parse_article(citation: Element, pubmed_data: Element | None = None) -> WorkRecord | None:
    """A ``MedlineCitation`` (with its ``PubmedData`` when efetch sent one) as a record."""
    pmid = _text(citation.find("PMID"))
    article = citation.find("Article")
    if not pmid or article is None:
        return None
    types = [t for node in article.iterfind("PublicationTypeList/PublicationType") if (t := _text(node))]
    mesh = {_text(node) for node in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")}
    types += [tag for tag in _CHECK_TAGS if tag in mesh]
    notices = []
    for node in citation.iterfind("CommentsCorrectionsList/CommentsCorrections"):
        status = _NOTICES.get(node.get("RefType", ""))
        if status:
            source = _text(node.find("RefSource")) or ""
            ref_pmid = _text(node.find("PMID"))
            detail = f"{node.get('RefType')}: {source}" + (f" (PMID {ref_pmid})" if ref_pmid else "")
            notices.append(Notice(status=status, detail=detail))
    if "Retracted Publication" in types and not any(n.status is RetractionStatus.RETRACTED for n in notices):
        notices.append(Notice(status=RetractionStatus.RETRACTED, detail="publication type Retracted Publication"))
    journal = article.find("Journal")
    return WorkRecord(
        source=NAME,
        id=pmid,
        pmid=pmid,
        doi=_doi(citation, pubmed_data),
        title=_text(article.find("ArticleTitle")) or _text(article.find("VernacularTitle")),
        authors=_authors(article),
        year=_year(article),
        venue=_text(journal.find("Title")) if journal is not None else None,
        venue_short=(_text(journal.find("ISOAbbreviation")) if journal is not None else None)
        or _text(citation.find("MedlineJournalInfo/MedlineTA")),
        types=types,
        abstract=_abstract(article),
        notices=notices,
    )


def _parse_xml(body: bytes, what: str) -> Element:
    try:
        return fromstring(body)
    except (ParseError, DefusedXmlException, ValueError):
        raise FetchError(f"malformed XML from pubmed ({what})") from None


def parse_articles(body: bytes) -> list[WorkRecord]:
    """Records of an efetch ``PubmedArticleSet`` (or a MEDLINE ``MedlineCitationSet``)."""
    root = _parse_xml(body, "efetch")
    if root.tag not in ("PubmedArticleSet", "MedlineCitationSet", "PubmedArticle"):
        raise FetchError(f"unexpected XML from pubmed (<{root.tag}>)")
    out = []
    for article in root.iter("PubmedArticle"):
        citation = article.find("MedlineCitation")
        if citation is not None and (rec := parse_article(citation, article.find("PubmedData"))):
            out.append(rec)
    if root.tag == "MedlineCitationSet":
        out += [r for c in root.iterfind("MedlineCitation") if (r := parse_article(c))]
    return out


def _search_ids(body: bytes) -> list[str]:
    root = _parse_xml(body, "esearch")
    if root.tag != "eSearchResult":
        raise FetchError(f"unexpected XML from pubmed (<{root.tag}>)")
    error = _text(root.find("ERROR"))
    if error:
        raise FetchError(f"pubmed search error: {error[:80]}")
    return [i for node in root.iterfind("IdList/Id") if (i := _text(node))]


def title_term(ref: Reference) -> str:
    """``w1[ti] AND w2[ti] … AND <family>[1au] AND 2018:2020[dp]`` for esearch: a search tag applies to
    the one term before it, so each of the title's first eight significant words carries its own."""
    words = [w for w in _QUERY_JUNK.sub(" ", ref.title or "").split() if len(w) > 2 and w.lower() not in _STOP]
    term = " AND ".join(f"{w}[ti]" for w in words[:8]) or f"{ref.title}[ti]"
    if ref.authors:
        term += f" AND {_QUERY_JUNK.sub(' ', ref.authors[0].family).strip()}[1au]"
    year = year_of(ref.year)
    if year:
        term += f" AND {year - 1}:{year + 1}[dp]"
    return term


def _efetch(ids: list[str], fetch: Fetch) -> list[WorkRecord]:
    resp = fetch("/efetch.fcgi", {"db": "pubmed", "id": ",".join(ids), "retmode": "xml"})
    if resp.status != 200:
        raise FetchError(f"HTTP {resp.status} from pubmed efetch")
    return parse_articles(resp.body)


def lookup(ref: Reference, fetch: Fetch) -> Candidates:
    """Ask PubMed about one reference."""
    pmid = (ref.pmid or "").strip()
    if pmid.isdigit():
        records = _efetch([pmid], fetch)
        return Candidates(by="pmid", records=records, why=None if records else "PMID unknown to PubMed")
    doi = normalize_doi(ref.doi)
    if doi:
        by, term = "doi", f'"{doi}"[doi]'
    elif ref.title:
        by, term = "title", title_term(ref)
    else:
        return Candidates(by="title", why="no PMID, DOI or title to search for")
    resp = fetch("/esearch.fcgi", {"db": "pubmed", "term": term, "retmax": "5"})
    if resp.status != 200:
        raise FetchError(f"HTTP {resp.status} from pubmed esearch")
    ids = _search_ids(resp.body)
    if not ids:
        return Candidates(by=by, why=f"no PubMed record with that {by}")
    return Candidates(by=by, records=_efetch(ids, fetch))
