"""Adversarial inputs from issues #17 and #18 at doubling sizes: time and peak memory.

Every slow input the red-team passes found (backtracking regexes, quadratic scans over long
sentences, range explosions) is generated here, written by us, at 0.1, 0.2, 0.4 and 0.8 MB,
and run through ``verifier.pipeline.analyze`` in a fresh process each (so peak memory is the
process's own ``VmHWM`` and one input's heap does not slow the next). For every input and size
it prints:

* seconds (CPU time of the pipeline, decode to report built, start-up excluded);
* ``x normal``: the ratio to a normal manuscript of the same size (goal <= 3);
* ``x half``: the ratio to the same input at half the size (goal <= 2.2, i.e. linear);
* peak resident memory of the process in MB.

A run that exceeds ``--timeout`` seconds is stopped and printed as ``timeout``.

Run: .venv/bin/python benchmarks/adversarial.py [--sizes 0.1,0.2,0.4,0.8] [--only NAME,...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _repeat(unit: str, size: int, sep: str = "") -> str:
    """``unit`` repeated (joined by ``sep``) until the text is at least ``size`` characters."""
    count = max(1, size // (len(unit) + len(sep)) + 1)
    return sep.join([unit] * count)


def normal(size: int) -> str:
    from throughput import manuscript, reference_list

    return manuscript(size) + reference_list()


def author_year_unclosed(size: int) -> str:
    """#18: a citation group list ending "; see Table 2)" or missing its ")" (12 groups a sentence)."""
    groups = "; ".join(f"Smith et al. {2001 + i}" for i in range(12))
    return _repeat(f"Ketamine reduced symptoms ({groups}; see Table 2) in most patients.", size, "\n") + _repeat(
        f"Ketamine reduced symptoms ({groups} in most patients.", size // 2, "\n"
    )


def atx_spaces(size: int) -> str:
    """#18: a Markdown heading, thousands of spaces, then text (cubic `_ATX`)."""
    return _repeat("# Results" + " " * 4000 + "and more", size, "\n\n")


def prevalence_spaces(size: int) -> str:
    """#18: OVR002's PREVALENCE pattern on white space after "affects"."""
    return _repeat("Depression affects" + " " * 2000 + "x patients.", size, "\n\n")


def long_sentence(size: int) -> str:
    """#18: one sentence as long as the input (quantities, cues, approximator, negation scope)."""
    words = "not about 12 mg of ketamine may reduce approximately 30% of symptoms in nearly 40 patients and "
    return "Ketamine " + _repeat(words, size) + "end."


def nested_sup(size: int) -> str:
    """#17/#18: nested ``<sup>`` in HTML (``markup._superscript``)."""
    depth = 2000
    claim = "<p>Ketamine reduced depressive symptoms in adults with major depression in two randomized trials of six weeks at three sites."
    unit = claim + "<sup>" * depth + "1" + "</sup>" * depth + "</p>\n"
    return "<html><body>" + _repeat(unit, size) + "</body></html>"


