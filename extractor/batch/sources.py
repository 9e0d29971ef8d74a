"""Batch SOURCEs -> a lazy stream of BatchItems (and FailureRecords for inputs refused up front).

A SOURCE is a file, a folder (walked recursively, sorted; dot-files skipped), a
filing store made by ``extractor fetch`` (a folder holding ``*/*/filing.json``),
or an archive. Kinds are detected from the bytes: an archive found in a folder
is expanded too. Nothing is read into memory whole: files are hashed in chunks,
archive members are copied one at a time into the private ``tmp_dir``.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from extractor.batch.archives import ArchiveLimits, archive_kind, iter_archive
from extractor.batch.forms import HEAD_BYTES, Filtered, header_form, keeps
from extractor.batch.items import BatchItem, failure, sha256_of_file
from extractor.sinks.records import FailureRecord
from extractor.types import FilingRef

Entry = BatchItem | FailureRecord | Filtered


@dataclass(frozen=True)
class SourceOptions:
    tmp_dir: str
    limits: ArchiveLimits
    skip: frozenset[Path] = frozenset()  # the batch's own outputs, never read as filings
    forms: frozenset[str] | None = None  # --only-form: submissions whose header names another form are left out

    @property
    def max_bytes(self) -> int:
        return self.limits.max_member_bytes


@dataclass(frozen=True)
class SourceFile:
    """A file named by a SOURCE (an archive is still one file here)."""

    path: str
    ref: FilingRef | None = None


def iter_files(sources: tuple[str, ...], skip: frozenset[Path] = frozenset()) -> Iterator[SourceFile | FailureRecord]:
    """The files SOURCEs name; folders are walked, leaving out the resolved paths in ``skip``."""
    for source in sources:
        path = Path(source)
        if path.is_dir():
            scope = store_scope(path)
            if scope:
                yield from _store_files(*scope)
            else:
                yield from (SourceFile(str(file)) for file in walk_files(path, skip))
        elif path.exists():
            yield SourceFile(source)
        else:
            yield failure(source, "read", "no such file or folder")


def iter_items(sources: tuple[str, ...], options: SourceOptions) -> Iterator[Entry]:
    for entry in iter_files(sources, options.skip):
        if isinstance(entry, FailureRecord):
            yield entry
        else:
            yield from file_items(entry.path, options, ref=entry.ref)


def estimate(sources: tuple[str, ...], skip: frozenset[Path] = frozenset()) -> tuple[int | None, int]:
    """Files and bytes to expect, for the progress bar (files unknown when archives are in)."""
    files, size, unknown = 0, 0, False
    for entry in iter_files(sources, skip):
        files += 1
        if isinstance(entry, SourceFile):
            try:
                if not stat.S_ISREG(os.stat(entry.path).st_mode):
                    continue
                with open(entry.path, "rb") as fh:
                    unknown |= archive_kind(fh.read(512)) is not None
                size += os.path.getsize(entry.path)
            except OSError:
                pass
    return (None if unknown else files), size


def walk_files(folder: Path, skip: frozenset[Path] = frozenset()) -> Iterator[Path]:
    """Files under ``folder``, sorted, leaving out dot-files, dot-folders and what ``skip`` names."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (Path(root) / d).resolve() not in skip)
        for name in sorted(files):
            if not name.startswith(".") and (not skip or (Path(root) / name).resolve() not in skip):
                yield Path(root) / name


def store_scope(folder: Path) -> tuple[Path, Path] | None:
    """``(store root, folder)`` when ``folder`` is a filing store (``<store>/<cik>/<accession>/filing.json``),
    one company's folder in it, or one filing's folder; None for a plain folder."""
    if _store_reader() is None:
        return None
    if next(folder.glob("*/*/filing.json"), None) is not None:
        return folder, folder
    if next(folder.glob("*/filing.json"), None) is not None and folder.resolve().name.isdigit():
        return folder.resolve().parent, folder
    if (folder / "filing.json").is_file() and folder.resolve().parent.name.isdigit():
        return folder.resolve().parent.parent, folder
    return None


def file_items(source: str, options: SourceOptions, ref: FilingRef | None = None) -> Iterator[Entry]:
    """One file: an archive's members, or the file itself as one BatchItem."""
    try:
        if not stat.S_ISREG(os.stat(source).st_mode):  # a FIFO or a device would block or never end
            yield failure(source, "read", "not a regular file")
            return
        with open(source, "rb") as fh:
            head = fh.read(HEAD_BYTES if options.forms is not None else 512)
        kind = archive_kind(head)
        if kind:
            yield from iter_archive(source, kind, options.tmp_dir, options.limits, options.forms)
            return
        if options.forms is not None and ref is None and not keeps(options.forms, form := header_form(head)):
            yield Filtered(source, form or "", os.path.getsize(source))
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


def _store_files(store: Path, scope: Path) -> Iterator[SourceFile | FailureRecord]:
    """Each complete stored filing under ``scope``: its primary document and EX-10 exhibits,
    with the store's FilingRef (an exhibit's ref carries its own type as form and its own URL)."""
    broken: list[FailureRecord] = []
    scope = scope.resolve()

    def on_error(folder: Path, exc) -> None:
        if scope == folder or scope in folder.parents:
            broken.append(failure(str(folder), exc.stage, exc.message))

    for stored in _store_reader()(store, on_error=on_error):
        yield from broken
        broken.clear()
        if scope != stored.folder and scope not in stored.folder.parents:
            continue
        yield SourceFile(str(stored.primary), stored.ref)
        by_name = {d.name: d for d in stored.record.documents}
        for path in stored.exhibits:
            document = by_name.get(path.name)
            ref = replace(stored.ref, form=document.type, url=document.url, primary_document=path.name) if document else stored.ref
            yield SourceFile(str(path), ref)
    yield from broken
