"""Writing report files atomically, so a crash or a full disk never leaves half a report, and
never destroying what stands at the output path.

``os.replace`` swaps whatever is at the path for the new file: a symbolic link, a FIFO, even a
device node (as root, ``-o /dev/null`` replaced the device). So the path is looked at first
(``target_mode``): a new path or a regular file is replaced atomically; a terminal-like
character device (``/dev/null``, ``/dev/tty``) or ``/dev/stdout``-like name is written
through; anything else (a symbolic link to a file, a FIFO, a directory, a block device, a
socket) is refused with the reason. Hidden temporary files left by a killed write
(``.name.XXXX.tmp``, older than ``STALE_AFTER`` seconds) are removed on the next write.
"""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TextIO

__all__ = ["STALE_AFTER", "UnsafeTarget", "target_mode", "write_atomic", "write_atomic_with"]

STALE_AFTER = 600  # seconds: a temporary file this old belongs to no running write
# Names that stand for the process's own streams: written through, whatever they resolve to.
_STREAM_PREFIXES = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")


class UnsafeTarget(OSError):
    """The output path holds something a report must not replace (the message says what)."""


def target_mode(path: str | os.PathLike[str]) -> Literal["atomic", "through"]:
    """``atomic`` (replace by rename) for a new path or a regular file, ``through`` (open and
    write) for ``/dev/stdout``-like names and character devices; ``UnsafeTarget`` otherwise."""
    name = os.fspath(path)
    if name.startswith(_STREAM_PREFIXES):
        return "through"
    try:
        info = os.lstat(name)
    except FileNotFoundError:
        return "atomic"
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeTarget(f"{name} is a symbolic link; refusing to replace it (give the path it points to)")
    if stat.S_ISREG(info.st_mode):
        return "atomic"
    if stat.S_ISCHR(info.st_mode):
        return "through"
    kind = (
        "a directory"
        if stat.S_ISDIR(info.st_mode)
        else "a FIFO"
        if stat.S_ISFIFO(info.st_mode)
        else "a block device"
        if stat.S_ISBLK(info.st_mode)
        else "a socket"
        if stat.S_ISSOCK(info.st_mode)
        else "not a regular file"
    )
    raise UnsafeTarget(f"{name} is {kind}; refusing to write a report there")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file in the same directory and
    ``os.replace``: readers see either the old file or the whole new one. Devices and stream
    names are written through; what ``target_mode`` refuses raises ``UnsafeTarget``."""
    write_atomic_with(path, lambda handle: handle.write(text), encoding=encoding)


def write_atomic_with(
    path: str | os.PathLike[str], produce: Callable[[TextIO], object], *, encoding: str = "utf-8"
) -> None:
    """``write_atomic`` for a writer that streams: ``produce(handle)`` writes into the temporary
    file piece by piece, so a large report is never held as one string."""
    if target_mode(path) == "through":
        with open(path, "w", encoding=encoding, newline="") as handle:
            produce(handle)
        return
    target = Path(path)
    _remove_stale(target)
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


def _remove_stale(target: Path) -> None:
    """Temporary files of an earlier write of ``target`` that was killed (SIGKILL, power loss)."""
    now = time.time()
    for tmp in (target.parent or Path(".")).glob(f".{glob.escape(target.name)}.*.tmp"):
        try:
            info = tmp.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_AFTER:
                tmp.unlink()
        except OSError:
            continue  # gone already, or not ours to remove
