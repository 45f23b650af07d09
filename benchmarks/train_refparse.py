"""Train the reference-string CRF (``references/data/refstring.crfsuite``) with python-crfsuite.

Training data (read from ../shared/bench, never copied into the project):
- reference_strings/anystyle_core.xml (AnyStyle, BSD-2-Clause)
- reference_strings/grobid/corpus/*.xml (GROBID citation corpus, Apache-2.0)
Only the 80% of strings for which ``held_out(raw)`` is false are trained on; the other 20% and the PLOS
JATS references are what ``benchmarks/refparse.py`` measures on. The split is a CRC32 of the raw string,
so it is deterministic and a string repeated in the data always falls on one side. Training is
deterministic too (L-BFGS, fixed order of the data).

Each gold element becomes a token label: author, editor, date, title, container (journal / book /
proceedings), collection, volume, issue, pages, publisher, location, ident (DOI, URL, ISBN, report
numbers), label (citation number), note; text outside any element is ``other``. A word takes the label
of most of its letters and digits.

Run: .venv/bin/python benchmarks/train_refparse.py   (about a minute)
"""

from __future__ import annotations

import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import defusedxml.ElementTree as ET

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from references.entry_parser import parse_rules  # noqa: E402
from references.parsing.crf_features import features, tokens  # noqa: E402
from references.parsing.crf_tagger import rule_hints  # noqa: E402

BENCH = ROOT / ".." / "shared" / "bench"
MODEL = ROOT / "references" / "data" / "refstring.crfsuite"
TEI = "{http://www.tei-c.org/ns/1.0}"

_ANYSTYLE = {
    "author": "author", "editor": "editor", "translator": "editor", "director": "editor", "producer": "editor",
    "date": "date", "title": "title", "journal": "container", "container-title": "container", "source": "container",
    "collection-title": "collection", "volume": "volume", "pages": "pages", "publisher": "publisher",
    "location": "location", "doi": "ident", "url": "ident", "isbn": "ident", "citation-number": "label",
    "note": "note", "genre": "note", "medium": "note", "edition": "note",
}


def held_out(raw: str) -> bool:
    """The evaluation 20%: never trained on."""
    return zlib.crc32(raw.encode("utf-8")) % 5 == 0


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
        "author": "author", "authors": "author", "editor": "editor", "date": "date", "publisher": "publisher",
        "pubPlace": "location", "idno": "ident", "ptr": "ident", "orgName": "publisher", "note": "note", "notes": "note",
    }.get(tag, parent_label)


def _tei_pieces(el, label: str, has_a: bool, out: list[tuple[str, str]]) -> None:
    out.append((el.text or "", label))
    for child in el:
        _tei_pieces(child, _tei_label(child, label, has_a), has_a, out)
        out.append((child.tail or "", label))


def load_labelled() -> list[tuple[str, list[str]]]:
    """(raw string, label of each character) for every AnyStyle and GROBID string, in file order."""
    out = []
    path = BENCH / "reference_strings" / "anystyle_core.xml"
    if path.exists():
        for seq in ET.parse(path).getroot().iter("sequence"):
            pieces: list[tuple[str, str]] = []
            for child in seq:
                text = " ".join((child.text or "").split())
                if text:
                    pieces += [(" ", "other"), (text, _ANYSTYLE.get(child.tag, "other"))] if pieces else [(text, _ANYSTYLE.get(child.tag, "other"))]
            out.append(_normalize(pieces))
    folder = BENCH / "reference_strings" / "grobid" / "corpus"
    for xml in sorted(folder.glob("*.xml")) if folder.exists() else []:
        for bibl in ET.parse(xml).getroot().iter(TEI + "bibl"):
            has_a = any(t.get("level") == "a" for t in bibl.findall(TEI + "title"))
            pieces = []
            _tei_pieces(bibl, "other", has_a, pieces)
            out.append(_normalize(pieces))
    return out


def token_labels(raw: str, char_labels: list[str]) -> list[str]:
    """Each word's label: the most frequent label over its letters and digits (its characters if none)."""
    out = []
    for word, start, end in tokens(raw):
        counts = Counter(char_labels[k] for k in range(start, end) if raw[k].isalnum())
        if not counts:
            counts = Counter(char_labels[start:end])
        out.append(counts.most_common(1)[0][0])
    return out


def main() -> None:
    import pycrfsuite

    data = load_labelled()
    if not data:
        print("no training data under", BENCH.resolve())
        return
    train = [(raw, labels) for raw, labels in data if not held_out(raw)]
    trainer = pycrfsuite.Trainer(verbose=False)
    for raw, labels in train:
        rules = parse_rules(raw)
        toks = tokens(raw)
        trainer.append(features(toks, rule_hints(raw, toks, rules.title, rules.venue)), token_labels(raw, labels))
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True})
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    trainer.train(str(MODEL))
    print(f"trained on {len(train)} of {len(data)} strings in {time.perf_counter() - t0:.1f} s -> "
          f"{MODEL.relative_to(ROOT)} ({MODEL.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
