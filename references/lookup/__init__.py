"""Registry lookups: does each cited work exist, and what do the registries know about it?

One module per registry (``crossref``, ``pubmed``, ``openalex``, ``europepmc``) builds the
requests and parses the answers into ``records.WorkRecord``; ``client`` sends them (httpx,
retries, rate limits); ``store`` caches answers and holds imported dumps (SQLite); ``match``
scores candidates; ``stage`` runs it all for a reference list. The pipeline calls
``lookup_references`` only when lookups are on; nothing here runs otherwise.
"""

from __future__ import annotations

__all__: list[str] = []  # import the submodules: importing this package starts nothing
