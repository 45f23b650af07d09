"""Where reported statistics are read: one-line inputs, table rows, captions, footnotes, dense sentences.

Three figures:

1. ``benchmarks/data/statistics_forms.jsonl`` (strings written for this project, one per form: APA t/F/r/χ²/z/Q,
   garbled minus signs, ``x2``/``chi_2``, thousands separators, brackets, table rows, captions, and near-misses
   that are no statistic: year ranges, plain-number rows, ``Fig. 2(3)``). Each string is fed as it is, as a
   one-line document, through the claims stage; a result counts as read when the statistics rules would see it
   with its p-value. Prints read / expected and every miss or false read.
2. With ``PATH`` (a file, one string a line, or ``kind<TAB>expected<TAB>string`` lines; or a folder of such
   files): the same count on those strings, e.g. another tool's test strings kept outside the project.
3. When ``../shared`` is present: STA findings of the whole pipeline (default configuration) on the seed corpus,
   the PLOS/eLife JATS articles and the GROBID TEI texts of ``bench/fulltext_citations``, and statcheck's
   paper (``documents/pdf/MicheleNuijten__statcheck__Nuijten2016``), each finding printed for review.

4. With ``--scaling``: CPU seconds of the whole pipeline on inputs made only of reported results (one long line
   without a full stop, table rows, spaced-out HTML text) at 100 and 200 KB, and the ratio (linear: about 2).

Run: .venv/bin/python benchmarks/statistics_coverage.py [PATH] [--scaling]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.document import analyze_document  # noqa: E402
from claims.loading import load_document  # noqa: E402
from claims.models import Document  # noqa: E402
from claims.statistics import find_test_results  # noqa: E402
from verifier.config import VerifierConfig  # noqa: E402
from verifier.pipeline import analyze  # noqa: E402
from verifier.rules.base import RuleContext  # noqa: E402
from verifier.rules.sta.reported import statistic_units  # noqa: E402

FORMS = REPO / "benchmarks" / "data" / "statistics_forms.jsonl"
SHARED = REPO / ".." / "shared"


def results_read(text: str) -> int:
    """Test results with a p-value that the statistics rules see when ``text`` is a whole document."""
    doc = analyze_document(Document(path="s.txt", text=text, sha256="0" * 64, format="txt", encoding="utf-8"))
    ctx = RuleContext.build(doc, [], [], has_reference_list=False)
    return sum(1 for _, view in statistic_units(ctx) for r in find_test_results(view) if r.p is not None)


def score(cases: list[tuple[str, int, str]], title: str, *, show: bool = True) -> None:
    """``cases``: (label, expected results, text)."""
    expected = read = false_reads = 0
    positives = negatives = negatives_read = 0
    lines = []
    for label, want, text in cases:
        got = results_read(text)
        if want:
            positives += 1
            expected += want
            read += min(got, want)
            false_reads += max(0, got - want)
        else:
            negatives += 1
            negatives_read += got > 0
            false_reads += got
        if got != want:
            lines.append(f"    {label}: expected {want}, read {got}: {text!r}")
    print(f"{title}: {len(cases)} strings")
    print(f"  results read:        {read}/{expected} in {positives} strings that hold results")
    print(f"  strings with none:   {negatives}, of which read as a statistic: {negatives_read}")
    print(f"  extra results read:  {false_reads}")
    if show and lines:
        print("  differences:")
        print("\n".join(lines))


def own_forms() -> list[tuple[str, int, str]]:
    rows = [json.loads(line) for line in FORMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["form"], r["expected"], r["text"]) for r in rows]


def strings_at(path: Path) -> list[tuple[str, int, str]]:
    """One string a line (each expected to hold one result), or ``kind<TAB>expected<TAB>string`` (``\\n`` escaped);
    only kind ``test`` lines are scored."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    out: list[tuple[str, int, str]] = []
    for f in files:
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.strip():
                continue
            parts = line.split("\t", 2)
            if len(parts) == 3 and parts[1].isdigit():
                if parts[0] == "test":
                    out.append((f.name, int(parts[1]), parts[2].replace("\\n", "\n")))
            else:
                out.append((f.name, 1, line))
    return out


def real_documents() -> list[tuple[str, list[Path]]]:
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    bench = SHARED / "bench" / "fulltext_citations"
    jats = sorted((bench / "jats_plos").glob("*.xml")) + sorted((bench / "jats_elife").glob("*.xml"))
    tei = sorted((bench / "grobid_fulltext_tei" / "corpus").glob("*.xml"))
    paper_dir = SHARED / "documents" / "pdf" / "MicheleNuijten__statcheck__Nuijten2016"
    paper = sorted(p for p in paper_dir.glob("*") if p.suffix in (".txt", ".html"))
    groups = [("seed corpus", seeds), ("JATS articles", jats), ("GROBID TEI texts", tei), ("statcheck's paper", paper)]
    return [(name, paths) for name, paths in groups if paths]


def sta_findings(name: str, paths: list[Path]) -> None:
    counts: Counter[str] = Counter()
    shown: list[str] = []
    skipped = 0
    for path in paths:
        try:
            report = analyze(load_document(str(path)), VerifierConfig())
        except Exception as exc:  # noqa: BLE001 - a benchmark reports what it could not read and goes on
            skipped += 1
            shown.append(f"    {path.name}: not read ({type(exc).__name__})")
            continue
        for f in report.findings:
            if f.code.startswith("STA"):
                counts[f.code] += 1
                where = "claim" if f.claim_id else "non-prose unit"
                shown.append(f"    {f.code} {path.name} ({where}): {' '.join(f.quoted.split())[:140]!r}")
    note = f", {skipped} not read" if skipped else ""
    print(f"  {name}: {len(paths)} documents{note}; STA findings {dict(sorted(counts.items())) or 'none'}")
    if shown:
        print("\n".join(shown))


SCALING = {
    "results on one line without a stop": "t(28) = 2.20, p = .47, ",
    "table rows": "| Study | t(28) = 2.20 | p = .47 |\n",
    "spaced-out HTML text": "t    (28) =   2.20,    p   <   .001   ",
}


def scaling() -> None:
    print("CPU seconds of the whole pipeline (shared machine: compare the ratios, not the seconds):")
    for name, unit in SCALING.items():
        seconds = []
        for size in (100_000, 200_000):
            text = unit * (size // len(unit))
            doc = Document(path="a.txt", text=text, sha256="0" * 64, format="txt", encoding="utf-8")
            started = time.process_time()
            report = analyze(doc, VerifierConfig())
            seconds.append(time.process_time() - started)
        print(
            f"  {name}: 100 KB {seconds[0]:.2f} s, 200 KB {seconds[1]:.2f} s, "
            f"ratio {seconds[1] / seconds[0]:.2f}, {len(report.findings)} findings at 200 KB"
        )


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    score(own_forms(), "our own strings (benchmarks/data/statistics_forms.jsonl)")
    if args:
        score(strings_at(Path(args[0])), f"strings at {args[0]}", show="-q" not in sys.argv)
    if "--scaling" in sys.argv:
        scaling()
    groups = real_documents()
    if not groups:
        print(f"no shared data at {SHARED}; real-document checks skipped")
        return
    print("STA findings on real documents (every finding is listed; review them by eye):")
    for name, paths in groups:
        sta_findings(name, paths)


if __name__ == "__main__":
    main()
