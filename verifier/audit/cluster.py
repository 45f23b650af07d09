"""Running papers on a Dask cluster (``--dask tcp://scheduler:8786``; the ``verifier[dask]`` extra).

Papers are tasks; each carries the paper's bytes, so workers need not see the client's files,
and the rendered reports travel back with the result, so the client writes them (and the store)
itself: the cluster needs no shared file system. At most a few tasks per worker thread are in
flight, so the client never holds the whole folder in memory.

Limits: a task cannot be stopped once it runs, so the per-paper time limit is not enforced on a
cluster (a worker's own ``--lifetime`` or the nanny applies); a paper whose task raises, or
whose worker is lost beyond the scheduler's retries, is recorded as failed with the reason.
"""

from __future__ import annotations

from collections.abc import Generator, Hashable, Iterable
from dataclasses import replace
from pathlib import Path

from claims.errors import InputError
from verifier.audit.paper import Job, PaperResult, PaperTask, check_paper

IN_FLIGHT_PER_THREAD = 4


def run_dask(tasks: Iterable[PaperTask], job: Job, *, address: str) -> Generator[PaperResult, None, None]:
    """Check ``tasks`` on the cluster at ``address``; yield each result as it finishes."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--dask needs dask.distributed: pip install 'citation-claim-verifier[dask]'") from None
    remote = replace(job, write_reports=False)
    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise InputError(f"--dask {address}: cannot reach the scheduler ({err})") from None
    try:
        threads = max(1, sum(client.nthreads().values()))
        queue = iter(tasks)
        owners: dict[Hashable, PaperTask] = {}  # by dask future key

        def submit() -> object | None:
            task = next(queue, None)
            if task is None:
                return None
            shipped = replace(task, data=_contents(task.path, job.max_bytes) if task.data is None else task.data)
            future = client.submit(check_paper, shipped, remote, pure=False, key=f"verifier-{len(owners)}-{task.path}")
            owners[future.key] = task
            return future

        first = [f for f in (submit() for _ in range(threads * IN_FLIGHT_PER_THREAD)) if f is not None]
        if not first:
            return
        futures = as_completed(first, loop=client.loop)
        for future in futures:
            task = owners.pop(future.key)
            try:
                result = future.result()
            except Exception as err:  # noqa: BLE001 - a lost worker or a task error: the paper fails
                result = PaperResult(
                    task.path,
                    "failed",
                    error=f"on the cluster: {type(err).__name__}: {err}",
                    config_hash=task.config_hash,
                )
            future.release()
            following = submit()
            if following is not None:
                futures.add(following)
            yield _written(result)
    finally:
        client.close()


def _contents(path: str, max_bytes: int) -> bytes | None:
    """The paper's bytes to ship; None (the worker reads the path and reports what is wrong) when
    it is too large or unreadable here."""
    try:
        if Path(path).stat().st_size > max_bytes:
            return None
        return Path(path).read_bytes()
    except OSError:
        return None


def _written(result: PaperResult) -> PaperResult:
    """Write the reports a worker rendered, atomically, in the client's output folder."""
    from reports.writer import write_atomic

    for path, text in result.rendered.items():
        try:
            write_atomic(path, text)
        except OSError as err:
            return replace(result, status="failed", error=f"cannot write {path}: {err.strerror or err}", rendered={})
    return replace(result, rendered={})
