"""Reading an input file's bytes safely: only regular files, never more than a limit.

Every file the tool reads (manuscript, reference files, cited sources, retraction lists) goes
through ``read_regular``, so a FIFO never hangs a run (it is refused before it is opened) and
``/dev/zero`` or a huge file is refused before it fills memory: the size is checked on
``stat`` and again while reading (a file that grows cannot get past the limit either).
"""

from __future__ import annotations

import os
import stat

from claims.errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "read_regular", "size_label"]

DEFAULT_MAX_BYTES = 25_000_000


def read_regular(path: str, max_bytes: int = DEFAULT_MAX_BYTES, *, what: str = "input") -> bytes:
    """The bytes of the regular file ``path``; ``InputError`` (one line naming the file) for a
    missing, unreadable, non-regular or larger-than-``max_bytes`` file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: is not a regular file (a FIFO, device or socket); give the {what} as a file")
    if info.st_size > max_bytes:
        raise InputError(f"{path}: {size_label(info.st_size)} is larger than the {size_label(max_bytes)} limit")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: larger than the {size_label(max_bytes)} limit")
    return data


def size_label(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n} bytes"
