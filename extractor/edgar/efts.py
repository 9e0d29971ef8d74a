"""EDGAR full-text search (the efts host's ``/LATEST/search-index``), over the one HTTP client.

The endpoint answers Elasticsearch-style JSON, 100 hits a page, and refuses to
page past a cap (10,000 hits on SEC). ``search`` pages each date range to its
end; a range whose total reaches the cap is split in two (newest half first),
and again, until every piece fits, so nothing is silently dropped. A single day
that still holds more than the cap is paged to the cap and said so in
``warnings``. Hits are typed (``SearchHit``), deduplicated by accession and
document, and every value that will become a path or a URL is checked first:
a hit with a malformed accession, CIK, form, date or a document name with path
parts is refused (counted in ``refused``), never followed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from importlib import resources
from typing import Any, Callable, Iterable

from extractor.edgar.client import EdgarClient, parse_json
from extractor.edgar.names import normalize_accession, normalize_cik, safe_document_name
from extractor.errors import FetchError, UnsafePath, UsageError
from extractor.types import FilingRef

HIT_CAP = 10_000  # SEC refuses ``from`` at or past this
FIRST_DAY = date(2001, 1, 1)  # full-text search covers 2001 onwards
MAX_PAGE_BYTES = 16 * 1024 * 1024  # a page of 100 hits is a few hundred KB
MAX_PAGES = 1_000  # per range: a server that never ends its pages is stopped
_FORM_RE = re.compile(r"^[A-Z0-9][A-Z0-9. -]{0,19}(/A)?$")
_DISPLAY_CIK = re.compile(r"\s*\(CIK \d+\)\s*$")


@dataclass(frozen=True)
class SearchQuery:
    """One full-text query: ``q`` in EDGAR's syntax (quoted phrases), forms, dates, companies."""

    q: str
    forms: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    ciks: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchHit:
    """One document of one filing that matched."""

    accession: str
    document: str
    form: str
    filed: str
    cik: str
    company: str | None = None
    file_type: str | None = None  # the document's own type (8-K, EX-99.1, ...)

    @property
    def key(self) -> tuple[str, str]:
        return self.accession, self.document

    def ref(self) -> FilingRef:
        """The filing (not the matching document: fetch reads the filing's index to choose)."""
        return FilingRef(cik=self.cik, accession=self.accession, form=self.form, filed=self.filed, company=self.company)


@dataclass
class SearchResult:
    hits: list[SearchHit] = field(default_factory=list)
    reported: int = 0  # what the server reported, summed over the ranges that were paged
    at_least: bool = False  # some range's total was only a lower bound ("gte")
    received: int = 0  # hits on the pages, before dedup and refusals
    duplicates: int = 0
    refused: list[str] = field(default_factory=list)  # why each hostile hit was left out
    ranges: int = 0  # date ranges paged (more than one: the range was split)
    pages: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return len(self.hits)

    def line(self) -> str:
        """``N hits seen of M reported``: what the pages held against the totals the server gave."""
        reported = f"{'at least ' if self.at_least else ''}{self.reported:,}"
        text = (f"{self.received:,} hits seen of {reported} reported ({self.pages} pages, {self.ranges} date ranges); "
                f"{self.seen:,} kept")
        if self.duplicates:
            text += f", {self.duplicates:,} duplicates"
        if self.refused:
            text += f", {len(self.refused):,} refused"
        return text


# -- hits -------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def parse_hit(item: Any) -> SearchHit:
    """One ``hits.hits[]`` entry as a SearchHit, or UnsafePath naming the value refused."""
    if not isinstance(item, dict) or not isinstance(item.get("_source"), dict):
        raise UnsafePath("a hit without _source")
    source = item["_source"]
    hit_id = str(item.get("_id") or "")
    accession_text, _, document = hit_id.partition(":")
    accession = normalize_accession(_text(source.get("adsh")) or accession_text)
    if accession_text and normalize_accession(accession_text) != accession:
        raise UnsafePath(f"hit {hit_id[:80]!r} names two accessions")
    document = safe_document_name(document)
    cik = normalize_cik(_text(source.get("ciks")) or "")
    form = (_text(source.get("form")) or (_text(source.get("root_forms")) or "")).upper()
    if not _FORM_RE.match(form):
        raise UnsafePath(f"not a form type: {form[:40]!r}")
    filed = _text(source.get("file_date")) or ""
    try:
        filed = date.fromisoformat(filed).isoformat()
    except ValueError:
        raise UnsafePath(f"not a filing date: {filed[:40]!r}") from None
    company = _text(source.get("display_names"))
    if company:
        company = _DISPLAY_CIK.sub("", company)[:300] or None
    file_type = _text(source.get("file_type"))
    return SearchHit(accession, document, form, filed, cik, company, file_type[:40] if file_type else None)


@dataclass(frozen=True)
class Page:
    total: int
    exact: bool  # relation "eq"; "gte" means at least ``total``
    items: tuple[Any, ...]


def parse_page(body: bytes) -> Page:
    payload = parse_json(body)
    try:
        hits = payload["hits"]
        total = hits.get("total", 0)
        if isinstance(total, dict):
            value, exact = int(total.get("value", 0)), total.get("relation", "eq") == "eq"
        else:
            value, exact = int(total), True
        items = hits.get("hits") or []
        if not isinstance(items, list) or value < 0:
            raise TypeError
    except (KeyError, TypeError, ValueError, AttributeError):
        raise FetchError("the full-text search answer has no hits.total / hits.hits") from None
    return Page(value, exact, tuple(items))


# -- asking ---------------------------------------------------------------------------


