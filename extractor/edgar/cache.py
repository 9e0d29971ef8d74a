"""A small on-disk cache of EDGAR responses (indexes and JSON, not documents).

Archive files never change once filed and are kept for good; submissions JSON,
the ticker file and the full index change, so they expire after ``ttl`` seconds.
Documents are not cached here: the filing store is their cache.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from extractor.atomic import atomic_write_bytes
from extractor.errors import OutputError

DEFAULT_TTL = 600.0  # seconds a submissions JSON / index stays fresh


class ResponseCache:
    def __init__(self, folder: str | os.PathLike, *, ttl: float = DEFAULT_TTL) -> None:
        self.folder = Path(folder)
        self.ttl = ttl

    def _path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.bin"

    def get(self, url: str, *, forever: bool) -> bytes | None:
        path = self._path(url)
        try:
            if not forever and time.time() - path.stat().st_mtime > self.ttl:
                return None
            return path.read_bytes()
        except OSError:
            return None

    def put(self, url: str, body: bytes) -> None:
        """Best effort: a cache that cannot be written only costs a later request."""
        try:
            atomic_write_bytes(self._path(url), body)
        except (OSError, OutputError):
            pass
