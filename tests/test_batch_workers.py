"""A local worker process that dies (the OOM killer, a crash in a C extension) or
hangs never takes the batch down: that worker is replaced, its item is tried once
more, and every item gets its outcome."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from test_batch_support import write_filings

from extractor.batch.executors import LocalExecutor
from extractor.batch.items import BatchItem, sha256_of_file
from extractor.batch.worker import WorkerOptions


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _run_hitting_one_worker(tmp_path, sig: int, timeout: float, count: int):
    paths = write_filings(tmp_path / "in", count)
    items = [BatchItem(str(p), str(p), sha256_of_file(str(p)), p.stat().st_size) for p in paths]
    executor = LocalExecutor(2, WorkerOptions(), timeout=timeout)
    try:
        for item in items:
            executor.submit(item)
        outcomes = executor.wait()  # the workers are up and working
        workers = [w for child in _children(os.getpid()) for w in _children(child)]  # forkserver -> workers
        busy = [w.process.pid for w in executor._workers if w.item is not None]
        assert busy and set(busy) <= set(workers), (busy, workers)  # real processes under the forkserver
        os.kill(busy[0], sig)
        while executor.pending():
            outcomes += executor.wait()
    finally:
        executor.close()
    assert not [w for child in _children(os.getpid()) for w in _children(child)], "a worker outlived close()"
    return items, outcomes, executor.restarts


def test_a_killed_worker_loses_no_item(tmp_path):
    items, outcomes, restarts = _run_hitting_one_worker(tmp_path, signal.SIGKILL, timeout=120, count=400)  # enough work that the kill lands while items are in flight
    assert restarts >= 1
    assert sorted(o.item.source for o in outcomes) == sorted(i.source for i in items)
    assert [o.failure for o in outcomes if o.failure] == []


def test_a_hung_worker_is_stopped_after_the_timeout(tmp_path):
    """SIGSTOP freezes a worker mid-batch: after --timeout it is killed and its item re-run."""
    items, outcomes, restarts = _run_hitting_one_worker(tmp_path, signal.SIGSTOP, timeout=5, count=400)
    assert restarts >= 1
    assert sorted(o.item.source for o in outcomes) == sorted(i.source for i in items)
    assert [o.failure for o in outcomes if o.failure] == []


def test_a_filing_that_always_hangs_fails_alone_after_one_retry(tmp_path):
    """A named pipe with no writer blocks its reader forever: a real hang, every time."""
    paths = write_filings(tmp_path / "in", 6)
    fifo = tmp_path / "in" / "never-written.htm"
    os.mkfifo(fifo)
    items = [BatchItem(str(p), str(p), sha256_of_file(str(p)), p.stat().st_size) for p in paths]
    items.insert(2, BatchItem(str(fifo), str(fifo), "0" * 64, 0))
    executor = LocalExecutor(2, WorkerOptions(), timeout=2)
    outcomes = []
    try:
        for item in items:
            executor.submit(item)
        while executor.pending():
            outcomes += executor.wait()
    finally:
        executor.close()
    assert sorted(o.item.source for o in outcomes) == sorted(i.source for i in items)
    failed = {o.item.source: o.failure for o in outcomes if o.failure}
    assert list(failed) == [str(fifo)]
    assert "timed out after 2 s" in failed[str(fifo)].reason
    assert executor.restarts == 2  # the first try and the retry
