"""``verifier audit``: checking thousands of papers, in parallel, resumably, with progress.

    PATHS ─► walk (cli/batch) ─► tasks ─► workers (local processes, or Dask) ─► results
                                   ▲                                             │
                                   └── resume: sha256 + tool version + config ◄─ store (SQLite, parent only)

``paper`` checks one manuscript (the same function ``verifier check DIR`` uses); ``local``
runs it in worker processes with a time limit and crash isolation; ``cluster`` runs it on a
Dask cluster; ``store`` is the SQLite results store, written by the parent alone; ``export``
writes ``summary.csv``, the aggregates and ``--export`` files from the store; ``progress``
reports on stderr; ``lock`` keeps two runs out of one folder; ``run`` joins them.
"""
