"""Configuration: ``[tool.verifier]`` in ``pyproject.toml`` or a ``verifier.toml``,
overridden by CLI flags (defaults < file < flags).

Unknown keys are an error naming the file and the key, so a typo never
silently turns a rule off (vale's E201, ruff's strict settings). Rule selection
works like ruff's and flake8's: codes are matched by prefix (``OVR``,
``OVR00``, ``OVR002``, ``ALL``), the most specific matching prefix decides, and
``ignore`` wins a tie.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claims.errors import VerifierError
from verifier.deadline import DEFAULT_TIME_LIMIT
from verifier.models import Severity


class ConfigError(VerifierError):
    """Bad configuration: unknown key, bad value, unreadable file."""


Registry = Literal["crossref", "pubmed", "openalex", "europepmc"]


class LookupUrls(BaseModel):
    """``[tool.verifier.lookup-urls]``: base URLs that stand in for the registries (a mirror, a test server).
    Crossref's is the part before ``/works``, PubMed's the part before ``/esearch.fcgi``."""

    model_config = ConfigDict(extra="forbid")

    crossref: str | None = None
    pubmed: str | None = None
    openalex: str | None = None
    europepmc: str | None = None


# Where a finding's documentation lives: ``{code}`` (OVR002), ``{code_lower}`` (ovr002) and ``{name}``
# (causal-from-correlational) are filled per rule. The default is the README's rule table; a project
# with its own rule pages sets ``docs-url``, and ``docs-url = ""`` leaves findings without a URL.
DEFAULT_DOCS_URL = "https://github.com/verifier-project/verifier/blob/main/README.md#rules"


class VerifierConfig(BaseModel):
    """The settings a run uses. Field names are the TOML keys with ``-`` for ``_``."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    preview: bool = False
    fail_on: Severity = Field(default=Severity.ERROR, alias="fail-on")
    severity: dict[str, Severity] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    warn_unused_ignores: bool = Field(default=False, alias="warn-unused-ignores")
    extend_hedges: list[str] = Field(default_factory=list, alias="extend-hedges")
    extend_boosters: list[str] = Field(default_factory=list, alias="extend-boosters")
    extend_absolutes: list[str] = Field(default_factory=list, alias="extend-absolutes")
    retractions: str | None = None  # path to a Retraction Watch CSV or a DOI list
    # Registry lookups (off while ``lookups`` is empty; ``--lookup`` fills it with every registry).
    lookups: list[Registry] = Field(default_factory=list)
    lookup_urls: LookupUrls = Field(default_factory=LookupUrls, alias="lookup-urls")
    lookup_cache: str | None = Field(default=None, alias="lookup-cache")  # the SQLite store's path
    lookup_ttl_days: float = Field(default=30.0, gt=0, alias="lookup-ttl-days")
    lookup_timeout: float = Field(default=10.0, gt=0, alias="lookup-timeout")  # seconds per request
    lookup_retries: int = Field(default=3, ge=1, le=10, alias="lookup-retries")  # attempts per request
    lookup_backoff: float = Field(default=0.5, ge=0, alias="lookup-backoff")  # first retry's wait, doubling
    lookup_concurrency: int = Field(default=4, ge=1, le=32, alias="lookup-concurrency")
    lookup_rates: dict[Registry, float] = Field(default_factory=dict, alias="lookup-rates")  # requests/s
    mailto: str | None = None  # contact address: Crossref's polite pool, NCBI's and OpenAlex's contact
    ncbi_api_key: str | None = Field(default=None, alias="ncbi-api-key")  # or the NCBI_API_KEY variable
    docs_url: str = Field(default=DEFAULT_DOCS_URL, alias="docs-url")  # template: {code} {code_lower} {name}
    # seconds per document before the rest of the analysis is skipped (listed in skipped[]); 0: no limit
    time_limit: float = Field(default=DEFAULT_TIME_LIMIT, alias="time-limit", ge=0)
    judge: str = "builtin"  # claim-vs-source judge for CON002/OVR006/CON003: builtin | nli | a verifier.judges plugin
    judge_model: str | None = Field(default=None, alias="judge-model")  # the judge's model file, folder or name
    source: str | None = Field(default=None, exclude=True)  # where it was read from, for messages


def _specificity(code: str, patterns: Iterable[str]) -> int:
    """Length of the longest pattern that selects ``code``; -1 when none does."""
    best = -1
    for pattern in patterns:
        p = pattern.upper()
        if p == "ALL":
            best = max(best, 0)
        elif code.startswith(p):
            best = max(best, len(p))
    return best


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Ruff's rule: the more specific of select/ignore wins; ignore wins a tie."""
    s = _specificity(code, select)
    i = _specificity(code, ignore)
    return s >= 0 and s > i


def docs_url(template: str, code: str, name: str) -> str | None:
    """A rule's documentation URL from the ``docs-url`` template; None when the template is empty.
    A template with an unknown ``{field}`` is a configuration error naming it."""
    if not template:
        return None
    try:
        return template.format(code=code, code_lower=code.lower(), name=name)
    except (KeyError, IndexError, ValueError) as err:
        raise ConfigError(f"docs-url '{template}': use only {{code}}, {{code_lower}} and {{name}} ({err})") from None


def _format_error(err: ValidationError, source: str) -> str:
    first = err.errors()[0]
    loc = ".".join(str(x) for x in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"{source}: unknown key '{loc}' in [tool.verifier]"
    return f"{source}: bad value for '{loc}': {first['msg']}"


def parse_config(data: dict[str, Any], source: str) -> VerifierConfig:
    try:
        config = VerifierConfig.model_validate(data)
    except ValidationError as err:
        raise ConfigError(_format_error(err, source)) from None
    return config.model_copy(update={"source": source})


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read configuration: {err}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None


def find_config_file(start: Path) -> Path | None:
    """The nearest ``verifier.toml``, or ``pyproject.toml`` with a ``[tool.verifier]`` table,
    from ``start`` upwards."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        candidate = folder / "verifier.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "verifier" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None) -> VerifierConfig:
    """Read a config file (``None``: defaults)."""
    if path is None:
        return VerifierConfig()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("verifier", {})
    elif "tool" in data and "verifier" in data["tool"]:
        data = data["tool"]["verifier"]
    return parse_config(data, str(path))


def override(config: VerifierConfig, **flags: Any) -> VerifierConfig:
    """Apply CLI flags over a file configuration; ``None`` or empty flags leave the file's value."""
    updates = {k: v for k, v in flags.items() if v not in (None, [], {})}
    if "severity" in updates:
        updates["severity"] = {**config.severity, **updates["severity"]}
    if "rules" in updates:
        merged = {code: dict(opts) for code, opts in config.rules.items()}
        for code, opts in updates["rules"].items():
            merged.setdefault(code, {}).update(opts)
        updates["rules"] = merged
    try:
        return VerifierConfig.model_validate({**config.model_dump(), **updates, "source": config.source})
    except ValidationError as err:
        raise ConfigError(_format_error(err, "command line")) from None
