"""``extractor fetch``: download filings from EDGAR into the local filing store."""

from __future__ import annotations

import logging
import os
import re
import sys

from extractor.commands import ENV_STORE, env_default
from extractor.pipeline import DEFAULT_MAX_BYTES

log = logging.getLogger("extractor.fetch")
ENV_USER_AGENT = "EXTRACTOR_USER_AGENT"
ENV_IDENTITY = "EDGAR_IDENTITY"  # edgartools' variable, honoured when EXTRACTOR_USER_AGENT is unset
ENV_SEC_URL = "EXTRACTOR_SEC_URL"
ENV_DATA_URL = "EXTRACTOR_DATA_URL"


def add_parser(sub) -> None:
    from extractor.edgar.client import DEFAULT_BLOCK_PAUSE, DEFAULT_TIMEOUT
    from extractor.edgar.limiter import DEFAULT_RATE, MAX_RATE
    from extractor.edgar.selection import DEFAULT_FORMS

    p = sub.add_parser(
        "fetch",
        help="download filings from EDGAR into the local filing store",
        description="Download filings (primary document, optionally EX-10 exhibits and the full submission) "
        "into STORE/<cik>/<accession>/ with a filing.json per filing. Complete, verified filings are skipped; "
        "an interrupted run resumes. Extract them afterwards with --extract FILE or `extractor batch STORE`.",
    )
    which = p.add_argument_group("which filings")
    who = which.add_mutually_exclusive_group()
    who.add_argument("--ticker", metavar="T", help="the company's ticker (looked up in SEC's ticker file)")
    who.add_argument("--cik", metavar="N", help="the company's CIK")
    which.add_argument("--quarter", metavar="YYYY-Qn", help="every filing of the chosen forms in this quarter of the full index")
    which.add_argument("--form", action="append", metavar="F", help=f"form type, repeatable (default: {', '.join(DEFAULT_FORMS)})")
    which.add_argument("--amendments", action="store_true", help="also take the /A amendments of the chosen forms")
    which.add_argument("--since", metavar="YYYY-MM-DD", help="filed on or after this date")
    which.add_argument("--until", metavar="YYYY-MM-DD", help="filed on or before this date")
    which.add_argument("--limit", type=int, metavar="N", help="at most N filings (newest first for a company)")
    what = p.add_argument_group("what to download")
    what.add_argument("--exhibits", nargs="?", const="EX-10,EX-99", default="", metavar="TYPES",
                      help="also the exhibits of these types, comma-separated (alone: EX-10,EX-99, the material contracts and press releases)")
    what.add_argument("--full-submission", action="store_true", help="also the full submission .txt")
    what.add_argument("--store", default=env_default(ENV_STORE, os.path.join("output", "filings")), metavar="DIR", help=f"the filing store (default output/filings, or {ENV_STORE})")
    what.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N", help=f"refuse documents over N bytes (default {DEFAULT_MAX_BYTES:,})")
    what.add_argument("--list", action="store_true", help="only list the selected filings (tab-separated), download nothing")
    what.add_argument("--extract", metavar="FILE", help="afterwards, extract every fetched or skipped filing into FILE (JSON Lines)")
    net = p.add_argument_group("EDGAR access")
    net.add_argument("--user-agent", metavar='"NAME EMAIL"', help=f"required by SEC: your name and email (or {ENV_USER_AGENT}, or {ENV_IDENTITY})")
    net.add_argument("--sec-url", metavar="URL", help=f"base URL of www.sec.gov or a mirror (or {ENV_SEC_URL})")
    net.add_argument("--data-url", metavar="URL", help=f"base URL of data.sec.gov or a mirror (or {ENV_DATA_URL})")
    net.add_argument("--rate", type=float, default=DEFAULT_RATE, metavar="N", help=f"requests per second across all workers (default {DEFAULT_RATE:g}, at most {MAX_RATE:g})")
    net.add_argument("--block-pause", type=float, default=DEFAULT_BLOCK_PAUSE, metavar="SECONDS", help=f"pause of every worker after an SEC block signal (default {DEFAULT_BLOCK_PAUSE:g})")
    net.add_argument("--jobs", type=int, default=2, metavar="N", help="filings fetched at once (default 2; the rate limit is shared)")
    net.add_argument("--retries", type=int, default=4, metavar="N", help="retries after 5xx, dropped connections, truncated bodies (default 4)")
    net.add_argument("--backoff", type=float, default=1.0, metavar="SECONDS", help="first retry delay, doubled each time, with jitter (default 1)")
    net.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS", help=f"connect/read timeout (default {DEFAULT_TIMEOUT:g})")
    net.add_argument("--no-cache", action="store_true", help="do not cache indexes and submissions JSON in STORE/.cache")
    p.set_defaults(run=run)