def _params(query: SearchQuery, start: date, end: date, offset: int) -> dict[str, str]:
    params = {"q": query.q}
    if query.forms:
        params["forms"] = ",".join(query.forms)
    params.update(dateRange="custom", startdt=start.isoformat(), enddt=end.isoformat())
    if query.ciks:
        params["ciks"] = ",".join(f"{int(cik):010d}" for cik in query.ciks)
    if offset:
        params["from"] = str(offset)
    return params


class _Search:
    def __init__(self, client: EdgarClient, query: SearchQuery, result: SearchResult, *, cap: int,
                 limit: int | None, seen: set[tuple[str, str]], on_hit: Callable[[SearchHit], None] | None) -> None:
        self.client, self.query, self.result, self.cap = client, query, result, cap
        self.limit, self.seen, self.on_hit = limit, seen, on_hit

    def full(self) -> bool:
        return self.limit is not None and self.result.seen >= self.limit

    def page(self, start: date, end: date, offset: int) -> Page:
        url = self.client.urls.full_text_search(_params(self.query, start, end, offset))
        self.result.pages += 1
        return parse_page(self.client.get_bytes(url, max_bytes=MAX_PAGE_BYTES))

    def range(self, start: date, end: date) -> None:
        first = self.page(start, end, 0)
        if first.total >= self.cap and end > start:
            middle = start + (end - start) // 2
            self.range(middle + timedelta(days=1), end)  # newest half first
            if not self.full():
                self.range(start, middle)
            return
        self.result.ranges += 1
        self.result.reported += first.total
        self.result.at_least |= not first.exact
        if first.total >= self.cap:
            self.result.warnings.append(
                f"{start.isoformat()} alone holds {'at least ' if not first.exact else ''}{first.total:,} hits; "
                f"only the first {self.cap:,} can be paged (narrow the query or the forms)"
            )
        self.take(first)
        offset, pages = len(first.items), 1
        reachable = min(first.total, self.cap)
        while first.items and offset < reachable and not self.full() and pages < MAX_PAGES:
            page = self.page(start, end, offset)
            if not page.items:
                break
            self.take(page)
            offset, pages = offset + len(page.items), pages + 1

    def take(self, page: Page) -> None:
        for item in page.items:
            if self.full():
                return
            self.result.received += 1
            try:
                hit = parse_hit(item)
            except UnsafePath as exc:
                self.result.refused.append(exc.message)
                continue
            if hit.key in self.seen:
                self.result.duplicates += 1
                continue
            self.seen.add(hit.key)
            self.result.hits.append(hit)
            if self.on_hit is not None:
                self.on_hit(hit)


def search(
    client: EdgarClient,
    queries: Iterable[SearchQuery],
    *,
    cap: int = HIT_CAP,
    limit: int | None = None,
    today: date | None = None,
    on_hit: Callable[[SearchHit], None] | None = None,
) -> SearchResult:
    """Every hit of every query (deduplicated across them), newest date range first."""
    if cap < 1:
        raise UsageError("the hit cap must be at least 1")
    result, seen = SearchResult(), set()
    last = today or date.today()
    for query in queries:
        start, end = query.since or FIRST_DAY, query.until or last
        if start > end:
            raise UsageError(f"--since {start} is after --until {end}")
        run = _Search(client, query, result, cap=cap, limit=limit, seen=seen, on_hit=on_hit)
        run.range(start, end)
        if run.full():
            break
    return result


def filing_refs(hits: Iterable[SearchHit]) -> list[FilingRef]:
    """One FilingRef per filing (several documents of one filing may match), in hit order."""
    refs, seen = [], set()
    for hit in hits:
        if hit.accession not in seen:
            seen.add(hit.accession)
            refs.append(hit.ref())
    return refs


# -- the built-in query sets ------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    queries: tuple[str, ...]
    forms: tuple[str, ...]


def load_preset(name: str) -> Preset:
    """A query set shipped as data in ``extractor/edgar/presets/<name>.json``."""
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,40}", name or ""):
        raise UsageError(f"--preset must be a preset name such as compute, not {name!r}")
    try:
        text = resources.files("extractor.edgar").joinpath("presets", f"{name}.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        raise UsageError(f"no preset {name!r} (known: {', '.join(preset_names())})") from None
    payload = json.loads(text)
    return Preset(name, payload["description"], tuple(q["q"] for q in payload["queries"]), tuple(payload["forms"]))


def preset_names() -> list[str]:
    folder = resources.files("extractor.edgar").joinpath("presets")
    return sorted(item.name.removesuffix(".json") for item in folder.iterdir() if item.name.endswith(".json"))


def build_queries(
    query: str | None,
    preset: str | None,
    *,
    forms: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    ciks: Iterable[str] = (),
) -> list[SearchQuery]:
    """The queries a command asks: one QUERY, or a preset's set (whose forms apply unless --form is given)."""
    from extractor.edgar.selection import build_selection

    if bool(query) == bool(preset):
        raise UsageError("give a QUERY or --preset NAME (one of them)")
    if query is not None and not query.strip():
        raise UsageError("the search QUERY is empty")
    selection = build_selection(forms or ("X",), since=since, until=until)  # checks the dates
    chosen = load_preset(preset) if preset else None
    form_list = tuple(sorted({f.strip().upper() for f in forms})) if forms else (chosen.forms if chosen else ())
    texts = chosen.queries if chosen else (query.strip(),)
    base = SearchQuery(
        q="", forms=form_list,
        since=date.fromisoformat(selection.since) if selection.since else None,
        until=date.fromisoformat(selection.until) if selection.until else None,
        ciks=tuple(ciks),
    )
    return [replace(base, q=text) for text in texts]
