"""DOCX input against each file's own gold, on ``../shared/documents/docx/``.

Gold (see that folder's README):

* ``*.docx.fields.json``: every citation-manager field of ``word/document.xml`` in document
  order with the text Word shows for it (written by a script independent of ours). A gold
  citation is a Zotero/Mendeley/EndNote/Word ``CITATION`` field; Zotero and Mendeley
  fields also give their items' ids (the item URI, else its id).
* pandoc's ``*.native`` for the feature fixtures: the words of the accepted version of a
  tracked change, of a document with footnotes/endnotes, of one with comments.

Figures:

* field markers: the report's ``field`` markers in order against the gold fields (matched on
  the shown text, longest common subsequence): precision, recall;
* field-code links: of the items the matched gold fields cite, the share linked to a
  reference whose key is that item (Zotero/Mendeley: the gold id itself; EndNote/Word: the
  marker's own key, whose reference must exist);
* references: distinct items cited by the fields against the references the report lists;
* features: for each pandoc fixture, whether the extracted words equal the accepted
  version's words (tracked changes), hold the note text (notes) and omit the comment text;
* documents per second of ``claims.docx.extract_docx`` alone; with python-docx installed, its
  ``paragraph.text`` words on the same fixtures for comparison (``--compare``).

Run ``python benchmarks/docx.py [--files] [--compare]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _align import lcs_pairs  # noqa: E402

from claims.docx import extract_docx  # noqa: E402

DATA = ROOT / ".." / "shared" / "documents" / "docx"
_CITATION = re.compile(r"^\s*(?:ADDIN\s+(?:ZOTERO_ITEM|CSL_CITATION|EN\.CITE\s*$|EN\.CITE\s*<)|CITATION\s)", re.I)


def gold_fields(path: Path) -> list[tuple[str, list[str]]]:
    """(shown text, item ids or []) of each gold citation field."""
    fields = json.loads(path.read_text(encoding="utf-8"))["fields"]
    out = []
    for f in fields:
        instr = f["instr"]
        if not _CITATION.search(instr):
            continue
        ids: list[str] = []
        brace = instr.find("{")
        if "CSL_CITATION" in instr.upper() and brace != -1:
            try:
                payload = json.JSONDecoder().raw_decode(instr[brace:])[0]
            except json.JSONDecodeError:
                payload = {}
            for item in payload.get("citationItems", []):
                uris = item.get("uris") or item.get("uri") or []
                ids.append(str(uris[0] if uris else (item.get("itemData") or {}).get("id") or item.get("id")))
        out.append((_shown(f["displayed"]), ids))
    return out


def _shown(text: str) -> str:
    return " ".join(text.translate(_TO_ASCII).replace("\u2009", " ").split())


_TO_ASCII = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def native_words(path: Path) -> list[str]:
    return re.findall(r'Str "((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8"))


def words(text: str) -> list[str]:
    return text.replace("# ", " ").split()


def features(compare: bool) -> list[str]:
    lines = []
    tc = DATA / "jgm__pandoc__track_changes"
    cases = [
        (tc / f"track_changes_{k}.docx", tc / f"track_changes_{k}_accept.native")
        for k in ("insertion", "deletion", "move")
    ]
    for docx, native in cases:
        if docx.is_file() and native.is_file():
            got = words(extract_docx(docx.read_bytes(), docx.name).text)
            want = native_words(native)
            line = (
                f"  tracked changes accepted, {docx.stem}: {'equal' if got == want else 'DIFFERENT'} to pandoc's accept"
            )
            if compare:
                line += f" (python-docx: {'equal' if python_docx_words(docx) == want else 'different'})"
            lines.append(line)
    notes = DATA / "jgm__pandoc__notes" / "notes.docx"
    if notes.is_file():
        got = " ".join(words(extract_docx(notes.read_bytes(), notes.name).text))
        ok = "My note." in got and "This is an endnote at the end of the document." in got
        lines.append(f"  footnote and endnote text read: {'yes' if ok else 'NO'}")
    comments = DATA / "jgm__pandoc__comments" / "comments.docx"
    if comments.is_file():
        import zipfile

        with zipfile.ZipFile(comments) as zf:
            comment_xml = zf.read("word/comments.xml").decode("utf-8")
        comment_words = set(re.findall(r"<w:t[^>]*>([^<]+)</w:t>", comment_xml))
        got = extract_docx(comments.read_bytes(), comments.name).text
        leaked = [w for w in comment_words if len(w) > 12 and w in got]
        lines.append(f"  comment text left out: {'yes' if not leaked else 'NO ' + repr(leaked[:2])}")
    return lines


def python_docx_words(path: Path) -> list[str]:
    here = str(Path(__file__).parent)
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if p not in ("", here)]  # this script is docx.py too
    sys.modules.pop("docx", None)
    try:
        import docx  # python-docx
    finally:
        sys.path[:] = saved

    return " ".join(p.text for p in docx.Document(str(path)).paragraphs).split()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", action="store_true")
    parser.add_argument("--compare", action="store_true", help="also python-docx on the tracked-change fixtures")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no data at {DATA}; nothing measured")
        return 0
    from claims.models import Document
    from verifier.config import VerifierConfig
    from verifier.pipeline import analyze

    tot = {
        "tp": 0,
        "found": 0,
        "gold": 0,
        "items": 0,
        "linked": 0,
        "gold_ids": 0,
        "ids_equal": 0,
        "refs": 0,
        "distinct": 0,
    }
    seconds, docs, rows = 0.0, 0, []
    for path in sorted(DATA.glob("*/*.docx")):
        data = path.read_bytes()
        start = time.perf_counter()
        extracted = extract_docx(data, path.name)
        seconds += time.perf_counter() - start
        docs += 1
        gold_path = path.with_name(path.name + ".fields.json")
        if not gold_path.is_file():
            continue
        gold = gold_fields(gold_path)
        if not gold:
            continue
        doc = Document(
            path=str(path), text=extracted.text, sha256="", format="docx", encoding="docx", fields=extracted.fields
        )
        report = analyze(doc, VerifierConfig())
        ref_keys = {r.key for r in report.references}
        markers = [m for c in report.claims for m in c.markers if m.style.value == "field"]
        status = {(lk.marker_span.start, lk.cited): lk for lk in report.links if lk.status.value != "continuation"}
        pairs = lcs_pairs([_shown(m.text) for m in markers], [g[0] for g in gold])
        linked = items = ids_equal = gold_ids = 0
        for i, j in pairs:
            marker, (_, ids) = markers[i], gold[j]
            for key in marker.keys:
                items += 1
                lk = status.get((marker.span.start, key))
                linked += bool(lk and lk.status.value == "linked" and lk.reference_key == key and key in ref_keys)
            if ids:
                gold_ids += len(ids)
                ids_equal += sum(k in ids for k in marker.keys) if len(marker.keys) == len(ids) else 0
        distinct = len({k for m in markers for k in m.keys})
        tot["tp"] += len(pairs)
        tot["found"] += len(markers)
        tot["gold"] += len(gold)
        tot["items"] += items
        tot["linked"] += linked
        tot["gold_ids"] += gold_ids
        tot["ids_equal"] += ids_equal
        tot["distinct"] += distinct
        tot["refs"] += min(len(report.references), distinct)
        rows.append(
            (path.parent.name, len(pairs), len(markers), len(gold), linked, items, len(report.references), distinct)
        )

    def ratio(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "n/a"

    if args.files:
        print(f"{'file':62} {'tp':>4} {'found':>5} {'gold':>5} {'linked':>9} {'refs':>4} {'items':>5}")
        for name, tp, found, gold_n, lk, it, refs, distinct in rows:
            print(f"{name[:62]:62} {tp:4d} {found:5d} {gold_n:5d} {lk:4d}/{it:<4d} {refs:4d} {distinct:5d}")
    print(f"files with citation fields: {len(rows)} of {docs} DOCX")
    print(
        f"field markers: precision {ratio(tot['tp'], tot['found'])}  recall {ratio(tot['tp'], tot['gold'])}  ({tot['tp']} / {tot['found']} found / {tot['gold']} gold fields)"
    )
    print(
        f"field-code links: {ratio(tot['linked'], tot['items'])}  ({tot['linked']}/{tot['items']} cited items linked to their own record)"
    )
    print(
        f"item ids equal to the gold field's (Zotero/Mendeley): {ratio(tot['ids_equal'], tot['gold_ids'])}  ({tot['ids_equal']}/{tot['gold_ids']})"
    )
    print(
        f"references from fields: {ratio(tot['refs'], tot['distinct'])}  (distinct cited items with a reference entry)"
    )
    print("features (pandoc fixtures):")
    for line in features(args.compare):
        print(line)
    print(
        f"extraction: {docs / seconds:.1f} documents/s ({seconds:.2f} s for {docs} DOCX; machine shared, figures noisy)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
