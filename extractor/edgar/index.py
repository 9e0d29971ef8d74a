"""EDGAR's listings: the ticker file, submissions JSON (with paging), the full index, filing indexes.

Parsers are plain functions over the bytes/JSON so they can be tested on the
real samples; the ``read_*`` / ``iter_*`` functions ask the client for them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator

import lxml.html

from extractor.edgar.client import EdgarClient, parse_json
from extractor.edgar.names import safe_document_name
from extractor.errors import FetchError, NotFound
from extractor.types import FilingRef


@dataclass(frozen=True)
class IndexedDocument:
    """One document of a filing as its index lists it (``name`` is empty in some pre-2001 indexes)."""

    name: str
    size: int | None = None
    type: str | None = None
    description: str | None = None
    sequence: int | None = None


@dataclass(frozen=True)
class FilingIndex:
    """``listing``: the folder's files (index.json); ``documents``: the typed table of ``-index.html``."""

    listing: tuple[IndexedDocument, ...]
    documents: tuple[IndexedDocument, ...] = ()

    def size_of(self, name: str) -> int | None:
        for item in self.listing:
            if item.name == name:
                return item.size
        return None

    def lists(self, name: str) -> bool:
        return any(item.name == name for item in self.listing)


# -- tickers -----------------------------------------------------------------------


def parse_tickers(payload: Any) -> dict[str, str]:
    """Ticker (upper case) -> CIK from ``company_tickers.json`` or ``company_tickers_exchange.json``."""
    tickers: dict[str, str] = {}
    if isinstance(payload, dict) and "fields" in payload and "data" in payload:
        fields = list(payload["fields"])
        rows = ({"cik_str": row[fields.index("cik")], "ticker": row[fields.index("ticker")]} for row in payload["data"])
    elif isinstance(payload, dict):
        rows = payload.values()
    else:
        raise FetchError("the ticker file has an unknown shape")
    for row in rows:
        if isinstance(row, dict) and row.get("ticker") and row.get("cik_str") is not None:
            tickers.setdefault(str(row["ticker"]).upper(), str(int(row["cik_str"])))
    return tickers


def resolve_ticker(client: EdgarClient, ticker: str) -> str:
    tickers = client.get_parsed(client.urls.tickers(), lambda body: parse_tickers(parse_json(body)))
    cik = tickers.get(ticker.strip().upper())
    if cik is None:
        raise NotFound(f"ticker {ticker!r} is not in SEC's ticker file (try --cik)")
    return cik


# -- submissions JSON --------------------------------------------------------------


def parse_submission_columns(columns: dict[str, list], *, cik: str, company: str | None) -> Iterator[FilingRef]:
    """The column arrays of ``filings.recent`` (or of a ``-submissions-NNN.json`` page) as FilingRefs."""
    accessions = columns.get("accessionNumber") or []
    forms = columns.get("form") or []
    dates = columns.get("filingDate") or []
    primaries = columns.get("primaryDocument") or []
    if not (len(accessions) == len(forms) == len(dates)):
        raise FetchError("submissions JSON columns have different lengths")
    for i, accession in enumerate(accessions):
        primary = primaries[i] if i < len(primaries) else None
        yield FilingRef(
            cik=cik, accession=str(accession), form=str(forms[i]), filed=str(dates[i]) or None,
            company=company, primary_document=primary or None,
        )


def iter_submissions(client: EdgarClient, cik: str, *, since: str | None = None) -> Iterator[FilingRef]:
    """Every filing of a company, newest first, following ``filings.files`` paging.

    Older pages whose ``filingTo`` is before ``since`` are not requested.
    """
    try:
        payload = client.get_json(client.urls.submissions(cik))
    except NotFound:
        raise NotFound(f"EDGAR has no filings for CIK {cik} (is the CIK right?)", source=client.urls.submissions(cik)) from None
    try:
        company = payload.get("name")
        filings = payload["filings"]
        yield from parse_submission_columns(filings["recent"], cik=cik, company=company)
        pages = filings.get("files") or []
    except (KeyError, TypeError, AttributeError):
        raise FetchError("submissions JSON without filings.recent", source=client.urls.submissions(cik)) from None
    for page in pages:
        if since and str(page.get("filingTo", "9999")) < since:
            continue
        columns = client.get_json(client.urls.submissions_page(safe_document_name(str(page["name"]))))
        yield from parse_submission_columns(columns, cik=cik, company=company)


