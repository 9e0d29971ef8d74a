"""A fake EDGAR: a real HTTP server on loopback, with scripted faults and a request log.

It serves folders laid out like SEC's www host (``www/``) and data host (``data/``,
under the ``/data`` prefix of the same server), optionally the real samples of
../shared/corpus/edgar-api with the corpus filings they index, and any path
given by ``put``. ``script(path, *faults)`` makes the next requests to a path
misbehave, one fault each, in order. Every request is logged with its arrival
time so tests can check the rate limit and block pauses at the server.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import socket
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs

from extractor.edgar.limiter import RateLimiter

DATA_PREFIX = "/data"


@dataclass(frozen=True)
class Fault:
    kind: str  # status | block429 | block403 | drop | slow | length | huge
    status: int = 0
    body: bytes = b""
    seconds: float = 0.0
    declared: int = 0


def status(code: int, body: bytes = b"") -> Fault:
    return Fault("status", status=code, body=body or f"status {code}".encode())


def block429() -> Fault:
    return Fault("block429")


def block403(page: bytes) -> Fault:
    return Fault("block403", body=page)


def drop() -> Fault:
    """Declare the full length, send half the body, close the connection."""
    return Fault("drop")


def slow(seconds: float) -> Fault:
    """Wait before answering (longer than the client's timeout makes it retry)."""
    return Fault("slow", seconds=seconds)


def wrong_length(declared: int) -> Fault:
    """Send the real body under a false Content-Length, then close."""
    return Fault("length", declared=declared)


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() on arrival
    path: str
    user_agent: str
    accept_encoding: str
    query: str = ""


class FakeEdgar:
    def __init__(self, *, www: list[Path] = (), data: list[Path] = (), trickle: float = 0.0) -> None:
        self.files: dict[str, Path | bytes] = {}
        self.routes: dict[str, Callable[[dict[str, str]], tuple[int, bytes]]] = {}  # path -> answer(query)
        for root in www:
            self._mount(Path(root), "")
        for root in data:
            self._mount(Path(root), DATA_PREFIX)
        self.trickle = trickle  # seconds between 512-byte chunks of Archives documents (for kill tests)
        self.hits: list[Hit] = []
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- content -------------------------------------------------------------------

    def _mount(self, root: Path, prefix: str) -> None:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                self.files[prefix + "/" + path.relative_to(root).as_posix()] = path

    def put(self, path: str, body: bytes | Path) -> None:
        self.files[path] = body

    def route(self, path: str, answer: Callable[[dict[str, str]], tuple[int, bytes]]) -> None:
        """Answer ``path`` from its query string (``answer(query) -> (status, body)``), e.g. a search."""
        self.routes[path] = answer

    def script(self, path: str, *faults: Fault) -> None:
        with self._lock:
            self._faults[path].extend(faults)

    def body(self, path: str) -> bytes:
        item = self.files[path]
        return item if isinstance(item, bytes) else item.read_bytes()

    # -- server ----------------------------------------------------------------------

    def start(self) -> "FakeEdgar":
        self._server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="fake-edgar", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> "FakeEdgar":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def sec_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def data_url(self) -> str:
        return self.sec_url + DATA_PREFIX

    # -- what the server saw -----------------------------------------------------------

    def paths(self) -> list[str]:
        with self._lock:
            return [hit.path for hit in self.hits]

    def max_in_one_second(self) -> int:
        """The most requests that arrived within any one-second window."""
        with self._lock:
            times = sorted(hit.at for hit in self.hits)
        best, start = 0, 0
        for end, t in enumerate(times):
            while t - times[start] >= 1.0:
                start += 1
            best = max(best, end - start + 1)
        return best

    def _next_fault(self, path: str) -> Fault | None:
        with self._lock:
            queue = self._faults.get(path)
            return queue.popleft() if queue else None

    def _log(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # clients that hang up (timeouts, kills) are part of the tests


def _handler(fake: FakeEdgar):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path, _, query = self.path.partition("?")
            fake._log(Hit(time.monotonic(), path, self.headers.get("User-Agent", ""), self.headers.get("Accept-Encoding", ""), query))
            try:
                self._answer(path, {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()})
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                self.close_connection = True

        def _send(self, code: int, body: bytes, *, declared: int | None = None, gzip_ok: bool = False, headers=()) -> None:
            if gzip_ok and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body)
                headers = (*headers, ("Content-Encoding", "gzip"))
            self.send_response(code)
            self.send_header("Content-Length", str(len(body) if declared is None else declared))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            if fake.trickle and "/Archives/edgar/data/" in self.path and not self.path.endswith((".json", ".html")):
                for i in range(0, len(body), 512):
                    self.wfile.write(body[i : i + 512])
                    self.wfile.flush()
                    time.sleep(fake.trickle)
            else:
                self.wfile.write(body)
            if declared is not None:
                self.close_connection = True

        def _answer(self, path: str, query: dict[str, str]) -> None:
            if not self.headers.get("User-Agent") or "@" not in self.headers.get("User-Agent", ""):
                return self._send(403, b"<html><title>Undeclared Automated Tool</title></html>")
            fault = fake._next_fault(path)
            if fault is not None and fault.kind == "slow":
                time.sleep(fault.seconds)
                fault = None
            if fault is not None and fault.kind == "status":
                return self._send(fault.status, fault.body)
            if fault is not None and fault.kind == "block429":
                return self._send(429, b"Too Many Requests")
            if fault is not None and fault.kind == "block403":
                return self._send(403, fault.body, headers=(("Content-Type", "text/html"),))
            if path in fake.routes:
                code, body = fake.routes[path](query)
                return self._send(code, body, gzip_ok=True)
            if path not in fake.files:
                return self._send(404, b"<Error><Code>NoSuchKey</Code></Error>")
            body = fake.body(path)
            if fault is not None and fault.kind == "drop":
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return None
            if fault is not None and fault.kind == "length":
                return self._send(200, body, declared=fault.declared)
            return self._send(200, body, gzip_ok=not path.startswith("/Archives/edgar/data/") or path.endswith(".json"))

    return Handler


# -- the real samples of ../shared/corpus, served where EDGAR has them -------------------

_ROW = re.compile(r'<a href="[^"]*?/([^"/]*)">[^<]*</a>.*?</td>\s*<td scope="row">([^<]*)</td>', re.S)


def corpus_files(corpus: Path) -> dict[str, Path | bytes]:
    """URL path -> real sample (or an index.json listing the corpus documents of a filing)."""
    api = corpus / "edgar-api"
    files: dict[str, Path | bytes] = {
        "/files/company_tickers.json": api / "company_tickers.json",
        "/files/company_tickers_exchange.json": api / "company_tickers_exchange.json",
        "/Archives/edgar/full-index/1993/QTR4/master.idx": api / "full-index" / "master-1993-QTR4-sample.idx",
    }
    for page in sorted((api / "submissions").glob("*.json")):
        files[f"{DATA_PREFIX}/submissions/{page.name}"] = page
    for index in sorted((api / "archives-index").glob("*-index.json")):
        folder = json.loads(index.read_bytes())["directory"]["name"]
        files[f"{folder}/index.json"] = index
    with open(corpus / "MANIFEST.tsv", newline="", encoding="utf-8") as fh:
        manifest = list(csv.DictReader(fh, delimiter="\t"))
    for row in manifest:
        if not (row["path"].endswith("-index.html") and row["cik"] and row["accession"]):
            continue
        accession = row["accession"]
        folder = f"/Archives/edgar/data/{row['cik']}/{accession.replace('-', '')}"
        files[f"{folder}/{accession}-index.html"] = corpus / row["path"]
        same = [r for r in manifest if r["accession"] == accession and not r["path"].startswith("edgar-api/")]
        listing = {}
        for name, doc_type in _ROW.findall((corpus / row["path"]).read_text("utf-8", "replace")):
            doc_type = doc_type.strip()
            if name == f"{accession}.txt":
                match = [r for r in same if "full-submission" in r["path"]]
            else:
                match = [r for r in same if r["form"] == doc_type and "full-submission" not in r["path"]]
            if name and match:
                files[f"{folder}/{name}"] = corpus / match[0]["path"]
                listing[name] = (corpus / match[0]["path"]).stat().st_size
        items = [{"name": n, "type": "text.gif", "size": str(s), "last-modified": ""} for n, s in listing.items()]
        files[f"{folder}/index.json"] = json.dumps({"directory": {"item": items, "name": folder}}).encode()
    return files


# -- helpers for the tests ------------------------------------------------------------------

FIXTURE_EDGAR = Path(__file__).resolve().parents[1] / "fixtures" / "edgar"
TEST_USER_AGENT = "Extractor Tests tests@example.com"


def fixture_edgar(**kwargs) -> FakeEdgar:
    """A fake EDGAR serving only fixtures/edgar (no ../shared needed)."""
    return FakeEdgar(www=[FIXTURE_EDGAR / "www"], data=[FIXTURE_EDGAR / "data"], **kwargs)


def fixture_document(cik: str, accession: str, name: str) -> Path:
    return FIXTURE_EDGAR / "www" / "Archives" / "edgar" / "data" / cik / accession.replace("-", "") / name


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(".tmp-")]


