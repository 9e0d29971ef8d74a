"""EDGAR access options shared by the commands that talk to EDGAR (fetch, search, watch, pipeline),
and the run's one client built from them."""

from __future__ import annotations

import logging
import os

ENV_USER_AGENT = "EXTRACTOR_USER_AGENT"
ENV_IDENTITY = "EDGAR_IDENTITY"  # edgartools' variable, honoured when EXTRACTOR_USER_AGENT is unset
ENV_SEC_URL = "EXTRACTOR_SEC_URL"
ENV_DATA_URL = "EXTRACTOR_DATA_URL"
ENV_EFTS_URL = "EXTRACTOR_EFTS_URL"


def add_access_options(p, *, jobs: bool = True) -> None:
    from extractor.edgar.client import DEFAULT_BLOCK_PAUSE, DEFAULT_TIMEOUT
    from extractor.edgar.limiter import DEFAULT_RATE, MAX_RATE

    net = p.add_argument_group("EDGAR access")
    net.add_argument("--user-agent", metavar='"NAME EMAIL"', help=f"required by SEC: your name and email (or {ENV_USER_AGENT}, or {ENV_IDENTITY})")
    net.add_argument("--sec-url", metavar="URL", help=f"base URL of www.sec.gov or a mirror (or {ENV_SEC_URL})")
    net.add_argument("--data-url", metavar="URL", help=f"base URL of data.sec.gov or a mirror (or {ENV_DATA_URL})")
    net.add_argument("--efts-url", metavar="URL", help=f"base URL of efts.sec.gov, the full-text search host, or a mirror (or {ENV_EFTS_URL})")
    net.add_argument("--rate", type=float, default=DEFAULT_RATE, metavar="N", help=f"requests per second across all workers (default {DEFAULT_RATE:g}, at most {MAX_RATE:g})")
    net.add_argument("--block-pause", type=float, default=DEFAULT_BLOCK_PAUSE, metavar="SECONDS", help=f"pause of every worker after an SEC block signal (default {DEFAULT_BLOCK_PAUSE:g})")
    if jobs:
        net.add_argument("--jobs", type=int, default=2, metavar="N", help="filings fetched at once (default 2; the rate limit is shared)")
    net.add_argument("--retries", type=int, default=4, metavar="N", help="retries after 5xx, dropped connections, truncated bodies (default 4)")
    net.add_argument("--backoff", type=float, default=1.0, metavar="SECONDS", help="first retry delay, doubled each time, with jitter (default 1)")
    net.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS", help=f"connect/read timeout (default {DEFAULT_TIMEOUT:g})")


def check_access_numbers(args) -> None:
    from extractor.errors import UsageError

    if args.block_pause < 0 or args.backoff < 0 or args.timeout <= 0:
        raise UsageError("--block-pause and --backoff must be 0 or more, --timeout above 0")
    if getattr(args, "jobs", 1) < 1 or args.retries < 0:
        raise UsageError("--jobs must be at least 1, --retries at least 0")


def make_client(args, *, cache_dir=None, command: str = "fetch"):
    """The run's one HTTP choke point, from the options and the environment."""
    log = logging.getLogger(f"extractor.{command}")
    from extractor.edgar import EdgarClient, EdgarUrls, RateLimiter, RetryPolicy
    from extractor.edgar.cache import ResponseCache
    from extractor.edgar.client import check_user_agent
    from extractor.edgar.urls import DEFAULT_DATA_URL, DEFAULT_EFTS_URL, DEFAULT_SEC_URL, check_base_url

    user_agent = check_user_agent(args.user_agent or os.environ.get(ENV_USER_AGENT) or os.environ.get(ENV_IDENTITY))
    urls = EdgarUrls(
        check_base_url(args.sec_url or os.environ.get(ENV_SEC_URL) or DEFAULT_SEC_URL, "--sec-url"),
        check_base_url(args.data_url or os.environ.get(ENV_DATA_URL) or DEFAULT_DATA_URL, "--data-url"),
        check_base_url(args.efts_url or os.environ.get(ENV_EFTS_URL) or DEFAULT_EFTS_URL, "--efts-url"),
    )
    return EdgarClient(
        user_agent,
        RateLimiter(args.rate),
        urls=urls,
        retry=RetryPolicy(retries=args.retries, backoff=args.backoff),
        timeout=args.timeout,
        block_pause=args.block_pause,
        cache=ResponseCache(cache_dir) if cache_dir is not None else None,
        notify=lambda message: log.info(f"{command}: {message}"),
    )
