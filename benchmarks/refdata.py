"""Labelled reference strings for the reference-parser benchmark and its CRF training (one loader for both).

Read from ../shared/bench when present, never copied into the project:
- reference_strings/anystyle_core.xml (AnyStyle, BSD-2): tagged sequences; raw = the tokens joined by spaces.
- reference_strings/grobid/corpus/*.xml (GROBID, Apache-2.0): TEI <bibl>; raw = its text.
- fulltext_citations/jats_plos/*.xml (PLOS, CC-BY): <mixed-citation> strings and their tagged children.

Each string becomes an ``Entry``: the raw string (whitespace runs collapsed), the gold value of each
benchmarked field, one training label per character, and whether it is HELD OUT (never trained on).
AnyStyle and GROBID are split by CRC32 of the string (20% held out), PLOS by CRC32 of the article's
file name (about half of the articles held out), so that no held-out article shares its reference
style, and often its references, with a trained one. Both splits are deterministic.

Training labels: author, editor, date, title, container (journal / book / proceedings), collection,
volume, issue, pages, publisher, location, ident (DOI, URL, ISBN, PMID, report numbers), label
(citation number), note; text outside any element is ``other``, except the separators inside an
author list (", " between two names) and the dash of a page range, which belong to their field.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as ET

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".." / "shared" / "bench"
TEI = "{http://www.tei-c.org/ns/1.0}"

UNANNOTATED_WHEN_MISSING = ("year", "volume", "pages", "doi")


@dataclass(frozen=True)
class Entry:
    """One labelled reference string. ``gold`` maps each benchmarked field to its gold text ("" = the
    string has none, None = not annotated: neither right nor wrong); ``labels`` has one label per
    character of ``raw``; ``source`` is the set it came from (PLOS: the article's file name)."""

    raw: str
    gold: dict
    labels: list[str]
    held_out: bool
    source: str


def held_out(raw: str) -> bool:
    """AnyStyle / GROBID evaluation 20%: never trained on."""
    return zlib.crc32(raw.encode("utf-8")) % 5 == 0


def article_held_out(file_name: str) -> bool:
    """PLOS evaluation half, chosen by article: never trained on."""
    return zlib.crc32(file_name.encode("utf-8")) % 2 == 0


# ---- gold-side text normalization (shared with the matching in refparse.py) ----


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def year_norm(text: str | None) -> str:
    m = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", text or "")
    return m.group(1) if m else ""


def pages_norm(text: str | None) -> str:
    return " ".join(re.findall(r"[A-Za-z]?\d+", text or "")).lower()


def doi_norm(text: str | None) -> str:
    m = re.search(r"10\.\d{4,9}/\S+", text or "")
    return m.group(0).lower().rstrip(".,;:)]") if m else ""


def present(field: str, v: str) -> bool:
    return {"year": year_norm, "doi": doi_norm, "pages": pages_norm}.get(field, norm)(v) != ""


_INIT = re.compile(r"^(?:[A-Z][a-z]?\.[-‐]?)+$|^[A-Z]{1,3}(?:-[A-Z]{1,2})?$")  # "J.-P.", "AB", "SS-H"


def gold_family(author: str | None) -> str:
    """First author's family name from a gold author string (independent of the parser)."""
    if not author:
        return ""
    s = re.sub(r"^\s*(?:by|and)\s+", "", author.strip(), flags=re.I)
    s = re.split(r";|\s+and\s+|\s*&\s*|\bet al\b", s)[0]
    units = [u.strip() for u in s.split(",") if u.strip()]
    if not units:
        return ""
    words = units[0].split()
    inits = [w for w in words if _INIT.match(w)]
    if inits and len(inits) < len(words):
        return " ".join(w for w in words if not _INIT.match(w))
    if len(words) >= 2 and len(units) > 1:
        nxt = units[1].split()
        if len(nxt) >= 2 and not any(_INIT.match(w) for w in nxt):
            return words[-1]
        return units[0]
    if len(words) >= 2 and len(units) == 1 and len(words) <= 3:
        return words[-1]
    return units[0]


def text_of(el) -> str:
    return " ".join("".join(el.itertext()).split())


# ---- labelled pieces -> (raw, per-character labels) ----


def _normalize(pieces: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """Join labelled pieces, collapse whitespace runs to one space, trim; one label per character."""
    chars: list[str] = []
    labels: list[str] = []
    for text, label in pieces:
        for c in text:
            if c.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    labels.append("other")
            else:
                chars.append(c)
                labels.append(label)
    while chars and chars[-1] == " ":
        chars.pop()
        labels.pop()
    return "".join(chars), labels


# ---- AnyStyle ----

_ANYSTYLE = {
    "author": "author",
    "editor": "editor",
    "translator": "editor",
    "director": "editor",
    "producer": "editor",
    "date": "date",
    "title": "title",
    "journal": "container",
    "container-title": "container",
    "source": "container",
    "collection-title": "collection",
    "volume": "volume",
    "pages": "pages",
    "publisher": "publisher",
    "location": "location",
    "doi": "ident",
    "url": "ident",
    "isbn": "ident",
    "citation-number": "label",
    "note": "note",
    "genre": "note",
    "medium": "note",
    "edition": "note",
}


def load_anystyle() -> list[Entry]:
    path = BENCH / "reference_strings" / "anystyle_core.xml"
    if not path.exists():
        return []
    out = []
    for seq in ET.parse(path).getroot().iter("sequence"):
        parts = [(c.tag, " ".join((c.text or "").split())) for c in seq]
        pieces: list[tuple[str, str]] = []
        for tag, text in parts:
            if text:
                pieces += [(" ", "other")] if pieces else []
                pieces.append((text, _ANYSTYLE.get(tag, "other")))
        raw, labels = _normalize(pieces)
        first: dict[str, str] = {}
        for tag, t in parts:
            first.setdefault(tag, t)
        gold = {
            "first_author": gold_family(first.get("author")),
            "year": year_norm(first.get("date")),
            "title": first.get("title", ""),
            "venue": first.get("journal") or first.get("container-title") or first.get("publisher", ""),
            "volume": first.get("volume", ""),
            "pages": first.get("pages", ""),
            "doi": first.get("doi", ""),
        }
        out.append(Entry(raw, gold, labels, held_out(raw), "anystyle"))
    return out


# ---- GROBID TEI ----


def _tei_label(el, parent_label: str, has_article_title: bool) -> str:
    tag = el.tag.replace(TEI, "")
    if tag == "title":
        level = el.get("level")
        if level == "a" or (level == "m" and not has_article_title):
            return "title"
        return "collection" if level == "s" else "container"
    if tag == "biblScope":
        kind = el.get("type") or el.get("unit") or ""
        return {"vol": "volume", "volume": "volume", "issue": "issue", "pp": "pages", "page": "pages"}.get(kind, "note")
    return {
        "author": "author",
        "authors": "author",
        "editor": "editor",
        "date": "date",
        "publisher": "publisher",
        "pubPlace": "location",
        "idno": "ident",
        "ptr": "ident",
        "orgName": "publisher",
        "note": "note",
        "notes": "note",
    }.get(tag, parent_label)


def _tei_pieces(el, label: str, has_a: bool, out: list[tuple[str, str]]) -> None:
    out.append((el.text or "", label))
    for child in el:
        _tei_pieces(child, _tei_label(child, label, has_a), has_a, out)
        out.append((child.tail or "", label))


def load_grobid() -> list[Entry]:
    folder = BENCH / "reference_strings" / "grobid" / "corpus"
    out = []
    for path in sorted(folder.glob("*.xml")) if folder.exists() else []:
        for bibl in ET.parse(path).getroot().iter(TEI + "bibl"):
            has_a = any(t.get("level") == "a" for t in bibl.findall(TEI + "title"))
            pieces: list[tuple[str, str]] = []
            _tei_pieces(bibl, "other", has_a, pieces)
            raw, labels = _normalize(pieces)
            titles = {t.get("level"): text_of(t) for t in bibl.findall(TEI + "title")[::-1]}
            author = bibl.find(TEI + "author")
            date = bibl.find(TEI + "date")
            scopes = {(s.get("type") or s.get("unit")): text_of(s) for s in bibl.findall(TEI + "biblScope")[::-1]}
            pub = bibl.find(TEI + "publisher")
            idno = [text_of(i) for i in bibl.findall(TEI + "idno") if (i.get("type") or "").upper() == "DOI"]
            title = titles.get("a") or titles.get("m", "")
            venue = (
                titles.get("j")
                or (titles.get("m") if titles.get("a") else "")
                or (text_of(pub) if pub is not None else "")
            )
            gold = {
                "first_author": gold_family(text_of(author) if author is not None else ""),
                "year": year_norm(text_of(date) if date is not None else ""),
                "title": title,
                "venue": venue,
                "volume": scopes.get("vol") or scopes.get("volume", ""),
                "pages": scopes.get("pp") or scopes.get("page", ""),
                "doi": idno[0] if idno else "",
            }
            out.append(Entry(raw, gold, labels, held_out(raw), "grobid"))
    return out


# ---- PLOS JATS <mixed-citation> ----

_JATS = {
    "name": "author",
    "collab": "author",
    "etal": "author",
    "string-name": "author",
    "article-title": "title",
    "chapter-title": "title",
    "year": "date",
    "month": "date",
    "day": "date",
    "season": "date",
    "volume": "volume",
    "issue": "issue",
    "issue-id": "issue",
    "supplement": "issue",
    "fpage": "pages",
    "lpage": "pages",
    "elocation-id": "pages",
    "pub-id": "ident",
    "object-id": "ident",
    "ext-link": "ident",
    "uri": "ident",
    "publisher-name": "publisher",
    "publisher-loc": "location",
    "label": "label",
    "comment": "note",
    "edition": "note",
    "conf-name": "container",
    "series": "collection",
}
_AUTHOR_GLUE = re.compile(r"^[\s,;]*(?:(?:and|&)\s*)?$")
_IDENT_PREFIX = re.compile(r"^\s*(?:doi|pmid|pmcid)\s*:?\s*$", re.IGNORECASE)


def _jats_label(el, parent_label: str, has_title: bool) -> str:
    tag = el.tag.rsplit("}", 1)[-1]
    if tag == "source":
        return "container" if has_title else "title"  # a book with no article/chapter title: its name is the title
    if tag == "person-group":
        return "editor" if el.get("person-group-type") == "editor" else "author"
    return _JATS.get(tag, parent_label)


def _jats_pieces(el, label: str, has_title: bool, out: list[tuple[str, str]]) -> None:
    children = list(el)
    out.append((el.text or "", label))
    child_labels = [_jats_label(c, label, has_title) for c in children]
    for k, child in enumerate(children):
        if label == "note" and child_labels[k] == "ident" and _IDENT_PREFIX.match(out[-1][0]):
            out[-1] = (out[-1][0], "ident")  # "doi: <ext-link>10.1371/...": the prefix is part of the identifier
        _jats_pieces(child, child_labels[k], has_title, out)
        tail, tail_label = child.tail or "", label
        nxt = child_labels[k + 1] if k + 1 < len(children) else None
        if (
            label == "other"
            and nxt == child_labels[k]
            and nxt in ("author", "pages")
            and (_AUTHOR_GLUE.match(tail) if nxt == "author" else tail.strip() in {"-", "–", "—", "‐"})
        ):
            tail_label = nxt  # ", " between two names, "–" between fpage and lpage
        out.append((tail, tail_label))


def _jats_gold(mc, raw: str) -> dict:
    name = mc.find(".//name/surname")
    collab = mc.find(".//collab")
    fam = text_of(name) if name is not None else (text_of(collab) if collab is not None else "")
    if collab is not None and name is not None:
        # whichever comes first in the string is the first author
        fam = text_of(collab) if raw.find(text_of(collab)) < raw.find(text_of(name)) else fam

    def get(tag: str) -> str:
        el = mc.find(".//" + tag)
        return text_of(el) if el is not None else ""

    title = get("article-title") or get("chapter-title")
    venue = get("source")
    if not title:
        title, venue = venue, get("publisher-name")
    fpage, lpage = get("fpage"), get("lpage")
    doi = ""
    for el in mc.iter():
        if el.tag == "pub-id" and el.get("pub-id-type") == "doi":
            doi = text_of(el)
        elif el.tag == "ext-link" and doi_norm(text_of(el)):
            doi = doi or text_of(el)
    gold = {
        "first_author": fam,
        "year": year_norm(get("year")),
        "title": title,
        "venue": venue,
        "volume": get("volume"),
        "pages": f"{fpage}-{lpage}" if lpage else fpage,
        "doi": doi,
    }
    # PLOS tags fields inconsistently: a missing <year>/<volume>/<fpage>/<pub-id> element means the
    # field was not annotated (182 of 200 untagged entries do print a year), so it is not scored.
    for field in UNANNOTATED_WHEN_MISSING:
        if not present(field, gold[field]):
            gold[field] = None
    return gold


def untagged(entry: Entry) -> bool:
    """A PLOS <mixed-citation> with no markup at all (about one in ten): its gold says nothing."""
    return entry.source.endswith(".xml") and all(label == "other" for label in entry.labels)


def load_jats() -> list[Entry]:
    folder = BENCH / "fulltext_citations" / "jats_plos"
    out = []
    for path in sorted(folder.glob("*.xml")) if folder.exists() else []:
        held = article_held_out(path.name)
        for mc in ET.parse(path).getroot().iter("mixed-citation"):
            for surname in mc.iter("surname"):
                if not (surname.tail or "").strip():
                    surname.tail = " "  # "<surname>Burks</surname><given-names>C" renders as "Burks C"
            has_title = mc.find(".//article-title") is not None or mc.find(".//chapter-title") is not None
            pieces: list[tuple[str, str]] = []
            _jats_pieces(mc, "other", has_title, pieces)
            raw, labels = _normalize(pieces)
            out.append(Entry(raw, _jats_gold(mc, raw), labels, held, path.name))
    return out
