"""``extractor fetch``: download filings from EDGAR into the local filing store."""

from __future__ import annotations

import logging
import os
import re
import sys

from extractor.commands import ENV_STORE, env_default
from extractor.commands.access import ENV_DATA_URL, ENV_IDENTITY, ENV_SEC_URL, ENV_USER_AGENT, add_access_options, check_access_numbers, make_client
from extractor.pipeline import DEFAULT_MAX_BYTES

log = logging.getLogger("extractor.fetch")
__all__ = ["ENV_DATA_URL", "ENV_IDENTITY", "ENV_SEC_URL", "ENV_USER_AGENT", "add_parser", "run"]


def add_parser(sub) -> None:
    from extractor.edgar.selection import DEFAULT_FORMS

    p = sub.add_parser(
        "fetch",
        help="download filings from EDGAR into the local filing store",
        description="Download filings (primary document, optionally EX-10 exhibits and the full submission) "
        "into STORE/<cik>/<accession>/ with a filing.json per filing. Complete, verified filings are skipped; "
        "an interrupted run resumes. Extract them afterwards with --extract FILE or `extractor batch STORE`.",
    )
    from extractor.commands.search import add_search_options

    add_search_options(p, query_positional=False)
    which = p.add_argument_group("which filings")
    who = which.add_mutually_exclusive_group()
    who.add_argument("--ticker", metavar="T", help="the company's ticker (looked up in SEC's ticker file)")
    who.add_argument("--cik", metavar="N", help="the company's CIK")
    which.add_argument("--quarter", metavar="YYYY-Qn", help="every filing of the chosen forms in this quarter of the full index")
    which.add_argument("--feed", metavar="YYYY-MM-DD", help="the day's dissemination archive (every submission of the day, one .nc.tar.gz) "
                       "into STORE/feed/; then `extractor batch ARCHIVE --only-form F`")
    which.add_argument("--form", action="append", metavar="F", help=f"form type, repeatable (default: {', '.join(DEFAULT_FORMS)})")
    which.add_argument("--amendments", action="store_true", help="also take the /A amendments of the chosen forms")
    which.add_argument("--since", metavar="YYYY-MM-DD", help="filed on or after this date")
    which.add_argument("--until", metavar="YYYY-MM-DD", help="filed on or before this date")
    which.add_argument("--limit", type=int, metavar="N", help="at most N filings (newest first for a company)")
    what = p.add_argument_group("what to download")
    what.add_argument("--exhibits", nargs="?", const="EX-10,EX-99", default="", metavar="TYPES",
                      help="also the exhibits of these types, comma-separated (alone: EX-10,EX-99, the material contracts "
                      "and press releases; always EX-10,EX-99 at least with --query/--preset)")
    what.add_argument("--full-submission", action="store_true", help="also the full submission .txt")
    what.add_argument("--store", default=env_default(ENV_STORE, os.path.join("output", "filings")), metavar="DIR", help=f"the filing store (default output/filings, or {ENV_STORE})")
    what.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N", help=f"refuse documents over N bytes (default {DEFAULT_MAX_BYTES:,})")
    what.add_argument("--list", action="store_true", help="only list the selected filings (tab-separated), download nothing")
    what.add_argument("--extract", metavar="FILE", help="afterwards, extract every fetched or skipped filing into FILE (JSON Lines)")
    add_access_options(p)
    p.add_argument("--no-cache", action="store_true", help="do not cache indexes and submissions JSON in STORE/.cache")
    p.set_defaults(run=run)


def _client(args, store):
    """The run's one HTTP choke point, from the options and the environment."""
    return make_client(args, cache_dir=None if args.no_cache else store.root / ".cache")


def _check_numbers(args) -> None:
    from extractor.errors import UsageError

    searching = bool(args.query or args.preset)
    if args.feed and (args.ticker or args.cik or args.quarter or searching):
        raise UsageError("--feed takes a whole day of EDGAR: do not combine it with --ticker, --cik, --quarter or --query")
    if not (args.ticker or args.cik or args.quarter or searching or args.feed):
        raise UsageError("say which filings: --ticker T, --cik N, --quarter YYYY-Qn, --query Q, --preset NAME or --feed YYYY-MM-DD")
    if searching and (args.ticker or args.quarter):
        raise UsageError("--query/--preset search all of EDGAR: combine them with --cik, --form and dates, not --ticker or --quarter")
    for kind in (t.strip() for t in args.exhibits.split(",") if t.strip()):
        if not re.fullmatch(r"EX-\d{1,3}(?:\.[0-9A-Z]{1,6})?", kind.upper()):
            raise UsageError(f"--exhibits: not an exhibit type: {kind!r} (e.g. EX-10,EX-99 or EX-99.1)")
    check_access_numbers(args)
    if args.max_bytes < 1:
        raise UsageError("--max-bytes must be at least 1")


def run(args) -> int:
    from extractor.cli import batch_exit_code
    from extractor.edgar import FilingStore
    from extractor.edgar.fetcher import DEFAULT_EXHIBITS, FetchOptions, fetch_filings
    from extractor.edgar.names import cik_option
    from extractor.edgar.progress import make_progress, summary_lines
    from extractor.edgar.selection import build_selection, parse_quarter, select_filings

    _check_numbers(args)
    store = FilingStore(args.store)
    client = _client(args, store)
    if args.feed:
        return _feed(args, client, store)
    cik = cik_option(args.cik) if args.cik else None
    if args.query or args.preset:
        refs = _searched(args, client, cik)
        if not refs:
            log.info("full-text search found no filings")
            return 0
    else:
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
        exhibits = tuple(t.strip() for t in args.exhibits.split(",") if t.strip())
        if args.query or args.preset:  # a search hit is often in an exhibit
            exhibits = tuple(dict.fromkeys(exhibits + DEFAULT_EXHIBITS))
        options = FetchOptions(exhibits=exhibits, full_submission=args.full_submission, max_bytes=args.max_bytes, jobs=args.jobs)
        summary = fetch_filings(client, store, refs, options, on_outcome=progress)
    finally:
        progress.close()
    for line in summary_lines(summary, requests=client.stats.requests):
        print(line)
    failed = summary.count("failed")
    if args.extract:
        failed += _extract(summary, args.extract, max_bytes=args.max_bytes, debug=args.debug)
    return batch_exit_code(len(refs), failed)


def _feed(args, client, store) -> int:
    from extractor.edgar.feed_archive import fetch_feed_archive, parse_day
    from extractor.edgar.progress import human_bytes

    day = parse_day(args.feed)
    log.info(f"fetch: the dissemination archive of {day}")
    archive = fetch_feed_archive(client, store, day)
    how = "verified, already in the store" if archive.status == "skipped" else f"downloaded in {client.stats.requests} requests"
    print(f"{archive.status} {archive.path} ({human_bytes(archive.bytes)}, {how})")
    log.info(f"extract it with: extractor batch {archive.path} --only-form 8-K")
    return 0


def _searched(args, client, cik: str | None):
    """--query/--preset: the filings full-text search finds (the forms asked, with their /A when --amendments)."""
    from extractor.commands.search import search_refs
    from extractor.edgar.selection import expand_forms

    if args.form:
        args.form = sorted(expand_forms(args.form, amendments=args.amendments))
    args.cik_filter = [cik] if cik else None
    return search_refs(args, client, command="fetch")


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
