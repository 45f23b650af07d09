"""``verifier lookups``: the registry lookup store — import dumps for offline use, say what it holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="lookups",
    help="The registry lookup store: import MEDLINE, OpenAlex, Crossref or Retraction Watch dumps; show stats.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

_CacheOption = Annotated[
    Path | None,
    typer.Option("--cache", help="The store file (default: VERIFIER_CACHE_DIR, lookup-cache, or the user cache)."),
]
_ConfigOption = Annotated[Path | None, typer.Option("--config", help="verifier.toml or pyproject.toml to use.")]


def _store_path(cache: Path | None, config: Path | None) -> Path:
    from verifier.cli.common import resolve_config
    from verifier.pipeline import lookup_settings

    if cache is not None:
        return cache
    settings = lookup_settings(resolve_config(str(Path.cwd() / "x"), config))
    assert settings.store_path is not None
    return settings.store_path


@app.command("import")
def import_files(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="MEDLINE/PubMed XML (.xml, .xml.gz), OpenAlex works (.jsonl), Crossref works (.json), "
            "Retraction Watch CSV (.csv).",
            metavar="FILE...",
        ),
    ],
    cache: _CacheOption = None,
    config: _ConfigOption = None,
) -> None:
    """Load registry dumps into the store so lookups are answered locally (offline mode)."""
    from references.lookup.store import LookupStore

    with LookupStore(_store_path(cache, config)) as store:
        for path in files:
            result = store.import_file(path)
            print(f"{result.path}: {result.records} records ({result.kind}) imported into {store.path}")


@app.command("stats")
def stats(
    cache: _CacheOption = None,
    config: _ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Say what the store holds: imported records and notices, cached responses, imports."""
    from references.lookup.store import LookupStore

    with LookupStore(_store_path(cache, config)) as store:
        figures = store.stats()
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    print(f"store: {figures['path']}")
    for title, key in (("imported records", "records"), ("notices", "notices"), ("cached responses", "responses")):
        counts = figures[key]
        listed = ", ".join(f"{name} {n}" for name, n in counts.items()) if counts else "none"
        print(f"{title}: {listed}")
    for item in figures["imports"]:
        print(f"imported {item['imported_at']} UTC: {item['path']} ({item['records']} {item['kind']} records)")
