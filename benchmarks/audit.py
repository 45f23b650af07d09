"""``verifier audit`` at scale, on real articles: throughput per worker count, memory, kill and resume, Dask.

The 68 JATS articles of ``../shared/bench/fulltext_citations/`` (PLOS and eLife) are linked
``--copies`` times (default 3: 204 papers) into a scratch folder, then:

* ``--jobs 1`` and ``--jobs 2``, one after the other in this run: papers/s and the ratio (target
  >= 1.8x on 2 idle cores; the load average is printed beside it, since a shared machine depresses it);
* peak RSS per worker (the largest ``peak_rss_mb`` a worker reported to the store);
* a kill at half-way: the whole run (parent and workers) is SIGKILLed once half the papers are
  stored, the store is checked for integrity, and a rerun must check exactly the papers that were
  not stored (none of the stored ones again: the work lost is the papers in flight, <= jobs);
* a Dask ``LocalCluster`` (2 worker processes, 1 thread each): papers/s, and store rows, findings
  and JSON reports identical to ``--jobs 1``.

Run: .venv/bin/python benchmarks/audit.py [--copies 3] [--no-dask]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench" / "fulltext_citations"
VOLATILE = {"seconds", "peak_rss_mb", "recorded_at", "outputs"}


def articles(bench: Path = BENCH) -> list[Path]:
    return sorted(bench.glob("jats_*/*.xml"))


def corpus(folder: Path, copies: int, bench: Path) -> int:
    folder.mkdir()
    n = 0
    for i in range(copies):
        for article in articles(bench):
            target = folder / f"c{i}_{article.name}"
            try:
                os.link(article, target)
            except OSError:
                shutil.copyfile(article, target)
            n += 1
    return n


def audit(papers: Path, out: Path, extra: list[str], **popen: object) -> subprocess.Popen:
    out.mkdir(exist_ok=True)
    argv = [sys.executable, "-m", "verifier", "audit", str(papers), "-o", str(out), "-f", "json", "--exit-zero"]
    return subprocess.Popen(
        [*argv, "--progress-every", "1000", *extra],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        **popen,
    )


def timed(papers: Path, out: Path, extra: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (parent + workers) of one audit."""
    before = os.times()
    started = time.perf_counter()
    proc = audit(papers, out, extra)
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    after = os.times()
    if proc.returncode != 0:
        sys.exit(f"audit {extra} exited {proc.returncode}: {err.decode()[-500:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def stored(out: Path) -> sqlite3.Connection:
    db = sqlite3.connect(out / "audit.sqlite")
    db.row_factory = sqlite3.Row
    return db


def rows(out: Path) -> tuple[list[tuple], list[tuple]]:
    db = stored(out)
    papers = [
        tuple((k, r[k]) for k in r.keys() if k not in VOLATILE)
        for r in db.execute("SELECT * FROM papers ORDER BY path")
    ]
    findings = [tuple(r) for r in db.execute('SELECT * FROM findings ORDER BY path, line, "column", code, quoted')]
    return papers, findings


def reports(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.json")}


def load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def throughput(papers: Path, scratch: Path, n: int) -> Path:
    results = {}
    for jobs in (1, 2):
        print(f"[{load()}] --jobs {jobs} ...", flush=True)
        wall, cpu = timed(papers, scratch / f"jobs{jobs}", ["--jobs", str(jobs)])
        results[jobs] = wall
        peak = stored(scratch / f"jobs{jobs}").execute("SELECT MAX(peak_rss_mb), AVG(seconds) FROM papers").fetchone()
        print(
            f"--jobs {jobs}: {n} papers in {wall:.1f} s wall = {n / wall:.2f} papers/s; CPU {cpu:.1f} s "
            f"({cpu / n:.3f} s/paper); mean seconds per paper in a worker {peak[1]:.3f}; "
            f"peak RSS per worker {peak[0]:.0f} MB",
            flush=True,
        )
    print(f"speedup --jobs 2 / --jobs 1: {results[1] / results[2]:.2f}x  [{load()}; target >= 1.8x on 2 idle cores]")
    return scratch / "jobs1"


def kill_and_resume(papers: Path, scratch: Path, n: int, jobs: int = 2) -> None:
    out = scratch / "killed"
    proc = audit(papers, out, ["--jobs", str(jobs)], start_new_session=True)
    db_path = out / "audit.sqlite"
    while proc.poll() is None:
        time.sleep(0.2)
        if db_path.exists():
            try:
                done = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM papers").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if done >= n // 2:
                os.killpg(proc.pid, signal.SIGKILL)  # the parent and every worker, mid-paper
                break
    proc.wait()
    killed_at = time.time()
    db = stored(out)
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    kept = db.execute("SELECT COUNT(*) FROM papers WHERE status = 'checked'").fetchone()[0]
    db.close()
    rerun = audit(papers, out, ["--jobs", str(jobs)])
    rerun.communicate()
    db = stored(out)
    redone = db.execute("SELECT COUNT(*) FROM papers WHERE recorded_at > ?", (killed_at,)).fetchone()[0]
    total = db.execute("SELECT COUNT(*) FROM papers WHERE status = 'checked'").fetchone()[0]
    again = redone - (n - kept)
    print(
        f"kill at half-way (SIGKILL to the run's process group, --jobs {jobs}): {kept} of {n} papers stored, "
        f"integrity_check {integrity}; rerun checked {redone} = the {n - kept} not stored + {again} stored ones "
        f"again (target: papers lost <= jobs = the papers in flight, which were not stored); "
        f"{total} of {n} checked after the rerun (exit {rerun.returncode})"
    )


def dask(papers: Path, scratch: Path, n: int, reference: Path) -> None:
    try:
        from distributed import LocalCluster
    except ImportError:
        print("dask: skipped (dask.distributed not installed: pip install -e '.[dask]')")
        return
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        print(f"[{load()}] --dask LocalCluster(2 processes) ...", flush=True)
        wall, _ = timed(papers, scratch / "dask", ["--dask", cluster.scheduler_address])
    same_rows = rows(scratch / "dask") == rows(reference)
    same_reports = reports(scratch / "dask") == reports(reference)
    print(
        f"--dask LocalCluster(2 workers x 1 thread): {n} papers in {wall:.1f} s = {n / wall:.2f} papers/s; "
        f"store rows and findings identical to --jobs 1: {same_rows}; JSON reports byte-identical: {same_reports}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="times the 68 articles are repeated (default 3: 204)")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--bench", type=Path, default=BENCH, help="the fulltext_citations folder")
    args = parser.parse_args()
    if not articles(args.bench):
        sys.exit(f"no articles under {args.bench}")
    print(f"[{load()}] cpus available: {len(os.sched_getaffinity(0))}")
    with tempfile.TemporaryDirectory(prefix="verifier-audit-bench-") as tmp:
        scratch = Path(tmp)
        n = corpus(scratch / "papers", args.copies, args.bench)
        print(f"{n} papers ({len(articles(args.bench))} real JATS articles x {args.copies})")
        reference = throughput(scratch / "papers", scratch, n)
        kill_and_resume(scratch / "papers", scratch, n)
        if not args.no_dask:
            dask(scratch / "papers", scratch, n, reference)


if __name__ == "__main__":
    main()
