"""One run at a time per output folder: two runs into one folder would mix their reports and
race on ``summary.csv``. An advisory ``flock`` on ``DIR/.verifier.lock``: the kernel releases it
when the process ends, however it ends (SIGKILL included), so a stale lock file never blocks a
rerun; a run that ends normally removes the file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claims.errors import InputError

LOCK_NAME = ".verifier.lock"


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock for the ``with`` block, or raise ``InputError`` naming the holder."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no advisory locks; the run goes on unguarded
        yield
        return
    path = folder / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise InputError(f"cannot lock {folder}: {err.strerror or err}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise InputError(
                f"{folder}: another verifier run (pid {holder}) is writing into this folder; "
                "wait for it to finish or choose another --output"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            _unlink(path)  # while still held: the folder is left as it was found (a killed run leaves it, unheld)
    finally:
        os.close(fd)  # closing releases the lock


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
