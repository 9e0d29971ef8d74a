"""``--dask ADDRESS`` on a real Dask LocalCluster on loopback (one worker, threads)
gives the same rows as the local worker processes."""

from __future__ import annotations

import io

import pytest
from test_batch_support import table_rows, write_filings

from extractor.batch.progress import LogProgress
from extractor.batch.runner import BatchOptions, run_batch
from extractor.cli import EXIT_SOME_FAILED, main
from extractor.errors import UsageError

TABLES = ("filings", "sections", "contracts", "evidence", "failures")


@pytest.fixture(scope="module")
def dask_address():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_gives_the_rows_of_the_local_run(tmp_path, dask_address, corpus_dir):
    inputs = tmp_path / "in"
    write_filings(inputs, 6)
    (inputs / "empty.txt").write_bytes(b"\n")
    eight_k = sorted((corpus_dir / "8-k").iterdir(), key=lambda p: p.stat().st_size)[:3]
    sources = (str(inputs), *map(str, eight_k))
    local_db, dask_db = f"sqlite:///{tmp_path / 'local.sqlite'}", f"sqlite:///{tmp_path / 'dask.sqlite'}"

    local = run_batch(BatchOptions(sources=sources, out=str(tmp_path / "local"), db=local_db, jobs=1), LogProgress(io.StringIO()))
    code = main(["batch", *sources, "--out", str(tmp_path / "dask"), "--db", dask_db, "--dask", dask_address, "--no-progress"])

    assert code == EXIT_SOME_FAILED and local.processed == 9 and local.failed == 1
    for table in TABLES:
        on_dask, local_rows = table_rows(dask_db, table), table_rows(local_db, table)
        differ = [row for row in on_dask if row not in local_rows] + [row for row in local_rows if row not in on_dask]
        assert on_dask == local_rows, f"{table}: rows that differ: {differ[:4]}"
    assert (tmp_path / "dask" / "filings.jsonl").read_text().count("\n") == 9


def test_unreachable_scheduler_is_a_usage_error(tmp_path):
    options = BatchOptions(sources=(str(tmp_path),), out=str(tmp_path / "o"), db=None,
                           dask="tcp://127.0.0.1:1", dask_connect_timeout=1)
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:1"):
        run_batch(options, LogProgress(io.StringIO()))
