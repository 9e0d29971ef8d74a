"""Shared test fixtures.

Tests that read the real filings in ../shared/corpus use the ``corpus_dir`` or
``corpus_manifest`` fixtures; they skip with a reason where ../shared is absent.
Set EXTRACTOR_SHARED to point at another copy.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SHARED = Path(os.environ.get("EXTRACTOR_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpus"
PASSAGES = SHARED / "passages" / "real-passages.json"

SHARED_MISSING = f"../shared is not here ({SHARED}); real-filing tests need it (set EXTRACTOR_SHARED)"


def corpus_available() -> bool:
    return (CORPUS / "MANIFEST.tsv").is_file()


def read_manifest() -> list[dict[str, str]]:
    with open(CORPUS / "MANIFEST.tsv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(SHARED_MISSING)
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not corpus_available():
        pytest.skip(SHARED_MISSING)
    return CORPUS


@pytest.fixture(scope="session")
def corpus_manifest() -> list[dict[str, str]]:
    if not corpus_available():
        pytest.skip(SHARED_MISSING)
    return read_manifest()


@pytest.fixture(scope="session")
def real_passages_path() -> Path:
    if not PASSAGES.is_file():
        pytest.skip(SHARED_MISSING)
    return PASSAGES
