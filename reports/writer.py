"""Writing report files atomically, so a crash or a full disk never leaves half a report."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file in the same directory and
    ``os.replace``: readers see either the old file or the whole new one."""
    write_atomic_with(path, lambda handle: handle.write(text), encoding=encoding)


def write_atomic_with(
    path: str | os.PathLike[str], produce: Callable[[TextIO], object], *, encoding: str = "utf-8"
) -> None:
    """``write_atomic`` for a writer that streams: ``produce(handle)`` writes into the temporary
    file piece by piece, so a large report is never held as one string."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report gets the user's usual mode
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
