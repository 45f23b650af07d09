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
    ends with some reports written and the rest failed), and input files are never
    modified (``-o`` naming the manuscript, a reference file or another input is an error).

    Linear in targets + inputs: each input is stat-ed once into a set of (device, inode), each
    folder checked once, and an existing target is looked up in the set (comparing every target
    with every input made a rerun into a full folder of 16,000 papers take hours)."""
    identities = {}
    for given in inputs:
        if given == "-":
            continue
        try:
            info = os.stat(given)
        except OSError:
            continue
        identities[(info.st_dev, info.st_ino)] = given
    folders: set[Path] = set()
    for _, path in targets:
        if path is None:
            continue
        folder = path.parent
        if folder not in folders:
            if not folder.is_dir():
                raise InputError(f"cannot write {path}: {folder} is not an existing folder")
            if not os.access(folder, os.W_OK | os.X_OK):
                raise InputError(f"cannot write {path}: {folder} is not writable")
            folders.add(folder)
        try:
            info = os.stat(path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in identities:
            raise InputError(f"{path}: is an input file; refusing to write the report over it")


def config_flags(
    *,
    select: list[str],
    extend_select: list[str],
    ignore: list[str],
    severity: list[str],
    rule_option: list[str],
    preview: bool,
    fail_on: FailOn | None,
    retractions: str | None,
) -> dict[str, object]:
    """The configuration overrides the rule-selection flags of ``check`` and ``audit`` make."""
    return dict(
        select=split_codes(select),
        extend_select=split_codes(extend_select),
        ignore=split_codes(ignore),
        severity=parse_severities(severity),
        rules=parse_rule_options(rule_option),
        preview=preview or None,
        fail_on=fail_on.value if fail_on else None,
        retractions=retractions,
    )


def output_targets(formats: list[Format], outputs: list[str], stem: str) -> list[tuple[Format, Path | None]]:
    """Pair formats with destinations: none (stdout, one format only), a directory
    (``DIR/<stem>.<ext>`` per format), ``FMT=PATH`` pairs, or paths in the order of ``-f``."""
    if not outputs:
        if len(formats) > 1:
            raise InputError("several --format values need --output (a directory or one path per format)")
        return [(formats[0], None)]
    if len(outputs) == 1 and "=" not in outputs[0] and (Path(outputs[0]).is_dir() or outputs[0].endswith(("/", "\\"))):
        folder = Path(outputs[0])
        return [(f, folder / f"{stem}.{EXTENSIONS[f.value]}") for f in formats]
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
