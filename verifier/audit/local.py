"""Running papers in worker processes on this machine, with a time limit and crash isolation.

Each worker is a process with its own pipe and one paper at a time. The parent waits on every
pipe and every process sentinel at once: a result is yielded as it arrives; a worker that dies
(a segfault, the OOM killer) yields its paper as ``failed`` with the one-line reason and is
replaced; a paper past the time limit has its worker killed and is recorded the same way. A
pool (``multiprocessing.Pool``, ``ProcessPoolExecutor``) can do neither: one dead worker breaks
the whole pool, and a running task cannot be stopped.

Workers are forked where the platform allows, after the parent has imported the pipeline, so a
worker starts in milliseconds and shares the parent's imported code copy-on-write. They ignore
SIGINT: Ctrl-C reaches the parent, which stops them and leaves the store consistent.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from verifier.audit.paper import Job, PaperResult, PaperTask, check_paper


def _worker(conn: Connection, job: Job) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(check_paper(task, job))


@dataclass
class _Slot:
    process: Any  # multiprocessing.Process of the chosen context
    conn: Connection
    task: PaperTask | None = None
    started: float = 0.0


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_local(
    tasks: Iterable[PaperTask], job: Job, *, jobs: int, time_limit: float
) -> Generator[PaperResult, None, None]:
    """Check ``tasks`` in ``jobs`` worker processes and yield each result as it finishes (not in
    order). Closing the generator (Ctrl-C in the caller) kills the workers."""
    ctx = _context()
    pending: deque[PaperTask] = deque(tasks)
    slots: list[_Slot] = []

    def start() -> _Slot:
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_worker, args=(child, job), daemon=True, name="verifier-audit-worker")
        process.start()
        child.close()
        return _Slot(process, parent)

    if not pending:
        return
    try:
        slots = [start() for _ in range(max(1, min(jobs, len(pending))))]
        while True:
            for i, slot in enumerate(slots):
                if slot.task is None and pending:
                    task = pending.popleft()
                    try:
                        slot.conn.send(task)
                    except (BrokenPipeError, OSError):  # the idle worker is gone: a new one takes the paper
                        slots[i] = slot = _replace(slot, start)
                        slot.conn.send(task)
                    slot.task, slot.started = task, time.monotonic()
            busy = [s for s in slots if s.task is not None]
            if not busy:
                return
            deadline = min(s.started for s in busy) + time_limit
            ready = set(
                wait([s.conn for s in busy] + [s.process.sentinel for s in busy], max(0.0, deadline - time.monotonic()))
            )
            for i, slot in enumerate(slots):
                running = slot.task
                if running is None:
                    continue
                if slot.conn in ready:
                    try:
                        result = slot.conn.recv()
                    except (EOFError, OSError):
                        result = None
                    if result is not None:
                        slot.task = None
                        yield result
                        continue
                if slot.conn in ready or slot.process.sentinel in ready:
                    slot.process.join(1)
                    yield _failed(running, _death(slot.process.exitcode), slot.started)
                    slots[i] = _replace(slot, start)
                elif time.monotonic() - slot.started >= time_limit:
                    _kill(slot)
                    yield _failed(
                        running, f"time limit of {time_limit:g} s exceeded; the paper was stopped", slot.started
                    )
                    slots[i] = _replace(slot, start)
    finally:
        for slot in slots:
            _stop(slot)


def _failed(task: PaperTask, reason: str, started: float) -> PaperResult:
    return PaperResult(
        task.path, "failed", error=reason, seconds=round(time.monotonic() - started, 4), config_hash=task.config_hash
    )


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if -exitcode == signal.SIGKILL else ""
        return f"the worker checking it died from {name}{hint}"
    return f"the worker checking it exited unexpectedly (exit code {exitcode})"


def _replace(slot: _Slot, start: Any) -> _Slot:
    _stop(slot)
    return start()


def _kill(slot: _Slot) -> None:
    if slot.process.is_alive():
        try:
            os.kill(slot.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    slot.process.join(5)


def _stop(slot: _Slot) -> None:
    """End a worker: a clean goodbye when it is idle, a kill when it is busy or does not answer."""
    if slot.task is None and slot.process.is_alive():
        try:
            slot.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        slot.process.join(2)
    if slot.process.is_alive():
        _kill(slot)
    slot.conn.close()
