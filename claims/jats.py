"""The structured reference records a JATS article carries, read from their fields.

``<element-citation>`` and tagged ``<mixed-citation>`` entries say what each part is (authors,
year, title, source, DOI) and what kind of work it is (``publication-type="journal"``);
flattening them into text and parsing it back loses that, and a journal article with a URL
then reads as a web page. Each ``<ref>`` here becomes a CSL-JSON item with the character range
of its element in the file (the masked text keeps offsets, so it is also the range of the
entry ``references.reflist`` finds there). ``references.records`` applies them.

Each ``<ref>`` is parsed on its own (defusedxml, inside a wrapper that declares the usual
namespace prefixes), so one malformed entry costs that entry only.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from claims.models import ReferenceRecord

__all__ = ["jats_records"]

_REF = re.compile(r"<ref(?=[\s>])[^>]{0,500}>")
_WRAP = '<r xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML">{}</r>'
_CITATIONS = ("element-citation", "mixed-citation", "nlm-citation", "citation")
# JATS publication-type -> CSL type (``references.loaders._fields.CSL_TYPES`` maps those to source types).
_TYPES = {
    "journal": "article-journal",
    "book": "book",
    "book-chapter": "chapter",
    "chapter": "chapter",
    "web": "webpage",
    "webpage": "webpage",
    "website": "webpage",
    "thesis": "thesis",
    "preprint": "article",
    "confproc": "paper-conference",
    "conference": "paper-conference",
    "report": "report",
    "data": "dataset",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "newspaper": "article-newspaper",
}
_FIELDS = ("person-group", "article-title", "source", "year", "chapter-title", "data-title", "pub-id")


def jats_records(xml: str) -> list[ReferenceRecord]:
    """One record per ``<ref>`` whose citation is structured (has field elements)."""
    out: list[ReferenceRecord] = []
    pos = 0
    while True:
        m = _REF.search(xml, pos)
        if m is None:
            return out
        end = xml.find("</ref>", m.end())
        if end == -1:
            return out
        end += len("</ref>")
        pos = end
        item = _item(xml[m.start() : end])
        if item is not None:
            out.append(ReferenceRecord(start=m.start(), end=end, item=item))


def _item(block: str) -> dict[str, object] | None:
    try:
        root = ElementTree.fromstring(_WRAP.format(block))
    except (ElementTree.ParseError, DefusedXmlException):
        return None
    ref = root.find("ref")
    citation = next((c for name in _CITATIONS if (c := ref.find(f".//{name}")) is not None), None) if ref else None
    if citation is None or not any(citation.find(f".//{f}") is not None for f in _FIELDS):
        return None  # an untagged mixed-citation: the text parser reads it
    kind = (citation.get("publication-type") or citation.get("citation-type") or "").lower()
    item: dict[str, object] = {"id": ref.get("id") or "", "jats-publication-type": kind}
    csl = _TYPES.get(kind)
    if kind == "book" and citation.find("chapter-title") is not None:
        csl = "chapter"
    if csl:
        item["type"] = csl
    if kind == "preprint":
        item["genre"] = "preprint"
    authors = _authors(citation)
    if authors:
        item["author"] = authors
    year = _text(citation.find(".//year"))
    if year:
        item["issued"] = {"date-parts": [[year]]}
    title = _text(citation.find("article-title")) or _text(citation.find("chapter-title"))
    title = title or _text(citation.find("data-title"))
    source = _text(citation.find("source"))
    if title:
        item["title"] = title
        if source:
            item["container-title"] = source
    elif source:
        item["title" if csl in ("book", "webpage", "thesis", "report") else "container-title"] = source
    for key, path in (("volume", "volume"), ("issue", "issue"), ("publisher", "publisher-name")):
        value = _text(citation.find(path))
        if value:
            item[key] = value
    first, last = _text(citation.find("fpage")), _text(citation.find("lpage"))
    if first:
        item["page"] = f"{first}-{last}" if last else first
    for pub_id in citation.iter("pub-id"):
        id_type = (pub_id.get("pub-id-type") or "").lower()
        name = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}.get(id_type)
        if name and _text(pub_id):
            item[name] = _text(pub_id)
    link = citation.find("ext-link")
    uri = citation.find("uri")
    url = (link.get("{http://www.w3.org/1999/xlink}href") if link is not None else None) or _text(uri)
    if url:
        item["URL"] = url
    return item


def _authors(citation: Element) -> list[dict[str, str]]:
    groups = citation.findall("person-group")
    group = next((g for g in groups if g.get("person-group-type") in (None, "author")), None)
    holder = group if group is not None else citation
    out = []
    for child in holder:
        if child.tag in ("name", "string-name"):
            family = _text(child.find("surname"))
            given = _text(child.find("given-names"))
            if family:
                out.append({"family": family, "given": given})
            elif _text(child):
                out.append({"literal": _text(child)})
        elif child.tag == "collab" and _text(child):
            out.append({"literal": _text(child)})
    return out


def _text(node: Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""
