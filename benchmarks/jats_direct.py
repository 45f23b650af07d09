"""JATS articles run directly: ``verifier check article.xml -f json`` on the XML file itself.

``benchmarks/linking.py`` renders each article to plain text first; this one hands the
XML to the CLI, which masks the markup (``claims.markup``) so that every reported span
indexes the XML file. The gold is every ``<xref ref-type="bibr" rid="...">`` element in
the file (its content's character range) and its ``rid``; a reference entry stands for
the ``<ref id="...">`` element its span starts in.

- marker P/R/F1: a reported (non-narrative) marker is right when it overlaps a gold xref's
  content; a gold xref is found when a marker overlaps it.
- link accuracy: over found gold xrefs, the share whose marker has a link to the entry of
  the gold ``rid``.
- the same figures for the gold xrefs outside table grids (``<table>``), which the
  masking blanks on purpose (a table cell is not a claim);
- throughput of ``mask`` alone, in MB/s of XML.

Reads ``../shared/bench/fulltext_citations`` relative to the repository; run
``python benchmarks/jats_direct.py`` (add ``--misses`` to list misses).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from bisect import bisect_right
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.loading import decode  # noqa: E402
from claims.markup import mask  # noqa: E402

DATA = ROOT / ".." / "shared" / "bench" / "fulltext_citations"
VERIFIER = ROOT / ".venv" / "bin" / "verifier"
_XREF = re.compile(r"<xref\b([^>]*)>(.*?)</xref>", re.DOTALL)
_REF = re.compile(r"<ref\b[^>]*\bid=\"([^\"]+)\"[^>]*>")
_TABLE = re.compile(r"<table[\s>].*?</table>", re.DOTALL)
_ATTR = re.compile(r"([\w:-]+)=\"([^\"]*)\"")


def gold(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, str]]]:
    """Gold bibr xrefs ``(start, end, rid)`` and ``<ref>`` starts ``(offset, id)`` in file offsets."""
    xrefs = []
    for m in _XREF.finditer(text):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("ref-type") != "bibr" or m.end(2) <= m.start(2):
            continue
        for rid in attrs.get("rid", "").split():
            xrefs.append((m.start(2), m.end(2), rid))
    refs = [(m.start(), m.group(1)) for m in _REF.finditer(text)]
    return xrefs, refs


def run(path: Path) -> dict:
    out = subprocess.run([str(VERIFIER), "check", str(path), "-f", "json"], capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"{path.name}: verifier exited {out.returncode}: {out.stderr.strip()[:300]}")
    return json.loads(out.stdout)


def evaluate(folder: str, show_misses: bool) -> None:
    paths = sorted((DATA / folder).glob("*.xml"))
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(run, paths))
    for label, prose_only in (("all", False), ("no tables", True)):
        _score(folder, paths, reports, prose_only, show_misses and not prose_only, label)
    size = seconds = 0.0
    for path in paths:
        text, _ = decode(path.read_bytes())
        size += len(text.encode("utf-8")) / 1e6
        started = time.perf_counter()
        mask(text, "jats")
        seconds += time.perf_counter() - started
    print(f"{folder:10s} mask: {size:.1f} MB in {seconds:.2f} s = {size / seconds:.1f} MB/s")


def _score(
    folder: str, paths: list[Path], reports: list[dict], prose_only: bool, show_misses: bool, label: str
) -> None:
    n_pred = tp_pred = n_gold = found = right = 0
    for path, report in zip(paths, reports):
        text, _ = decode(path.read_bytes())
        xrefs, refs = gold(text)
        if prose_only:
            tables = [(m.start(), m.end()) for m in _TABLE.finditer(text)]
            xrefs = [x for x in xrefs if not any(s <= x[0] < e for s, e in tables)]
        ref_starts = [s for s, _ in refs]
        rid_of: dict[str, str] = {}
        for entry in report["references"]:
            span = entry.get("span")
            if span:
                i = bisect_right(ref_starts, span["start"]) - 1
                if i >= 0:
                    rid_of[entry["key"]] = refs[i][1]
        markers = [
            (m["span"]["start"], m["span"]["end"], m["text"])
            for c in report["claims"]
            for m in c["markers"]
            if m["style"] != "narrative"
        ]
        linked: dict[int, set[str]] = {}
        for lk in report["links"]:
            if lk.get("reference_key") in rid_of:
                linked.setdefault(lk["marker_span"]["start"], set()).add(rid_of[lk["reference_key"]])
        n_pred += len(markers)
        tp_pred += sum(any(ms < e and s < me for s, e, _ in xrefs) for ms, me, _ in markers)
        n_gold += len(xrefs)
        for s, e, rid in xrefs:
            hit = next((m for m in markers if m[0] < e and s < m[1]), None)
            if hit is None:
                if show_misses:
                    print(f"  MISS  {path.name}: {_context(text, s, e)}")
                continue
            found += 1
            ok = rid in linked.get(hit[0], set())
            right += ok
            if show_misses and not ok:
                print(f"  WRONG {path.name}: marker {hit[2]!r} gold {rid}")
        if show_misses:
            for ms, me, mt in markers:
                if not any(ms < e and s < me for s, e, _ in xrefs):
                    print(f"  EXTRA {path.name}: {mt!r} {_context(text, ms, me)}")
    p = tp_pred / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = right / found if found else 0.0
    print(
        f"{folder:10s} {len(paths):3d} files, {label:9s}  gold xrefs {n_gold:5d}  markers {n_pred:5d}  P {p:.3f}  "
        f"R {r:.3f}  F1 {f1:.3f}  link accuracy {acc:.3f}"
    )


def _context(text: str, s: int, e: int) -> str:
    flat = lambda t: re.sub(r"<[^>]*>", "", t).replace("\n", " ")  # noqa: E731
    return f"{flat(text[max(0, s - 120) : s])[-50:]!r} [[{flat(text[s:e])}]] {flat(text[e : e + 80])[:30]!r}"


def main() -> None:
    if not DATA.is_dir():
        print(f"no data at {DATA}; skipped")
        return
    show_misses = "--misses" in sys.argv[1:]
    print(
        "verifier check FILE.xml -f json; marker match = overlap with a gold bibr xref; link accuracy over found xrefs"
    )
    evaluate("jats_plos", show_misses)
    evaluate("jats_elife", show_misses)


if __name__ == "__main__":
    main()
