"""``extractor watch``: poll EDGAR for new filings, fetch, extract and load them, report new contracts.

A round reads the latest-filings Atom feed of each form and the daily indexes of
yesterday and today, keeps the filings not in the seen-set, fetches them (with
EX-10 exhibits) into the store, extracts and loads them through the batch, and
hands each new contract to ``on_contract``. The seen-set lives in the store
(``<store>/.watch/seen.txt``, rewritten atomically at the end of each round) and
takes a filing only once it is stored and loaded, so a restart neither misses a
filing (one not yet marked is asked for again) nor repeats one (the store skips
what it holds, the batch what it has processed, and only newly processed
filings report contracts). A filing whose fetch failed is tried again next round.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from extractor.atomic import atomic_write_text
from extractor.edgar.client import EdgarClient
from extractor.edgar.feed import edgar_today, index_days, read_daily_index, read_latest
from extractor.edgar.fetcher import DEFAULT_EXHIBITS, FetchOptions, FetchOutcome, fetch_filings
from extractor.edgar.loading import LoadOptions, load_stored
from extractor.edgar.names import ACCESSION_RE
from extractor.edgar.store import FilingStore
from extractor.errors import FetchError, StoreError
from extractor.models import Contract, FilingResult
from extractor.types import FilingRef

SEEN_FILE = Path(".watch") / "seen.txt"


class SeenSet:
    """The accessions a watch has handled, kept in the store."""

    def __init__(self, store: FilingStore) -> None:
        self.path = store.root / SEEN_FILE
        self.accessions: set[str] = set()
        try:
            lines = self.path.read_text("utf-8").splitlines()
        except FileNotFoundError:
            lines = []
        except OSError as exc:
            raise StoreError(f"cannot read the watch's seen-set: {exc.strerror or exc}", source=str(self.path)) from None
        self.accessions = {line.strip() for line in lines if ACCESSION_RE.match(line.strip())}

    def __contains__(self, accession: str) -> bool:
        return accession in self.accessions

    def add(self, accessions) -> None:
        self.accessions.update(accessions)

    def save(self) -> None:
        atomic_write_text(self.path, "".join(f"{a}\n" for a in sorted(self.accessions)))


@dataclass(frozen=True)
class WatchOptions:
    forms: frozenset[str]
    load: LoadOptions = LoadOptions()
    fetch: FetchOptions = FetchOptions(exhibits=DEFAULT_EXHIBITS)
    daily_index: bool = True


@dataclass
class RoundReport:
    listed: int = 0  # filings of the forms in the feed and the daily indexes
    new: int = 0  # of those, not seen before
    fetched: int = 0
    failed: list[str] = field(default_factory=list)
    processed: int = 0
    contracts: int = 0
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = (f"{self.listed} listed, {self.new} new, {self.fetched} fetched, {self.processed} documents extracted, "
                f"{self.contracts} new contracts")
        return text + (f", {len(self.failed)} failed (tried again next round)" if self.failed else "")


class Watcher:
    def __init__(self, client: EdgarClient, store: FilingStore, options: WatchOptions, *,
                 on_contract: Callable[[FilingResult, Contract], None] | None = None,
                 today: Callable[[], object] = edgar_today, stop: threading.Event | None = None) -> None:
        self.client, self.store, self.options = client, store, options
        self.on_contract = on_contract or (lambda result, contract: None)
        self.today = today
        self.stop = stop or threading.Event()
        self.seen = SeenSet(store)

    def listed(self, report: RoundReport) -> list[FilingRef]:
        """The filings of the watched forms that EDGAR lists now, newest first, once each."""
        feed = read_latest(self.client, self.options.forms)
        report.warnings += feed.warnings
        refs = list(feed.refs)
        if self.options.daily_index:
            for day in reversed(index_days(self.today())):
                refs += [ref for ref in read_daily_index(self.client, day) if ref.form in self.options.forms]
        unique: dict[str, FilingRef] = {}
        for ref in refs:
            unique.setdefault(str(ref.accession), ref)
        return list(unique.values())

    def round(self) -> RoundReport:
        report = RoundReport()
        refs = self.listed(report)
        report.listed = len(refs)
        new = [ref for ref in refs if ref.accession not in self.seen]
        report.new = len(new)
        if not new:
            return report
        summary = fetch_filings(self.client, self.store, new, self.options.fetch)
        stored = [o for o in summary.outcomes if o.status != "failed" and o.folder is not None]
        report.fetched = sum(1 for o in stored if o.status == "fetched")
        report.failed = [f"{o.ref.accession}: {o.reason}" for o in summary.failures]
        if self.stop.is_set():  # stopping: what was stored is loaded and marked by the next run
            return report

        def on_result(result: FilingResult) -> None:
            for contract in result.contracts:
                report.contracts += 1
                self.on_contract(result, contract)

        loaded = load_stored([o.folder for o in stored], self.options.load, on_result=on_result)
        report.processed = loaded.processed
        if not self.stop.is_set():  # a stop during the load (Ctrl-C reaches the workers too): the next run redoes it
            self._mark(stored)
        return report

    def _mark(self, stored: list[FetchOutcome]) -> None:
        self.seen.add(str(o.ref.accession) for o in stored)
        self.seen.save()

    def run(self, *, interval: float, once: bool, on_round: Callable[[RoundReport], None] | None = None,
            on_error: Callable[[str], None] | None = None) -> int:
        """Rounds until ``stop`` is set (or one with ``once``); the number of rounds that could not ask EDGAR."""
        troubled = 0
        while not self.stop.is_set():
            try:
                report = self.round()
            except FetchError as exc:  # the feed could not be read this round: say so, try again later
                if self.stop.is_set():
                    break
                troubled += 1
                if on_error is not None:
                    on_error(str(exc))
            else:
                if on_round is not None:
                    on_round(report)
                troubled += bool(report.failed) and once
            if once or self.stop.wait(interval):
                break
        return troubled
