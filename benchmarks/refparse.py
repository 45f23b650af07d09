"""Field-level accuracy and speed of ``references.entry_parser.parse_reference``.

Gold data (read from ../shared/bench when present, never copied):
- reference_strings/anystyle_core.xml: tagged sequences; raw = the tokens joined by spaces.
- reference_strings/grobid/corpus/*.xml: TEI <bibl>; raw = its text.
- fulltext_citations/jats_plos/*.xml: <mixed-citation> strings; gold = their tagged children.

AnyStyle and GROBID strings are split by ``train_refparse.held_out`` (CRC32 of the string): the CRF in
references/data was trained on the other 80%, so figures are given on the HELD-OUT 20% and on PLOS
(never trained on) separately, for the rules alone and for rules + CRF side by side.

Run: .venv/bin/python benchmarks/refparse.py   (--errors SET FIELD [N] lists mismatches of rules + CRF)
"""

from __future__ import annotations

import re
import sys
import time
import unicodedata
from pathlib import Path

import defusedxml.ElementTree as ET
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from references.entry_parser import parse_reference  # noqa: E402
from references.parsing import crf_tagger  # noqa: E402
from train_refparse import held_out  # noqa: E402

BENCH = ROOT / ".." / "shared" / "bench"
FIELDS = ("first_author", "year", "title", "venue", "volume", "pages", "doi")
UNANNOTATED_WHEN_MISSING = ("year", "volume", "pages", "doi")
TEI = "{http://www.tei-c.org/ns/1.0}"

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


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def year_norm(text: str | None) -> str:
    m = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", text or "")
    return m.group(1) if m else ""


def vol_norm(text: str | None) -> str:
    t = re.sub(r"(?i)\b(?:vol(?:ume)?|no|nr|v|bd|tome|t)\b\.?", " ", text or "")
    m = re.search(r"[A-Za-z]*\d+[A-Za-z]?|\b[IVXLC]+\b", t)
    return m.group(0).lower() if m else norm(t)


def pages_norm(text: str | None) -> str:
    return " ".join(re.findall(r"[A-Za-z]?\d+", text or "")).lower()


def doi_norm(text: str | None) -> str:
    m = re.search(r"10\.\d{4,9}/\S+", text or "")
    return m.group(0).lower().rstrip(".,;:)]") if m else ""


_INIT = re.compile(r"^(?:[A-Z][a-z]?\.[-‐]?)+$|^[A-Z]{1,3}$")


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
        if _INIT.match(words[0]):
            return " ".join(w for w in words if not _INIT.match(w))
        return " ".join(w for w in words if not _INIT.match(w))
    if len(words) >= 2 and len(units) > 1:
        nxt = units[1].split()
        if len(nxt) >= 2 and not any(_INIT.match(w) for w in nxt):
            return words[-1]
        return units[0]
    if len(words) >= 2 and len(units) == 1 and len(words) <= 3:
        return words[-1]
    return units[0]


def author_match(pred: str, gold: str) -> bool:
    p, g = norm(pred), norm(gold)
    return bool(p) and (p == g or g.endswith(" " + p) or p.endswith(" " + g))


def text_of(el) -> str:
    return " ".join("".join(el.itertext()).split())


def load_anystyle() -> list[tuple[str, dict]]:
    path = BENCH / "reference_strings" / "anystyle_core.xml"
    if not path.exists():
        return []
    out = []
    for seq in ET.parse(path).getroot().iter("sequence"):
        parts = [(c.tag, " ".join((c.text or "").split())) for c in seq]
        raw = " ".join(t for _, t in parts if t)
        first = {}
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
        out.append((raw, gold))
    return out


