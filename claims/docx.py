"""A Word document (DOCX) as plain text, with its citation-manager fields.

Why the ZIP and ``word/document.xml`` directly (through defusedxml) and not python-docx or
docx2python: what we need lives in the markup those libraries flatten or drop. python-docx's
``paragraph.text`` keeps deleted (tracked) text out but also field instructions in, has no
footnotes, and cannot tell a field's instruction from its shown result; docx2python returns
text without the field structure. Citation-manager fields are exactly that structure:

* complex fields (``w:fldChar`` begin / ``w:instrText`` / separate / result runs / end),
  nested (EndNote's ``EN.CITE.DATA`` inside ``EN.CITE``), and simple ``w:fldSimple``;
* Zotero ``ADDIN ZOTERO_ITEM CSL_CITATION {json}``, Mendeley ``ADDIN CSL_CITATION {json}``,
  EndNote ``ADDIN EN.CITE <EndNote>`` (or its base64 ``w:fldData``), Word ``CITATION tag``
  with its sources in ``customXml``; bibliography fields (``ADDIN ZOTERO_BIBL``,
  ``ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY``, ``ADDIN EN.REFLIST``, ``BIBLIOGRAPHY``).

The text: one paragraph per line with an empty line between paragraphs (a Word paragraph is
never hard-wrapped), headings (``Heading n``/``Title`` styles) as ``# `` lines, table cells
as paragraphs, tracked changes accepted (``w:del``/``w:moveFrom`` dropped, ``w:ins``/
``w:moveTo`` kept), comments ignored, a footnote's or endnote's text as paragraphs right after
the paragraph that calls it, and superscript runs of citation numbers as Unicode superscripts.

Bounded: a ZIP member is read only up to ``MAX_MEMBER_BYTES`` whatever its header claims, so a
zip bomb stops with one line, not with memory exhausted.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from claims.errors import InputError
from claims.models import FieldCitation
from claims.raised import raised_text

__all__ = ["DocxText", "extract_docx", "is_docx"]

MAX_MEMBER_BYTES = 50_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BIB_FIELDS = re.compile(r"ADDIN\s+(?:ZOTERO_BIBL|EN\.REFLIST|Mendeley\s+Bibliography)|^\s*BIBLIOGRAPHY\b", re.I)
_CITE_FIELDS = re.compile(r"ADDIN\s+(?:ZOTERO_ITEM|CSL_CITATION|EN\.CITE\b(?!\.DATA))|^\s*CITATION\s", re.I)
_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}delText", f"{_W}commentReference", f"{_W}rPr", f"{_W}pPr"}


@dataclass
class DocxText:
    text: str
    fields: list[FieldCitation]


@dataclass
class _Field:
    instr: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)  # EndNote's base64 fldData, its own and its children's
    result_start: int | None = None


def is_docx(data: bytes) -> bool:
    """Whether ``data`` is a ZIP that holds ``word/document.xml``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def extract_docx(data: bytes, label: str) -> DocxText:
    """The document's text and citation fields; ``InputError`` for a damaged file or a zip bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            body = _xml(zf, "word/document.xml", label)
            assert body is not None  # not optional: a missing part raised InputError
            notes = {}
            for part, tag in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
                root = _xml(zf, part, label, optional=True)
                if root is not None:
                    for note in root.iter(f"{_W}{tag}"):
                        notes[(tag, note.get(f"{_W}id"))] = note
            styles = _heading_styles(_xml(zf, "word/styles.xml", label, optional=True))
            sources = _word_sources(zf, label)
    except zipfile.BadZipFile as exc:
        raise InputError(f"{label}: not a readable DOCX ({exc})") from None
    writer = _Writer(notes, styles, sources)
    found = body.find(f"{_W}body")
    if found is not None:
        writer.blocks(found)
    return DocxText(writer.finish(), writer.fields)


def _xml(zf: zipfile.ZipFile, name: str, label: str, *, optional: bool = False) -> Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        if optional:
            return None
        raise InputError(f"{label}: not a Word document ({name} missing)") from None
    with zf.open(info) as handle:
        raw = handle.read(MAX_MEMBER_BYTES + 1)
    if len(raw) > MAX_MEMBER_BYTES:
        raise InputError(f"{label}: {name} unpacks to more than {MAX_MEMBER_BYTES // 1_000_000} MB (a zip bomb?)")
    try:
        return ElementTree.fromstring(raw)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise InputError(f"{label}: {name} is not well-formed XML ({exc})") from None


def _heading_styles(styles: Element | None) -> set[str]:
    out: set[str] = set()
    if styles is None:
        return out
    for style in styles.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        label = (name.get(f"{_W}val") if name is not None else "") or ""
        if re.fullmatch(r"(?i)heading \d|title", label):
            out.add(style.get(f"{_W}styleId") or "")
    return out


def _word_sources(zf: zipfile.ZipFile, label: str) -> dict[str, dict[str, Any]]:
    """Word's own bibliography sources (``customXml/item*.xml`` ``b:Sources``) by tag, as CSL items."""
    out: dict[str, dict[str, Any]] = {}
    b = "{http://schemas.openxmlformats.org/officeDocument/2006/bibliography}"
    for name in zf.namelist():
        if not re.fullmatch(r"customXml/item\d+\.xml", name):
            continue
        root = _xml(zf, name, label, optional=True)
        if root is None or root.tag != f"{b}Sources":
            continue
        for source in root.iter(f"{b}Source"):
            tag = source.findtext(f"{b}Tag") or ""
            authors = [
                {"family": p.findtext(f"{b}Last") or "", "given": p.findtext(f"{b}First") or ""}
                for p in source.iter(f"{b}Person")
            ]
            kind = source.findtext(f"{b}SourceType") or ""
            out[tag] = {
                "id": tag,
                "type": {"JournalArticle": "article-journal", "Book": "book", "InternetSite": "webpage"}.get(
                    kind, "article"
                ),
                "title": source.findtext(f"{b}Title") or "",
                "container-title": source.findtext(f"{b}JournalName") or source.findtext(f"{b}Publisher") or "",
                "author": authors,
                "issued": {"date-parts": [[source.findtext(f"{b}Year") or ""]]},
            }
    return out


