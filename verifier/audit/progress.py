"""Progress of an audit on stderr: a live bar on a terminal, a plain line every N papers otherwise.

The bar (rich) shows done/total, papers per second, the time left and the failures; it is redrawn
from the main loop at most ten times a second (no refresh thread, so forking a replacement worker
never copies a thread). A log or CI gets one line every ``every`` papers and one at the end.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, *, done: int = 0, every: int = 0, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.done, self.failed = total, done, 0
        self.resumed = done
        self.every = every or max(1, min(100, total // 20))
        self.started = time.monotonic()
        self._drawn = 0.0
        self._bar = None
        if self.stream.isatty() and total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("audit"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[failures]}"),
                console=Console(file=self.stream),
                auto_refresh=False,
                transient=False,
            )
            self._task = self._bar.add_task("audit", total=total, completed=done, rate="", failures="")
            self._bar.start()

    def note(self, line: str) -> None:
        """A line of its own (a skipped paper's reason), above the bar when there is one."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.stream, flush=True)

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if self._bar is not None:
            now = time.monotonic()
            if now - self._drawn >= 0.1 or self.done == self.total:
                self._bar.update(
                    self._task,
                    completed=self.done,
                    rate=self._rate(),
                    failures=f"{self.failed} failed" if self.failed else "",
                )
                self._bar.refresh()
                self._drawn = now
        elif self.done % self.every == 0 or self.done == self.total:
            self.note(self.line())

    def line(self) -> str:
        failures = f", {self.failed} not checked" if self.failed else ""
        return f"verifier: audit: {self.done}/{self.total} papers{failures}, {self._rate()}{self._eta()}"

    def _rate(self) -> str:
        elapsed = time.monotonic() - self.started
        new = self.done - self.resumed
        return f"{new / elapsed:.2f} papers/s" if elapsed > 0 and new else "-- papers/s"

    def _eta(self) -> str:
        elapsed = time.monotonic() - self.started
        new = self.done - self.resumed
        if not new or self.done >= self.total:
            return ""
        seconds = int(elapsed / new * (self.total - self.done))
        return f", about {seconds // 60} min {seconds % 60:02d} s left"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
