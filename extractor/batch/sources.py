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
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from extractor.batch.archives import ArchiveLimits, archive_kind, iter_archive
from extractor.batch.items import BatchItem, failure, filing_sha256_of_files
from extractor.batch.forms import Filtered, header_form, keeps
from extractor.batch.screen import HEAD_BYTES, not_a_filing
from extractor.sinks.records import FailureRecord
from extractor.types import FilingRef


@dataclass(frozen=True)
class NotAFiling:
    """A file the screen left out (see screen.py): counted, never processed or recorded."""

    source: str
    kind: str
    size: int
    temporary_path: str | None = None  # an archive member's private copy, to delete


Entry = BatchItem | FailureRecord | NotAFiling | Filtered
STDIN = "-"  # a SOURCE read from standard input: a filing or an archive


@dataclass(frozen=True)
class SourceOptions:
    tmp_dir: str
    limits: ArchiveLimits
    skip: frozenset[Path] = frozenset()  # the batch's own outputs, never read as filings
    all_files: bool = False  # read every file as a filing (no screen)
    forms: frozenset[str] | None = None  # --only-form: submissions whose header names another form are left out

    @property
    def max_bytes(self) -> int:
        return self.limits.max_member_bytes


@dataclass(frozen=True)
class SourceFile:
    """A file named by a SOURCE (an archive is still one file here)."""

    path: str
    ref: FilingRef | None = None
    exhibits: tuple[tuple[str, str], ...] = ()  # a stored filing's exhibits: (path, type)


def iter_files(sources: tuple[str, ...], skip: frozenset[Path] = frozenset()) -> Iterator[SourceFile | FailureRecord]:
    """The files SOURCEs name; folders are walked, leaving out the resolved paths in ``skip``."""
    for source in sources:
        path = Path(source)
        if source == STDIN:
            yield SourceFile(STDIN)
        elif path.is_dir():
            scope = store_scope(path)
            if scope:
                yield from _store_files(*scope)
            else:
                yield from (SourceFile(str(file)) for file in walk_files(path, skip))
        elif path.exists():
            yield SourceFile(source)
        else:
            yield failure(source, "read", "no such file or folder")  # run_batch refuses these up front


def iter_items(sources: tuple[str, ...], options: SourceOptions) -> Iterator[Entry]:
    for entry in iter_files(sources, options.skip):
        if isinstance(entry, FailureRecord):
            yield entry
            continue
        items = _stdin_items(options) if entry.path == STDIN else file_items(entry.path, options, ref=entry.ref, exhibits=entry.exhibits)
        for item in items:
            if isinstance(item, BatchItem) and item.ref is None and not options.all_files:
                yield _screened(item)
            else:
                yield item


def _screened(item: BatchItem) -> Entry:
    """The item, or a NotAFiling when its first bytes say it is something else (a store's files are
    filings by construction and are not screened)."""
    try:
        with open(item.path, "rb") as fh:
            kind = not_a_filing(fh.read(HEAD_BYTES))
    except OSError as exc:
        return failure(item.source, "read", f"cannot read: {exc.strerror or exc}", sha256=item.sha256)
    if kind is None:
        return item
    return NotAFiling(item.source, kind, item.size, item.path if item.temporary else None)


def missing_sources(sources: tuple[str, ...]) -> list[str]:
    """The SOURCEs that name nothing on disk (``-`` is standard input)."""
    return [source for source in sources if source != STDIN and not os.path.lexists(source)]


def _stdin_items(options: SourceOptions) -> Iterator[Entry]:
    """Standard input copied (bounded) into the private folder, then read as a file SOURCE.
    A filing from it is named ``stdin:<sha256 prefix>``; an archive's members ``-::member``."""
    limit = max(options.limits.max_total_bytes, options.max_bytes)
    fd, copy = tempfile.mkstemp(prefix="stdin-", dir=options.tmp_dir)
    size = 0
    with os.fdopen(fd, "wb") as out:
        while chunk := sys.stdin.buffer.read(1 << 20):
            size += len(chunk)
            if size > limit:
                out.close()
                os.unlink(copy)
                yield failure(STDIN, "read", f"standard input is over {limit:,} bytes")
                return
            out.write(chunk)
    if size == 0:
        os.unlink(copy)
        yield failure(STDIN, "read", "standard input is empty")
        return
    whole = False  # the copy is itself the item (deleted after it is processed), not an archive
    for item in file_items(copy, options):
        if isinstance(item, BatchItem):
            if item.path == copy:
                whole = True
                item = replace(item, source=f"stdin:{item.sha256[:16]}", temporary=True)
            else:
                item = replace(item, source=STDIN + item.source[len(copy):])
        elif isinstance(item, FailureRecord) and item.source.startswith(copy):
            item = item.model_copy(update={"source": STDIN + item.source[len(copy):]})
        yield item
    if not whole:
        Path(copy).unlink(missing_ok=True)  # an archive's copy, its members taken out


def estimate(sources: tuple[str, ...], skip: frozenset[Path] = frozenset()) -> tuple[int | None, int]:
    """Files and bytes to expect, for the progress bar (files unknown when archives are in)."""
    files, size, unknown = 0, 0, False
    for entry in iter_files(sources, skip):
        files += 1
        if isinstance(entry, SourceFile) and entry.path == STDIN:
            unknown = True
        elif isinstance(entry, SourceFile):
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


def file_items(source: str, options: SourceOptions, ref: FilingRef | None = None, exhibits: tuple[tuple[str, str], ...] = ()) -> Iterator[Entry]:
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
        size += sum(os.path.getsize(path) for path, _ in exhibits)
        sha256 = filing_sha256_of_files(source, exhibits)
        yield BatchItem(source=source, path=source, sha256=sha256, size=size, ref=ref, exhibits=exhibits)
    except OSError as exc:
        yield failure(source, "read", f"cannot read: {exc.strerror or exc}")


def _store_reader():
    try:
        from extractor.edgar.store import iter_store
    except ImportError:  # the fetch side is not installed: a store is then a folder of files
        return None
    return iter_store


def _store_files(store: Path, scope: Path) -> Iterator[SourceFile | FailureRecord]:
    """Each complete stored filing under ``scope``: its primary document, with its exhibits to be
    read with it as one filing, and the store's FilingRef."""
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
        by_name = {d.name: d for d in stored.record.documents}
        exhibits = tuple((str(path), by_name[path.name].type if path.name in by_name else "EX-10") for path in stored.exhibits)
        yield SourceFile(str(stored.primary), stored.ref, exhibits)
    yield from broken
