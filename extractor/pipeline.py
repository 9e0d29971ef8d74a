"""The stages wired together: bytes -> Document -> sections -> contracts -> FilingResult."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from extractor.errors import ExtractionError, InputError
from extractor.models import FilingMeta, FilingResult, SectionInfo
from extractor.types import Document, Exhibit, Section

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


def read_documents(
    data: bytes, *, source: str | None = None, form: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
):
    """The documents of a filing that are read (``documents.Part``: info, Document, form), the
    primary document first, and the warnings of reading them."""
    from extractor.documents import read_parts

    document = parse_filing(data, source=source, form=form, max_bytes=max_bytes)
    parts, warnings = read_parts(document, form=form)
    return parts, list(document.warnings) + warnings


def process_bytes(
    data: bytes,
    *,
    source: str | None = None,
    form: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    exhibits: tuple[Exhibit, ...] | None = None,
) -> FilingResult:
    """Run the whole pipeline over one filing: its primary document and every prose exhibit
    (those inside a full submission, or ``exhibits`` given beside the primary document's bytes).
    A deal told in several documents is one contract with evidence from each."""
    from extractor.documents import read_parts
    from extractor.invariants import violations
    from extractor.rules.link.merge import merge_contracts

    document = parse_filing(data, source=source, form=form, max_bytes=max_bytes)
    parts, part_warnings = read_parts(document, exhibits, form=form)
    sections: list[SectionInfo] = []
    contracts = []
    warnings = list(document.warnings) + part_warnings
    for part in parts:
        found = segment(part.document, form=part.form)
        doc_contracts, extract_warnings = extract(part.document, found)
        doc_id = part.info.id
        sections += [
            SectionInfo(id=s.id, title=s.title, level=s.level, start=s.start, end=s.end, parent=s.parent, document=doc_id)
            for s in found
        ]
        contracts += [_in_document(c, doc_id) for c in doc_contracts]
        warnings += [w if part.info.primary else f"{doc_id}: {w}" for w in extract_warnings]
    ref = document.ref
    meta = FilingMeta(
        source=source,
        sha256=filing_sha256(data, exhibits),
        bytes=len(data) + sum(len(e.data) for e in exhibits or ()),
        form=form or document.form or ref.form,
        cik=ref.cik,
        company=ref.company,
        accession=ref.accession,
        filed=ref.filed,
        url=ref.url,
    )
    result = FilingResult(
        filing=meta,
        documents=[part.info for part in parts],
        sections=sections,
        contracts=merge_contracts(contracts) if len(parts) > 1 else contracts,
        warnings=warnings,
    )
    broken = violations(result, {part.info.id: part.document.text for part in parts})
    if broken:
        raise ExtractionError(f"internal: the result breaks an invariant: {broken[0]}" + (f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""), source=source)
    return result


def filing_sha256(data: bytes, exhibits: tuple[Exhibit, ...] | None = None) -> str:
    """The filing's identity: the sha256 of its bytes; with exhibits given as separate files, the
    sha256 of the primary's and each exhibit's sha256 in order (a changed exhibit is a new filing)."""
    digest = hashlib.sha256(data).hexdigest()
    if not exhibits:
        return digest
    joined = "".join([digest, *(hashlib.sha256(e.data).hexdigest() for e in exhibits)])
    return hashlib.sha256(joined.encode("ascii")).hexdigest()


def _in_document(contract, doc_id: str):
    """The contract with every evidence span saying which document holds it."""
    def stamp(value):
        if isinstance(value, dict):
            out = {k: stamp(v) for k, v in value.items()}
            if {"start", "end", "text", "section"} <= out.keys():
                out["document"] = doc_id
            return out
        if isinstance(value, list):
            return [stamp(v) for v in value]
        return value

    return type(contract).model_validate(stamp(contract.model_dump()))


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


def process_file(path: str | os.PathLike, *, form: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> FilingResult:
    """Read one file (a path, or ``-`` for stdin) and run the whole pipeline over it."""
    path = os.fspath(path)
    data = read_input(path, max_bytes=max_bytes)
    return process_bytes(data, source=path, form=form, max_bytes=max_bytes)
