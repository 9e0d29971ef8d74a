"""The whole ../shared/corpus as one batch (one --jobs 2 run per session), an
incremental re-run, and a --jobs 1 run over a subset that must give the same rows
(into SQLite and PostgreSQL both)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from test_batch_support import count, database_url, table_rows  # noqa: F401 (fixture)

from extractor.batch.items import sha256_of_file
from extractor.batch.progress import LogProgress
from extractor.batch.runner import BatchOptions, run_batch
from extractor.batch.screen import HEAD_BYTES, not_a_filing
from extractor.batch.sources import walk_files

pytestmark = pytest.mark.corpus
TABLES = ("filings", "sections", "contracts", "evidence")
SUBSET = 8  # the smallest filings of distinct kinds, for the --jobs 1 comparison


@pytest.fixture(scope="module")
def corpus_run(corpus_dir, tmp_path_factory):
    work = tmp_path_factory.mktemp("corpus-batch")
    db = f"sqlite:///{work / 'corpus.sqlite'}"
    options = BatchOptions(sources=(str(corpus_dir),), out=str(work / "out"), db=db, jobs=2)
    summary = run_batch(options, LogProgress(io.StringIO()))
    return options, summary


def _screened_out(path: Path) -> bool:
    with open(path, "rb") as fh:
        return not_a_filing(fh.read(HEAD_BYTES)) is not None


def test_every_input_is_processed_or_failed_with_a_reason(corpus_run, corpus_dir):
    options, summary = corpus_run
    files = list(walk_files(corpus_dir))
    assert summary.done == len(files) and summary.skipped == 0
    left_out = [path for path in files if _screened_out(path)]
    assert summary.not_filings == len(left_out) and summary.inputs == len(files) - len(left_out)
    # what the screen leaves out is EDGAR's index pages, API JSON, feeds and the corpus's own manifest
    assert all("edgar-api" in path.parts or path.name in ("MANIFEST.tsv", "README.md") for path in left_out)
    loaded = {row[0] for row in table_rows(options.db, "filings")}
    failures = {row[0]: row for row in table_rows(options.db, "failures")}
    for path in files:
        if path in left_out:
            continue
        if str(path) in failures:
            source, sha, stage, reason = failures[str(path)][:4]
            assert stage and reason, f"{path}: failure without stage or reason"
        else:
            assert sha256_of_file(str(path)) in loaded, f"{path}: neither processed nor listed as failed"
    assert summary.processed == len(loaded) and summary.failed == len(failures)


def test_second_run_adds_no_rows(corpus_run):
    options, first = corpus_run
    before = {t: table_rows(options.db, t) for t in (*TABLES, "failures")}
    again = run_batch(options, LogProgress(io.StringIO()))
    assert again.processed == 0 and again.failed == 0
    assert again.skipped + again.duplicates == first.inputs
    after = {t: table_rows(options.db, t) for t in (*TABLES, "failures")}
    assert after == before
    assert len((Path(options.out) / "filings.jsonl").read_text().splitlines()) == count(options.db, "filings")


def test_jobs_1_gives_the_rows_of_jobs_2(corpus_run, corpus_manifest, corpus_dir, tmp_path, database_url):
    options, _ = corpus_run
    by_kind = {}
    for entry in sorted(corpus_manifest, key=lambda e: int(e["bytes"] or 0)):
        by_kind.setdefault(entry["path"].split("/")[0], entry["path"])
    subset = [str(corpus_dir / path) for path in list(by_kind.values())[:SUBSET]]
    subset_run = run_batch(
        BatchOptions(sources=tuple(subset), out=str(tmp_path / "out"), db=database_url, jobs=1),
        LogProgress(io.StringIO()),
    )
    shas = {sha256_of_file(path) for path in subset}
    for table in TABLES:
        full = [row for row in table_rows(options.db, table) if row[0] in shas]
        assert table_rows(database_url, table) == full, table
    left_out = sum(_screened_out(Path(path)) for path in subset)
    assert subset_run.not_filings == left_out
    assert count(database_url, "filings") + count(database_url, "failures") + left_out == len(subset)