class _Writer:
    """Walks the body once, writing text and recording field positions."""

    def __init__(self, notes: dict[tuple[str, str | None], Element], headings: set[str], sources: dict) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.fields: list[FieldCitation] = []
        self.stack: list[_Field] = []
        self.notes = notes
        self.headings = headings
        self.sources = sources
        self.pending_notes: list[Element] = []

    def writing(self) -> bool:
        """Outside field instructions: in no field, or in the shown result of every open one."""
        return all(f.result_start is not None for f in self.stack)

    def write(self, text: str) -> None:
        if text and self.writing():
            self.parts.append(text)
            self.length += len(text)

    def blocks(self, parent: Element) -> None:
        for child in parent:
            if child.tag == f"{_W}p":
                self.paragraph(child)
            elif child.tag == f"{_W}tbl":
                for cell in child.iter(f"{_W}tc"):
                    self.blocks(cell)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}ins", f"{_W}moveTo", f"{_W}customXml"):
                self.blocks(child)

    def paragraph(self, p: Element) -> None:
        if self.parts and self.parts[-1] != "\n\n" and self.writing():
            self.parts.append("\n\n")
            self.length += 2
        style = p.find(f"{_W}pPr/{_W}pStyle")
        if style is not None and style.get(f"{_W}val") in self.headings:
            self.write("# ")
        self.inline(p)
        notes, self.pending_notes = self.pending_notes, []
        for note in notes:
            self.blocks(note)

    def inline(self, parent: Element) -> None:
        for child in parent:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == f"{_W}r":
                self.run(child)
            elif tag == f"{_W}fldSimple":
                self.begin()
                self.stack[-1].instr.append(child.get(f"{_W}instr") or "")
                self.separate()
                self.inline(child)
                self.end()
            elif tag in (f"{_W}t", f"{_W}instrText"):
                continue
            else:  # hyperlinks, insertions, moveTo, smart tags, content controls
                self.inline(child)

    def run(self, r: Element) -> None:
        props = r.find(f"{_W}rPr")
        va = props.find(f"{_W}vertAlign") if props is not None else None
        superscript = va is not None and va.get(f"{_W}val") == "superscript"
        for child in r:
            tag = child.tag
            if tag == f"{_W}t":
                text = child.text or ""
                self.write(raised_text(text) if superscript else text)
            elif tag == f"{_W}tab":
                self.write("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                self.write("\n")
            elif tag == f"{_W}noBreakHyphen":
                self.write("-")
            elif tag == f"{_W}instrText" and self.stack and self.stack[-1].result_start is None:
                self.stack[-1].instr.append(child.text or "")
            elif tag == f"{_W}fldChar":
                kind = child.get(f"{_W}fldCharType")
                if kind == "begin":
                    self.begin()
                    data = child.find(f"{_W}fldData")
                    if data is not None and data.text:
                        self.stack[-1].data.append(data.text)
                elif kind == "separate":
                    self.separate()
                elif kind == "end":
                    self.end()
            elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
                kind = "footnote" if tag.endswith("footnoteReference") else "endnote"
                note = self.notes.get((kind, child.get(f"{_W}id")))
                if note is not None:
                    self.pending_notes.append(note)

    def begin(self) -> None:
        self.stack.append(_Field())

    def separate(self) -> None:
        if self.stack and self.stack[-1].result_start is None:
            self.stack[-1].result_start = self.length

    def end(self) -> None:
        if not self.stack:
            return
        done = self.stack.pop()
        instr = "".join(done.instr).strip()
        if self.stack and instr.upper().startswith("ADDIN EN.CITE.DATA"):
            self.stack[-1].data.extend(done.data)  # EndNote keeps the record in the nested field
            return
        if done.result_start is None or done.result_start == self.length:
            return
        if _BIB_FIELDS.search(instr):
            self.fields.append(
                FieldCitation(
                    start=done.result_start, end=self.length, manager=_manager(instr), bibliography=True, items=[]
                )
            )
        elif _CITE_FIELDS.search(instr):
            items = _items(instr, done.data, self.sources)
            if items:
                self.fields.append(
                    FieldCitation(start=done.result_start, end=self.length, manager=_manager(instr), items=items)
                )

    def finish(self) -> str:
        text = "".join(self.parts).strip("\n")
        return text + "\n" if text else text


def _manager(instr: str) -> str:
    upper = instr.upper()
    if "ZOTERO" in upper:
        return "zotero"
    if "EN.CITE" in upper or "EN.REFLIST" in upper:
        return "endnote"
    if "CSL_CITATION" in upper or "MENDELEY" in upper:
        return "mendeley"
    return "word"


def _items(instr: str, data: list[str], sources: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The cited items of a citation field, each a CSL-JSON object with a string ``id``."""
    brace = instr.find("{")
    if "CSL_CITATION" in instr.upper() and brace != -1:
        try:
            payload = json.JSONDecoder().raw_decode(instr[brace:])[0]
        except json.JSONDecodeError:
            return []
        out = []
        for entry in payload.get("citationItems", []) if isinstance(payload, dict) else []:
            item = dict(entry.get("itemData") or {}) if isinstance(entry, dict) else {}
            uris = entry.get("uris") or entry.get("uri") or [] if isinstance(entry, dict) else []
            ident = (uris[0] if isinstance(uris, list) and uris else None) or item.get("id") or entry.get("id")
            if ident is None:
                continue
            item["id"] = str(ident)
            out.append(item)
        return out
    if "EN.CITE" in instr.upper():
        xml = instr[instr.find("<") :] if "<EndNote" in instr else _decoded(data)
        return _endnote_items(xml)
    m = re.match(r"\s*CITATION\s+(.*)", instr, re.I)
    if m:
        tags = [m.group(1).split()[0]] + re.findall(r"\\m\s+(\S+)", m.group(1))
        return [dict(sources.get(tag) or {"id": tag}, id=tag) for tag in tags]
    return []


def _decoded(data: list[str]) -> str:
    """The EndNote XML among the base64 ``fldData`` chunks (each chunk is padded on its own)."""
    for chunk in data:
        packed = "".join(chunk.split())
        try:  # Word writes some chunks without their final padding
            text = base64.b64decode(packed + "=" * (-len(packed) % 4)).decode("utf-8", errors="replace")
        except (binascii.Error, ValueError):
            continue
        if "<EndNote" in text:
            return text[: text.rfind("</EndNote>") + len("</EndNote>")]  # padding may leave a stray byte after it
    return ""


_EN_TYPES = {"journal article": "article-journal", "book": "book", "book section": "chapter", "web page": "webpage"}


def _endnote_items(xml: str) -> list[dict[str, Any]]:
    if not xml.strip():
        return []
    try:
        root = ElementTree.fromstring(xml.encode("utf-8"))
    except (ElementTree.ParseError, DefusedXmlException):
        return []
    out = []
    for cite in root.iter("Cite"):
        rec = cite.findtext("RecNum") or ""
        record = cite.find("record")
        if not rec.strip():
            continue
        item: dict[str, Any] = {"id": f"EN{rec.strip()}"}
        if record is not None:

            def text(path: str, node: Element = record) -> str:
                found = node.find(path)
                return " ".join("".join(found.itertext()).split()) if found is not None else ""

            ref_type = record.find("ref-type")
            item["type"] = (
                _EN_TYPES.get((ref_type.get("name") or "").lower(), "article") if ref_type is not None else "article"
            )
            item["title"] = text("titles/title")
            item["container-title"] = text("titles/secondary-title") or text("periodical/full-title")
            authors = []
            for a in record.iterfind("contributors/authors/author"):
                name = " ".join("".join(a.itertext()).split())
                family, _, given = name.partition(",")
                authors.append({"family": family.strip(), "given": given.strip()})
            item["author"] = authors
            year = text("dates/year")
            if year:
                item["issued"] = {"date-parts": [[year]]}
            doi = re.search(r"10\.\d{4,9}/\S+", text("electronic-resource-num"))
            if doi:
                item["DOI"] = doi.group()
            for key, path in (("volume", "volume"), ("page", "pages"), ("issue", "number")):
                if text(path):
                    item[key] = text(path)
        else:
            item["author"] = [{"family": cite.findtext("Author") or ""}]
            item["issued"] = {"date-parts": [[cite.findtext("Year") or ""]]}
        out.append(item)
    return out
