"""Reported statistics: recognition and statcheck-style classification on a written case set.

``benchmarks/data/statistics_cases.jsonl`` holds reported results written for this project in the forms
published papers use (APA and not, subscripted df, one-tailed tests, rounding edges, ``p = .000``, ``ns``,
Lancet's middle dot, intervals for d, OR, RR, HR, MD), each with its expected parse and verdict
(consistent / inconsistent / decision_error). Cases marked ``statcheck`` restate the examples of statcheck's
own tests (MicheleNuijten/statcheck ``tests/testthat/test-decisionerror.R``, ``test-error.R``).

Prints the recognition rate (the first result parsed with the expected test, df, value and p), the
verdict agreement, a confusion table, extraction throughput, and, when ../shared is present, what the four
statistics rules flag on real sentences (PubMed conclusions, BioScope abstracts, the seed corpus), which
should be little and right. Run: .venv/bin/python benchmarks/statistics.py
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# This file's name would shadow the standard library's ``statistics`` for everything imported below.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(REPO))

from claims.models import Claim, Document  # noqa: E402
from claims.quantities import find_quantities  # noqa: E402
from claims.spans import LineIndex, SentenceView  # noqa: E402
from claims.statistics import Interval, TestResult, find_intervals, find_test_results, mentions_one_tailed  # noqa: E402
from verifier.rules.base import RuleContext  # noqa: E402
from verifier.rules.ovr.ovr004_nonsignificant_as_effect import NonsignificantAsEffect  # noqa: E402
from verifier.rules.sta import PCiInconsistent, RecomputedPMismatch, SignificanceWording  # noqa: E402
from verifier.stats import check_ci_p, recompute_p  # noqa: E402

CASES = REPO / "benchmarks" / "data" / "statistics_cases.jsonl"
SHARED = REPO / ".." / "shared"


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _test_ok(r: TestResult, e: dict) -> bool:
    p_ok = r.p is not None and r.p.comparator == e["p_comparator"]
    if p_ok and e["p_comparator"] != "ns":
        p_ok = _close(r.p.value, e["p_value"])  # type: ignore[union-attr]
    return (
        p_ok
        and r.test == e["test"]
        and _close(r.df1, e["df1"])
        and _close(r.df2, e["df2"])
        and _close(r.value, e["value"])
    )


def _ci_ok(iv: Interval, e: dict) -> bool:
    return (
        iv.name == e["name"]
        and _close(iv.estimate, e["estimate"])
        and _close(iv.low, e["low"])
        and _close(iv.high, e["high"])
        and _close(iv.level, float(e["level"]))
        and iv.p is not None
        and iv.p.comparator == e["p_comparator"]
        and _close(iv.p.value, e["p_value"])
    )


def classify(case: dict) -> tuple[bool, str]:
    """(recognised as expected, predicted verdict) for one case."""
    view = SentenceView.of(case["sentence"])
    if case["kind"] == "test":
        results = find_test_results(view)
        if not results:
            return False, "unrecognised"
        check = recompute_p(results[0], one_tailed_in_text=mentions_one_tailed(case["sentence"]))
        return _test_ok(results[0], case["expected"]), check.verdict.value if check else "unrecognised"
    intervals = [iv for iv in find_intervals(view) if iv.p is not None]
    if not intervals:
        return False, "unrecognised"
    ci = check_ci_p(intervals[0], intervals[0].p)  # type: ignore[arg-type]
    return _ci_ok(intervals[0], case["expected"]), "inconsistent" if ci.consistent is False else "consistent"


def case_figures() -> None:
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    recognised = agreed = 0
    confusion: Counter[tuple[str, str]] = Counter()
    statcheck_total = statcheck_agreed = 0
    misses = []
    for case in cases:
        ok, verdict = classify(case)
        recognised += ok
        agreed += verdict == case["verdict"]
        confusion[(case["verdict"], verdict)] += 1
        if "statcheck" in case["source"]:
            statcheck_total += 1
            statcheck_agreed += verdict == case["verdict"]
        if not ok or verdict != case["verdict"]:
            misses.append(
                f"  {case['id']}: parsed={ok} verdict={verdict} expected={case['verdict']}  {case['sentence']}"
            )
    n = len(cases)
    kinds = Counter(c["kind"] for c in cases)
    print(f"cases: {n} ({kinds['test']} test results, {kinds['ci']} intervals with p)")
    print(f"recognition rate:          {recognised / n:.3f} ({recognised}/{n})")
    print(f"verdict agreement:         {agreed / n:.3f} ({agreed}/{n})")
    print(f"statcheck's own examples:  {statcheck_agreed}/{statcheck_total} agree")
    labels = ["consistent", "inconsistent", "decision_error", "unrecognised"]
    print("confusion (rows expected, columns predicted):")
    print("  " + " " * 15 + "".join(f"{lab[:12]:>14}" for lab in labels))
    for gold in labels[:3]:
        print(f"  {gold:<15}" + "".join(f"{confusion[(gold, pred)]:>14}" for pred in labels))
    if misses:
        print("misses:")
        print("\n".join(misses))


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])|\n+", text) if s.strip()]


def real_text() -> list[tuple[str, list[str]]]:
    """(source name, sentences) of real text in ../shared, when present."""
    out: list[tuple[str, list[str]]] = []
    pubmed = SHARED / "bench" / "claim_strength" / "pubmed_strength_dev.csv"
    if pubmed.exists():
        with pubmed.open(encoding="utf-8", newline="") as fh:
            out.append(("pubmed conclusions", [row["sentence"] for row in csv.DictReader(fh)]))
    bioscope = SHARED / "bench" / "hedge_bioscope" / "abstracts.xml"
    if bioscope.exists():
        from defusedxml import ElementTree

        root = ElementTree.parse(bioscope, forbid_dtd=False, forbid_entities=True, forbid_external=True).getroot()
        out.append(("bioscope abstracts", ["".join(s.itertext()) for s in root.iter("sentence")]))
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt")) if (SHARED / "corpus" / "seeds").is_dir() else []
    if seeds:
        out.append(("seed corpus", [s for p in seeds for s in _sentences(p.read_text(encoding="utf-8"))]))
    return out


def rule_flags(name: str, sentences: list[str]) -> None:
    text = "\n".join(sentences)
    claims = []
    lines = LineIndex(text)
    pos = 0
    for i, s in enumerate(sentences):
        claims.append(Claim(id=f"c{i}", text=s, span=lines.span(pos, pos + len(s))))
        pos += len(s) + 1
    doc = Document(path=name, text=text, sha256="0" * 64, format="txt", encoding="utf-8", claims=claims)
    ctx = RuleContext.build(doc, [], [], has_reference_list=False)
    flags = Counter()
    shown = []
    for rule in (PCiInconsistent(), SignificanceWording(), RecomputedPMismatch(), NonsignificantAsEffect()):
        for f in rule.check(ctx):
            assert text[f.span.start : f.span.end] == f.quoted
            flags[f.code] += 1
            shown.append(f"    {f.code}: {f.quoted[:110]!r}")
    with_p = sum(1 for s in sentences if re.search(r"\b[pP]\s?[=<>≤]", s))
    print(f"  {name}: {len(sentences)} sentences, {with_p} with a p-value; findings {dict(flags) or 'none'}")
    print("\n".join(shown[:12]))


def throughput(sentences: list[str]) -> None:
    views = [SentenceView.of(s) for s in sentences]
    size = sum(len(s.encode("utf-8")) for s in sentences)
    start = time.perf_counter()
    found = sum(len(find_quantities(v)) for v in views)
    elapsed = time.perf_counter() - start
    print(f"throughput: find_quantities {size / elapsed / 1e6:.2f} MB/s over {size / 1e6:.2f} MB ({found} quantities)")


def main() -> None:
    case_figures()
    real = real_text()
    if not real:
        print(f"no shared data at {SHARED}; real-text checks skipped")
        cases = [json.loads(line)["sentence"] for line in CASES.read_text(encoding="utf-8").splitlines() if line]
        throughput(cases * 200)
        return
    print("statistics rules on real text (every finding is listed up to 12; review them by eye):")
    for name, sentences in real:
        rule_flags(name, sentences)
    throughput([s for _, sents in real for s in sents])


if __name__ == "__main__":
    main()
