"""Where EDGAR's files live, relative to two base URLs (a mirror or a test server can stand in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode, urlsplit

from extractor.errors import UsageError

DEFAULT_SEC_URL = "https://www.sec.gov"
DEFAULT_DATA_URL = "https://data.sec.gov"
DEFAULT_EFTS_URL = "https://efts.sec.gov"
ARCHIVES_PREFIX = "/Archives/edgar/data/"


def check_base_url(url: str, option: str) -> str:
    """``http(s)://host[:port][/path]`` without a trailing slash, or a UsageError naming the option."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise UsageError(f"{option} must be an http(s) URL such as {DEFAULT_SEC_URL}, not {url!r}")
    return url.strip().rstrip("/")


@dataclass(frozen=True)
class EdgarUrls:
    """Every URL the fetcher asks for. ``cik`` is the unpadded number, ``accession`` has dashes."""

    sec_url: str = DEFAULT_SEC_URL
    data_url: str = DEFAULT_DATA_URL
    efts_url: str = DEFAULT_EFTS_URL

    def tickers(self) -> str:
        return f"{self.sec_url}/files/company_tickers.json"

    def submissions(self, cik: str) -> str:
        return f"{self.data_url}/submissions/CIK{int(cik):010d}.json"

    def submissions_page(self, name: str) -> str:
        return f"{self.data_url}/submissions/{quote(name)}"

    def full_index(self, year: int, quarter: int) -> str:
        return f"{self.sec_url}/Archives/edgar/full-index/{year}/QTR{quarter}/master.idx"

    def filing_folder(self, cik: str, accession: str) -> str:
        return f"{self.sec_url}{ARCHIVES_PREFIX}{int(cik)}/{accession.replace('-', '')}"

    def filing_index_json(self, cik: str, accession: str) -> str:
        return f"{self.filing_folder(cik, accession)}/index.json"

    def filing_index_html(self, cik: str, accession: str) -> str:
        return f"{self.filing_folder(cik, accession)}/{accession}-index.html"

    def document(self, cik: str, accession: str, name: str) -> str:
        return f"{self.filing_folder(cik, accession)}/{quote(name)}"

    def full_text_search(self, params: dict[str, str]) -> str:
        """EDGAR full-text search: ``q``, ``forms``, ``dateRange``/``startdt``/``enddt``, ``ciks``, ``from``."""
        return f"{self.efts_url}/LATEST/search-index?{urlencode(params)}"

    def latest_filings_feed(self, form: str, count: int = 100) -> str:
        """The latest-filings Atom feed for one form type (newest first)."""
        query = {"action": "getcurrent", "type": form, "company": "", "dateb": "", "owner": "include",
                 "start": "0", "count": str(count), "output": "atom"}
        return f"{self.sec_url}/cgi-bin/browse-edgar?{urlencode(query)}"

    def daily_index(self, day: date) -> str:
        """The day's ``master.YYYYMMDD.idx`` (published after the day's dissemination ends)."""
        return f"{self.sec_url}/Archives/edgar/daily-index/{day.year}/QTR{quarter_of(day)}/master.{day:%Y%m%d}.idx"

    def feed_archive(self, day: date) -> str:
        """The day's dissemination archive: one tar of ``.nc`` submissions, gzipped."""
        return f"{self.sec_url}/Archives/edgar/Feed/{day.year}/QTR{quarter_of(day)}/{day:%Y%m%d}.nc.tar.gz"

    def is_archive(self, url: str) -> bool:
        """Archive files never change once filed, so they may be cached for good."""
        return url.startswith(self.sec_url + ARCHIVES_PREFIX)


def full_submission_name(accession: str) -> str:
    """The name of a filing's complete submission text file in its folder."""
    return f"{accession}.txt"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1
