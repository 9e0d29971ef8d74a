"""Atomic file writes: a temporary file in the same folder, fsync, then rename.

A killed process leaves either the old file or the new one, never half of one.
Temporary names start with ``.tmp-`` so that readers and cleanup can skip them.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import IO, Iterator

from extractor.errors import OutputError

TMP_PREFIX = ".tmp-"


def _output_error(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write: {exc.strerror or exc}", source=str(target))


def _create_temporary(folder: Path) -> tuple[int, str]:
    """A new, empty temporary file in ``folder``; created with mode 0666 so the umask applies."""
    while True:
        tmp = os.path.join(folder, f"{TMP_PREFIX}{secrets.token_hex(8)}.part")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


def _temporary_beside(target: Path) -> tuple[int, str]:
    """A new temporary file in ``target``'s folder (made if missing); ``OutputError`` when a
    folder is in the way of ``target`` or the folder cannot be made or written to."""
    if target.is_dir():
        raise OutputError("is a folder; give a file name", source=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return _create_temporary(target.parent)
    except OSError as exc:
        raise _output_error(target, exc) from None


def check_writable(path: str | os.PathLike) -> None:
    """Raise ``OutputError`` now, before any work, if ``path`` could not be written later."""
    fd, tmp = _temporary_beside(Path(path))
    os.close(fd)
    os.unlink(tmp)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "wb", *, encoding: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on clean exit, rename it over ``path``.

    Failures of the file system (a folder in the way, no permission, a full disk)
    raise ``OutputError`` with one clear line; nothing is left behind.
    """
    if mode not in ("w", "wb"):
        raise ValueError("atomic_open writes only ('w' or 'wb')")
    target = Path(path)
    fd, tmp = _temporary_beside(target)
    try:
        with os.fdopen(fd, mode, encoding=encoding if "b" not in mode else None) as fh:
            yield fh
            try:
                fh.flush()
                os.fsync(fh.fileno())
            except OSError as exc:
                raise _output_error(target, exc) from None
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise _output_error(target, exc) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    with atomic_open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def remove_stale_temporaries(folder: str | os.PathLike) -> int:
    """Delete temporary files a killed run left under ``folder``; return how many."""
    removed = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if name.startswith(TMP_PREFIX):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(root, name))
                    removed += 1
    return removed
