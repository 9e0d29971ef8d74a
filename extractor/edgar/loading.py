"""Stored filings -> the batch's sinks (JSON Lines and the database): the last step of
``extractor pipeline`` and of each ``extractor watch`` round.

It is ``run_batch`` over the filings' store folders, so it is incremental in the
same way (a filing already processed by this extractor version is skipped) and a
filing that fails is recorded, never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from extractor.batch.defaults import DEFAULT_OUT, DEFAULT_TIMEOUT
from extractor.models import FilingResult
from extractor.pipeline import DEFAULT_MAX_BYTES
from extractor.sinks import DEFAULT_DB


@dataclass(frozen=True)
class LoadOptions:
    db: str | None = DEFAULT_DB
    out: str = DEFAULT_OUT
    workers: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float | None = DEFAULT_TIMEOUT


def load_stored(folders: Iterable[Path], options: LoadOptions = LoadOptions(), *, progress=None,
                on_result: Callable[[FilingResult], None] | None = None):
    """Extract and load every store folder (a filing's ``<store>/<cik>/<accession>/``); a BatchSummary."""
    from extractor.batch import BatchOptions, BatchSummary, run_batch

    sources = tuple(dict.fromkeys(str(folder) for folder in folders))
    if not sources:
        return BatchSummary()
    batch = BatchOptions(sources=sources, out=options.out, db=options.db, jobs=options.workers,
                         max_bytes=options.max_bytes, timeout=options.timeout)
    return run_batch(batch, progress, on_result=on_result)