def load_grobid() -> list[tuple[str, dict]]:
    folder = BENCH / "reference_strings" / "grobid" / "corpus"
    out = []
    for path in sorted(folder.glob("*.xml")) if folder.exists() else []:
        for bibl in ET.parse(path).getroot().iter(TEI + "bibl"):
            raw = text_of(bibl)
            titles = {t.get("level"): text_of(t) for t in bibl.findall(TEI + "title")[::-1]}
            author = bibl.find(TEI + "author")
            date = bibl.find(TEI + "date")
            scopes = {(s.get("type") or s.get("unit")): text_of(s) for s in bibl.findall(TEI + "biblScope")[::-1]}
            pub = bibl.find(TEI + "publisher")
            idno = [text_of(i) for i in bibl.findall(TEI + "idno") if (i.get("type") or "").upper() == "DOI"]
            title = titles.get("a") or titles.get("m", "")
            venue = titles.get("j") or (titles.get("m") if titles.get("a") else "") or (text_of(pub) if pub is not None else "")
            gold = {
                "first_author": gold_family(text_of(author) if author is not None else ""),
                "year": year_norm(text_of(date) if date is not None else ""),
                "title": title,
                "venue": venue,
                "volume": scopes.get("vol") or scopes.get("volume", ""),
                "pages": scopes.get("pp") or scopes.get("page", ""),
                "doi": idno[0] if idno else "",
            }
            out.append((raw, gold))
    return out


def load_jats() -> list[tuple[str, dict]]:
    folder = BENCH / "fulltext_citations" / "jats_plos"
    out = []
    for path in sorted(folder.glob("*.xml")) if folder.exists() else []:
        for mc in ET.parse(path).getroot().iter("mixed-citation"):
            for surname in mc.iter("surname"):
                if not (surname.tail or "").strip():
                    surname.tail = " "  # "<surname>Burks</surname><given-names>C" renders as "Burks C"
            raw = text_of(mc)
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
            out.append((raw, gold))
    return out


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


def present(field: str, v: str) -> bool:
    return {"year": year_norm, "doi": doi_norm, "pages": pages_norm}.get(field, norm)(v) != ""


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
    """Print mismatches for one field (for tuning): python benchmarks/refparse.py --errors SET FIELD."""
    data = {"anystyle": load_anystyle, "grobid": load_grobid, "jats_plos": load_jats}[set_name]()
    if set_name != "jats_plos":
        data = [(raw, gold) for raw, gold in data if held_out(raw)]
    shown = 0
    for raw, gold in data:
        pred = predicted(parse_reference(raw))
        if gold[field] is not None and present(field, gold[field]) and not equal(field, pred[field], gold[field]):
            print(f"RAW : {raw}\nGOLD: {gold[field]!r}\nPRED: {pred[field]!r}\n")
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
    anystyle, grobid = load_anystyle(), load_grobid()
    sets = {
        "anystyle held-out": [x for x in anystyle if held_out(x[0])],
        "grobid held-out": [x for x in grobid if held_out(x[0])],
        "jats_plos (never trained on)": load_jats(),
    }
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
        for use_crf in (False, True):
            t0 = time.perf_counter()
            preds = [parse_reference(raw, crf=use_crf) for raw, _ in data]
            timing[use_crf][0] += time.perf_counter() - t0
            timing[use_crf][1] += len(data)
            timing[use_crf][2] += sum(len(raw) for raw, _ in data)
            pair.append([(predicted(r), g) for r, (_, g) in zip(preds, data)])
        results[name] = (pair[0], pair[1])
    held = [k for k in results if "held-out" in k]
    results["HELD-OUT (anystyle + grobid)"] = tuple(sum((results[k][i] for k in held), []) for i in (0, 1))
    results["ALL (held-out + PLOS)"] = tuple(sum((results[k][i] for k in (*held, "jats_plos (never trained on)")), []) for i in (0, 1))
    for name, (rules, crf) in results.items():
        _table(name, rules, crf)
    for use_crf, (secs, n, chars) in timing.items():
        print(f"\nthroughput {'rules+CRF' if use_crf else 'rules-only'}: {n} strings, {chars / 1e6:.2f} MB in {secs:.2f} s "
              f"= {n / secs:,.0f} strings/s, {chars / 1e6 / secs:.2f} MB/s")
    if loaded:
        texts = [" ".join(raw.split()) for data in sets.values() for raw, _ in data]
        t0 = time.perf_counter()
        for text in texts:
            crf_tagger.tag(text)
        secs = time.perf_counter() - t0
        print(f"CRF tagging alone: {len(texts) / secs:,.0f} strings/s")


if __name__ == "__main__":
    main()
