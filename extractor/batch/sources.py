"""Batch SOURCEs -> a lazy stream of BatchItems (and FailureRecords for inputs refused up front).

A SOURCE is a file, a folder (walked recursively, sorted; dot-files skipped), a
filing store made by ``extractor fetch`` (a folder holding ``*/*/filing.json``),
or an archive. Kinds are detected from the bytes: an archive found in a folder
is expanded too. Nothing is read into memory whole: files are hashed in chunks,
archive members are copied one at a time into the private ``tmp_dir``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from extractor.batch.archives import ArchiveLimits, archive_kind, iter_archive
from extractor.batch.items import BatchItem, failure, sha256_of_file
from extractor.sinks.records import FailureRecord
from extractor.types import FilingRef

Entry = BatchItem | FailureRecord


@dataclass(frozen=True)
class SourceOptions:
    tmp_dir: str
    limits: ArchiveLimits

    @property
    def max_bytes(self) -> int:
        return self.limits.max_member_bytes


def iter_items(sources: tuple[str, ...], options: SourceOptions) -> Iterator[Entry]:
    for source in sources:
        path = Path(source)
        if path.is_dir():
            if is_store(path):
                yield from _store_items(path, options)
            else:
                for file in walk_files(path):
                    yield from file_items(str(file), options)
        elif path.exists():
            yield from file_items(source, options)
        else:
            yield failure(source, "read", "no such file or folder")


def walk_files(folder: Path) -> Iterator[Path]:
    """Regular files under ``folder``, sorted, skipping dot-files and dot-folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def is_store(folder: Path) -> bool:
    """A filing store: ``<store>/<cik>/<accession>/filing.json``."""
    return next(folder.glob("*/*/filing.json"), None) is not None and _store_reader() is not None


def file_items(source: str, options: SourceOptions, ref: FilingRef | None = None) -> Iterator[Entry]:
    """One file: an archive's members, or the file itself as one BatchItem."""
    try:
        with open(source, "rb") as fh:
            head = fh.read(512)
        kind = archive_kind(head)
        if kind:
            yield from iter_archive(source, kind, options.tmp_dir, options.limits)
            return
        size = os.path.getsize(source)
        if size > options.max_bytes:
            yield failure(source, "read", f"file is {size:,} bytes, over the limit of {options.max_bytes:,} (--max-bytes)")
            return
        yield BatchItem(source=source, path=source, sha256=sha256_of_file(source), size=size, ref=ref)
    except OSError as exc:
        yield failure(source, "read", f"cannot read: {exc.strerror or exc}")


def _store_reader():
    try:
        from extractor.edgar.store import iter_store
    except ImportError:  # the fetch side is not installed: a store is then a folder of files
        return None
    return iter_store


def _store_items(store: Path, options: SourceOptions) -> Iterator[Entry]:
    """Each complete stored filing's primary document and EX-10 exhibits, with the store's
    FilingRef (an exhibit's ref carries its own type as form and its own URL)."""
    broken: list[FailureRecord] = []

    def on_error(folder: Path, exc) -> None:
        broken.append(failure(str(folder), exc.stage, exc.message))

    for stored in _store_reader()(store, on_error=on_error):
        yield from broken
        broken.clear()
        yield from file_items(str(stored.primary), options, ref=stored.ref)
        by_name = {d.name: d for d in stored.record.documents}
        for path in stored.exhibits:
            document = by_name.get(path.name)
            ref = replace(stored.ref, form=document.type, url=document.url, primary_document=path.name) if document else stored.ref
            yield from file_items(str(path), options, ref=ref)
    yield from broken
