"""Local worker processes, each with its own pipe and at most one filing at a time.

A worker that dies (the OOM killer, a crash in a C extension) or hangs (past
``timeout`` seconds on one filing) is killed and replaced; only its own filing is
affected, and that filing is tried once more in a fresh worker before it is
recorded as failed. Nothing is shared between workers (no common queue or lock
that a stopped process could hold), so one bad worker can never stall the others.

A reader thread per worker receives its results, so the main thread never blocks
on a pipe: it waits on one in-process queue with a deadline, the earliest time a
busy worker runs out of time.
"""

from __future__ import annotations

import atexit
import multiprocessing
import queue
import signal
import sys
import threading
import time
import weakref
from collections import deque
from dataclasses import dataclass, field

from extractor.batch.items import BatchItem, ItemOutcome, failure
from extractor.batch.worker import WorkerOptions, process_item

RETRIES = 1  # a filing whose worker died or hung is tried this many more times
DIED = "the worker process died while processing this input (crash or out of memory)"


def serve(conn, options: WorkerOptions) -> None:
    """The worker's loop: a BatchItem in, its ItemOutcome out, until None or EOF.

    Ctrl-C reaches every process of the terminal's group: the worker ignores it and
    the main process, which owns the outputs, stops the workers and says so once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        conn.send(process_item(item, options))


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object
    item: BatchItem | None = None
    started: float = 0.0
    alive: bool = True
    reader: threading.Thread | None = field(default=None, repr=False)

    def overdue(self, timeout: float | None, now: float) -> bool:
        return self.item is not None and timeout is not None and now - self.started > timeout

    def stop(self) -> None:
        """Kill (works on a stopped process too), reap, let the reader see EOF, close."""
        self.alive = False
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=10)
        if self.reader is not None and self.reader is not threading.current_thread():
            self.reader.join(timeout=5)  # before close: never pull the fd from under its recv
        try:
            self.conn.close()
        except OSError:
            pass


class LocalExecutor:
    """``jobs`` worker processes; ``submit`` queues, ``wait`` hands back what finished."""

    def __init__(self, jobs: int, options: WorkerOptions, timeout: float | None = None) -> None:
        self.jobs, self.options, self.timeout = max(1, jobs), options, timeout
        self._queue: deque[BatchItem] = deque()
        self._attempts: dict[int, int] = {}  # id(item) -> failed attempts so far
        self._workers: list[_Worker] = []
        self._events: queue.Queue = queue.Queue()
        self.restarts = 0  # workers replaced after dying or hanging
        self._finalizer = weakref.finalize(self, _kill_all, self._workers)
        _live.add(self)

    @property
    def slots(self) -> int:
        return self.jobs

    def submit(self, item: BatchItem) -> None:
        self._queue.append(item)

    def pending(self) -> int:
        return len(self._queue) + sum(1 for w in self._workers if w.item is not None)

    def wait(self) -> list[ItemOutcome]:
        """At least one outcome when anything is pending (a retried item may take another call)."""
        self._dispatch()
        outcomes: list[ItemOutcome] = []
        while not outcomes and any(w.item is not None for w in self._workers):
            try:
                worker, message = self._events.get(timeout=self._until_deadline())
            except queue.Empty:
                worker, message = None, None
            if worker is not None and worker.alive:
                if isinstance(message, ItemOutcome):
                    outcomes.append(message)
                    self._attempts.pop(id(worker.item), None)  # the item sent, not its copy come back
                    worker.item = None
                else:  # EOF: the process is gone
                    outcomes += self._replace(worker, DIED)
            now = time.monotonic()
            for late in [w for w in self._workers if w.overdue(self.timeout, now)]:
                reason = f"timed out after {self.timeout:g} s (--timeout); the worker was stopped"
                outcomes += self._replace(late, reason)
            self._dispatch()
        return outcomes

    def close(self) -> None:
        for worker in self._workers:
            if worker.alive and worker.item is None:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        for worker in self._workers:
            if worker.alive and worker.item is None:
                worker.process.join(timeout=5)
        _kill_all(self._workers)
        self._workers.clear()
        self._finalizer.detach()

    # --- internals -------------------------------------------------------------------

    def _dispatch(self) -> None:
        """Give queued items to idle workers, starting workers up to ``jobs``."""
        while self._queue:
            worker = next((w for w in self._workers if w.alive and w.item is None), None)
            if worker is None:
                if len(self._workers) >= self.jobs:
                    return
                worker = self._start()
            item = self._queue.popleft()
            worker.item, worker.started = item, time.monotonic()
            try:
                worker.conn.send(item)
            except OSError:  # died while idle: its EOF event replaces it and re-queues the item
                pass

    def _start(self) -> _Worker:
        ctx = _context()
        parent, child = ctx.Pipe()
        process = ctx.Process(target=serve, args=(child, self.options), name="extractor-worker", daemon=True)
        process.start()
        child.close()
        _register_exit_hook()
        worker = _Worker(process, parent)
        worker.reader = threading.Thread(target=_read, args=(worker, self._events), daemon=True)
        worker.reader.start()
        self._workers.append(worker)
        return worker

    def _replace(self, worker: _Worker, reason: str) -> list[ItemOutcome]:
        """Stop ``worker``, drop it, and retry its item (or fail it once out of retries)."""
        worker.stop()
        self._workers.remove(worker)
        self.restarts += 1
        item, worker.item = worker.item, None
        if item is None:
            return []
        tries = self._attempts.get(id(item), 0) + 1
        if tries <= RETRIES:
            self._attempts[id(item)] = tries
            self._queue.appendleft(item)
            return []
        self._attempts.pop(id(item), None)
        return [ItemOutcome(item, failure=failure(item.source, "internal", reason, sha256=item.sha256))]

    def _until_deadline(self) -> float | None:
        if self.timeout is None:
            return None
        busy = [w.started for w in self._workers if w.item is not None]
        return max(0.0, min(busy) + self.timeout - time.monotonic() + 0.01) if busy else None


def _read(worker: _Worker, events: queue.Queue) -> None:
    """Per-worker reader thread: every message, then one EOF marker."""
    while True:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError, TypeError, ValueError):
            # TypeError/ValueError: the connection was closed under us by stop()
            events.put((worker, None))
            return
        except Exception as exc:  # a result that cannot be unpickled: fail that item, keep the worker
            message = exc
        if isinstance(message, Exception):
            item = worker.item
            if item is None:
                continue
            reason = f"the result could not be read back from the worker: {type(message).__name__}: {message}"
            message = ItemOutcome(item, failure=failure(item.source, "internal", reason, sha256=item.sha256))
        events.put((worker, message))


def _kill_all(workers: list[_Worker]) -> None:
    for worker in list(workers):
        worker.stop()


def _context():
    """forkserver: workers fork from a clean process that has imported the pipeline
    once, never from the main process with its progress-bar and database threads."""
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["extractor.batch.warm"])
        return ctx
    return multiprocessing.get_context("spawn")


_live: "weakref.WeakSet[LocalExecutor]" = weakref.WeakSet()
_hooked = False


def _register_exit_hook() -> None:
    """Kill leftover workers at exit, before multiprocessing's own hook joins them
    (registered later, so it runs earlier): a stopped worker would block that join forever."""
    global _hooked
    if not _hooked:
        atexit.register(_at_exit)
        _hooked = True


def _at_exit() -> None:  # pragma: no cover - interpreter shutdown
    for executor in list(_live):
        _kill_all(executor._workers)
