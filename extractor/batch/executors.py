"""Where items are processed: local worker processes, or a Dask distributed cluster.

Both take BatchItems with ``submit`` and hand back ItemOutcomes from ``wait``
(at least one when anything is pending). A worker that dies or hangs never
takes the batch down: the local executor (extractor.batch.local) replaces that
one worker and tries its filing once more; only a filing that fails twice fails.
"""

from __future__ import annotations

from extractor.batch.items import BatchItem, ItemOutcome, failure_from_exception
from extractor.batch.local import LocalExecutor
from extractor.batch.worker import WorkerOptions, process_item
from extractor.errors import UsageError

__all__ = ["DaskExecutor", "LocalExecutor"]


class DaskExecutor:
    """The same work on an existing Dask distributed cluster (``--dask ADDRESS``).

    Workers must see the same paths as this process (a shared filesystem)."""

    def __init__(self, address: str, options: WorkerOptions, connect_timeout: float = 15.0) -> None:
        from extractor import extras

        Client = extras.require("dask").Client
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
