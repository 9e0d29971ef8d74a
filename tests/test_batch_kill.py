"""SIGKILL a real batch subprocess mid-run, run it again: the database and the JSON
Lines end consistent, each filing loaded once and whole."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from test_batch_support import REPO_ROOT, database_url, write_filings  # noqa: F401 (fixture)

from extractor.batch.items import sha256_of_file
from extractor.batch.progress import LogProgress
from extractor.batch.runner import BatchOptions, run_batch
from extractor.sinks.jsonl import JsonlSink
from extractor.sinks.sql import engine_url

FILINGS = 200
KILL_AFTER = 5  # filings loaded (into the database first, then the JSON Lines)


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _loaded(url: str) -> int:
    engine = sa.create_engine(engine_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT COUNT(*) FROM filings")).scalar_one()
    except sa.exc.DBAPIError:
        return 0  # not created yet
    finally:
        engine.dispose()


def _whole_filings(url: str) -> list[tuple]:
    """Filings whose child rows do not match their counts (half-loaded): must be none."""
    engine = sa.create_engine(engine_url(url))
    sql = sa.text(
        "SELECT f.sha256 FROM filings f WHERE f.section_count != (SELECT COUNT(*) FROM sections s WHERE s.filing_sha256 = f.sha256)"
        " OR f.contract_count != (SELECT COUNT(*) FROM contracts c WHERE c.filing_sha256 = f.sha256)"
    )
    try:
        with engine.connect() as conn:
            return list(conn.execute(sql))
    finally:
        engine.dispose()


def test_sigkill_mid_run_then_rerun_ends_consistent(tmp_path, database_url):
    inputs = write_filings(tmp_path / "in", FILINGS)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "--out", str(out),
               "--db", database_url, "--jobs", "2", "--no-progress"]
    proc = subprocess.Popen(command, cwd=REPO_ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _lines(out / "filings.jsonl") < KILL_AFTER and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert proc.poll() is None, "the batch finished before it could be killed: " + proc.stderr.read().decode()[-500:]
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the batch and its workers
        proc.wait()
    killed_at = _loaded(database_url)
    assert KILL_AFTER <= killed_at < FILINGS
    assert _whole_filings(database_url) == []

    summary = run_batch(BatchOptions(sources=(str(tmp_path / "in"),), out=str(out), db=database_url, jobs=2),
                        LogProgress(io.StringIO()))
    assert summary.failed == 0 and summary.skipped >= killed_at - 2  # what the killed run committed is kept

    expected = {sha256_of_file(str(p)) for p in inputs}
    engine = sa.create_engine(engine_url(database_url))
    with engine.connect() as conn:
        shas = [row[0] for row in conn.execute(sa.text("SELECT sha256 FROM filings"))]
    engine.dispose()
    assert sorted(shas) == sorted(expected) and _whole_filings(database_url) == []
    lines = [json.loads(line) for line in (out / "filings.jsonl").read_text().splitlines()]
    assert sorted(r["filing"]["sha256"] for r in lines) == sorted(expected), "each filing once in the JSON Lines"
    assert JsonlSink(out).done_keys(lines[0]["extractor_version"]) == expected
    assert not [p.name for p in out.iterdir() if p.name.startswith(".tmp-")]
