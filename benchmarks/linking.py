"""Marker detection and linking on full-text JATS articles (PLOS numeric, eLife author–year).

Each article body is rendered as a reader would copy it: paragraph text with
each ``<xref ref-type="bibr">`` text inline, then a "References" heading and
one entry per line (numbered for PLOS, author–year for eLife). The gold is
every bibr xref's span and its ``rid``. The pipeline runs
``analyze_document`` + ``find_reference_list`` + ``link`` on that text.

- marker P/R/F1: a predicted marker is right when it overlaps a gold xref; a
  gold xref is found when a predicted marker overlaps it.
- link accuracy: over found gold xrefs, the share whose marker has a link
  resolving to the entry rendered from the gold ``rid``.

Also times ``link`` for 20,000 markers against 5,000 entries. Reads
``../shared/bench/fulltext_citations`` relative to the repository; run
``python benchmarks/linking.py`` (add ``--misses`` to list missed and unmatched callouts).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import parse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.document import analyze_document  # noqa: E402
from claims.gcpause import paused_gc  # noqa: E402
from claims.models import CitationMarker, Claim, Document, MarkerStyle  # noqa: E402
from claims.spans import LineIndex  # noqa: E402
from references.linking import link  # noqa: E402
from references.models import Author, Reference  # noqa: E402
from references.reflist import find_reference_list  # noqa: E402

DATA = ROOT / ".." / "shared" / "bench" / "fulltext_citations"
SKIP_TAGS = {"table-wrap", "fig", "disp-formula", "supplementary-material", "title", "label", "caption"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class Renderer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.gold: list[tuple[int, int, str]] = []

    def write(self, text: str, *, flatten: bool = False) -> None:
        if flatten:  # line breaks inside XML text are not line breaks on the page
            text = " ".join(text.split("\n"))
        self.parts.append(text)
        self.length += len(text)

    def inline(self, el: Element) -> None:
        if el.text:
            self.write(el.text, flatten=True)
        for child in el:
            tag = _local(child.tag)
            if tag == "xref" and child.get("ref-type") == "bibr":
                start = self.length
                self.write("".join(child.itertext()), flatten=True)
                for rid in (child.get("rid") or "").split():
                    self.gold.append((start, self.length, rid))
            elif tag not in SKIP_TAGS:
                self.inline(child)
            if child.tail:
                self.write(child.tail, flatten=True)

    def paragraphs(self, el: Element) -> None:
        for child in el:
            tag = _local(child.tag)
            if tag == "p":
                self.inline(child)
                self.write("\n\n")
            elif tag == "sec":
                title = child.find("title")
                if title is not None and "".join(title.itertext()).strip():
                    self.write(" ".join("".join(title.itertext()).split()) + "\n\n")
                self.paragraphs(child)
            elif tag not in SKIP_TAGS:
                self.paragraphs(child)


def _entry_text(ref: Element, numbered: bool, number: int) -> str:
    names = []
    for name in ref.iter():
        if _local(name.tag) == "name":
            surname = "".join(t for s in name if _local(s.tag) == "surname" for t in s.itertext())
            given = "".join(t for s in name if _local(s.tag) == "given-names" for t in s.itertext())
            names.append(f"{surname} {given}".strip())
        elif _local(name.tag) == "collab":
            names.append("".join(name.itertext()).strip())
    fields = {_local(e.tag): " ".join("".join(e.itertext()).split()) for e in ref.iter()}
    title = fields.get("article-title") or fields.get("chapter-title") or ""
    source, year = fields.get("source", ""), fields.get("year", "")
    pages = "-".join(p for p in (fields.get("fpage"), fields.get("lpage")) if p)
    if numbered:
        return f"{number}. {', '.join(names)}. {title}. {source}. {year};{fields.get('volume', '')}:{pages}."
    return f"{', '.join(names)}. {year}. {title}. {source} {fields.get('volume', '')}:{pages}."


def render(path: Path, numbered: bool) -> tuple[str, list[tuple[int, int, str]], dict[int, str]]:
    root = parse(str(path), forbid_dtd=False, forbid_entities=True, forbid_external=True).getroot()
    r = Renderer()
    body = next((e for e in root.iter() if _local(e.tag) == "body"), None)
    if body is not None:
        r.paragraphs(body)
    r.write("\nReferences\n")
    entry_at: dict[int, str] = {}
    refs = [e for e in root.iter() if _local(e.tag) == "ref"]
    for i, ref in enumerate(refs, 1):
        entry_at[r.length] = ref.get("id") or ""
        r.write(_entry_text(ref, numbered, i) + "\n")
    return "".join(r.parts), r.gold, entry_at


def evaluate(folder: str, numbered: bool, show_misses: bool = False) -> None:
    """Print marker P/R/F1 and link accuracy; with ``show_misses``, also each gold callout no
    marker overlaps, each marker no gold callout overlaps, and each found callout linked to
    another entry, in context (diagnostics only)."""
    tp_pred = n_pred = found = n_gold = linked_right = 0
    clean_found = clean_right = 0  # articles whose reference list was split into exactly the rendered entries
    for path in sorted((DATA / folder).glob("*.xml")):
        text, gold, entry_at = render(path, numbered)
        reflist = find_reference_list(text)
        exclude = [(reflist.start, reflist.end)] if reflist else []
        doc = analyze_document(
            Document(path=str(path), text=text, sha256="", format="txt", encoding="utf-8"), exclude=exclude
        )
        markers = [m for c in doc.claims for m in c.markers if m.style is not MarkerStyle.NARRATIVE]
        result = link(doc.claims, reflist.entries if reflist else [])
        rid_of = {}
        for ref in reflist.entries if reflist else []:
            if ref.span is not None:
                rid_of[ref.key] = entry_at.get(ref.span.start) or next(
                    (rid for at, rid in entry_at.items() if ref.span.start <= at < ref.span.end), None
                )
        links_by_marker: dict[int, set[str | None]] = {}
        for lk in result.links:
            links_by_marker.setdefault(lk.marker_span.start, set()).add(rid_of.get(lk.reference_key or ""))
        clean = reflist is not None and len(reflist.entries) == len(entry_at)
        if show_misses:
            _print_misses(path.name, text, gold, markers)
        n_pred += len(markers)
        tp_pred += sum(any(m.span.start < e and s < m.span.end for s, e, _ in gold) for m in markers)
        n_gold += len(gold)
        for s, e, rid in gold:
            hit = next((m for m in markers if m.span.start < e and s < m.span.end), None)
            if hit is not None:
                found += 1
                right = rid in links_by_marker.get(hit.span.start, set())
                if show_misses and not right:
                    print(f"  WRONG {path.name}: [[{text[s:e]}]] in marker {hit.text!r} keys {hit.keys} gold {rid}")
                linked_right += right
                clean_found += clean
                clean_right += right and clean
    p = tp_pred / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = linked_right / found if found else 0.0
    clean_acc = clean_right / clean_found if clean_found else 0.0
    print(
        f"{folder:10s} gold xrefs {n_gold:5d}  markers {n_pred:5d}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  "
        f"link accuracy {acc:.3f} (where the list split right: {clean_acc:.3f})"
    )


def _print_misses(name: str, text: str, gold: list[tuple[int, int, str]], markers: list[CitationMarker]) -> None:
    for s, e, _ in gold:
        if not any(m.span.start < e and s < m.span.end for m in markers):
            print(f"  MISS  {name}: {text[max(0, s - 50) : s]!r} [[{text[s:e]}]] {text[e : e + 30]!r}")
    for m in markers:
        if not any(m.span.start < e and s < m.span.end for s, e, _ in gold):
            print(f"  EXTRA {name}: {text[max(0, m.span.start - 40) : m.span.start]!r} [[{m.text}]]")


def speed() -> None:
    refs = [
        Reference(
            key=f"r{i}",
            number=i + 1,
            authors=[Author(family=f"Family{i % 1999}"), Author(family="Second")],
            year=str(1950 + i % 70),
        )
        for i in range(5000)
    ]
    text = "x" * 10
    lines = LineIndex(text)
    claims = []
    for i in range(10000):
        span = lines.span(0, 1)
        claims.append(
            Claim(
                id=f"c{i}",
                text="x",
                span=span,
                markers=[
                    CitationMarker(text="x", span=span, style=MarkerStyle.NUMERIC_BRACKET, keys=[str(i % 5000 + 1)]),
                    CitationMarker(
                        text="x",
                        span=span,
                        style=MarkerStyle.AUTHOR_YEAR,
                        keys=[f"Family{(i * 7) % 1999} et al. {1950 + (i * 7) % 5000 % 70}"],
                    ),
                ],
            )
        )
    started = time.perf_counter()
    with paused_gc():  # as verifier.pipeline.analyze runs it
        result = link(claims, refs)
    took = time.perf_counter() - started
    print(
        f"speed      {sum(len(c.markers) for c in claims)} markers x {len(refs)} entries: {took:.2f} s ({len(result.links)} links)"
    )


def main() -> None:
    if not DATA.is_dir():
        print(f"no data at {DATA}; skipped")
        return
    show_misses = "--misses" in sys.argv[1:]
    print("marker match = overlap with a gold bibr xref; link accuracy over found xrefs")
    evaluate("jats_plos", numbered=True, show_misses=show_misses)
    evaluate("jats_elife", numbered=False, show_misses=show_misses)
    speed()


if __name__ == "__main__":
    main()
