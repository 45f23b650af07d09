"""PDF input against each file's own gold, on ``../shared/documents/pdf/``.

Gold, per file (see that folder's README):

* LaTeX source (numeric styles): every ``\\cite``-like call of the main file and the files it
  ``\\input``s, in order; a key's number is its ``\\bibitem`` position in the ``.bbl`` (or in
  the source's own ``thebibliography``) when there is one, else its order of first citation (the BMC/PLOS/Vancouver styles number so);
  reference titles from the ``.bib`` entries that are cited.
* JATS (JOSE, author-year): every ``<xref ref-type="bibr">`` in order, each standing for its
  ``<ref>``'s first author surname and year; titles from ``<article-title>``/``<source>``.

Figures:

* marker P/R/F1: the cited items in document order (a number, or surname + year) of the
  report's markers against the gold's; true positives are the longest common subsequence,
  so a marker counts only in its place.
* link accuracy: of the true-positive items, the share whose link resolved to an entry
  holding that gold reference's title.
* entries found: gold reference titles found in some reference entry the report lists.
* pages per second of ``verifier``'s extraction (``claims.pdf.extract_pdf``) alone.

``--backend pdfminer`` feeds pdfminer.six glyphs to the same layout code (when pdfminer.six
is installed), which is how the two libraries were compared. Run
``python benchmarks/pdf.py [--backend pdfium|pdfminer] [--files]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _align import lcs_pairs  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from claims.pdf import Glyph, PdfText, layout, read_glyphs  # noqa: E402

DATA = ROOT / ".." / "shared" / "documents" / "pdf"
_CITE = re.compile(r"\\(?:no)?cite[a-zA-Z]*\*?(?:\[[^\]]*\])*\{([^}]*)\}")
_INPUT = re.compile(r"\\(?:input|include|subfile)\{([^}]+)\}")
_BIBITEM = re.compile(r"\\bibitem(?:\[[^\]]*\])?\{([^}]+)\}")
_COMMENT = re.compile(r"(?<!\\)%.*")
NUMERIC = {"numeric_bracket", "numeric_paren", "superscript"}


@dataclass
class Gold:
    items: list[str]  # cited items in order: "12" or "smith 2020"
    titles: dict[str, str]  # item -> reference title
    kind: str


def tex_text(path: Path, depth: int = 0) -> str:
    text = _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
    if depth > 4:
        return text

    def follow(m: re.Match[str]) -> str:
        name = m.group(1).strip()
        target = path.parent / (name if name.endswith(".tex") else name + ".tex")
        return tex_text(target, depth + 1) if target.is_file() else ""

    return _INPUT.sub(follow, text)


def bib_titles(folder: Path) -> dict[str, str]:
    titles: dict[str, str] = {}
    for bib in folder.glob("*.bib"):
        text = bib.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)(?=\n@|\Z)", text, re.DOTALL):
            t = re.search(r"\btitle\s*=\s*[{\"](.+?)[}\"]\s*,?\s*\n", m.group(2), re.DOTALL | re.IGNORECASE)
            if t:
                titles.setdefault(m.group(1), re.sub(r"[{}\\]", "", " ".join(t.group(1).split())))
    return titles


def latex_gold(folder: Path, main: Path) -> Gold:
    body = tex_text(main)
    body = body[body.find("\\begin{document}") :] if "\\begin{document}" in body else body
    calls = [[k.strip() for k in m.group(1).split(",") if k.strip()] for m in _CITE.finditer(body)]
    bbl = next(iter(folder.glob("*.bbl")), None)
    if bbl is not None:
        order = _BIBITEM.findall(bbl.read_text(encoding="utf-8", errors="replace"))
    elif _BIBITEM.search(body):  # a thebibliography list in the source itself
        order = _BIBITEM.findall(body)
    else:
        order = list(dict.fromkeys(k for call in calls for k in call))
    number = {key: str(i) for i, key in enumerate(order, start=1)}
    items = [number[k] for call in calls for k in sorted(call, key=lambda k: int(number.get(k, 0))) if k in number]
    titles = bib_titles(folder)
    return Gold(items, {number[k]: titles[k] for k in number if k in titles}, "latex")


def jats_gold(path: Path) -> Gold:
    xml = path.read_text(encoding="utf-8")
    refs: dict[str, tuple[str, str]] = {}
    for m in re.finditer(r'<ref id="([^"]+)">(.*?)</ref>', xml, re.DOTALL):
        surname = re.search(r"<surname>([^<]+)</surname>", m.group(2))
        year = re.search(r"<year[^>]*>(\d{4})", m.group(2))
        title = re.search(r"<(?:article-title|source)>([^<]+)</", m.group(2))
        item = f"{_fold(surname.group(1)) if surname else '?'} {year.group(1) if year else '?'}"
        refs[m.group(1)] = (item, " ".join(title.group(1).split()) if title else "")
    items = [refs[r][0] for r in re.findall(r'rid="([^"]+)" ref-type="bibr"', xml) if r in refs]
    return Gold(items, {item: title for item, title in refs.values() if title}, "jats")


def gold_for(folder: Path) -> Gold | None:
    jats = next(iter(folder.glob("*.jats")), None)
    if jats is not None:
        return jats_gold(jats)
    pdf = next(iter(folder.glob("*.pdf")))
    main = folder / (pdf.stem + ".tex")
    rendered = main.with_suffix(".Rmd").exists() or main.with_suffix(".rmd").exists()  # citations already rendered
    named = main.with_suffix(".bbl").exists() or any(folder.glob("*.bib"))
    if main.is_file() and not rendered and (named or "\\bibitem" in main.read_text(errors="replace")):
        return latex_gold(folder, main)
    return None


def _fold(name: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if c.isalpha()).lower()


def found_items(report: object, kind: str) -> tuple[list[str], dict[str, list[str]]]:
    """Cited items in order, and for each position the raw text of the entries it linked to."""
    items: list[str] = []
    linked: list[str] = []
    raws = {r.key: r.raw for r in report.references}  # type: ignore[attr-defined]
    by_marker: dict[tuple[int, str], str] = {}
    for lk in report.links:  # type: ignore[attr-defined]
        if lk.reference_key is not None:
            by_marker[(lk.marker_span.start, lk.cited)] = raws.get(lk.reference_key, "")
    for claim in report.claims:  # type: ignore[attr-defined]
        for marker in claim.markers:
            style = marker.style.value
            if kind == "latex" and style not in NUMERIC:
                continue
            if kind == "jats" and style != "author_year":
                continue
            for key in marker.keys:
                if kind == "jats":
                    m = re.match(r"(.+?)\s(?:et al\.?\s)?(\d{4})", key)
                    if not m:
                        continue
                    first = re.split(r"\s(?:and|&)\s|,", m.group(1))[0].split()
                    item = f"{_fold(first[-1] if first else '')} {m.group(2)}"
                else:
                    item = key
                items.append(item)
                linked.append(by_marker.get((marker.span.start, key), ""))
    return items, {"raw": linked}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def title_in(title: str, raw: str) -> bool:
    t, r = _norm(title), _norm(raw)
    return bool(t) and bool(r) and (t in r or fuzz.partial_ratio(t, r) >= 88)


def pdfminer_glyphs(data: bytes) -> list[list[Glyph]]:
    import io

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTContainer

    pages = []
    for page in extract_pages(io.BytesIO(data), laparams=None):
        glyphs: list[Glyph] = []

        def walk(node: object, out: list[Glyph] = glyphs) -> None:
            for child in node:  # type: ignore[attr-defined]
                if isinstance(child, LTChar):
                    text = child.get_text()
                    if text.isspace():
                        continue
                    out.append(Glyph(text, child.x0, child.y0, child.x1, child.y1, child.size, child.matrix[5]))
                elif isinstance(child, LTContainer):
                    walk(child)

        walk(page)
        # pdfminer gives no word spaces without layout analysis: a gap decides them in ``layout``
        pages.append(glyphs)
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("pdfium", "pdfminer"), default="pdfium")
    parser.add_argument("--files", action="store_true", help="print one row per file")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no data at {DATA}; nothing measured")
        return 0
    from claims.models import Document
    from verifier.config import VerifierConfig
    from verifier.pipeline import analyze

    totals = {"tp": 0, "found": 0, "gold": 0, "linked_ok": 0, "titles": 0, "titles_found": 0}
    pages = 0
    seconds = 0.0
    rows = []
    for folder in sorted(p for p in DATA.iterdir() if p.is_dir()):
        gold = gold_for(folder)
        pdf = next(iter(folder.glob("*.pdf")))
        data = pdf.read_bytes()
        start = time.perf_counter()
        glyphs = read_glyphs(data, pdf.name) if args.backend == "pdfium" else pdfminer_glyphs(data)
        extracted: PdfText = layout(glyphs)
        seconds += time.perf_counter() - start
        pages += extracted.pages
        if gold is None or not gold.items:
            continue
        doc = Document(
            path=str(pdf), text=extracted.text, sha256="", format="pdf", encoding="pdf", pages=extracted.page_starts
        )
        report = analyze(doc, VerifierConfig())
        items, extra = found_items(report, gold.kind)
        pairs = lcs_pairs(items, gold.items)
        linked_ok = sum(title_in(gold.titles.get(gold.items[j], ""), extra["raw"][i]) for i, j in pairs)
        titled = [t for t in gold.titles.values() if t]
        raws = [r.raw for r in report.references]
        titles_found = sum(any(title_in(t, r) for r in raws) for t in titled)
        with_title = sum(bool(gold.titles.get(gold.items[j])) for _, j in pairs)
        totals["tp"] += len(pairs)
        totals["found"] += len(items)
        totals["gold"] += len(gold.items)
        totals["linked_ok"] += linked_ok
        totals["with_title"] = totals.get("with_title", 0) + with_title
        totals["titles"] += len(titled)
        totals["titles_found"] += titles_found
        rows.append((folder.name, gold.kind, len(pairs), len(items), len(gold.items), titles_found, len(titled)))
    p = totals["tp"] / totals["found"] if totals["found"] else 0.0
    r = totals["tp"] / totals["gold"] if totals["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    if args.files:
        print(f"{'file':60} {'gold':5} {'tp':>4} {'found':>5} {'gold':>5} {'refs':>9}")
        for name, kind, tp, found, gold_n, tf, tt in rows:
            print(f"{name[:60]:60} {kind:5} {tp:4d} {found:5d} {gold_n:5d} {tf:4d}/{tt:<4d}")
    print(f"backend: {args.backend}; files with citation gold: {len(rows)}; pages extracted: {pages}")
    print(
        f"marker items: precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  ({totals['tp']} / {totals['found']} found / {totals['gold']} gold)"
    )
    wt = totals.get("with_title", 0)
    print(
        f"link accuracy (true positives linked to the gold entry): {totals['linked_ok'] / wt if wt else 0:.3f}  ({totals['linked_ok']}/{wt})"
    )
    print(
        f"reference entries found: {totals['titles_found'] / totals['titles'] if totals['titles'] else 0:.3f}  ({totals['titles_found']}/{totals['titles']})"
    )
    print(
        f"extraction: {pages / seconds:.1f} pages/s ({seconds:.1f} s for {pages} pages; machine shared, figures noisy)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