class PauseRecordingLimiter(RateLimiter):
    """The real limiter, noting each block pause as ``(start, end)`` on time.monotonic, the
    clock the fake server stamps its hits with."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pause_windows: list[tuple[float, float]] = []

    def block(self, seconds: float) -> None:
        before = self.pauses
        super().block(seconds)
        if self.pauses > before:
            until = self.paused_until
            self.pause_windows.append((until - seconds, until))


IN_FLIGHT = 0.1  # a request cleared just before a pause began may still be on its way to the server


def hits_during_pause(hits: list[Hit], window: tuple[float, float]) -> list[str]:
    """Paths of the requests that reached the server while the pause lasted, but for those
    already on their way when it began (10 ms allowance at the end for the clocks)."""
    start, end = window
    return [hit.path for hit in hits if start + IN_FLIGHT <= hit.at < end - 0.01]



# -- full-text search and the latest-filings feed, answered from the query string ----------


@dataclass(frozen=True)
class Indexed:
    """One document the fake full-text index holds; ``raw`` replaces the hit's ``_source`` (hostile hits)."""

    accession: str
    document: str
    form: str
    filed: str  # YYYY-MM-DD
    cik: str
    company: str
    text: str
    file_type: str | None = None
    raw: dict | None = None
    raw_id: str | None = None


