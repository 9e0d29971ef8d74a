"""Finished filings into the sinks, several to a database transaction.

A filing's deal group is recomputed from all the group's contracts whenever one of them
changes (sinks/deal_tables.py), so one transaction per filing made a group of k filings
cost k recomputations of up to k contracts each. Here the database holds a transaction
open (``SqlSink.hold``) while filings arrive and commits it when it is due: at least
``min_seconds`` (a quarter of a second) after its first filing and at least ``ratio`` times as long as the last
commit took (so recomputing big groups stays a bounded share of the time: the cost per
filing no longer grows with the group), or at ``max_filings`` / ``max_bytes``. Only
then do the filings go to the JSON Lines (the database first, as before: the lines of a
commit in one write), the tally and ``on_result``. A kill loses what was held (the next
run loads it again); a filing the kill left committed but not yet in the JSON Lines is
copied there from the database by the next run (``run_batch``), not processed again. A commit that fails is rolled back and
its filings are loaded again one transaction each, so a bad one fails alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from extractor.batch.items import ItemOutcome, failure
from extractor.errors import SinkError
from extractor.sinks.sql import SqlSink


class GroupCommit:
    def __init__(self, sinks: list, on_loaded: Callable[[ItemOutcome], None], on_failed: Callable[[ItemOutcome, SinkError], None], *,
                 min_seconds: float = 0.25, ratio: float = 4.0, max_filings: int = 2000, max_bytes: int = 256 << 20,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.database = next((s for s in sinks if isinstance(s, SqlSink)), None)
        self.others = [s for s in reversed(sinks) if s is not self.database]  # the JSON Lines last
        self.on_loaded, self.on_failed = on_loaded, on_failed
        self.min_seconds, self.ratio, self.max_filings, self.max_bytes = min_seconds, ratio, max_filings, max_bytes
        self.clock = clock
        self.held: list[ItemOutcome] = []
        self._bytes = 0
        self._since = 0.0
        self._last_commit = 0.0
        self.commits = 0

    def add(self, outcome: ItemOutcome) -> None:
        """A processed filing: into the held transaction (committed when due)."""
        if self.database is None:
            self._finish([outcome])
            return
        if not self.held:
            self.database.hold()
            self._since = self.clock()
        try:
            self.database.load_filing(outcome.result)
        except SinkError:
            self._replay([*self.held, outcome])
            return
        self.held.append(outcome)
        self._bytes += outcome.item.size
        if len(self.held) >= self.max_filings or self._bytes >= self.max_bytes:
            self.flush()

    def due(self) -> bool:
        if not self.held:
            return False
        return self.clock() - self._since >= max(self.min_seconds, self.ratio * self._last_commit)

    def flush(self) -> None:
        """Commit the held filings (their deals recomputed), then write them to the other sinks."""
        if not self.held:
            return
        held, self.held, self._bytes = self.held, [], 0
        start = self.clock()
        try:
            self.database.commit()
        except SinkError:
            self._replay(held)
            return
        self._last_commit = self.clock() - start
        self.commits += 1
        self._finish(held)

    def _finish(self, outcomes: list[ItemOutcome]) -> None:
        for outcome in self._write(outcomes):
            self.on_loaded(outcome)

    def _write(self, outcomes: list[ItemOutcome]) -> list[ItemOutcome]:
        """Into the other sinks (the lines of a commit in one write); returns those written."""
        if len(outcomes) > 1 and all(hasattr(s, "load_filings") for s in self.others):
            try:
                for sink in self.others:
                    sink.load_filings([o.result for o in outcomes])
            except SinkError as exc:
                for outcome in outcomes:
                    self.on_failed(outcome, exc)
                return []
            return outcomes
        written = []
        for outcome in outcomes:
            try:
                for sink in self.others:
                    sink.load_filing(outcome.result)
            except SinkError as exc:
                self.on_failed(outcome, exc)
                continue
            written.append(outcome)
        return written

    def _replay(self, outcomes: list[ItemOutcome]) -> None:
        """After a failed transaction: each filing in a transaction of its own."""
        self.database.rollback()
        self.held, self._bytes = [], 0
        for outcome in outcomes:
            try:
                self.database.load_filing(outcome.result)
            except SinkError as exc:
                self.on_failed(outcome, exc)
                continue
            self._finish([outcome])

    def close(self) -> None:
        """Uncommitted filings are dropped with their transaction (an interrupted run)."""
        if self.database is not None:
            self.database.rollback()
        self.held = []


def sink_failure(outcome: ItemOutcome, exc: SinkError):
    return failure(outcome.item.source, exc.stage, exc.message, sha256=outcome.item.sha256)