# -- full index --------------------------------------------------------------------


def _iso_date(text: str) -> str:
    text = text.strip()
    if len(text) == 8 and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text


def parse_master_index(text: str) -> Iterator[FilingRef]:
    """Rows of a ``master.idx`` (``CIK|Company Name|Form Type|Date Filed|Filename``) as FilingRefs."""
    started = False
    for line in text.splitlines():
        if not started:
            started = line.startswith("-----")
            continue
        parts = line.split("|")
        if len(parts) != 5:
            continue
        cik, company, form, filed, filename = (part.strip() for part in parts)
        accession = filename.rsplit("/", 1)[-1].removesuffix(".txt")
        yield FilingRef(cik=cik, accession=accession, form=form, filed=_iso_date(filed), company=company)


FULL_INDEX_MAX_BYTES = 512 * 1024 * 1024  # a quarter's master.idx is tens of MB


def iter_full_index(client: EdgarClient, year: int, quarter: int) -> Iterator[FilingRef]:
    url = client.urls.full_index(year, quarter)
    try:
        refs = client.get_parsed(url, _parse_master_bytes, max_bytes=FULL_INDEX_MAX_BYTES)
    except NotFound:
        raise NotFound(f"EDGAR has no full index for {year} Q{quarter} (yet?)", source=url) from None
    yield from refs


def _parse_master_bytes(body: bytes) -> list[FilingRef]:
    refs = list(parse_master_index(body.decode("latin-1")))
    if not refs and b"|" not in body:
        raise FetchError("not a master.idx (no CIK|Company|Form|Date|Filename rows)")
    return refs


# -- a filing's own index ----------------------------------------------------------


def _size(value: Any) -> int | None:
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def parse_index_json(body: bytes) -> tuple[IndexedDocument, ...]:
    """The files listed by a filing folder's ``index.json``."""
    try:
        items = json.loads(body)["directory"]["item"]
        return tuple(IndexedDocument(name=str(item["name"]), size=_size(item.get("size", ""))) for item in items)
    except (ValueError, KeyError, TypeError):
        raise FetchError("index.json is not a directory listing") from None


def parse_index_html(body: bytes) -> tuple[IndexedDocument, ...]:
    """The typed rows (seq, description, document, type, size) of a ``-index.html`` page."""
    try:
        tree = lxml.html.fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return ()
    documents = []
    for table in tree.xpath('//table[contains(concat(" ", @class, " "), " tableFile ")]'):
        for row in table.xpath("./tr[td]"):
            cells = row.xpath("./td")
            if len(cells) < 5:
                continue
            texts = [" ".join(cell.text_content().split()) for cell in cells]
            links = cells[2].xpath(".//a")
            name = " ".join(links[0].text_content().split()) if links else texts[2]
            doc_type = texts[3] or None
            if doc_type is None:
                continue  # the "Complete submission text file" row
            documents.append(
                IndexedDocument(
                    name=name, size=_size(texts[4]), type=doc_type, description=texts[1] or None,
                    sequence=_size(texts[0]),
                )
            )
    return tuple(documents)


def read_filing_index(client: EdgarClient, cik: str, accession: str) -> FilingIndex:
    """index.json (required) plus the typed table of ``-index.html`` (when the server has it)."""
    listing = client.get_parsed(client.urls.filing_index_json(cik, accession), parse_index_json)
    try:
        documents = client.get_parsed(client.urls.filing_index_html(cik, accession), parse_index_html)
    except NotFound:
        documents = ()
    return FilingIndex(listing=listing, documents=documents)
