"""The per-document time limit: the last guard against an input that is slow in a way no
pattern fix foresaw.

The pipeline checks it between stages, after each claim it describes and before each rule;
once it has passed, the remaining work is skipped and named in the report's ``skipped[]``
(a partial report, never a hang). Configured with ``time-limit`` (seconds; 0 turns it off).
"""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["DEFAULT_TIME_LIMIT", "Deadline"]

DEFAULT_TIME_LIMIT = 300.0  # seconds per document; a 25 MB manuscript takes well under this


class Deadline:
    """``expired()`` once ``seconds`` have passed since it was made (never when ``seconds`` is 0)."""

    def __init__(self, seconds: float, clock: Callable[[], float] | None = None) -> None:
        self.seconds = seconds
        self._clock = clock or time.monotonic
        self._end = self._clock() + seconds if seconds > 0 else None

    def expired(self) -> bool:
        return self._end is not None and self._clock() >= self._end

    def why(self) -> str:
        return f"the time limit of {self.seconds:g} s per document was reached (time-limit in the configuration)"
