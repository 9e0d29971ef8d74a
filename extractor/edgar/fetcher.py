"""Fetch filings into the store: skip what is complete and verified, resume what is not.

``fetch_filing`` handles one filing and never raises: every failure becomes a
``FetchOutcome`` with the accession and the reason. ``fetch_filings`` runs them
on a few threads that share the client (and so its one rate limiter).
"""

from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Literal

from extractor.edgar.client import EdgarClient
from extractor.edgar.index import read_filing_index
from extractor.edgar.plan import exhibit_types
from extractor.edgar.names import normalize_accession, normalize_cik
from extractor.edgar.plan import PlannedDocument, plan_filing
from extractor.edgar.store import RECORD_NAME, FilingRecord, FilingStore, RefRecord, StoredDocument, sha256_file
from extractor.errors import ExtractorError, StoreError
from extractor.pipeline import DEFAULT_MAX_BYTES
from extractor.types import FilingRef

Status = Literal["fetched", "skipped", "failed"]


DEFAULT_EXHIBITS = ("EX-10", "EX-99")  # material contracts and press releases


@dataclass(frozen=True)
class FetchOptions:
    exhibits: bool | tuple[str, ...] = ()  # exhibit type prefixes (EX-10, EX-99); True: EX-10 (older callers)
    full_submission: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 2


@dataclass(frozen=True)
class FetchOutcome:
    ref: FilingRef
    status: Status
    reason: str | None = None
    bytes: int = 0  # downloaded in this run
    files: int = 0
    folder: Path | None = None


@dataclass(frozen=True)
class FetchSummary:
    outcomes: tuple[FetchOutcome, ...]

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def bytes(self) -> int:
        return sum(outcome.bytes for outcome in self.outcomes)

    @property
    def failures(self) -> tuple[FetchOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.status == "failed")


def _reusable(path: Path, planned: PlannedDocument, previous: FilingRecord | None) -> StoredDocument | None:
    """A file already in the folder that need not be downloaded again, as its record."""
    if not path.is_file():
        return None
    size = path.stat().st_size
    earlier = next((d for d in previous.documents if d.name == planned.name), None) if previous else None
    if earlier is not None:
        ok = earlier.bytes == size and earlier.sha256 == sha256_file(path)
    else:  # written by an interrupted run: complete (atomic rename), check the size when the index gives one
        ok = planned.expected_size in (None, size)
    if not ok:
        return None
    return _stored(planned, size, earlier.sha256 if earlier else sha256_file(path))


def _stored(planned: PlannedDocument, size: int, sha256: str) -> StoredDocument:
    return StoredDocument(
        name=planned.name, role=planned.role, type=planned.type, description=planned.description,
        url=planned.url, bytes=size, sha256=sha256,
    )


def _load_previous(store: FilingStore, folder: Path) -> FilingRecord | None:
    try:
        return store.load(folder)
    except StoreError:
        return None  # an unreadable record is redone from scratch


def _fetch(client: EdgarClient, store: FilingStore, ref: FilingRef, options: FetchOptions) -> FetchOutcome:
    ref = replace(ref, cik=normalize_cik(ref.cik or ""), accession=normalize_accession(ref.accession or ""))
    folder = store.entry_dir(ref.cik, ref.accession)
    previous = _load_previous(store, folder)
    if previous is not None:
        covered = set(exhibit_types(options.exhibits)) <= set(previous.exhibit_kinds()) and (previous.full_submission or not options.full_submission)
        if covered and not store.problems(folder, previous):
            return FetchOutcome(previous.filing_ref(), "skipped", folder=folder, files=len(previous.documents))
        with contextlib.suppress(FileNotFoundError):
            (folder / RECORD_NAME).unlink()  # incomplete again until the new record is written
    index = read_filing_index(client, ref.cik, ref.accession)
    asked = sorted(set(exhibit_types(options.exhibits)) | set(previous.exhibit_kinds() if previous else ()))
    plan = plan_filing(index, ref, client.urls, exhibits=tuple(asked), full_submission=options.full_submission)
    documents, downloaded = [], 0
    for planned in plan.documents:
        if planned.expected_size is not None and planned.expected_size > options.max_bytes:
            raise StoreError(f"{planned.name} is listed at {planned.expected_size:,} bytes, over the limit of {options.max_bytes:,} (--max-bytes)")
        path = store.document_path(folder, planned.name)
        stored = _reusable(path, planned, previous)
        if stored is None:
            got = client.download(planned.url, path, max_bytes=options.max_bytes, expected_size=planned.expected_size)
            stored, downloaded = _stored(planned, got.bytes, got.sha256), downloaded + got.bytes
        documents.append(stored)
    record = FilingRecord(
        ref=RefRecord(**{k: v for k, v in vars(plan.ref).items()}),
        index_url=client.urls.filing_index_json(ref.cik, ref.accession),
        fetched_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        exhibits=bool(asked),
        exhibit_types=asked,
        full_submission=options.full_submission or bool(previous and previous.full_submission),
        documents=documents,
        warnings=list(plan.warnings),
    )
    store.commit(folder, record)
    return FetchOutcome(plan.ref, "fetched", bytes=downloaded, files=len(documents), folder=folder)


def fetch_filing(client: EdgarClient, store: FilingStore, ref: FilingRef, options: FetchOptions = FetchOptions()) -> FetchOutcome:
    """Fetch one filing into the store; a failure is returned with its reason, never raised."""
    try:
        return _fetch(client, store, ref, options)
    except ExtractorError as exc:
        return FetchOutcome(ref, "failed", reason=str(exc))
    except Exception as exc:  # the per-filing boundary: record it, keep the run going
        return FetchOutcome(ref, "failed", reason=f"{type(exc).__name__}: {exc}")


def fetch_filings(
    client: EdgarClient,
    store: FilingStore,
    refs: Iterable[FilingRef],
    options: FetchOptions = FetchOptions(),
    *,
    on_outcome: Callable[[FetchOutcome], None] | None = None,
) -> FetchSummary:
    """Fetch every filing on ``options.jobs`` threads; outcomes come back in the order of ``refs``."""
    refs = list(refs)
    results: list[FetchOutcome | None] = [None] * len(refs)
    with store.writing(), ThreadPoolExecutor(max_workers=max(1, options.jobs), thread_name_prefix="fetch") as pool:
        futures = {pool.submit(fetch_filing, client, store, ref, options): i for i, ref in enumerate(refs)}
        try:
            for future in as_completed(futures):
                outcome = future.result()
                results[futures[future]] = outcome
                if on_outcome is not None:
                    on_outcome(outcome)
        except BaseException:  # Ctrl-C: stop waiting workers now, let running downloads end cleanly
            client.limiter.close()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return FetchSummary(tuple(r for r in results if r is not None))
