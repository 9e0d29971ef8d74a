"""Progress of a batch: a rich progress bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from extractor.sinks.records import FailureRecord


@dataclass
class BatchSummary:
    """Counts of a run: live while it runs, then its summary (``run_batch`` returns it)."""

    processed: int = 0
    failed: int = 0
    skipped: int = 0  # already processed by an earlier run (same sha256 and version)
    duplicates: int = 0  # the same bytes as an earlier input of this run
    not_filings: int = 0  # files the screen left out (README, JSON, index pages ...; --all-files reads them)
    filtered: int = 0  # left out by --only-form before parsing (not counted as inputs)
    contracts: int = 0
    bytes: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def inputs(self) -> int:
        """Filings seen: processed, failed, or skipped as processed before or as duplicates."""
        return self.processed + self.failed + self.skipped + self.duplicates

    @property
    def done(self) -> int:
        """Files dealt with so far, the screened-out ones included (for progress)."""
        return self.inputs + self.not_filings + self.filtered

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / max(self.seconds, 1e-9)

    @property
    def exit_code(self) -> int:
        from extractor.cli import batch_exit_code

        return batch_exit_code(self.inputs, self.failed)

    def line(self) -> str:
        screened = f"; {self.not_filings} files not filings, left out (--all-files reads them)" if self.not_filings else ""
        return (
            f"{self.inputs} inputs: {self.processed} processed, {self.failed} failed, "
            f"{self.skipped} skipped (already processed), {self.duplicates} duplicates"
            + (f", {self.filtered} left out by --only-form" if self.filtered else "")
            + f"; {self.contracts} contracts; "
            f"{self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s ({self.mb_per_s:.2f} MB/s){screened}"
        )


class LogProgress:
    """One line per failure and a status line every ``every`` seconds."""

    def __init__(self, stream: TextIO | None = None, every: float = 10.0, quiet: bool = False) -> None:
        self._stream, self.every, self.quiet = stream, every, quiet  # quiet: failures only
        self.total_files: int | None = None
        self._last = time.monotonic()

    @property
    def stream(self) -> TextIO:
        return self._stream or sys.stderr  # looked up when written: a caller may swap sys.stderr

    def start(self, total_files: int | None, total_bytes: int | None) -> None:
        self.total_files = total_files
        planned = f"{total_files} files, {total_bytes / 1e6:.1f} MB" if total_files is not None else "inputs"
        if not self.quiet:
            print(f"batch: starting on {planned}", file=self.stream, flush=True)

    def update(self, tally: BatchSummary, failure: FailureRecord | None = None) -> None:
        if failure is not None:
            print(f"batch: failed: {failure.source}: {failure.stage}: {failure.reason}", file=self.stream, flush=True)
        if not self.quiet and time.monotonic() - self._last >= self.every:
            self._last = time.monotonic()
            print(f"batch: {tally.line()}", file=self.stream, flush=True)

    def close(self, tally: BatchSummary) -> None:
        pass


class RichProgress:
    """Files done, MB/s, failures and time left, redrawn in place on a terminal."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

        self.console = Console(file=stream)
        self._bar = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            TextColumn("{task.fields[files]} files"),
            TransferSpeedColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._task = None

    def start(self, total_files: int | None, total_bytes: int | None) -> None:
        self._bar.start()
        self._task = self._bar.add_task("batch", total=total_bytes or None, files="0", failed=0)
        self._total_files = total_files

    def update(self, tally: BatchSummary, failure: FailureRecord | None = None) -> None:
        if failure is not None:
            from rich.markup import escape

            message = escape(f"{failure.source}: {failure.stage}: {failure.reason}")
            self._bar.console.print(f"[red]failed[/] {message}", highlight=False)
        files = f"{tally.done}/{self._total_files}" if self._total_files is not None else str(tally.done)
        self._bar.update(self._task, completed=tally.bytes, files=files, failed=tally.failed)

    def close(self, tally: BatchSummary) -> None:
        self._bar.stop()


def make_progress(enabled: bool | None, stream: TextIO = sys.stderr, quiet: bool = False):
    """A bar when ``enabled`` (None: when ``stream`` is a terminal), else log lines (failures only when ``quiet``)."""
    if enabled is None:
        enabled = stream.isatty() and not quiet
    return RichProgress(stream) if enabled else LogProgress(stream, quiet=quiet)
