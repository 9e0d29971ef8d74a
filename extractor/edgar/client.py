"""The one place that talks HTTP to EDGAR.

An ``EdgarClient`` is built once per run and passed to whoever needs it. It
sends the required User-Agent and ``Accept-Encoding: gzip, deflate``, waits in
the run's one ``RateLimiter`` before every request (across all threads),
retries 5xx answers, dropped connections and truncated bodies a bounded number
of times with exponential backoff and jitter, and on SEC's block signals (429,
or a 403 "Request Rate Threshold Exceeded" / "Undeclared Automated Tool" page)
pauses every worker for ``block_pause`` seconds before trying again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import requests

from extractor.atomic import atomic_open
from extractor.edgar.cache import ResponseCache
from extractor.edgar.limiter import RateLimiter
from extractor.edgar.urls import EdgarUrls
from extractor.errors import FetchError, NotFound, RateLimited, UsageError

T = TypeVar("T")
log = logging.getLogger(__name__)
TRACE = 5  # -vv: every request

USER_AGENT_HELP = 'pass --user-agent "Your Name you@example.com" or set EXTRACTOR_USER_AGENT (or EDGAR_IDENTITY)'
BLOCK_MARKERS = ("Request Rate Threshold Exceeded", "Undeclared Automated Tool")
DEFAULT_BLOCK_PAUSE = 600.0
DEFAULT_TIMEOUT = 30.0
MAX_INDEX_BYTES = 64 * 1024 * 1024  # an index, ticker file or submissions page is never this big
CHUNK = 64 * 1024
TRANSIENT_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


def check_user_agent(value: str | None) -> str:
    """SEC answers 403 without a declared User-Agent ('Name email@domain'): refuse early."""
    if not value or not value.strip():
        raise UsageError(f"EDGAR requires a User-Agent with your name and email: {USER_AGENT_HELP}")
    if "@" not in value or any(ord(ch) < 32 for ch in value):
        raise UsageError(f"the User-Agent {value!r} needs an email address ('Name email@domain'): {USER_AGENT_HELP}")
    return value.strip()


@dataclass(frozen=True)
class RetryPolicy:
    retries: int = 4  # further attempts after the first, for 5xx / dropped / truncated
    backoff: float = 1.0  # first delay in seconds; doubles each attempt, with jitter
    max_backoff: float = 60.0
    block_retries: int = 3  # block pauses one request may sit out before it fails

    def delay(self, attempt: int, rng: random.Random) -> float:
        return min(self.max_backoff, self.backoff * 2 ** (attempt - 1)) * rng.uniform(0.5, 1.5)


@dataclass(frozen=True)
class Download:
    url: str
    bytes: int
    sha256: str


@dataclass
class ClientStats:
    requests: int = 0
    retries: int = 0
    blocks: int = 0
    cache_hits: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)


class _Transient(Exception):
    """Worth another try after a backoff."""


class _Blocked(Exception):
    def __init__(self, reason: str, retry_after: float | None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError as exc:
        raise FetchError(f"the answer is not JSON ({_short(exc)})") from None


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    return min(float(value), 3600.0) if value.isdigit() else None


class EdgarClient:
    def __init__(
        self,
        user_agent: str,
        limiter: RateLimiter,
        *,
        urls: EdgarUrls = EdgarUrls(),
        retry: RetryPolicy = RetryPolicy(),
        timeout: float = DEFAULT_TIMEOUT,
        block_pause: float = DEFAULT_BLOCK_PAUSE,
        cache: ResponseCache | None = None,
        sleep: Callable[[float], None] | None = None,
        rng: random.Random | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.user_agent = check_user_agent(user_agent)
        self.limiter = limiter
        self.urls = urls
        self.retry = retry
        self.timeout = timeout
        self.block_pause = block_pause
        self.cache = cache
        self.stats = ClientStats()
        self._sleep = sleep or limiter.wait  # backoff sleeps end early when the run is interrupted
        self._rng = rng or random.Random()
        self._local = threading.local()
        self._notify = notify or (lambda message: None)  # e.g. print to stderr: why the run went quiet

    # -- public -----------------------------------------------------------------

    def get_bytes(self, url: str, *, max_bytes: int = MAX_INDEX_BYTES) -> bytes:
        """The body of ``url`` (not cached)."""
        return self._request(url, lambda response: b"".join(self._chunks(response, max_bytes)))

    def get_parsed(self, url: str, parse: Callable[[bytes], T], *, max_bytes: int = MAX_INDEX_BYTES) -> T:
        """``parse(body)`` of ``url``. Only answers that parse are cached (archive URLs for good,
        others for the cache's TTL); a cached answer that no longer parses is asked for again."""
        if self.cache is not None:
            hit = self.cache.get(url, forever=self.urls.is_archive(url))
            if hit is not None:
                try:
                    value = parse(hit)
                except FetchError:
                    value = None
                if value is not None:
                    self.stats.add("cache_hits")
                    return value
        body = self.get_bytes(url, max_bytes=max_bytes)
        try:
            value = parse(body)
        except FetchError as exc:
            raise FetchError(exc.message, source=url) from None
        if self.cache is not None:
            self.cache.put(url, body)
        return value

    def get_json(self, url: str, **kwargs) -> Any:
        return self.get_parsed(url, parse_json, **kwargs)

    def download(self, url: str, path: Path, *, max_bytes: int, expected_size: int | None = None) -> Download:
        """Stream ``url`` into ``path`` atomically, hashing as it goes; never leaves a partial file."""

        def consume(response: requests.Response) -> Download:
            digest, total = hashlib.sha256(), 0
            with atomic_open(path, "wb") as fh:
                for chunk in self._chunks(response, max_bytes):
                    fh.write(chunk)
                    digest.update(chunk)
                    total += len(chunk)
                if expected_size is not None and total != expected_size:
                    raise _Transient(f"got {total:,} bytes but the filing index lists {expected_size:,}")
            return Download(url, total, digest.hexdigest())

        return self._request(url, consume)

    # -- one request, with retries and block pauses ------------------------------

    def _request(self, url: str, consume: Callable[[requests.Response], Any]) -> Any:
        attempt = blocks = 0
        while True:
            try:
                return self._attempt(url, consume)
            except _Blocked as block:
                blocks += 1
                self.stats.add("blocks")
                if blocks > self.retry.block_retries:
                    raise RateLimited(f"still blocked by EDGAR after {blocks} pauses ({block})", source=url) from None
                pause = max(self.block_pause, block.retry_after or 0.0)  # a longer Retry-After wins
                if not self.limiter.paused:
                    self._notify(f"EDGAR signalled a block ({block}); every worker pauses for {pause:g} s")
                self.limiter.block(pause)  # the next acquire() of every worker waits it out
            except _Transient as problem:
                attempt += 1
                if attempt > self.retry.retries:
                    raise FetchError(f"{problem} (gave up after {attempt} attempts)", source=url) from None
                self.stats.add("retries")
                delay = self.retry.delay(attempt, self._rng)
                log.debug("fetch: %s: %s; retry %d of %d in %.1f s", url, problem, attempt, self.retry.retries, delay)
                self._sleep(delay)

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers.update({"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"})
            self._local.session = session
        return session

    def _attempt(self, url: str, consume: Callable[[requests.Response], Any]) -> Any:
        log.log(TRACE, "fetch: GET %s", url)
        self.limiter.acquire()
        self.stats.add("requests")
        try:
            response = self._session().get(url, stream=True, timeout=self.timeout, allow_redirects=False)
        except TRANSIENT_ERRORS as exc:
            raise _Transient(f"no answer ({_short(exc)})") from None
        except requests.RequestException as exc:
            raise FetchError(f"cannot ask: {_short(exc)}", source=url) from None
        with response:
            status = response.status_code
            if status == 200:
                return consume(response)
            if status == 429:
                raise _Blocked("429 Too Many Requests", _retry_after(response))
            if status == 403:
                page = b"".join(self._chunks(response, 256 * 1024)).decode("utf-8", "replace")
                for marker in BLOCK_MARKERS:
                    if marker in page:
                        raise _Blocked(f"403 {marker}", _retry_after(response))
                raise FetchError("403 Forbidden (is the User-Agent accepted?)", source=url)
            if status in (404, 410):
                raise NotFound(f"{status} not found", source=url)
            if status >= 500:
                raise _Transient(f"server error {status}")
            if 300 <= status < 400:
                where = response.headers.get("Location", "?")
                raise FetchError(f"redirected ({status}) to {where[:200]}; redirects are not followed (check the base URL)", source=url)
            raise FetchError(f"unexpected HTTP status {status}", source=url)

    @staticmethod
    def _chunks(response: requests.Response, max_bytes: int) -> Iterator[bytes]:
        declared = response.headers.get("Content-Length", "").strip()
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(
                f"the server declares {int(declared):,} bytes, over the limit of {max_bytes:,} (--max-bytes)",
                source=response.url,
            )
        total = 0
        try:
            for chunk in response.iter_content(CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise FetchError(f"body exceeds the limit of {max_bytes:,} bytes (--max-bytes)", source=response.url)
                yield chunk
        except TRANSIENT_ERRORS as exc:
            raise _Transient(f"connection broke after {total:,} bytes ({_short(exc)})") from None