class FakeEfts:
    """``/LATEST/search-index`` over a list of documents: phrase matching, forms, dates, CIKs,
    ``from`` paging of ``page_size`` hits, Elasticsearch's ``gte`` total past ``cap`` and a 400
    for ``from`` at or past ``cap`` (as SEC refuses deep paging)."""

    path = "/LATEST/search-index"

    def __init__(self, documents=(), *, page_size: int = 100, cap: int = 10_000) -> None:
        self.documents: list[Indexed] = list(documents)
        self.page_size, self.cap = page_size, cap
        self.asked: list[dict[str, str]] = []
        self._lock = threading.Lock()

    def add(self, *documents: Indexed) -> None:
        with self._lock:
            self.documents.extend(documents)

    def matching(self, query: dict[str, str]) -> list[Indexed]:
        q = query.get("q", "")
        phrases = [p.lower() for p in re.findall(r'"([^"]+)"', q) or q.split()]
        forms = {f for f in query.get("forms", "").split(",") if f}
        ciks = {c.lstrip("0") for c in query.get("ciks", "").split(",") if c}
        start, end = query.get("startdt", "0000-00-00"), query.get("enddt", "9999-99-99")
        with self._lock:
            found = [
                d for d in self.documents
                if all(p in d.text.lower() for p in phrases) and (not forms or d.form in forms)
                and start <= d.filed <= end and (not ciks or d.cik.lstrip("0") in ciks)
            ]
        return sorted(found, key=lambda d: (d.filed, d.accession, d.document), reverse=True)

    def __call__(self, query: dict[str, str]) -> tuple[int, bytes]:
        self.asked.append(query)
        offset = int(query.get("from", "0") or 0)
        if offset >= self.cap:
            return 400, json.dumps({"error": f"from + size must be less than or equal to {self.cap}"}).encode()
        found = self.matching(query)
        total = {"value": self.cap, "relation": "gte"} if len(found) > self.cap else {"value": len(found), "relation": "eq"}
        page = found[offset : min(offset + self.page_size, self.cap)]
        hits = [
            {
                "_index": "edgar_file",
                "_id": d.raw_id or f"{d.accession}:{d.document}",
                "_score": 1.0,
                "_source": d.raw if d.raw is not None else {
                    "ciks": [f"{int(d.cik):010d}"], "display_names": [f"{d.company}  (CIK {int(d.cik):010d})"],
                    "form": d.form, "root_forms": [d.form], "file_date": d.filed, "adsh": d.accession,
                    "file_type": d.file_type or d.form,
                },
            }
            for d in page
        ]
        return 200, json.dumps({"took": 1, "hits": {"total": total, "max_score": 1.0, "hits": hits}}).encode()


