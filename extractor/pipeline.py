"""The stages wired together: bytes -> Document -> sections -> contracts -> FilingResult."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from extractor.errors import InputError
from extractor.models import FilingMeta, FilingResult, SectionInfo
from extractor.types import Document, Section

DEFAULT_MAX_BYTES = 100 * 1024 * 1024


def parse_filing(
    data: bytes, *, source: str | None = None, form: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Detect the input kind from the bytes and return its normalized Document."""
    from extractor.parse import parse_bytes

    return parse_bytes(data, source=source, form=form, max_bytes=max_bytes)


def segment(document: Document, form: str | None = None) -> list[Section]:
    """Split a Document into canonical sections for its form."""
    from extractor.sections import segment as _segment

    return _segment(document, form=form)


def extract(document: Document, sections: list[Section]):
    """Find compute contracts in a segmented Document: ``(contracts, warnings)``."""
    from extractor.rules import extract_contracts

    return extract_contracts(document, sections)


def process_bytes(
    data: bytes, *, source: str | None = None, form: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> FilingResult:
    """Run the whole pipeline over the bytes of one filing."""
    document = parse_filing(data, source=source, form=form, max_bytes=max_bytes)
    sections = segment(document, form=form or document.form)
    contracts, extract_warnings = extract(document, sections)
    ref = document.ref
    meta = FilingMeta(
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        form=form or document.form or ref.form,
        cik=ref.cik,
        company=ref.company,
        accession=ref.accession,
        filed=ref.filed,
        url=ref.url,
    )
    return FilingResult(
        filing=meta,
        sections=[
            SectionInfo(id=s.id, title=s.title, level=s.level, start=s.start, end=s.end) for s in sections
        ],
        contracts=list(contracts),
        warnings=list(document.warnings) + list(extract_warnings),
    )


def read_input(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file (or stdin for ``-``), refusing what is missing, empty or too large."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError("no such file", source=path)
        if p.is_dir():
            raise InputError("is a folder, not a file (use `extractor batch` for folders)", source=path)
        size = os.path.getsize(p)
        if size > max_bytes:
            raise InputError(f"file is {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)", source=path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None
    if len(data) > max_bytes:
        raise InputError(f"input is over the limit of {max_bytes:,} bytes (--max-bytes)", source=path)
    if not data.strip():
        raise InputError("empty input", source=path)
    return data


def process_file(path: str, *, form: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> FilingResult:
    """Read one file (``-`` for stdin) and run the whole pipeline over it."""
    data = read_input(path, max_bytes=max_bytes)
    return process_bytes(data, source=path, form=form, max_bytes=max_bytes)
