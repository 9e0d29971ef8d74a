"""``extractor watch``: poll EDGAR's newest filings, fetch, extract, load, one JSON line per new contract."""

from __future__ import annotations

import logging
import json
import os
import signal
import sys
import threading

from extractor.batch.defaults import DEFAULT_OUT
from extractor.commands import form_name, positive_int
from extractor.commands.access import add_access_options, check_access_numbers, make_client
from extractor.pipeline import DEFAULT_MAX_BYTES
from extractor.sinks import DEFAULT_DB

log = logging.getLogger("extractor.watch")

DEFAULT_FORMS = ("8-K", "6-K", "10-K", "10-Q", "S-1", "F-1", "424B4")
DEFAULT_INTERVAL = 300.0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "watch",
        help="poll EDGAR for new filings; fetch, extract and load each, print new contracts",
        description="Poll the latest-filings Atom feed of each form and the daily index, fetch each filing not seen "
        "before (with its EX-10 exhibits) into the store, extract it, load --db and --out, and print one JSON line "
        "per new contract on stdout. What has been handled is kept in STORE/.watch/seen.txt: a restart neither misses "
        "nor repeats a filing. Stops cleanly on Ctrl-C or SIGTERM; --once does one round (for cron).",
    )
    p.add_argument("--form", action="append", type=form_name, metavar="F", help=f"form type, repeatable (default: {', '.join(DEFAULT_FORMS)})")
    p.add_argument("--interval", type=float, default=DEFAULT_INTERVAL, metavar="SECONDS", help=f"seconds between rounds (default {DEFAULT_INTERVAL:g})")
    p.add_argument("--once", action="store_true", help="one round, then exit")
    p.add_argument("--no-daily-index", action="store_true", help="read only the Atom feed, not yesterday's and today's daily index")
    p.add_argument("--store", default=os.path.join("output", "filings"), metavar="DIR", help="the filing store (default output/filings)")
    p.add_argument("--db", default=DEFAULT_DB, metavar="URL", help=f"database URL (default {DEFAULT_DB})")
    p.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="JSON Lines folder (default output/)")
    p.add_argument("--workers", type=positive_int, default=1, metavar="N", help="extraction worker processes (default 1)")
    p.add_argument("--max-bytes", type=positive_int, default=DEFAULT_MAX_BYTES, metavar="N", help=f"refuse documents over N bytes (default {DEFAULT_MAX_BYTES:,})")
    add_access_options(p)
    p.set_defaults(run=run)


def contract_line(result, contract) -> str:
    """One new contract as a JSON line: the filing it came from and the contract itself."""
    meta = result.filing
    filing = {name: getattr(meta, name) for name in ("accession", "cik", "company", "form", "filed", "url", "source")}
    return json.dumps({"filing": filing, "contract": contract.model_dump(mode="json")})


def contract_summary(result, contract) -> str:
    meta, fee = result.filing, contract.monthly_fee
    parties = f"{contract.provider.name if contract.provider else '?'} -> {contract.customer.name if contract.customer else '?'}"
    money = f", {fee.amount:,.0f} {fee.currency}/month" if fee and fee.amount is not None else ""
    return f"new contract: {meta.company or meta.cik} {meta.form} {meta.accession}: {contract.kind}, {parties}{money}"


def run(args) -> int:
    from extractor.edgar import FilingStore
    from extractor.edgar.fetcher import DEFAULT_EXHIBITS, FetchOptions
    from extractor.edgar.loading import LoadOptions
    from extractor.edgar.watch import Watcher, WatchOptions
    from extractor.errors import UsageError

    check_access_numbers(args)
    if args.interval < 1 and not args.once:
        raise UsageError("--interval must be at least 1 second")
    store = FilingStore(args.store)
    client = make_client(args, cache_dir=store.root / ".cache", command="watch")
    options = WatchOptions(
        forms=frozenset(args.form or DEFAULT_FORMS),
        load=LoadOptions(db=args.db, out=args.out, workers=args.workers, max_bytes=args.max_bytes),
        fetch=FetchOptions(exhibits=DEFAULT_EXHIBITS, max_bytes=args.max_bytes, jobs=args.jobs),
        daily_index=not args.no_daily_index,
    )
    human = sys.stderr.isatty()

    def on_contract(result, contract) -> None:
        print(contract_line(result, contract), flush=True)
        if human:
            log.info(f"watch: {contract_summary(result, contract)}")

    def on_round(report) -> None:
        log.info(f"watch: round: {report.line()}")
        for line in report.warnings[:10] + report.failed[:10]:
            log.info(f"watch: {line}")

    stop = threading.Event()
    watcher = Watcher(client, store, options, on_contract=on_contract, stop=stop)

    def on_signal(signum, frame) -> None:
        if not stop.is_set():
            log.info(f"watch: {signal.Signals(signum).name}: stopping after the filing in hand")
        stop.set()
        client.limiter.close()  # wake a request waiting out a pause or a backoff

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        log.info(f"watch: {', '.join(sorted(options.forms))} into {store.root}" + ("" if args.once else f", every {args.interval:g} s"))
        troubled = watcher.run(interval=args.interval, once=args.once, on_round=on_round,
                               on_error=lambda message: log.warning(f"watch: this round could not read EDGAR: {message}"))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop.is_set():
        log.info("watch: stopped")
        return 0
    return 1 if troubled else 0
