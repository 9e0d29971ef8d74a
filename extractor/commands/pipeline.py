"""``extractor pipeline``: full-text search -> fetch -> extract -> database, in one step, incremental on re-run."""

from __future__ import annotations

import logging
import os

from extractor.batch.defaults import DEFAULT_OUT
from extractor.commands import form_name, positive_int
from extractor.commands.access import add_access_options, check_access_numbers, make_client
from extractor.pipeline import DEFAULT_MAX_BYTES
from extractor.sinks import DEFAULT_DB

log = logging.getLogger("extractor.pipeline")


def add_parser(sub) -> None:
    from extractor.commands.search import add_search_options

    p = sub.add_parser(
        "pipeline",
        help="search EDGAR, fetch what it finds, extract and load the database, in one step",
        description="Ask EDGAR full-text search (--query or --preset), fetch every filing found (with its EX-10 "
        "exhibits) into the store, extract them and load --db and --out. A re-run fetches only new or damaged "
        "filings and extracts only filings not yet processed by this extractor version.",
    )
    add_search_options(p, query_positional=False)
    which = p.add_argument_group("which filings")
    which.add_argument("--form", action="append", type=form_name, metavar="F", help="form type, repeatable (default: any; a preset's own forms)")
    which.add_argument("--since", metavar="YYYY-MM-DD", help="filed on or after this date (default 2001-01-01)")
    which.add_argument("--until", metavar="YYYY-MM-DD", help="filed on or before this date (default today)")
    which.add_argument("--cik", action="append", metavar="N", help="only this company's filings, repeatable")
    which.add_argument("--limit", type=positive_int, metavar="N", help="at most N filings")
    where = p.add_argument_group("where results go")
    where.add_argument("--store", default=os.path.join("output", "filings"), metavar="DIR", help="the filing store (default output/filings)")
    where.add_argument("--db", default=DEFAULT_DB, metavar="URL", help=f"database URL (default {DEFAULT_DB})")
    where.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="JSON Lines folder (default output/)")
    where.add_argument("--workers", type=positive_int, default=1, metavar="N", help="extraction worker processes (default 1)")
    where.add_argument("--max-bytes", type=positive_int, default=DEFAULT_MAX_BYTES, metavar="N", help=f"refuse documents over N bytes (default {DEFAULT_MAX_BYTES:,})")
    add_access_options(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from extractor.cli import batch_exit_code
    from extractor.commands.search import search_refs
    from extractor.edgar import FilingStore
    from extractor.edgar.fetcher import DEFAULT_EXHIBITS, FetchOptions, fetch_filings
    from extractor.edgar.loading import LoadOptions, load_stored
    from extractor.edgar.progress import make_progress, summary_lines
    from extractor.errors import UsageError

    check_access_numbers(args)
    if not (args.query or args.preset):
        raise UsageError("say what to search for: --query QUERY or --preset NAME")
    args.cik_filter = args.cik
    store = FilingStore(args.store)
    client = make_client(args, cache_dir=store.root / ".cache", command="pipeline")
    refs = search_refs(args, client, command="pipeline")
    if not refs:
        print("pipeline: full-text search found no filings")
        return 0
    log.info(f"pipeline: {len(refs)} filings into {store.root}")
    progress = make_progress(len(refs))
    try:
        options = FetchOptions(exhibits=DEFAULT_EXHIBITS, max_bytes=args.max_bytes, jobs=args.jobs)
        fetched = fetch_filings(client, store, refs, options, on_outcome=progress)
    finally:
        progress.close()
    for line in summary_lines(fetched, requests=client.stats.requests):
        print(f"pipeline: {line}")
    folders = [outcome.folder for outcome in fetched.outcomes if outcome.folder is not None]
    loaded = load_stored(folders, LoadOptions(db=args.db, out=args.out, workers=args.workers, max_bytes=args.max_bytes))
    print(f"pipeline: {loaded.line()}")
    return batch_exit_code(len(refs), fetched.count("failed") + loaded.failed)
