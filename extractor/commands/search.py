"""``extractor search``: EDGAR full-text search, every page and every date range, as a table or JSON Lines."""

from __future__ import annotations

import logging
import json
import sys

from extractor.commands import form_name, positive_int
from extractor.commands.access import add_access_options, check_access_numbers, make_client

log = logging.getLogger("extractor.search")


def add_search_options(p, *, query_positional: bool) -> None:
    """Which filings full-text search should find (shared with fetch --query and pipeline)."""
    from extractor.edgar.efts import HIT_CAP

    group = p.add_argument_group("full-text search")
    if query_positional:
        group.add_argument("query", nargs="?", metavar="QUERY", help='EDGAR full-text query, e.g. \'"compute capacity" GPU\' (quoted phrases)')
    else:
        group.add_argument("--query", metavar="QUERY", help="fetch the filings EDGAR full-text search finds for QUERY")
    group.add_argument("--preset", metavar="NAME", help="a built-in query set instead of QUERY: compute (compute, GPU, cloud and data-center capacity deals)")
    group.add_argument("--hit-cap", type=positive_int, default=HIT_CAP, metavar="N",
                       help=f"the server's deep-paging cap; a date range with this many hits is split (default {HIT_CAP:,})")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "search",
        help="find filings with EDGAR full-text search (2001 onwards)",
        description="Ask EDGAR full-text search and print every hit: accession, form, filed, company, CIK, document. "
        "Pages to the end and splits the date range by itself when a range holds more hits than the server "
        "lets one query page through, then says how many hits it saw of how many the server reported.",
    )
    add_search_options(p, query_positional=True)
    which = p.add_argument_group("which filings")
    which.add_argument("--form", action="append", type=form_name, metavar="F", help="form type, repeatable (default: any; a preset's own forms)")
    which.add_argument("--since", metavar="YYYY-MM-DD", help="filed on or after this date (default 2001-01-01)")
    which.add_argument("--until", metavar="YYYY-MM-DD", help="filed on or before this date (default today)")
    which.add_argument("--cik", action="append", metavar="N", help="only this company's filings, repeatable")
    which.add_argument("--limit", type=positive_int, metavar="N", help="stop after N hits")
    p.add_argument("--json", action="store_true", help="JSON Lines, one hit per line, instead of a table")
    add_access_options(p, jobs=False)
    p.set_defaults(run=run)


def queries_from(args, query: str | None):
    from extractor.edgar.efts import build_queries
    from extractor.edgar.names import cik_option

    ciks = tuple(cik_option(cik) for cik in (getattr(args, "cik_filter", None) or ()))
    return build_queries(query, args.preset, forms=args.form, since=args.since, until=args.until, ciks=ciks)


def hit_json(hit, urls) -> str:
    return json.dumps({
        "accession": hit.accession, "form": hit.form, "filed": hit.filed, "company": hit.company, "cik": hit.cik,
        "document": hit.document, "file_type": hit.file_type, "url": urls.document(hit.cik, hit.accession, hit.document),
    })


def _row(hit) -> str:
    company = (hit.company or "")[:40]
    return f"{hit.accession:<20}  {hit.form:<8}  {hit.filed:<10}  {company:<40}  {hit.cik:>10}  {hit.document}"


def report_search(result, stream=None, *, command: str = "search") -> None:
    stream = stream or sys.stderr
    print(f"{command}: {result.line()}", file=stream, flush=True)
    for warning in result.warnings:
        print(f"{command}: warning: {warning}", file=stream)
    for reason in result.refused[:20]:
        print(f"{command}: refused a hit: {reason}", file=stream)
    if len(result.refused) > 20:
        print(f"{command}: ... and {len(result.refused) - 20} more refused hits", file=stream)


def search_refs(args, client, *, command: str):
    """The filings full-text search finds for ``--query``/``--preset`` (one ref per filing, newest range first)."""
    from extractor.edgar.efts import filing_refs, search

    queries = queries_from(args, args.query)
    log.info(f"{command}: asking EDGAR full-text search ({len(queries)} quer{'y' if len(queries) == 1 else 'ies'})")
    result = search(client, queries, cap=args.hit_cap, limit=args.limit)
    report_search(result, command=command)
    refs = filing_refs(result.hits)
    return refs[: args.limit] if args.limit else refs


def run(args) -> int:
    from extractor.edgar.efts import search

    check_access_numbers(args)
    args.cik_filter = args.cik
    queries = queries_from(args, args.query)
    client = make_client(args, command="search")
    if args.json:
        def show(hit):
            print(hit_json(hit, client.urls), flush=True)
    else:
        print(f"{'accession':<20}  {'form':<8}  {'filed':<10}  {'company':<40}  {'CIK':>10}  document")

        def show(hit):
            print(_row(hit), flush=True)
    result = search(client, queries, cap=args.hit_cap, limit=args.limit, on_hit=show)
    report_search(result)
    return 0
