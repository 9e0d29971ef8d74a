"""The values a batch hands around: one input to process, and what became of it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from extractor import __version__
from extractor.models import FilingResult
from extractor.sinks.records import FailureRecord
from extractor.types import FilingRef

CHUNK = 1 << 20


@dataclass(frozen=True)
class BatchItem:
    """One filing to process. Workers get this handle, never the bytes.

    ``source`` names the input as users see it (the path as given, or
    ``archive.tar.gz::member/name``); ``path`` is the file the worker reads (an
    archive member's private temporary copy when ``temporary``).
    """

    source: str
    path: str
    sha256: str
    size: int
    ref: FilingRef | None = None
    temporary: bool = False
    exhibits: tuple[tuple[str, str], ...] = ()  # (path, type) of a stored filing's exhibits, read with it


@dataclass(frozen=True)
class ItemOutcome:
    """A processed item: exactly one of ``result`` and ``failure`` is set."""

    item: BatchItem
    result: FilingResult | None = None
    failure: FailureRecord | None = None


def failure(source: str, stage: str, reason: str, *, sha256: str | None = None) -> FailureRecord:
    return FailureRecord(
        source=source,
        sha256=sha256,
        stage=stage,
        reason=" ".join(str(reason).split()) or "unknown error",
        extractor_version=__version__,
        failed_at=datetime.now(timezone.utc),
    )


def failure_from_exception(source: str, exc: BaseException, *, sha256: str | None = None) -> FailureRecord:
    """Stage from the error hierarchy's ``.stage``; anything else is ``internal``."""
    from extractor.errors import ExtractorError

    if isinstance(exc, ExtractorError):
        return failure(source, exc.stage, exc.message, sha256=sha256)
    return failure(source, "internal", f"{type(exc).__name__}: {exc}", sha256=sha256)


def sha256_of_file(path: str) -> str:
    """A file's sha256, streamed in chunks (bounded memory)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def filing_sha256_of_files(primary: str, exhibits: tuple[tuple[str, str], ...]) -> str:
    """``pipeline.filing_sha256`` from files (streamed): the primary's sha256, or with exhibits
    the sha256 of the primary's and each exhibit's sha256 in order."""
    digest = sha256_of_file(primary)
    if not exhibits:
        return digest
    joined = "".join([digest, *(sha256_of_file(path) for path, _ in exhibits)])
    return hashlib.sha256(joined.encode("ascii")).hexdigest()
