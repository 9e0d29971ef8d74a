"""The local filing store: one folder per filing, ``<store>/<cik>/<accession>/``.

Layout::

    <store>/
      <cik>/                      unpadded CIK, e.g. 320193
        <accession>/              with dashes, e.g. 0000320193-23-000077
          <primary document>      e.g. aapl-20230701.htm (the full submission .txt
                                  when the filing has no separate primary document)
          <EX-10 documents>       with --exhibits
          <accession>.txt         the full submission, with --full-submission
          filing.json             written last, atomically: an entry is complete
                                  only when this file exists
      .cache/                     cached indexes and JSON (not filings)
      .lock                       held by the one fetch that writes to the store

``filing.json`` (``FilingRecord``, schema_version 1)::

    {
      "schema_version": 1,
      "ref": {"cik", "accession", "form", "filed", "company", "url", "primary_document"},
      "index_url": "<filing folder>/index.json",
      "fetched_at": "2026-01-31T12:00:00Z",
      "exhibits": true,              whether exhibits were asked for
      "exhibit_types": ["EX-10", "EX-99"],  which types
      "full_submission": false,      whether the full .txt was asked for
      "documents": [
        {"name", "role": "primary" | "exhibit" | "submission", "type", "description",
         "url", "bytes", "sha256"}
      ],
      "warnings": ["..."]
    }

``ref.url`` is the primary document's URL and ``ref.primary_document`` its file
name in the folder. Readers use ``iter_store(store_dir)``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Literal

from pydantic import BaseModel, ValidationError, field_validator

from extractor.atomic import TMP_PREFIX, atomic_write_text, remove_stale_temporaries
from extractor.edgar.names import normalize_accession, normalize_cik, safe_document_name
from extractor.errors import StoreError, UnsafePath
from extractor.types import FilingRef

RECORD_NAME = "filing.json"
SCHEMA_VERSION = 1


class RefRecord(BaseModel):
    cik: str
    accession: str
    form: str | None = None
    filed: str | None = None
    company: str | None = None
    url: str | None = None
    primary_document: str


class StoredDocument(BaseModel):
    name: str
    role: Literal["primary", "exhibit", "submission"]
    type: str | None = None
    description: str | None = None
    url: str
    bytes: int
    sha256: str

    @field_validator("name")
    @classmethod
    def _safe_name(cls, name: str) -> str:
        try:
            return safe_document_name(name)
        except UnsafePath as exc:
            raise ValueError(exc.message) from None


class FilingRecord(BaseModel):
    schema_version: int = SCHEMA_VERSION
    ref: RefRecord
    index_url: str
    fetched_at: str
    exhibits: bool = False
    exhibit_types: list[str] = []  # the exhibit type prefixes asked for (EX-10, EX-99); older records: none
    full_submission: bool = False
    documents: list[StoredDocument]
    warnings: list[str] = []

    def exhibit_kinds(self) -> list[str]:
        """The exhibit types this entry holds; a record from before exhibit_types with exhibits: EX-10."""
        return self.exhibit_types or (["EX-10"] if self.exhibits else [])

    def filing_ref(self) -> FilingRef:
        return FilingRef(**self.ref.model_dump())


@dataclass(frozen=True)
class StoredFiling:
    """A complete store entry, as ``extractor batch`` and ``fetch --extract`` read it."""

    folder: Path
    ref: FilingRef
    primary: Path
    exhibits: tuple[Path, ...]
    submission: Path | None
    record: FilingRecord


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FilingStore:
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root).resolve()

    def entry_dir(self, cik: str, accession: str) -> Path:
        folder = self.root / normalize_cik(cik) / normalize_accession(accession)
        return self._inside(folder)

    def document_path(self, folder: Path, name: str) -> Path:
        return self._inside(folder / safe_document_name(name))

    def _inside(self, path: Path) -> Path:
        resolved = path.resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise UnsafePath(f"{path} would be outside the store {self.root}")
        return resolved

    def load(self, folder: Path) -> FilingRecord | None:
        """The entry's record, or None when the entry is not complete."""
        path = folder / RECORD_NAME
        if not path.is_file():
            return None
        try:
            return FilingRecord.model_validate_json(path.read_bytes())
        except (OSError, ValidationError, ValueError) as exc:
            raise StoreError(f"unreadable {RECORD_NAME}: {str(exc).splitlines()[0]}", source=str(path)) from None

    def problems(self, folder: Path, record: FilingRecord, *, hash_files: bool = True) -> list[str]:
        """What is missing or altered in an entry: [] when every file matches its record."""
        found = []
        for document in record.documents:
            path = folder / document.name
            if not path.is_file():
                found.append(f"{document.name} is missing")
            elif path.stat().st_size != document.bytes:
                found.append(f"{document.name} has {path.stat().st_size:,} bytes, not {document.bytes:,}")
            elif hash_files and sha256_file(path) != document.sha256:
                found.append(f"{document.name} does not match its sha256")
        return found

    def commit(self, folder: Path, record: FilingRecord) -> None:
        """Mark the entry complete: write filing.json last, atomically."""
        atomic_write_text(folder / RECORD_NAME, record.model_dump_json(indent=2) + "\n")

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's lock for a fetch run (a second run on the same store is refused),
        and remove the temporary files a killed run left behind."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle = open(self.root / ".lock", "a+b")
        except OSError as exc:
            raise StoreError(f"cannot write to the store: {exc.strerror or exc}", source=str(self.root)) from None
        with handle:
            try:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except ImportError:  # no flock on this platform: run unlocked
                pass
            except OSError:
                raise StoreError("another fetch is writing to this store; wait for it to finish", source=str(self.root)) from None
            self.clean()
            yield

    def clean(self) -> int:
        """Remove temporary files a killed run left behind."""
        return remove_stale_temporaries(self.root) if self.root.is_dir() else 0


def stored_filing(folder: Path, record: FilingRecord) -> StoredFiling:
    by_role = {role: [folder / d.name for d in record.documents if d.role == role] for role in ("primary", "exhibit", "submission")}
    if not by_role["primary"]:
        raise StoreError("filing.json lists no primary document", source=str(folder))
    return StoredFiling(
        folder=folder,
        ref=record.filing_ref(),
        primary=by_role["primary"][0],
        exhibits=tuple(by_role["exhibit"]),
        submission=by_role["submission"][0] if by_role["submission"] else None,
        record=record,
    )


def iter_store(
    store_dir: str | os.PathLike, *, on_error: Callable[[Path, StoreError], None] | None = None
) -> Iterator[StoredFiling]:
    """Every complete entry of a store (those with filing.json), ordered by CIK then accession.

    An unreadable entry raises StoreError, or is passed to ``on_error`` and skipped.
    """
    store = FilingStore(store_dir)
    if not store.root.is_dir():
        raise StoreError("no such filing store", source=str(store_dir))
    for cik_dir in sorted((p for p in store.root.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name)):
        for folder in sorted(p for p in cik_dir.iterdir() if p.is_dir() and not p.name.startswith(TMP_PREFIX)):
            try:
                record = store.load(folder)
                if record is not None:
                    yield stored_filing(folder, record)
            except StoreError as exc:
                if on_error is None:
                    raise
                on_error(folder, exc)
