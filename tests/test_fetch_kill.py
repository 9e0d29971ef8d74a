"""A real `extractor fetch` process killed with SIGKILL mid-run, then run again to completion."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time

import pytest

from extractor.edgar import iter_store
from fake_edgar import TEST_USER_AGENT, Fault, fixture_document, fixture_edgar, temporaries

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
CIK = "1234567"
SELECTION = ["--ticker", "XMPL", "--form", "8-K", "--form", "S-1", "--form", "10-K", "--amendments", "--exhibits", "--full-submission"]


def command(edgar, store):
    return [
        sys.executable, "-m", "extractor", "fetch", "--sec-url", edgar.sec_url, "--data-url", edgar.data_url,
        "--store", str(store), "--rate", "10", "--jobs", "2", *SELECTION,
    ]


def test_sigkill_mid_run_then_rerun_completes_the_store(tmp_path):
    store = tmp_path / "filings"
    env = {**os.environ, "EXTRACTOR_USER_AGENT": TEST_USER_AGENT}
    with fixture_edgar(trickle=0.03) as edgar:
        process = subprocess.Popen(command(edgar, store), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while not list(store.glob("*/*/filing.json")) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL, "the fetch finished before it could be killed"
        complete_before = len(list(store.glob("*/*/filing.json")))
        assert 1 <= complete_before < 5
        # whatever the kill left under a final name is whole
        for path in store.glob(f"{CIK}/*/*"):
            if path.name != "filing.json" and not path.name.startswith(".tmp-"):
                assert path.read_bytes() == fixture_document(CIK, path.parent.name, path.name).read_bytes()

        rerun = subprocess.run(command(edgar, store), env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {complete_before} " in rerun.stdout
    filings = list(iter_store(store))
    assert len(filings) == 5
    for filing in filings:
        assert filing.record.exhibits and filing.record.full_submission
        for document in filing.record.documents:
            data = (filing.folder / document.name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == document.sha256 and len(data) == document.bytes
    assert temporaries(store) == []


def test_ctrl_c_during_a_block_pause_stops_the_run_cleanly(tmp_path):
    store = tmp_path / "filings"
    env = {**os.environ, "EXTRACTOR_USER_AGENT": TEST_USER_AGENT}
    with fixture_edgar() as edgar:
        edgar.script("/data/submissions/CIK0001234567.json", *[Fault("block429")] * 5)
        process = subprocess.Popen(command(edgar, store) + ["--block-pause", "600"], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while "/data/submissions/CIK0001234567.json" not in edgar.paths() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)  # now inside the 600 s pause
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)  # a hang guard, not a speed check: the pause is 600 s
    assert process.returncode in (1, 130)
    assert "interrupted" in err and "Traceback" not in err
    assert edgar.paths().count("/data/submissions/CIK0001234567.json") == 1
    assert not store.exists() or temporaries(store) == []
