"""A day's dissemination archive (``Archives/edgar/Feed/YYYY/QTRn/YYYYMMDD.nc.tar.gz``) into the store.

One tar of every ``.nc`` submission of the day, gzipped; gigabytes on a busy day.
It is streamed to ``<store>/feed/YYYY/QTRn/YYYYMMDD.nc.tar.gz`` atomically (never a
partial file) and hashed on the way; ``YYYYMMDD.nc.tar.gz.json`` beside it records
the size and sha256, so a second fetch of the day verifies the file instead of
downloading it again (archives never change once published). ``extractor batch``
then reads the archive member by member (``--only-form`` filters on each
submission's header before anything is copied or parsed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Literal

from extractor.atomic import atomic_write_text
from extractor.edgar.client import EdgarClient
from extractor.edgar.store import FilingStore, sha256_file
from extractor.edgar.urls import quarter_of
from extractor.errors import NotFound, UsageError

MAX_FEED_ARCHIVE_BYTES = 64 * 1024**3
FEED_FOLDER = "feed"


@dataclass(frozen=True)
class FeedArchive:
    day: date
    path: Path
    url: str
    bytes: int
    sha256: str
    status: Literal["fetched", "skipped"]


def parse_day(text: str, option: str = "--feed") -> date:
    try:
        if len(text) != 10:
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} must be a date YYYY-MM-DD, not {text!r}") from None
    if day.year < 1993:
        raise UsageError(f"{option}: EDGAR's dissemination archives begin in 1993, not {day.year}")
    return day


def archive_path(store: FilingStore, day: date) -> Path:
    return store.root / FEED_FOLDER / str(day.year) / f"QTR{quarter_of(day)}" / f"{day:%Y%m%d}.nc.tar.gz"


def _verified(path: Path, record: Path) -> dict | None:
    try:
        known = json.loads(record.read_text("utf-8"))
        if path.stat().st_size == known["bytes"] and sha256_file(path) == known["sha256"]:
            return known
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def fetch_feed_archive(client: EdgarClient, store: FilingStore, day: date, *, max_bytes: int = MAX_FEED_ARCHIVE_BYTES) -> FeedArchive:
    url = client.urls.feed_archive(day)
    path = archive_path(store, day)
    record = path.with_name(path.name + ".json")
    with store.writing():
        known = _verified(path, record)
        if known is not None:
            return FeedArchive(day, path, url, known["bytes"], known["sha256"], "skipped")
        try:
            got = client.download(url, path, max_bytes=max_bytes)
        except NotFound:
            raise NotFound(f"EDGAR has no dissemination archive for {day} (weekends and holidays have none)", source=url) from None
        fetched_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        atomic_write_text(record, json.dumps({"url": url, "bytes": got.bytes, "sha256": got.sha256, "fetched_at": fetched_at}) + "\n")
    return FeedArchive(day, path, url, got.bytes, got.sha256, "fetched")
