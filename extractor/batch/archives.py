"""Archives of filings (``.tar``, ``.tar.gz``/``.bz2``/``.xz``, ``.zip``), streamed member by member.

Each member is copied, under size limits, into a private temporary folder under
a name of our own (never the member's name), then handed on as a BatchItem.
Member names that are absolute or contain ``..`` are refused and reported; so
are links and devices. Decompression bombs are stopped by counting the bytes
actually decompressed: per member (``max_member_bytes``) and per archive
(``max_total_bytes`` and ``max_ratio`` times the archive's size). Kinds are
detected from the bytes, not the name.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import lzma
import os
import re
import tarfile
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, Iterator

from extractor.batch.forms import HEAD_BYTES, Filtered, header_form, keeps
from extractor.batch.items import CHUNK, BatchItem, failure
from extractor.sinks.records import FailureRecord

SEP = "::"  # archive.tar.gz::member/name

_COMPRESSED = {b"\x1f\x8b": gzip.open, b"BZh": bz2.open, b"\xfd7zXZ\x00": lzma.open}


@dataclass(frozen=True)
class ArchiveLimits:
    max_member_bytes: int
    max_total_bytes: int = 16 * 1024**3
    max_ratio: float = 200.0  # decompressed bytes per archive byte
    max_members: int = 200_000

    def total_for(self, archive_size: int) -> int:
        return int(min(self.max_total_bytes, self.max_ratio * archive_size + self.max_member_bytes))


# What corrupt, truncated, encrypted or exotic archives raise (RuntimeError: encrypted
# zip member; NotImplementedError: an unsupported compression method).
UNREADABLE = (
    OSError, EOFError, ValueError, RuntimeError, NotImplementedError,
    tarfile.TarError, zipfile.BadZipFile, lzma.LZMAError, zlib.error,
)


class ArchiveTooLarge(Exception):
    """Decompression went past the archive's limit."""


class _Bounded:
    """A read-only stream that raises ArchiveTooLarge past ``limit`` decompressed
    bytes; ``prefix`` is what was already read from ``raw`` (for sniffing)."""

    def __init__(self, raw: IO[bytes], limit: int, prefix: bytes = b"") -> None:
        self.raw, self.limit, self.prefix = raw, limit, prefix
        self.count = len(prefix)

    def read(self, size: int = -1) -> bytes:
        want = size if size is not None and size >= 0 else CHUNK
        if self.prefix:
            data, self.prefix = self.prefix[:want], self.prefix[want:]
            return data
        data = self.raw.read(want)
        self.count += len(data)
        if self.count > self.limit:
            raise ArchiveTooLarge(f"archive expands past {self.limit:,} bytes (decompression bomb?)")
        return data