def markdown_numbered_refs(size: int) -> str:
    """#18: a reference list numbered "1." on every item (``reflist._split_inline``)."""
    body = normal(size // 4).split("\n\nReferences\n\n")[0]
    entry = "1. Smith J, Lee K. A randomized trial of treatment in depression. J Affect Disord. 2010;5:100-110."
    return body + "\n\n## References\n\n" + _repeat(entry, size - len(body), "\n")


def etal_year_runs(size: int) -> str:
    """#17: ``Smith et al. 2001, Jones et al. 2002, ...`` with no parentheses."""
    names = ["Smith", "Jones", "Brown", "Garcia", "Miller", "Davis"]
    run = ", ".join(f"{names[i % 6]} et al. {2001 + i % 20}" for i in range(200))
    return _repeat(f"As shown by {run}.", size, "\n")


def hedge_runs(size: int) -> str:
    """#17: absolute and hedge words, one after the other."""
    return "Ketamine " + _repeat("may might always never possibly clearly all patients could ", size) + "help."


def percent_runs(size: int) -> str:
    """#17: ``12%, 13%, ...`` in one sentence."""
    return "Rates were " + ", ".join(f"{10 + i % 80}%" for i in range(size // 5)) + "."


def one_long_line(size: int) -> str:
    """#17: one line with no full stop anywhere."""
    return _repeat("ketamine reduced depressive symptoms in patients with depression [1] and", size, " ")


def numeric_ranges(size: int) -> str:
    """#17: ``[1-3], [4-6], ...`` (10 s and 1.45 GB at 100 kB before)."""
    unit = ", and ".join(f"in trial {i // 3} [{i}-{i + 2}]" for i in range(1, 60, 3))
    return _repeat(f"Ketamine reduced depressive symptoms in adults {unit}.", size, "\n") + _refs(60)


def range_1_199(size: int) -> str:
    """#18: a sentence citing ``[1-199]``, repeated (2.8 GB at 200 kB before)."""
    return _repeat("Ketamine reduced depressive symptoms [1-199].", size, " ") + _refs(20)


def stats_no_stop(size: int) -> str:
    """#17: statistics with no full stop."""
    return "Results " + _repeat("t(28) = 2.20, p = .03, F(2, 56) = 1.20, p = .31, r = .45, n = 120", size, "; ")


def _refs(n: int) -> str:
    return "\n\nReferences\n\n" + "\n".join(f"{i}. Smith J. A trial {i}. J Med. 2010;{i}:1-9." for i in range(1, n + 1))


INPUTS: dict[str, tuple[Callable[[int], str], str]] = {
    "normal": (normal, "md"),
    "author_year_unclosed": (author_year_unclosed, "txt"),
    "atx_spaces": (atx_spaces, "md"),
    "prevalence_spaces": (prevalence_spaces, "txt"),
    "long_sentence": (long_sentence, "txt"),
    "nested_sup": (nested_sup, "html"),
    "markdown_numbered_refs": (markdown_numbered_refs, "md"),
    "etal_year_runs": (etal_year_runs, "txt"),
    "hedge_runs": (hedge_runs, "txt"),
    "percent_runs": (percent_runs, "txt"),
    "one_long_line": (one_long_line, "txt"),
    "numeric_ranges": (numeric_ranges, "txt"),
    "range_1_199": (range_1_199, "txt"),
    "stats_no_stop": (stats_no_stop, "txt"),
}


def _child(name: str, size: int) -> None:
    """In a fresh process: build the input, run the pipeline, print seconds and peak memory."""
    from claims.markup import mask
    from verifier.config import VerifierConfig
    from verifier.pipeline import analyze

    make, fmt = INPUTS[name]
    text = make(size)[:size] if name not in ("normal", "numeric_ranges", "range_1_199") else make(size)
    from claims.models import Document

    doc = Document(path=f"bench.{fmt}", text=mask(text, fmt), sha256="0" * 64, format=fmt, encoding="utf-8")
    t0 = time.process_time()
    report = analyze(doc, VerifierConfig())
    seconds = time.process_time() - t0
    hwm = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) // 1024
    skipped = [s.what for s in report.skipped]
    print(json.dumps({"seconds": seconds, "peak_mb": hwm, "chars": len(text), "skipped": skipped}))


def _run(name: str, size: int, timeout: float) -> dict[str, object] | None:
    cmd = [sys.executable, __file__, "--child", name, str(size)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0.1,0.2,0.4,0.8", help="sizes in MB")
    parser.add_argument("--only", default="", help="comma-separated input names")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return
    sizes = [int(float(s) * 1_000_000) for s in args.sizes.split(",")]
    names = [n for n in INPUTS if n != "normal" and (not args.only or n in args.only.split(","))]
    print("Machine shared with other jobs: ratios within this run are what counts, not absolute seconds.")
    base = {size: _run("normal", size, args.timeout) for size in sizes}
    print(f"{'input':24} {'MB':>5} {'seconds':>8} {'x normal':>9} {'x half':>7} {'peak MB':>8}  skipped")
    for size in sizes:
        _print("normal", size, base[size], base[size], base.get(size // 2))
    worst_normal = worst_half = 0.0
    for name in names:
        prev = None
        for size in sizes:
            got = _run(name, size, args.timeout)
            rn, rh = _print(name, size, got, base[size], prev)
            worst_normal = max(worst_normal, rn)
            worst_half = max(worst_half, rh)
            prev = got
            if got is None:
                break
    print(f"worst x normal: {worst_normal:.2f} (goal <= 3); worst x half: {worst_half:.2f} (goal <= 2.2)")


def _print(
    name: str, size: int, got: dict[str, object] | None, normal_run: dict[str, object] | None, half: object
) -> tuple[float, float]:
    mb = f"{size / 1_000_000:.1f}"
    if got is None:
        print(f"{name:24} {mb:>5} {'timeout':>8}")
        return float("inf"), float("inf")
    if "error" in got:
        print(f"{name:24} {mb:>5} error: {got['error']}")
        return 0.0, 0.0
    secs = float(got["seconds"])  # type: ignore[arg-type]
    rn = secs / float(normal_run["seconds"]) if normal_run and "seconds" in normal_run else 0.0  # type: ignore[arg-type]
    rh = secs / float(half["seconds"]) if isinstance(half, dict) and "seconds" in half else 0.0
    ratio_half = f"{rh:7.2f}" if rh else f"{'-':>7}"
    skipped = ",".join(sorted(set(got.get("skipped") or []))) or "-"  # type: ignore[arg-type]
    print(f"{name:24} {mb:>5} {secs:8.2f} {rn:9.2f} {ratio_half} {got['peak_mb']:>8}  {skipped}")
    return rn, rh


if __name__ == "__main__":
    main()
