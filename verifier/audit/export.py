"""Tables exported from the store: ``summary.csv``, the per-rule and per-venue aggregates, and
``--export csv|json|parquet`` copies of the ``papers`` and ``findings`` tables for analysis.

Everything is read from the store, so an interrupted run's tables are as whole as its store, and
a rerun that resumed every paper still writes them. Each file is written atomically.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

from claims.errors import InputError
from reports.audit import AuditRow, render_audit
from reports.csv import defuse
from reports.writer import write_atomic_with
from verifier.audit.store import AuditStore

SUMMARY = "summary.csv"
BY_RULE = "summary-by-rule.csv"
BY_VENUE = "summary-by-venue.csv"
EXPORT_FORMATS = ("csv", "json", "parquet")


def audit_rows(store: AuditStore) -> Iterator[AuditRow]:
    codes = store.codes_by_paper()
    for p in store.papers():
        yield AuditRow(
            path=p["path"],
            status=p["status"],
            error=p["reason"],
            sha256=p["sha256"],
            claims=p["claims"],
            checkworthy_claims=p["checkworthy_claims"],
            markers=p["markers"],
            references=p["reference_entries"],
            by_severity={"error": p["errors"], "warning": p["warnings"], "info": p["infos"]},
            by_code=codes.get(p["path"], {}),
            outputs=tuple(o for o in p["outputs"].split(";") if o),
            manuscript=bool(p["manuscript"]),
        )


def write_tables(store: AuditStore, folder: Path) -> list[Path]:
    """``summary.csv`` (one row per paper, as ``verifier check DIR`` writes it) and the aggregates."""
    write_atomic_with(folder / SUMMARY, lambda out: render_audit(audit_rows(store), out))
    by_rule = store.query(
        "SELECT code, name, severity, COUNT(*), COUNT(DISTINCT path) FROM findings "
        "GROUP BY code, name, severity ORDER BY code, severity"
    )
    _csv(folder / BY_RULE, ("code", "name", "severity", "findings", "papers"), by_rule)
    by_venue = store.query(
        "SELECT venue, COUNT(*), SUM(status = 'checked'), SUM(status != 'checked'), SUM(claims), SUM(findings), "
        "SUM(errors), SUM(warnings), SUM(infos), ROUND(1.0 * SUM(findings) / MAX(1, SUM(status = 'checked')), 3) "
        "FROM papers WHERE manuscript = 1 GROUP BY venue ORDER BY venue"
    )
    header = (
        "venue",
        "papers",
        "checked",
        "not_checked",
        "claims",
        "findings",
        "errors",
        "warnings",
        "infos",
        "findings_per_checked_paper",
    )
    _csv(folder / BY_VENUE, header, ((venue or "(not stated)", *rest) for venue, *rest in by_venue))
    return [folder / SUMMARY, folder / BY_RULE, folder / BY_VENUE]


def export(store: AuditStore, folder: Path, fmt: str) -> list[Path]:
    """``papers.<ext>`` and ``findings.<ext>``: the two tables whole, for pandas, R or DuckDB."""
    tables = {
        "papers": (
            store.paper_columns(),
            store.query(f"SELECT {', '.join(store.paper_columns())} FROM papers ORDER BY path"),
        ),
        "findings": (store.finding_columns(), store.findings()),
    }
    written = []
    for name, (columns, rows) in tables.items():
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            _csv(path, columns, rows)
        elif fmt == "json":
            write_atomic_with(path, partial(_json_array, columns=columns, rows=rows))
        else:
            _parquet(path, columns, rows)
        written.append(path)
    return written


def _csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    def produce(out: TextIO) -> None:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([defuse(v) if isinstance(v, str) else v for v in row])

    write_atomic_with(path, produce)


def _json_array(out: TextIO, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A JSON array of one object per row, written row by row (never built whole)."""
    out.write("[")
    for i, row in enumerate(rows):
        out.write(",\n" if i else "\n")
        out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False))
    out.write("\n]\n")


def _parquet(path: Path, columns: Sequence[str], rows: object) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("--export parquet needs pyarrow: pip install 'citation-claim-verifier[parquet]'") from None
    data = list(rows)  # type: ignore[call-overload]
    table = pa.table({c: [r[i] for r in data] for i, c in enumerate(columns)})
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp)
    tmp.replace(path)
