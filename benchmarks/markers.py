"""Citation-marker detection (``claims.markers.find_markers``) against gold in-text callouts.

Data (../shared/bench/fulltext_citations, relative to the repository):
- ``grobid_fulltext_tei``: text extracted from PDFs, line breaks kept (``<lb/>`` -> newline),
  callouts marked ``<ref type="biblio">``. Many callouts there were superscripts flattened to bare
  digits ("messengers. 1 The"); no marker syntax is left in them, so recall is also given over the
  callouts that still carry brackets, parentheses or author names.
- ``jats_plos`` (numeric ``[2]``) and ``jats_elife`` (author–year): body paragraphs, callouts are
  ``<xref ref-type="bibr">``.

A predicted marker is correct when it overlaps a gold callout; a callout is found when a
predicted marker overlaps it. Also prints throughput on the concatenated texts.
Run: ``python benchmarks/markers.py``.
"""

from __future__ import annotations

import re
import sys
import time
from bisect import bisect_left
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import parse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.markers import find_markers  # noqa: E402

BENCH = ROOT / ".." / "shared" / "bench" / "fulltext_citations"
BARE_DIGITS = re.compile(r"^[\s\d,;\-–]+$")


def render(elem: Element, is_gold, parts: list[str], gold: list[tuple[int, int]], pos: int) -> int:
    """Append the text of ``elem`` to ``parts``; record gold callout spans. Returns the new offset."""
    start = pos
    if elem.tag == "lb":
        parts.append("\n")
        pos += 1
    if elem.text:
        parts.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        pos = render(child, is_gold, parts, gold, pos)
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    if is_gold(elem):
        gold.append((start, pos))
    if elem.tag in ("p", "head", "title"):
        parts.append("\n\n")
        pos += 2
    return pos


def load(folder: str, root_tag: str, is_gold) -> list[tuple[str, list[tuple[int, int]]]]:
    docs = []
    for path in sorted((BENCH / folder).rglob("*.xml")):
        tree = parse(path, forbid_dtd=False, forbid_entities=False, forbid_external=True)
        body = tree.getroot().find(f".//{root_tag}")
        if body is None:
            continue
        parts: list[str] = []
        gold: list[tuple[int, int]] = []
        render(body, is_gold, parts, gold, 0)
        docs.append(("".join(parts), [(s, e) for s, e in gold if e > s]))
    return docs


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_left(spans, (start, -1))
    for j in (i - 1, i):
        if 0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1]:
            return True
    return False


def score(name: str, docs: list[tuple[str, list[tuple[int, int]]]]) -> None:
    tp_pred = n_pred = found = n_gold = found_syntax = n_syntax = 0
    chars = 0
    elapsed = 0.0
    false_alarms: list[str] = []
    for text, gold in docs:
        chars += len(text)
        t0 = time.perf_counter()
        pred = [(m.start, m.end) for m in find_markers(text)]
        elapsed += time.perf_counter() - t0
        gold.sort()
        n_pred += len(pred)
        for s, e in pred:
            if overlaps(gold, s, e):
                tp_pred += 1
            elif len(false_alarms) < 8:
                false_alarms.append(repr(text[max(0, s - 30) : e + 10]))
        for s, e in gold:
            hit = overlaps(pred, s, e)
            found += hit
            n_gold += 1
            if not BARE_DIGITS.match(text[s:e]):
                n_syntax += 1
                found_syntax += hit
    p = tp_pred / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    rs = found_syntax / n_syntax if n_syntax else 0.0
    print(f"{name}: {len(docs)} docs, {n_gold} gold callouts, {n_pred} predicted markers")
    print(f"  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    print(f"  recall over callouts with marker syntax ({n_syntax}): {rs:.3f}")
    print(f"  throughput {chars / max(elapsed, 1e-9) / 1e6:.1f} MB/s over {chars / 1e6:.2f} M chars")
    for sample in false_alarms:
        print(f"  unmatched prediction: {sample}")


def main() -> None:
    if not BENCH.is_dir():
        print(f"no benchmark data at {BENCH}")
        return
    score(
        "grobid_fulltext_tei",
        load("grobid_fulltext_tei", "text", lambda e: e.tag == "ref" and e.get("type") == "biblio"),
    )
    jats_bibr = lambda e: e.tag == "xref" and e.get("ref-type") == "bibr"  # noqa: E731
    score("jats_plos", load("jats_plos", "body", jats_bibr))
    score("jats_elife", load("jats_elife", "body", jats_bibr))


if __name__ == "__main__":
    main()
