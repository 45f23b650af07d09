"""What several commands share: reading the manuscript, the configuration and the
other inputs, and writing outputs. Errors are raised as ``VerifierError``; the
entry point turns them into one line.

Every command module imports this one when the CLI starts, so it imports nothing
heavy at module level (pydantic models, configuration): ``--version`` and ``--help``
stay fast, and the functions import what they use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from claims.errors import InputError

if TYPE_CHECKING:
    from claims.models import Document
    from verifier.config import VerifierConfig
    from verifier.models import Severity


class Format(str, Enum):
    """The built-in output formats; ``PluginFormat`` stands for one installed under ``verifier.reporters``."""

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


class _Extensions(dict[str, str]):
    """File-name extension per format; a plugin format's files end in its own name (``DIR/paper.yaml``)."""

    def __missing__(self, key: str) -> str:
        return key


EXTENSIONS = _Extensions(
    json="json",
    text="txt",
    markdown="md",
    html="html",
    sarif="sarif",
    csv="csv",
    github="txt",
)

# ``-o report.json`` without ``-f``: the format the file name asks for (an unknown suffix gets ``text``).
SUFFIX_FORMATS = {
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".sarif": "sarif",
    ".csv": "csv",
    ".txt": "text",
}


@dataclass(frozen=True)
class PluginFormat:
    """An output format installed through the ``verifier.reporters`` entry points, shaped like a
    ``Format`` member (``.value`` is its name) so destinations and renderers treat both alike."""

    value: str


OutputFormat = Format | PluginFormat


def parse_format(name: str) -> OutputFormat:
    """``--format NAME``: a built-in format, or a plugin's; anything else is a one-line error
    listing the formats that exist."""
    try:
        return Format(name.strip().lower())
    except ValueError:
        pass
    from reports import available_formats

    known = available_formats()
    if name.strip() in known:
        return PluginFormat(name.strip())
    raise InputError(f"unknown format '{name}'; known formats: {', '.join(sorted(known))}")


def infer_formats(outputs: list[str]) -> list[OutputFormat]:
    """Formats for ``-o`` paths given without ``-f``: from each file's suffix (``report.json`` is JSON,
    ``report.html`` HTML), ``FMT=PATH`` from its ``FMT``; a folder or an unknown suffix gets ``text``."""
    formats: list[OutputFormat] = []
    for output in outputs:
        name, sep, _ = output.partition("=")
        if sep:
            formats.append(parse_format(name))
        elif output.endswith(("/", "\\")) or Path(output).is_dir():
            formats.append(Format.text)
        else:
            formats.append(Format(SUFFIX_FORMATS.get(Path(output).suffix.lower(), "text")))
    return formats


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


def output_folder(output: str, formats: list[OutputFormat]) -> Path | None:
    """The folder ``-o`` names, or None when it names a file or ``FMT=PATH`` pairs: an existing folder,
    a path ending in ``/``, or (for several formats) a path without a suffix. A missing folder is created, so
    ``-o out/`` works on a first run; what cannot be created is a one-line error. Shared by one-paper
    and many-paper runs."""
    if "=" in output:
        return None
    folder = Path(output)
    if not (folder.is_dir() or output.endswith(("/", "\\")) or (len(formats) > 1 and not folder.suffix)):
        return None
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise InputError(f"cannot create output folder {output}: {err.strerror or err}") from None
    return folder


def wrote_line(paths: list[Path], findings_by_severity: dict[str, int]) -> str:
    """The one line a run that wrote files prints: what was written and how many findings."""
    total = sum(findings_by_severity.values())
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    counts = ", ".join(
        f"{n} {sev if n == 1 else plural[sev]}" for sev in plural if (n := findings_by_severity.get(sev))
    )
    noun = "finding" if total == 1 else "findings"
    return f"verifier: wrote {', '.join(str(p) for p in paths)}: {total} {noun}" + (f" ({counts})" if counts else "")


def check_targets(targets: list[tuple[OutputFormat, Path | None]], inputs: list[str]) -> None:
    """Before any work: every output goes into an existing, writable folder (so a run never
    ends with some reports written and the rest failed), input files are never
    modified (``-o`` naming the manuscript, a reference file, a source, the configuration or
    another input is an error), no two outputs share a path, and nothing but a regular file
    or a new path is replaced (``reports.writer.target_mode``).

    Linear in targets + inputs: each input is stat-ed once into a set of (device, inode), each
    folder checked once, and an existing target is looked up in the set (comparing every target
    with every input made a rerun into a full folder of 16,000 papers take hours)."""
    from reports.writer import UnsafeTarget, target_mode

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
    seen: dict[str, OutputFormat] = {}
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


def output_targets(
    formats: list[OutputFormat], outputs: list[str], stem: str
) -> list[tuple[OutputFormat, Path | None]]:
    """Pair formats with destinations: none (stdout, one format only), a directory
    (``DIR/<stem>.<ext>`` per format, created when missing), ``FMT=PATH`` pairs, or paths in
    the order of ``-f``."""
    if not outputs:
        if len(formats) > 1:
            raise InputError("several --format values need --output (a directory or one path per format)")
        return [(formats[0], None)]
    folder = output_folder(outputs[0], formats) if len(outputs) == 1 else None
    if folder is not None:
        suffixes = [EXTENSIONS[f.value] for f in formats]
        # text and github both end in .txt: each gets its format in its name when both are asked for
        return [
            (f, folder / (f"{stem}.{ext}" if suffixes.count(ext) == 1 else f"{stem}.{f.value}.{ext}"))
            for f, ext in zip(formats, suffixes)
        ]
    if all("=" in o for o in outputs):
        pairs: dict[OutputFormat, Path] = {}
        for o in outputs:
            name, _, path = o.partition("=")
            try:
                pairs[parse_format(name)] = Path(path)
            except InputError:
                raise InputError(f"unknown format '{name}' in --output {o}") from None
        missing = [f.value for f in formats if f not in pairs]
        if missing:
            raise InputError(f"no --output given for format(s) {', '.join(missing)}")
        return [(f, pairs[f]) for f in formats]
    if len(outputs) != len(formats):
        raise InputError("give one --output per --format, FMT=PATH pairs, or a directory")
    return list(zip(formats, [Path(o) for o in outputs]))
