"""EDGAR's newest filings: the latest-filings Atom feed and the daily index, as FilingRefs.

The Atom feed (``/cgi-bin/browse-edgar?action=getcurrent&output=atom``) lists the
newest filings of one form type, one entry per filer (a filing by two registrants
appears twice). The daily index (``daily-index/YYYY/QTRn/master.YYYYMMDD.idx``)
lists a whole day once the day's dissemination has ended. Both are asked for
uncached: they change between polls. An entry whose accession, CIK or form does
not check out is skipped with a warning, never followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable

import lxml.etree

from extractor.edgar.client import EdgarClient
from extractor.edgar.index import parse_master_index
from extractor.edgar.names import normalize_accession, normalize_cik
from extractor.errors import FetchError, NotFound, UnsafePath
from extractor.types import FilingRef

ATOM = "{http://www.w3.org/2005/Atom}"
FEED_COUNT = 100  # entries per form and poll (SEC's maximum)
MAX_FEED_BYTES = 8 * 1024 * 1024
MAX_DAILY_INDEX_BYTES = 64 * 1024 * 1024
_ACCESSION = re.compile(r"accession-number=(\S+)|AccNo:\s*(\S+)")
_FOLDER_CIK = re.compile(r"/Archives/edgar/data/(\d+)/")
_TITLE = re.compile(r"^(?P<form>.+?) - (?P<company>.+?) \((?P<cik>\d+)\)(?: \((?P<role>[^)]*)\))?\s*$")
_FILED = re.compile(r"Filed:\s*(?:</b>\s*)?(\d{4}-\d{2}-\d{2})")
_FORM = re.compile(r"^[A-Z0-9][A-Z0-9. -]{0,19}(/A)?$")
_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


@dataclass(frozen=True)
class FeedRead:
    refs: tuple[FilingRef, ...]
    warnings: tuple[str, ...] = ()


def _entry_ref(entry) -> FilingRef:
    def text(tag: str) -> str:
        node = entry.find(ATOM + tag)
        return " ".join((node.text or "").split()) if node is not None else ""

    title, summary, entry_id = text("title"), text("summary"), text("id")
    link = entry.find(ATOM + "link")
    href = link.get("href", "") if link is not None else ""
    category = entry.find(ATOM + "category")
    found = _ACCESSION.search(entry_id) or _ACCESSION.search(summary)
    if not found:
        raise UnsafePath(f"entry {title[:60]!r} has no accession number")
    accession = normalize_accession(found.group(1) or found.group(2))
    titled = _TITLE.match(title)
    folder = _FOLDER_CIK.search(href)
    cik = normalize_cik(folder.group(1) if folder else titled.group("cik") if titled else "")
    form = ((category.get("term", "") if category is not None else "") or (titled.group("form") if titled else "")).strip().upper()
    if not _FORM.match(form):
        raise UnsafePath(f"entry {accession} has no form type")
    filed = _FILED.search(summary)
    return FilingRef(
        cik=cik, accession=accession, form=form, filed=filed.group(1) if filed else None,
        company=titled.group("company")[:300] if titled else None,
    )


def parse_atom_feed(body: bytes) -> FeedRead:
    """The entries of a latest-filings feed, one ref per filing (the first filer listed)."""
    try:
        root = lxml.etree.fromstring(body, _PARSER)
    except lxml.etree.XMLSyntaxError as exc:
        raise FetchError(f"the latest-filings feed is not XML ({str(exc)[:120]})") from None
    if root is None or root.tag != ATOM + "feed":
        raise FetchError("the latest-filings feed is not an Atom feed")
    refs, warnings, seen = [], [], set()
    for entry in root.iter(ATOM + "entry"):
        try:
            ref = _entry_ref(entry)
        except UnsafePath as exc:
            warnings.append(f"skipped a malformed feed entry: {exc.message}")
            continue
        if ref.accession not in seen:
            seen.add(ref.accession)
            refs.append(ref)
    return FeedRead(tuple(refs), tuple(warnings))


def read_latest(client: EdgarClient, forms: Iterable[str], *, count: int = FEED_COUNT) -> FeedRead:
    refs, warnings = [], []
    for form in sorted(forms):
        url = client.urls.latest_filings_feed(form, count)
        read = parse_atom_feed(client.get_bytes(url, max_bytes=MAX_FEED_BYTES))
        refs += [ref for ref in read.refs if ref.form in forms]  # the feed's type= is a prefix match
        warnings += read.warnings
    return FeedRead(tuple(refs), tuple(warnings))


def read_daily_index(client: EdgarClient, day: date) -> tuple[FilingRef, ...]:
    """The day's filings, or () while the day's index is not published yet (404)."""
    try:
        body = client.get_bytes(client.urls.daily_index(day), max_bytes=MAX_DAILY_INDEX_BYTES)
    except NotFound:
        return ()
    refs = []
    for ref in parse_master_index(body.decode("latin-1")):
        try:
            refs.append(FilingRef(cik=normalize_cik(ref.cik or ""), accession=normalize_accession(ref.accession or ""),
                                  form=(ref.form or "").upper(), filed=ref.filed, company=ref.company))
        except UnsafePath:
            continue
    return tuple(refs)


def edgar_today(now: datetime | None = None) -> date:
    """The date in Washington, where EDGAR's days begin and end."""
    try:
        from zoneinfo import ZoneInfo

        return (now or datetime.now(ZoneInfo("America/New_York"))).date()
    except Exception:  # no time zone data: UTC is at most a few hours off
        return (now or datetime.utcnow()).date()


def index_days(today: date) -> tuple[date, date]:
    """The daily indexes a poll reads: yesterday's (published overnight) and today's (once out)."""
    return today - timedelta(days=1), today
