"""``verifier audit --dask``: the same audit on an in-process Dask ``LocalCluster`` gives the same
store rows, findings and report bytes as ``--jobs 1``. Skipped when dask.distributed is missing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import ROOT

from verifier.cli import main

distributed = pytest.importorskip("distributed")

VOLATILE = {"seconds", "peak_rss_mb", "recorded_at", "outputs"}  # timings, and the folder the reports went to


def audited(folder: Path, out: Path, extra: list[str]) -> tuple[list[tuple], list[tuple], dict[str, bytes]]:
    out.mkdir()
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", str(folder), "-o", str(out), "-f", "json", "-f", "markdown", "--exit-zero", *extra])
    assert exit_info.value.code == 2  # empty.txt cannot be read; the others are checked
    db = sqlite3.connect(out / "audit.sqlite")
    db.row_factory = sqlite3.Row
    papers = [
        tuple((k, r[k]) for k in r.keys() if k not in VOLATILE)
        for r in db.execute("SELECT * FROM papers ORDER BY path")
    ]
    findings = [tuple(r) for r in db.execute('SELECT * FROM findings ORDER BY path, line, "column", code, quoted')]
    reports = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".json", ".md")}
    return papers, findings, reports


def test_dask_local_cluster_gives_the_results_of_one_job(tmp_path, capsys):
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("README.md", "CHANGELOG.md"):  # real, varied text of our own
        (folder / name).write_bytes((ROOT / name).read_bytes())
    (folder / "short.txt").write_text("Studies have shown that ketamine cures depression in all patients.\n")
    (folder / "empty.txt").write_text("")
    local = audited(folder, tmp_path / "local", ["--jobs", "1"])
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        remote = audited(folder, tmp_path / "dask", ["--dask", cluster.scheduler_address])
    capsys.readouterr()
    assert local[0] == remote[0] and local[1] == remote[1]
    assert local[2] == remote[2] and len(local[2]) == 6
    statuses = {dict(p)["path"].rsplit("/", 1)[-1]: dict(p)["status"] for p in local[0]}
    assert statuses["empty.txt"] == "skipped" and statuses["README.md"] == "checked"
