"""Where items are processed: local worker processes, or a Dask distributed cluster.

Both take BatchItems with ``submit`` and hand back ItemOutcomes from ``wait``
(at least one when anything is pending). A worker that dies or hangs never
takes the batch down: the local executor restarts its pool and re-runs the
items that were in flight one at a time, so only the guilty one fails.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from extractor.batch.items import BatchItem, ItemOutcome, failure, failure_from_exception
from extractor.batch.worker import WorkerOptions, process_item
from extractor.errors import UsageError


class LocalExecutor:
    def __init__(self, jobs: int, options: WorkerOptions, timeout: float | None = None) -> None:
        self.jobs, self.options, self.timeout = jobs, options, timeout
        self._pool: ProcessPoolExecutor | None = None
        self._queue: deque[BatchItem] = deque()
        self._futures: dict[Future, BatchItem] = {}
        self._quarantine: deque[BatchItem] = deque()  # in flight when a worker died: re-run alone
        self.restarts = 0

    @property
    def slots(self) -> int:
        return self.jobs

    def submit(self, item: BatchItem) -> None:
        self._queue.append(item)

    def pending(self) -> int:
        return len(self._queue) + len(self._futures) + len(self._quarantine)

    def wait(self) -> list[ItemOutcome]:
        if self._quarantine and not self._futures:
            return [self._run_alone(self._quarantine.popleft())]
        while self._queue and not self._quarantine:
            item = self._queue.popleft()
            try:
                self._futures[self._ensure_pool().submit(process_item, item, self.options)] = item
            except BrokenProcessPool:  # a worker died since the last wait
                self._queue.appendleft(item)
                self._restart_pool()
        if not self._futures:
            return []
        done, _ = wait(self._futures, timeout=self.timeout, return_when=FIRST_COMPLETED)
        if not done:  # nothing finished within the timeout: a worker hangs
            self._restart_pool()
            return []
        outcomes, broken = [], False
        for future in done:
            item = self._futures.pop(future)
            try:
                outcomes.append(future.result())
            except BrokenProcessPool:
                self._quarantine.append(item)
                broken = True
            except Exception as exc:  # e.g. a result that cannot be pickled
                outcomes.append(ItemOutcome(item, failure=failure_from_exception(item.source, exc, sha256=item.sha256)))
        if broken:
            self._restart_pool()
        return outcomes

    def _run_alone(self, item: BatchItem) -> ItemOutcome:
        future = self._ensure_pool().submit(process_item, item, self.options)
        done, _ = wait([future], timeout=self.timeout)
        if not done:
            self._restart_pool()
            reason = f"timed out after {self.timeout:g} s (--timeout); the worker was stopped"
            return ItemOutcome(item, failure=failure(item.source, "internal", reason, sha256=item.sha256))
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart_pool()
            reason = "the worker process died while processing this input (crash or out of memory)"
            return ItemOutcome(item, failure=failure(item.source, "internal", reason, sha256=item.sha256))

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context())
        return self._pool

    def _restart_pool(self) -> None:
        """Stop every worker (they may hang) and queue what was in flight for a lone re-run."""
        self._quarantine.extend(self._futures.values())
        self._futures.clear()
        self.restarts += 1
        if self._pool is not None:
            for process in list((getattr(self._pool, "_processes", None) or {}).values()):
                process.kill()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _context():
    """forkserver: workers fork from a clean process that has imported the pipeline
    once, never from the main process with its progress-bar and database threads."""
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["extractor.batch.warm"])
        return ctx
    return multiprocessing.get_context("spawn")


class DaskExecutor:
    """The same work on an existing Dask distributed cluster (``--dask ADDRESS``).

    Workers must see the same paths as this process (a shared filesystem)."""

    def __init__(self, address: str, options: WorkerOptions, connect_timeout: float = 15.0) -> None:
        from distributed import Client

        self.options = options
        try:
            self._client = Client(address, timeout=f"{connect_timeout}s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self._futures: dict = {}

    @property
    def slots(self) -> int:
        """Items the cluster can work on at once (its threads)."""
        return max(1, sum(self._client.nthreads().values()))

    def submit(self, item: BatchItem) -> None:
        future = self._client.submit(process_item, item, self.options, pure=False)
        self._futures[future] = item

    def pending(self) -> int:
        return len(self._futures)

    def wait(self) -> list[ItemOutcome]:
        from distributed import wait as dask_wait

        if not self._futures:
            return []
        done, _ = dask_wait(list(self._futures), return_when="FIRST_COMPLETED")
        outcomes = []
        for future in done:
            item = self._futures.pop(future)
            if future.status == "finished":
                outcomes.append(future.result())
            else:  # the cluster lost it (KilledWorker, cancelled, ...)
                exc = future.exception() if future.status == "error" else RuntimeError(f"task {future.status}")
                outcomes.append(ItemOutcome(item, failure=failure_from_exception(item.source, exc, sha256=item.sha256)))
            future.release()
        return outcomes

    def close(self) -> None:
        self._client.close()
