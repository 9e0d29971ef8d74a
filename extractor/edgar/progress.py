"""Progress while fetching: a rich bar on a terminal, one plain line per filing otherwise."""

from __future__ import annotations

import sys
from typing import IO

from extractor.edgar.fetcher import FetchOutcome, FetchSummary


def describe(outcome: FetchOutcome) -> str:
    ref = outcome.ref
    text = f"{outcome.status} {ref.cik}/{ref.accession} {ref.form or ''}".rstrip()
    if outcome.status == "failed":
        return f"{text}: {outcome.reason}"
    if outcome.bytes:
        text += f" ({outcome.files} file{'s' if outcome.files != 1 else ''}, {human_bytes(outcome.bytes)})"
    return text


def human_bytes(count: int) -> str:
    size = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{count} B"


class PlainProgress:
    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total, self.done, self.stream = total, 0, stream

    def __call__(self, outcome: FetchOutcome) -> None:
        self.done += 1
        print(f"[{self.done}/{self.total}] {describe(outcome)}", file=self.stream, flush=True)

    def close(self) -> None:
        pass


class RichProgress:
    def __init__(self, total: int, stream: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = Console(file=stream)
        self.bar = Progress(
            TextColumn("fetch"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
            console=self.console, transient=False,
        )
        self.task = self.bar.add_task("", total=total)
        self.bar.start()

    def __call__(self, outcome: FetchOutcome) -> None:
        if outcome.status == "failed":
            self.console.print(describe(outcome), markup=False, highlight=False)
        self.bar.update(self.task, advance=1, description=f"{outcome.ref.accession}")

    def close(self) -> None:
        self.bar.stop()


class QuietProgress:
    """-q: only the failures, one line each."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __call__(self, outcome: FetchOutcome) -> None:
        if outcome.status == "failed":
            print(describe(outcome), file=self.stream, flush=True)

    def close(self) -> None:
        pass


def make_progress(total: int, stream: IO[str] | None = None, *, quiet: bool = False) -> PlainProgress | RichProgress | QuietProgress:
    stream = stream or sys.stderr
    if quiet:
        return QuietProgress(stream)
    return RichProgress(total, stream) if stream.isatty() else PlainProgress(total, stream)


def summary_lines(summary: FetchSummary, *, requests: int) -> list[str]:
    lines = [
        f"fetched {summary.count('fetched')}, skipped {summary.count('skipped')} (complete and verified), "
        f"failed {summary.count('failed')}; {human_bytes(summary.bytes)} downloaded in {requests} requests"
    ]
    for outcome in summary.failures:
        lines.append(f"failed {outcome.ref.accession} ({outcome.ref.form or '?'}, CIK {outcome.ref.cik}): {outcome.reason}")
    return lines
