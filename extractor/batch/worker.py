"""What runs in a worker process (or on a Dask worker): one BatchItem -> one ItemOutcome.

It never raises: every error becomes a FailureRecord with the error's stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractor.batch.items import BatchItem, ItemOutcome, failure_from_exception
from extractor.models import FilingResult
from extractor.pipeline import DEFAULT_MAX_BYTES, process_bytes, read_input
from extractor.types import Exhibit


@dataclass(frozen=True)
class WorkerOptions:
    form: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def process_item(item: BatchItem, options: WorkerOptions) -> ItemOutcome:
    try:
        data = read_input(item.path, max_bytes=options.max_bytes)
        form = options.form or (item.ref.form if item.ref else None)
        exhibits = tuple(
            Exhibit(type=kind, sequence=None, filename=Path(path).name, description=None,
                    data=read_input(path, max_bytes=options.max_bytes))
            for path, kind in item.exhibits
        ) or None
        result = process_bytes(data, source=item.source, form=form, max_bytes=options.max_bytes, exhibits=exhibits)
        return ItemOutcome(item, result=_with_ref(result, item))
    except Exception as exc:  # the batch boundary: record it, never stop the batch
        return ItemOutcome(item, failure=failure_from_exception(item.source, exc, sha256=item.sha256))


def _with_ref(result: FilingResult, item: BatchItem) -> FilingResult:
    """Fill what the bytes did not say from the store's FilingRef (cik, accession, ...)."""
    if item.ref is None:
        return result
    meta = result.filing
    known = {
        name: getattr(item.ref, name)
        for name in ("cik", "company", "accession", "filed", "url", "form")
        if getattr(meta, name) is None and getattr(item.ref, name, None)
    }
    return result.model_copy(update={"filing": meta.model_copy(update=known)}) if known else result
