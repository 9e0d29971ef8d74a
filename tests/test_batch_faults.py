"""Batch on a full disk: one clear line (exit 2), no half-written line, and a re-run with room
finishes the work with every input once. The JSON Lines writer is checked against /dev/full;
the whole batch on a small tmpfs (root only: skipped where it cannot be mounted)."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from test_batch_support import REPO_ROOT, write_filings

from extractor.errors import OutputError
from extractor.sinks.jsonl import JsonlLog


def test_a_line_that_does_not_fit_is_an_output_error_and_nothing_is_kept(tmp_path):
    log = JsonlLog(Path("/dev/full"), keys=(lambda r: r["k"],))
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with pytest.raises(OutputError, match="No space left on device"):
        log.append(json.dumps({"k": 1}))
    log.close()  # nothing left to flush: no second error


@pytest.fixture
def small_disk(tmp_path):
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", f"extractor-{uuid.uuid4().hex[:6]}", str(where)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()[:80]}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _batch(src: Path, out: Path, *db: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "extractor", "batch", str(src), "--out", str(out), "--jobs", "1", "--no-progress", *db]
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("db", ["sqlite", "none"])
def test_a_full_disk_stops_the_batch_with_one_line_and_a_rerun_finishes(tmp_path, small_disk, db):
    inputs = write_filings(tmp_path / "in", 400)
    out = small_disk / "out"
    db_args = (f"--db=sqlite:///{out / 'extractor.sqlite'}",) if db == "sqlite" else ("--no-db",)
    full = _batch(tmp_path / "in", out, *db_args)
    errors = [line for line in full.stderr.splitlines() if line.startswith("extractor:")]
    assert full.returncode == 2, full.stderr[-400:]
    assert len(errors) == 1 and ("No space left on device" in errors[0] or "disk is full" in errors[0]), errors
    assert "Traceback" not in full.stderr
    lines = out / "filings.jsonl"
    data = lines.read_bytes() if lines.exists() else b""  # the database, loaded first, may fill the disk first
    assert not data or data.endswith(b"\n")
    written = [json.loads(line) for line in data.splitlines()]  # every line whole
    assert len(written) < len(inputs)

    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    again = _batch(tmp_path / "in", out, *db_args)
    assert again.returncode == 0, again.stderr[-400:]
    shas = [json.loads(line)["filing"]["sha256"] for line in (out / "filings.jsonl").read_text().splitlines()]
    assert len(shas) == len(set(shas)) == len(inputs)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".tmp")]