def archive_kind(head: bytes) -> str | None:
    """``zip``, ``tar``, ``compressed`` (gzip/bzip2/xz: a tar or a single file), or None."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head[257:262] == b"ustar":
        return "tar"
    if any(head.startswith(magic) for magic in _COMPRESSED):
        return "compressed"
    return None


def unsafe_name(name: str) -> str | None:
    """Why a member name is refused, or None when it is safe."""
    if not name or any(ord(ch) < 32 for ch in name):
        return "member name is empty or has control characters"
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return "member name is an absolute path"
    if ".." in re.split(r"[\\/]+", name):
        return "member name contains '..'"
    return None


Member = BatchItem | FailureRecord | Filtered


def iter_archive(path: str, kind: str, tmp_dir: str, limits: ArchiveLimits, forms: frozenset[str] | None = None) -> Iterator[Member]:
    """Yield a BatchItem per good member and a FailureRecord per refused one (a Filtered per member
    whose header names a form outside ``forms``). A corrupt or over-limit archive ends with a
    FailureRecord for the archive."""
    total = limits.total_for(os.path.getsize(path))
    try:
        if kind == "zip":
            yield from _zip_members(path, tmp_dir, limits, total, forms)
        else:
            yield from _tar_members(path, tmp_dir, limits, total, forms)
    except ArchiveTooLarge as exc:
        yield failure(path, "read", f"archive abandoned: {exc}")
    except UNREADABLE as exc:
        yield failure(path, "read", f"corrupt or unreadable archive: {type(exc).__name__}: {exc}")


def _open_tar_stream(path: str) -> IO[bytes]:
    with open(path, "rb") as fh:
        head = fh.read(8)
    for magic, opener in _COMPRESSED.items():
        if head.startswith(magic):
            return opener(path, "rb")
    return open(path, "rb")


def _read_head(stream: IO[bytes], size: int = 512) -> bytes:
    head = b""
    while len(head) < size and (chunk := stream.read(size - len(head))):
        head += chunk
    return head


def _tar_members(path: str, tmp_dir: str, limits: ArchiveLimits, total: int, forms: frozenset[str] | None) -> Iterator[Member]:
    with _open_tar_stream(path) as raw:
        head = _read_head(raw)
        bounded = _Bounded(raw, total, prefix=head)
        if archive_kind(head) != "tar":  # one compressed filing (e.g. filing.htm.gz)
            name = re.sub(r"\.(gz|bz2|xz)$", "", os.path.basename(path)) or "member"
            yield _copy_member(bounded, path, name, tmp_dir, limits)
            return
        with tarfile.open(fileobj=bounded, mode="r|") as tar:
            for count, member in enumerate(tar, 1):
                if count > limits.max_members:
                    yield failure(path, "read", f"archive abandoned: more than {limits.max_members:,} members")
                    return
                if member.isdir():
                    continue
                refused = unsafe_name(member.name) or _not_regular(member)
                if refused:
                    yield failure(f"{path}{SEP}{member.name}", "read", f"refused: {refused}")
                elif member.size > limits.max_member_bytes:
                    yield _too_big(path, member.name, member.size, limits)
                else:
                    yield _copy_member(tar.extractfile(member), path, member.name, tmp_dir, limits, forms)


def _not_regular(member: tarfile.TarInfo) -> str | None:
    if member.isfile():
        return None
    kind = "link" if member.issym() or member.islnk() else "special file"
    return f"member is a {kind}, not a regular file"


def _zip_members(path: str, tmp_dir: str, limits: ArchiveLimits, total: int, forms: frozenset[str] | None) -> Iterator[Member]:
    used = 0
    with zipfile.ZipFile(path) as archive:
        for count, info in enumerate(archive.infolist(), 1):
            if count > limits.max_members:
                yield failure(path, "read", f"archive abandoned: more than {limits.max_members:,} members")
                return
            if info.is_dir():
                continue
            refused = unsafe_name(info.filename)
            if refused:
                yield failure(f"{path}{SEP}{info.filename}", "read", f"refused: {refused}")
                continue
            if info.file_size > limits.max_member_bytes:
                yield _too_big(path, info.filename, info.file_size, limits)
                continue
            bounded = None
            try:
                with archive.open(info) as member:
                    bounded = _Bounded(member, total - used)
                    entry = _copy_member(bounded, path, info.filename, tmp_dir, limits, forms)
            except UNREADABLE as exc:  # this member only: the others are still readable
                entry = failure(f"{path}{SEP}{info.filename}", "read", f"unreadable member: {type(exc).__name__}: {exc}")
            used += bounded.count if bounded else 0
            yield entry


def _too_big(path: str, name: str, size: int, limits: ArchiveLimits) -> FailureRecord:
    return failure(
        f"{path}{SEP}{name}", "read",
        f"member is {size:,} bytes, over the limit of {limits.max_member_bytes:,} (--max-bytes)",
    )


def _read_up_to(stream, size: int) -> bytes:
    head = b""
    while len(head) < size and (chunk := stream.read(size - len(head))):
        head += chunk
    return head


def _copy_member(stream, path: str, name: str, tmp_dir: str, limits: ArchiveLimits, forms: frozenset[str] | None = None) -> Member:
    """Copy one member into the private folder, hashing as it goes; refuse it past the member limit.
    With ``forms``, a member whose header names another form is left out before it is copied."""
    source = f"{path}{SEP}{name}"
    head = b""
    if forms is not None:
        head = _read_up_to(stream, HEAD_BYTES)
        form = header_form(head)
        if not keeps(forms, form):
            return Filtered(source, form or "", len(head))
    fd, tmp = tempfile.mkstemp(prefix="member-", dir=tmp_dir)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := (head or stream.read(CHUNK)):
                head = b""
                size += len(chunk)
                if size > limits.max_member_bytes:
                    break
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        os.unlink(tmp)
        raise
    if size > limits.max_member_bytes:
        os.unlink(tmp)
        return failure(source, "read", f"refused: member expands past {limits.max_member_bytes:,} bytes (--max-bytes)")
    return BatchItem(source=source, path=tmp, sha256=digest.hexdigest(), size=size, temporary=True)
