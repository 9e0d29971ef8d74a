"""``run_batch``: sources -> items -> executor -> sinks, incrementally and failure-isolated.

A filing's identity is its sha256 plus the extractor version: one that every
sink already holds (processed, or failed with its bytes read) is skipped unless
``force``. Outcomes go to the database first, several to a transaction (batch/commits.py:
a deal group is recomputed once per commit), then to the JSON Lines; a kill in between
is repaired by the next run, which copies a filing the database holds into the JSON
Lines, and loads again one missing from the database (replacing, never duplicating).
Only this process writes to the sinks; workers get item handles, not bytes, and
at most ``window`` items are in flight, so memory stays bounded.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from extractor import __version__
from extractor.atomic import TMP_PREFIX
from extractor.batch.archives import ArchiveLimits
from extractor.batch.commits import GroupCommit, sink_failure
from extractor.batch.defaults import (
    DEFAULT_MAX_ARCHIVE_BYTES,
    DEFAULT_OUT,
    DEFAULT_TIMEOUT,
    default_jobs,
)
from extractor.batch.forms import Filtered
from extractor.batch.executors import DaskExecutor, LocalExecutor
from extractor.batch.items import BatchItem, ItemOutcome
from extractor.batch.progress import BatchSummary, LogProgress
from extractor.batch.sources import STDIN, NotAFiling, SourceOptions, estimate, iter_items, missing_sources
from extractor.batch.worker import WorkerOptions
from extractor.errors import SinkError, UsageError
from extractor.models import FilingResult
from extractor.pipeline import DEFAULT_MAX_BYTES
from extractor.sinks import DEFAULT_DB
from extractor.sinks.jsonl import JsonlSink, StdoutSink
from extractor.sinks.records import FailureRecord
from extractor.sinks.sql import SqlSink, sqlite_file

log = logging.getLogger(__name__)
TMP_DIR_PREFIX = ".tmp-batch-"
LOCK_FILE = ".batch.lock"
STDOUT = "-"  # --out -: FilingResult JSON Lines to standard output, no folder


@dataclass(frozen=True)
class BatchOptions:
    sources: tuple[str, ...]
    out: str = DEFAULT_OUT
    db: str | None = DEFAULT_DB
    parquet: str | None = None
    jobs: int = default_jobs()
    dask: str | None = None
    force: bool = False
    form: str | None = None
    only_forms: frozenset[str] | None = None  # --only-form: keep submissions of these forms (read from the header)
    max_bytes: int = DEFAULT_MAX_BYTES
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    timeout: float | None = DEFAULT_TIMEOUT
    dask_connect_timeout: float = 15.0
    all_files: bool = False  # read every file as a filing (no screen for READMEs, JSON, index pages ...)


def run_batch(options: BatchOptions, progress=None, *, on_result: Callable[[FilingResult], None] | None = None) -> BatchSummary:
    """Process every SOURCE; ``on_result`` sees each newly processed filing once it is in every sink."""
    if options.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    missing = missing_sources(options.sources)
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
    if options.sources.count(STDIN) > 1:
        raise UsageError("standard input (-) can be a SOURCE only once")
    to_stdout = options.out == STDOUT
    if options.parquet:
        if to_stdout:
            raise UsageError("--parquet is written from the JSON Lines of --out DIR; it cannot follow --out -")
        _check_parquet(Path(options.parquet))
    if options.dask:
        from extractor import extras

        extras.require("dask")
    progress = progress or LogProgress()
    out = Path(options.out)
    tally = BatchSummary()
    with _locked(None if to_stdout else out):
        if not to_stdout:
            _remove_stale(out, options.parquet)
        sinks = _open_sinks(options)
        tmp_dir = tempfile.mkdtemp(prefix=TMP_DIR_PREFIX, dir=None if to_stdout else out)
        try:
            done = set() if options.force else _done(sinks)
            executor = _executor(options)
            try:
                _drive(options, tmp_dir, executor, sinks, done, tally, progress, on_result)
            finally:
                executor.close()
                progress.close(tally)
        finally:
            shutil.rmtree(tmp_dir, ignore_errors=True)
            for sink in reversed(sinks):
                sink.close()
        if options.parquet:
            from extractor.sinks import parquet

            if tally.processed or tally.failed or options.force or not parquet.exported(options.parquet):
                jsonl = sinks[0]
                parquet.export(options.parquet, jsonl.filings.lines, jsonl.iter_failures())
    tally.finished = time.monotonic()
    if tally.inputs == 0:
        left_out = f" ({tally.not_filings} files that are not filings left out; --all-files reads them)" if tally.not_filings else ""
        raise UsageError(f"no filings in {', '.join(options.sources)}{left_out}")
    return tally


def _drive(options: BatchOptions, tmp_dir: str, executor, sinks, done: set[str], tally: BatchSummary, progress, on_result=None) -> None:
    skip = _own_outputs(options)
    progress.start(*estimate(options.sources, skip))
    window = 2 * executor.slots
    seen: set[str] = set()
    limits = ArchiveLimits(max_member_bytes=options.max_bytes, max_total_bytes=options.max_archive_bytes)
    writer = _writer(sinks, tally, progress, on_result)
    try:
        for entry in iter_items(options.sources, SourceOptions(tmp_dir, limits, skip, all_files=options.all_files, forms=options.only_forms)):
            if isinstance(entry, FailureRecord):
                _record_failure(writer, sinks, entry, tally, progress)
            elif isinstance(entry, NotAFiling):
                log.debug("batch: left out %s: %s", entry.source, entry.kind)
                if entry.temporary_path:
                    Path(entry.temporary_path).unlink(missing_ok=True)
                tally.not_filings += 1
                tally.bytes += entry.size
                progress.update(tally)
            elif isinstance(entry, Filtered):
                tally.filtered += 1
                tally.bytes += entry.size
            elif entry.sha256 in done or entry.sha256 in seen:
                _discard(entry)
                if entry.sha256 in seen:
                    tally.duplicates += 1
                else:
                    tally.skipped += 1
                tally.bytes += entry.size
                progress.update(tally)
            else:
                seen.add(entry.sha256)
                executor.submit(entry)
                while executor.pending() >= window:
                    _wait(executor, writer, sinks, tally, progress)
        while executor.pending():
            _wait(executor, writer, sinks, tally, progress)
        writer.flush()
    finally:
        writer.close()  # what is still held (an interruption) is rolled back: the next run loads it


def _writer(sinks, tally: BatchSummary, progress, on_result) -> GroupCommit:
    def loaded(outcome: ItemOutcome) -> None:
        tally.processed += 1
        tally.contracts += len(outcome.result.contracts)
        progress.update(tally)
        if on_result is not None:
            on_result(outcome.result)

    def failed(outcome: ItemOutcome, exc: SinkError) -> None:
        _record_failure(None, sinks, sink_failure(outcome, exc), tally, progress)

    return GroupCommit(sinks, loaded, failed)


def _wait(executor, writer: GroupCommit, sinks, tally: BatchSummary, progress) -> None:
    if writer.due():  # before waiting: a held transaction never waits on a slow filing longer than it is due
        writer.flush()
    for outcome in executor.wait():
        _discard(outcome.item)
        tally.bytes += outcome.item.size
        if outcome.result is None:
            _record_failure(writer, sinks, outcome.failure, tally, progress)
        else:
            writer.add(outcome)
    if writer.due():
        writer.flush()


def _done(sinks) -> set[str]:
    """What every sink holds; a filing only the database holds (a kill came between its
    commit and its JSON line) is copied from the database's ``result_json`` into the JSON
    Lines first, instead of being processed again."""
    held = [s.done_keys(__version__) for s in sinks]
    jsonl, database = sinks[0], next((s for s in sinks if isinstance(s, SqlSink)), None)
    if database is not None and isinstance(jsonl, JsonlSink):
        only_in_database = held[sinks.index(database)] - held[0]
        copied = database.results(only_in_database, __version__) if only_in_database else []
        if copied:
            jsonl.load_filings(copied)
            log.info("batch: %d filings copied from the database into the JSON Lines", len(copied))
            held[0] |= {r.filing.sha256 for r in copied}
    return set.intersection(*held)


def _own_outputs(options: BatchOptions) -> frozenset[Path]:
    """The output folders (and a SQLite file) of this batch: never inputs, even inside a SOURCE folder."""
    paths = [Path(options.out), Path(options.parquet) if options.parquet else None]
    database = sqlite_file(options.db) if options.db else None
    if database:
        paths += [database, *(Path(f"{database}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]
    return frozenset(p.resolve() for p in paths if p is not None)


def _record_failure(writer: GroupCommit | None, sinks, record: FailureRecord, tally: BatchSummary, progress) -> None:
    if writer is not None:
        writer.flush()  # the filings before it first: a failure is written in a transaction of its own
    for sink in reversed(sinks):
        sink.record_failure(record)
    tally.failed += 1
    progress.update(tally, record)


def _discard(item: BatchItem) -> None:
    if item.temporary:
        try:
            os.unlink(item.path)
        except FileNotFoundError:
            pass


def _open_sinks(options: BatchOptions) -> list:
    """The JSON Lines and the database, opened (tables made) before any work: a bad ``--db`` is a usage error."""
    sinks: list = [StdoutSink() if options.out == STDOUT else JsonlSink(options.out)]
    if options.db:
        try:
            sinks.append(SqlSink(options.db))
        except SinkError as exc:
            raise UsageError(f"--db {exc}") from None
    return sinks


def _check_parquet(folder: Path) -> None:
    """``--parquet DIR`` can be written (and pyarrow is installed), checked before any work."""
    from extractor import extras

    extras.require("parquet")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=TMP_PREFIX):
            pass
    except OSError as exc:
        raise UsageError(f"--parquet {folder}: {exc.strerror or exc}") from None


def _executor(options: BatchOptions):
    worker = WorkerOptions(form=options.form, max_bytes=options.max_bytes)
    if options.dask:
        return DaskExecutor(options.dask, worker, connect_timeout=options.dask_connect_timeout)
    return LocalExecutor(options.jobs, worker, timeout=options.timeout)


@contextmanager
def _locked(out: Path | None) -> Iterator[None]:
    """One batch at a time per output folder. The lock goes with the process, even on SIGKILL
    (a lock file left by a killed run is taken over); a run that ends removes its lock file.
    ``None`` (results to standard output) takes no lock."""
    if out is None:
        yield
        return
    path = out / LOCK_FILE
    while True:
        try:
            out.mkdir(parents=True, exist_ok=True)
            fh = open(path, "a+")
        except OSError as exc:
            raise UsageError(f"--out {out}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            raise SinkError("another batch is writing to this folder", source=str(out)) from None
        try:
            same = os.stat(path).st_ino == os.fstat(fh.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        fh.close()  # a run that was ending removed the file after we opened it: lock the new one
    with fh:
        try:
            yield
        finally:
            path.unlink(missing_ok=True)  # still holding the lock: nobody else holds this file


def _remove_stale(out: Path, parquet: str | None) -> None:
    """What a killed run left at the top of its folders: private member folders and
    temporary files (not deeper: --out may hold a filing store that a fetch is writing)."""
    for folder in out.glob(TMP_DIR_PREFIX + "*"):
        shutil.rmtree(folder, ignore_errors=True)
    for folder in (out, Path(parquet) if parquet else None):
        for path in folder.glob(TMP_PREFIX + "*") if folder and folder.is_dir() else ():
            if path.is_file():
                path.unlink(missing_ok=True)