@dataclass(frozen=True)
class FeedEntry:
    """One entry of the latest-filings Atom feed; ``raw`` is written as is (a malformed entry)."""

    accession: str = ""
    form: str = ""
    cik: str = ""
    company: str = ""
    filed: str = ""
    raw: str | None = None


class FakeAtomFeed:
    """``/cgi-bin/browse-edgar?action=getcurrent&type=F&output=atom``: the newest entries first,
    of the forms whose name starts with ``type`` (as SEC's does), at most ``count``."""

    path = "/cgi-bin/browse-edgar"

    def __init__(self, entries=()) -> None:
        self.entries: list[FeedEntry] = list(entries)
        self._lock = threading.Lock()

    def add(self, *entries: FeedEntry) -> None:
        with self._lock:
            self.entries.extend(entries)

    def __call__(self, query: dict[str, str]) -> tuple[int, bytes]:
        if query.get("action") != "getcurrent" or query.get("output") != "atom":
            return 400, b"bad request"
        wanted, count = query.get("type", "").upper(), int(query.get("count", "40") or 40)
        with self._lock:
            chosen = [e for e in reversed(self.entries) if e.raw is not None or e.form.upper().startswith(wanted)][:count]
        parts = ['<?xml version="1.0" encoding="ISO-8859-1" ?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
                 "<title>Latest Filings</title>", "<updated>2025-01-06T18:00:00-05:00</updated>"]
        for e in chosen:
            if e.raw is not None:
                parts.append(e.raw)
                continue
            folder = f"https://www.sec.gov/Archives/edgar/data/{e.cik}/{e.accession.replace('-', '')}"
            parts.append(
                f"<entry>\n<title>{e.form} - {e.company} ({int(e.cik):010d}) (Filer)</title>\n"
                f'<link rel="alternate" type="text/html" href="{folder}/{e.accession}-index.htm"/>\n'
                f'<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; {e.filed} &lt;b&gt;AccNo:&lt;/b&gt; {e.accession} '
                f"&lt;b&gt;Size:&lt;/b&gt; 5 KB</summary>\n<updated>{e.filed}T17:00:00-05:00</updated>\n"
                f'<category scheme="https://www.sec.gov/" label="form type" term="{e.form}"/>\n'
                f"<id>urn:tag:sec.gov,2008:accession-number={e.accession}</id>\n</entry>"
            )
        parts.append("</feed>\n")
        return 200, "\n".join(parts).encode("latin-1")
