"""What several commands share: reading the manuscript, the configuration and the
other inputs, and writing outputs. Errors are raised as ``VerifierError``; the
entry point turns them into one line.

Every command module imports this one when the CLI starts, so it imports nothing
heavy at module level (pydantic models, configuration): ``--version`` and ``--help``
stay fast, and the functions import what they use.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from claims.errors import InputError

if TYPE_CHECKING:
    from claims.models import Document
    from verifier.config import VerifierConfig
    from verifier.models import Severity


class Format(str, Enum):
    json = "json"
    text = "text"
    markdown = "markdown"
    html = "html"
    sarif = "sarif"
    csv = "csv"
    github = "github"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


EXTENSIONS = {
    "json": "json",
    "text": "txt",
    "markdown": "md",
    "html": "html",
    "sarif": "sarif",
    "csv": "csv",
    "github": "txt",
}


def read_document(path: str, max_bytes: int) -> Document:
    from claims.loading import load_document

    if max_bytes < 1:
        raise InputError(f"--max-bytes must be a positive number of bytes, got {max_bytes}")

    return load_document(path, max_bytes=max_bytes)


def resolve_config(file: str, config_path: Path | None, **flags: object) -> VerifierConfig:
    """Defaults < the config file (given, or the nearest one to the manuscript) < flags."""
    from verifier.config import ConfigError, find_config_file, load_config, override

    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"{config_path}: configuration file not found")
    start = Path.cwd() if file == "-" else Path(file).parent
    path = config_path or find_config_file(start)
    return override(load_config(path), **flags)


def parse_severities(pairs: list[str]) -> dict[str, Severity]:
    from verifier.config import ConfigError
    from verifier.models import Severity

    out: dict[str, Severity] = {}
    for pair in pairs:
        code, sep, level = pair.partition("=")
        if not sep or level.strip().lower() not in {s.value for s in Severity}:
            raise ConfigError(f"--severity expects CODE=error|warning|info, got '{pair}'")
        out[code.strip().upper()] = Severity(level.strip().lower())
    return out


def parse_rule_options(pairs: list[str]) -> dict[str, dict[str, object]]:
    """``--rule-option OVR001.min-evidence-level=2`` -> {"OVR001": {"min-evidence-level": 2}}."""
    import json

    from verifier.config import ConfigError

    out: dict[str, dict[str, object]] = {}
    for pair in pairs:
        target, sep, value = pair.partition("=")
        code, dot, key = target.partition(".")
        if not sep or not dot or not key:
            raise ConfigError(f"--rule-option expects CODE.option=value, got '{pair}'")
        try:
            parsed: object = json.loads(value)
        except json.JSONDecodeError:
            parsed = value
        out.setdefault(code.strip().upper(), {})[key.strip()] = parsed
    return out


def split_codes(values: list[str]) -> list[str]:
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


def check_targets(targets: list[tuple[Format, Path | None]], inputs: list[str]) -> None:
    """Before any work: every output goes into an existing, writable folder (so a run never
    ends with some reports written and the rest failed), input files are never
    modified (``-o`` naming the manuscript, a reference file, a source, the configuration or
    another input is an error), no two outputs share a path, and nothing but a regular file
    or a new path is replaced (``reports.writer.target_mode``)."""
    from reports.writer import UnsafeTarget, target_mode

    seen: dict[str, Format] = {}
    for fmt, path in targets:
        if path is None:
            continue
        key = os.path.abspath(path)
        if key in seen:
            raise InputError(f"{path}: both the {seen[key].value} and the {fmt.value} report would be written there")
        seen[key] = fmt
        try:
            if target_mode(path) == "through":
                continue
        except UnsafeTarget as err:
            raise InputError(f"cannot write {path}: {err}") from None
        folder = path.parent
        if not folder.is_dir():
            raise InputError(f"cannot write {path}: {folder} is not an existing folder")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise InputError(f"cannot write {path}: {folder} is not writable")
        if not path.exists():
            continue
        for given in inputs:
            if given != "-" and Path(given).exists() and path.samefile(given):
                raise InputError(f"{path}: is an input file; refusing to write the report over it")


def output_targets(formats: list[Format], outputs: list[str], stem: str) -> list[tuple[Format, Path | None]]:
    """Pair formats with destinations: none (stdout, one format only), a directory
    (``DIR/<stem>.<ext>`` per format), ``FMT=PATH`` pairs, or paths in the order of ``-f``."""
    if not outputs:
        if len(formats) > 1:
            raise InputError("several --format values need --output (a directory or one path per format)")
        return [(formats[0], None)]
    if len(outputs) == 1 and "=" not in outputs[0] and (Path(outputs[0]).is_dir() or outputs[0].endswith(("/", "\\"))):
        folder = Path(outputs[0])
        suffixes = [EXTENSIONS[f.value] for f in formats]
        # text and github both end in .txt: each gets its format in its name when both are asked for
        return [
            (f, folder / (f"{stem}.{ext}" if suffixes.count(ext) == 1 else f"{stem}.{f.value}.{ext}"))
            for f, ext in zip(formats, suffixes)
        ]
    if all("=" in o for o in outputs):
        pairs = {}
        for o in outputs:
            name, _, path = o.partition("=")
            try:
                pairs[Format(name.strip().lower())] = Path(path)
            except ValueError:
                raise InputError(f"unknown format '{name}' in --output {o}") from None
        missing = [f.value for f in formats if f not in pairs]
        if missing:
            raise InputError(f"no --output given for format(s) {', '.join(missing)}")
        return [(f, pairs[f]) for f in formats]
    if len(outputs) != len(formats):
        raise InputError("give one --output per --format, FMT=PATH pairs, or a directory")
    return list(zip(formats, [Path(o) for o in outputs]))
