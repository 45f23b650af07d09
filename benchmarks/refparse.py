"""Field-level accuracy and speed of ``references.entry_parser.parse_reference``.

Gold data (read by ``refdata`` from ../shared/bench when present, never copied): AnyStyle and GROBID
tagged reference strings, and PLOS JATS <mixed-citation> strings. The CRF in references/data was
trained by ``train_refparse`` on the 80% of AnyStyle and GROBID that ``refdata`` does not hold out (and on
the other half of the PLOS articles only with ``--plos``, which the shipped model does not use); figures
here are on data the CRF never saw: the held-out 20% of AnyStyle and GROBID (by CRC32 of the string) and
every PLOS article, with the held-out half of the articles (by CRC32 of the file name) also on its own,
for the rules alone and for rules + CRF side by side. The rules were written while reading errors on all
of these sets, so the figures measure a tuned rule set. The PLOS tables are strict (every entry scored);
one leaves out the entries with no markup at all (their gold holds no field, so every field read there
counts as a false positive).

Run: .venv/bin/python benchmarks/refparse.py   (--errors SET FIELD [N] lists mismatches of rules + CRF;
SET is anystyle, grobid or jats_plos)
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refdata import (  # noqa: E402
    BENCH,
    doi_norm,
    load_anystyle,
    load_grobid,
    load_jats,
    norm,
    pages_norm,
    present,
    untagged,
    year_norm,
)

from references.entry_parser import parse_reference  # noqa: E402
from references.parsing import crf_tagger  # noqa: E402

FIELDS = ("first_author", "year", "title", "venue", "volume", "pages", "doi")

MATCHING = """Matching (per field, per entry):
  text normalization = NFKD, accents dropped, casefold, every non-alphanumeric run -> one space, trimmed.
  first_author: predicted family of author 1 vs gold family: equal after normalization, or equal once
                leading particles are ignored (one ends with ' ' + the other). Gold family: JATS <surname>
                (or <collab>); AnyStyle/TEI author strings are read by a separate gold-side rule
                (first name chunk; initials dropped; 'Family, Given' -> Family; 'Given Family' -> last word).
  year:   the 4-digit year (letter suffix ignored).       title, venue: normalized strings equal
          (also shown: rapidfuzz ratio >= 90 on the normalized strings).
  volume: first alphanumeric token after 'vol'/'no' words are dropped.   pages: digit groups equal
          (so '1477-81' == 'pp. 1477–81').   doi: lower-cased, 'doi:'/resolver prefix and trailing punctuation dropped.
  venue gold: a leading 'In'/'In:' is dropped; journal / container title; for books without one, the publisher (the model's venue field holds
          journal, book title, publisher or site).
  PLOS only: an entry whose <year>, <volume>, <fpage> or DOI <pub-id> element is missing is not scored
          for that field (the markup is incomplete: most such entries print a year), instead of counting
          every prediction there as a false positive.
  TP = both present and equal; FP = predicted but gold absent or different; FN = gold present but missed
  or different (a wrong value counts as one FP and one FN)."""


def vol_norm(text: str | None) -> str:
    t = re.sub(r"(?i)\b(?:vol(?:ume)?|no|nr|v|bd|tome|t)\b\.?", " ", text or "")
    m = re.search(r"[A-Za-z]*\d+[A-Za-z]?|\b[IVXLC]+\b", t)
    return m.group(0).lower() if m else norm(t)


def author_match(pred: str, gold: str) -> bool:
    p, g = norm(pred), norm(gold)
    return bool(p) and (p == g or g.endswith(" " + p) or p.endswith(" " + g))


def predicted(ref) -> dict:
    return {
        "first_author": ref.authors[0].family if ref.authors else "",
        "year": ref.year or "",
        "title": ref.title or "",
        "venue": ref.venue or "",
        "volume": ref.volume or "",
        "pages": ref.pages or "",
        "doi": ref.doi or "",
    }


def equal(field: str, p: str, g: str, fuzzy: bool = False) -> bool:
    if field == "venue":
        g = re.sub(r"^\s*In\s*:?\s+", "", g)
    if field == "first_author":
        return author_match(p, g)
    if field == "year":
        return year_norm(p) == year_norm(g) != ""
    if field == "volume":
        return vol_norm(p) == vol_norm(g) != ""
    if field == "pages":
        return pages_norm(p) == pages_norm(g) != ""
    if field == "doi":
        return doi_norm(p) == doi_norm(g) != ""
    if fuzzy:
        return fuzz.ratio(norm(p), norm(g)) >= 90
    return norm(p) == norm(g) != ""


def score(items: list[tuple[dict, dict]], field: str, fuzzy: bool = False) -> tuple[float, float, float, int]:
    tp = fp = fn = 0
    support = 0
    for pred, gold in items:
        p, g = pred[field], gold[field]
        if g is None:  # not annotated in the gold (PLOS): neither right nor wrong
            continue
        hp, hg = present(field, p), present(field, g)
        support += hg
        if hp and hg and equal(field, p, g, fuzzy):
            tp += 1
            continue
        fp += hp
        fn += hg
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, support


def dump_errors(set_name: str, field: str, limit: int = 25) -> None:
    """Print held-out mismatches for one field (for tuning): python benchmarks/refparse.py --errors SET FIELD."""
    data = {"anystyle": load_anystyle, "grobid": load_grobid, "jats_plos": load_jats}[set_name]()
    shown = 0
    for e in data:
        if not e.held_out:
            continue
        pred = predicted(parse_reference(e.raw))
        g = e.gold[field]
        if g is not None and present(field, g) and not equal(field, pred[field], g):
            print(f"RAW : {e.raw}\nGOLD: {g!r}\nPRED: {pred[field]!r}\n")
            shown += 1
            if shown >= limit:
                break


def _table(name: str, rules: list[tuple[dict, dict]], crf: list[tuple[dict, dict]]) -> None:
    print(f"\n== {name}: {len(rules)} strings   (F1 rules-only | rules+CRF: P R F1)")
    print(f"{'field':<14}{'rules F1':>9} |{'P':>7}{'R':>7}{'F1':>7}{'gold n':>8}")
    rows = [(f, False) for f in FIELDS] + [("title", True), ("venue", True)]
    for field, fuzzy in rows:
        f_rules = score(rules, field, fuzzy)[2]
        p, r, f, n = score(crf, field, fuzzy)
        label = field + ("~90" if fuzzy else "")
        print(f"{label:<14}{f_rules:9.3f} |{p:7.3f}{r:7.3f}{f:7.3f}{n:8d}")


def main() -> None:
    if len(sys.argv) >= 4 and sys.argv[1] == "--errors":
        dump_errors(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 25)
        return
    t0 = time.perf_counter()
    loaded = crf_tagger.available()
    load_s = time.perf_counter() - t0
    plos = load_jats()
    entries = {
        "anystyle held-out": [e for e in load_anystyle() if e.held_out],
        "grobid held-out": [e for e in load_grobid() if e.held_out],
        "jats_plos, all articles": plos,
        "jats_plos, all articles, marked-up entries only": [e for e in plos if not untagged(e)],
        "jats_plos held-out articles": [e for e in plos if e.held_out],
    }
    sets = {name: [(e.raw, e.gold) for e in group] for name, group in entries.items()}
    if not any(sets.values()):
        print("no bench data found under", BENCH.resolve())
        return
    print(MATCHING)
    if loaded:
        size = crf_tagger.MODEL_PATH.stat().st_size / 1e6
        print(f"\nCRF model: {crf_tagger.MODEL_PATH.name}, {size:.2f} MB, loaded in {load_s:.3f} s")
    else:
        print("\nCRF model unavailable: rules+CRF columns equal rules-only")
    results: dict[str, tuple[list, list]] = {}
    timing = {False: [0.0, 0, 0], True: [0.0, 0, 0]}
    for name, data in sets.items():
        pair = []
        timed = "marked-up" not in name and "held-out articles" not in name  # subsets: timed once
        for use_crf in (False, True):
            t0 = time.perf_counter()
            preds = [parse_reference(raw, crf=use_crf) for raw, _ in data]
            if timed:
                timing[use_crf][0] += time.perf_counter() - t0
                timing[use_crf][1] += len(data)
                timing[use_crf][2] += sum(len(raw) for raw, _ in data)
            pair.append([(predicted(r), g) for r, (_, g) in zip(preds, data)])
        results[name] = (pair[0], pair[1])
    held = ["anystyle held-out", "grobid held-out"]
    results["HELD-OUT (anystyle + grobid)"] = tuple(sum((results[k][i] for k in held), []) for i in (0, 1))
    results["ALL NOT TRAINED ON (anystyle + grobid held-out, all PLOS)"] = tuple(
        sum((results[k][i] for k in (*held, "jats_plos, all articles")), []) for i in (0, 1)
    )
    results["ALL NOT TRAINED ON, PLOS entries with markup only"] = tuple(
        sum((results[k][i] for k in (*held, "jats_plos, all articles, marked-up entries only")), []) for i in (0, 1)
    )
    for name, (rules, crf) in results.items():
        _table(name, rules, crf)
    for use_crf, (secs, n, chars) in timing.items():
        print(
            f"\nthroughput {'rules+CRF' if use_crf else 'rules-only'}: {n} strings, {chars / 1e6:.2f} MB in {secs:.2f} s "
            f"= {n / secs:,.0f} strings/s, {chars / 1e6 / secs:.2f} MB/s"
        )
    if loaded:
        texts = [
            raw
            for name, data in sets.items()
            if "marked-up" not in name and "held-out articles" not in name
            for raw, _ in data
        ]
        t0 = time.perf_counter()
        for text in texts:
            crf_tagger.tag(text)
        secs = time.perf_counter() - t0
        print(f"CRF tagging alone: {len(texts) / secs:,.0f} strings/s")


if __name__ == "__main__":
    main()
