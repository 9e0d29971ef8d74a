"""EDGAR access: the HTTP client (the one choke point), listings, selection and the filing store.

    limiter = RateLimiter(5)
    client = EdgarClient("Name you@example.com", limiter, urls=EdgarUrls(sec_url, data_url))
    refs = select_filings(client, build_selection(["10-K"]), cik="320193")
    summary = fetch_filings(client, FilingStore("output/filings"), refs)
    for filing in iter_store("output/filings"): ...
"""

from extractor.edgar.client import EdgarClient, RetryPolicy, check_user_agent
from extractor.edgar.fetcher import FetchOptions, FetchOutcome, FetchSummary, fetch_filing, fetch_filings
from extractor.edgar.limiter import RateLimiter
from extractor.edgar.selection import Selection, build_selection, parse_quarter, select_filings
from extractor.edgar.store import FilingRecord, FilingStore, StoredFiling, iter_store
from extractor.edgar.urls import DEFAULT_DATA_URL, DEFAULT_SEC_URL, EdgarUrls

__all__ = [
    "DEFAULT_DATA_URL", "DEFAULT_SEC_URL", "EdgarClient", "EdgarUrls", "FetchOptions", "FetchOutcome",
    "FetchSummary", "FilingRecord", "FilingStore", "RateLimiter", "RetryPolicy", "Selection", "StoredFiling",
    "build_selection", "check_user_agent", "fetch_filing", "fetch_filings", "iter_store", "parse_quarter",
    "select_filings",
]