def _client(args, store):
    """The run's one HTTP choke point, from the options and the environment."""
    from extractor.edgar import EdgarClient, EdgarUrls, RateLimiter, RetryPolicy
    from extractor.edgar.cache import ResponseCache
    from extractor.edgar.client import check_user_agent
    from extractor.edgar.urls import DEFAULT_DATA_URL, DEFAULT_SEC_URL, check_base_url

    user_agent = check_user_agent(args.user_agent or os.environ.get(ENV_USER_AGENT) or os.environ.get(ENV_IDENTITY))
    urls = EdgarUrls(
        check_base_url(args.sec_url or os.environ.get(ENV_SEC_URL) or DEFAULT_SEC_URL, "--sec-url"),
        check_base_url(args.data_url or os.environ.get(ENV_DATA_URL) or DEFAULT_DATA_URL, "--data-url"),
    )
    return EdgarClient(
        user_agent,
        RateLimiter(args.rate),
        urls=urls,
        retry=RetryPolicy(retries=args.retries, backoff=args.backoff),
        timeout=args.timeout,
        block_pause=args.block_pause,
        cache=None if args.no_cache else ResponseCache(store.root / ".cache"),
        notify=lambda message: log.info(f"fetch: {message}"),
    )


def _check_numbers(args) -> None:
    from extractor.errors import UsageError

    if not (args.ticker or args.cik or args.quarter):
        raise UsageError("say which filings: --ticker T, --cik N or --quarter YYYY-Qn")
    if args.block_pause < 0 or args.backoff < 0 or args.timeout <= 0:
        raise UsageError("--block-pause and --backoff must be 0 or more, --timeout above 0")
    for kind in (t.strip() for t in args.exhibits.split(",") if t.strip()):
        if not re.fullmatch(r"EX-\d{1,3}(?:\.[0-9A-Z]{1,6})?", kind.upper()):
            raise UsageError(f"--exhibits: not an exhibit type: {kind!r} (e.g. EX-10,EX-99 or EX-99.1)")
    if args.jobs < 1 or args.retries < 0 or args.max_bytes < 1:
        raise UsageError("--jobs and --max-bytes must be at least 1, --retries at least 0")


def run(args) -> int:
    from extractor.cli import batch_exit_code
    from extractor.edgar import FilingStore
    from extractor.edgar.fetcher import FetchOptions, fetch_filings
    from extractor.edgar.names import cik_option
    from extractor.edgar.progress import make_progress, summary_lines
    from extractor.edgar.selection import build_selection, parse_quarter, select_filings

    _check_numbers(args)
    store = FilingStore(args.store)
    client = _client(args, store)
    cik = cik_option(args.cik) if args.cik else None
    quarter = parse_quarter(args.quarter) if args.quarter else None
    selection = build_selection(args.form, amendments=args.amendments, since=args.since, until=args.until, limit=args.limit)
    source = f"the {args.quarter} full index" if quarter else f"the filings of {args.ticker or 'CIK ' + cik}"
    log.info(f"fetch: reading {source}")
    refs = select_filings(client, selection, cik=cik, ticker=args.ticker, quarter=quarter)
    if not refs:
        log.info(f"no filings of {', '.join(sorted(selection.forms))} matched")
        return 0
    if args.list:
        for ref in refs:
            print("\t".join(str(value or "") for value in (ref.cik, ref.accession, ref.form, ref.filed, ref.company)))
        return 0
    log.info(f"fetch: {len(refs)} filings into {store.root}")
    progress = make_progress(len(refs), quiet=getattr(args, "verbosity", 0) < 0)
    try:
        options = FetchOptions(exhibits=tuple(t for t in args.exhibits.split(",") if t.strip()), full_submission=args.full_submission, max_bytes=args.max_bytes, jobs=args.jobs)
        summary = fetch_filings(client, store, refs, options, on_outcome=progress)
    finally:
        progress.close()
    for line in summary_lines(summary, requests=client.stats.requests):
        print(line)
    failed = summary.count("failed")
    if args.extract:
        failed += _extract(summary, args.extract, max_bytes=args.max_bytes, debug=args.debug)
    return batch_exit_code(len(refs), failed)


def _extract(summary, path: str, *, max_bytes: int, debug: bool) -> int:
    """Extract every fetched or skipped filing into ``path`` (JSON Lines, atomically); return failures."""
    from extractor.atomic import atomic_open
    from extractor.edgar.extraction import extract_stored
    from extractor.edgar.store import FilingStore, stored_filing
    from extractor.errors import ExtractorError

    failed, written = 0, 0
    with atomic_open(path, "w", encoding="utf-8") as out:
        for outcome in summary.outcomes:
            if outcome.folder is None:
                continue
            try:
                record = FilingStore(outcome.folder.parent.parent).load(outcome.folder)
                result = extract_stored(stored_filing(outcome.folder, record), max_bytes=max_bytes)
            except ExtractorError as exc:
                if debug:
                    raise
                failed += 1
                print(f"extractor: error: extract {outcome.ref.accession}: {exc}", file=sys.stderr)
                continue
            out.write(result.model_dump_json() + "\n")
            written += 1
    print(f"extracted {written} filings into {path}" + (f", {failed} failed" if failed else ""))
    return failed
